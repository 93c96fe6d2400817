"""Sending a webhook: the signed POST (no database writes here)."""

import hashlib
import hmac
import json
import time

import requests
from django.conf import settings


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the webhook's secret."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


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
