"""Sending a webhook: the signed POST (no database writes here)."""

import hashlib
import hmac
import ipaddress
import json
import socket
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the webhook's secret."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def address_problem(url: str) -> str:
    """Why Qalam will not POST to `url`, or "" if it will: every address its host
    resolves to must be a public one, so a webhook cannot reach the servers
    beside Qalam (loopback, private networks, cloud metadata). Development
    (DEBUG) and QALAM_WEBHOOK_ALLOW_PRIVATE lift the rule."""
    if settings.DEBUG or settings.QALAM_WEBHOOK_ALLOW_PRIVATE:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return _("The address's host name (%(host)s) does not resolve.") % {
            "host": host or "—"
        }
    for *_rest, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not address.is_global:
            return _(
                "%(host)s leads to %(address)s, which is not a public address: "
                "webhooks only go to the internet."
            ) % {"host": host, "address": address}
    return ""


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def post(
    *, delivery_id: int, url: str, secret: str, event: str, payload: dict
) -> tuple[int | None, str]:
    """POST `payload` signed; returns (status code or None, error text)."""
    body = body_of(payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Qalam-Webhooks/1",
        "X-Qalam-Event": event,
        # The same on every attempt: a partner may see a delivery twice.
        "X-Qalam-Delivery": str(delivery_id),
        "X-Qalam-Timestamp": timestamp,
        "X-Qalam-Signature": signature(secret, timestamp, body),
    }
    try:
        response = requests.post(
            url,
            data=body,
            headers=headers,
            timeout=settings.QALAM_WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except requests.Timeout:
        return None, "timeout"
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:500]
    error = "" if 200 <= response.status_code < 300 else response.text[:500]
    return response.status_code, error
