"""The baseline of the public-site bench: the least a WSGI app can do.

It answers every request with one fixed response. With QALAM_BENCH_RESPONSE
naming a file (JSON: status, headers, body in Latin-1) it is the response the
cached archive gives, headers and bytes alike, so the two differ only in what
the page cache does; without it, three bytes of text.
"""

import json
import os

STATUS = "200 OK"
HEADERS = [("Content-Type", "text/plain")]
BODY = b"ok\n"

if os.environ.get("QALAM_BENCH_RESPONSE"):
    with open(os.environ["QALAM_BENCH_RESPONSE"], encoding="utf-8") as handle:
        _saved = json.load(handle)
    STATUS = _saved["status"]
    HEADERS = [tuple(pair) for pair in _saved["headers"]]
    BODY = _saved["body"].encode("latin-1")
HEADERS = [
    *(pair for pair in HEADERS if pair[0].lower() != "content-length"),
    ("Content-Length", str(len(BODY))),
]


def app(environ, start_response):
    start_response(STATUS, HEADERS)
    return [BODY]
