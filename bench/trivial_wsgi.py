"""The baseline of the public-site bench: the least a WSGI app can do."""

BODY = b"ok\n"


def app(environ, start_response):
    start_response(
        "200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]
