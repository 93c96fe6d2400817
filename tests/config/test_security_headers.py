"""Security headers on real responses: public pages (cached or not), private pages,
the API, and HTTPS (HSTS). The Content-Security-Policy forbids inline script."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

# Each test sees the public site, made once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.shared_site]

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    # An entry's uploaded video or audio (on S3 also the endpoint: test_settings).
    "media-src": "'self'",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
    "frame-src": "'self' https://www.youtube.com https://www.youtube-nocookie.com "
    "https://player.vimeo.com https://w.soundcloud.com",
}
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy header as {directive: sources}."""
    directives = (
        part.strip() for part in response["Content-Security-Policy"].split(";")
    )
    return dict(part.split(" ", 1) for part in directives if part)


def assert_security_headers(response, url):
    assert policy(response) == CSP, url
    for header, value in COMMON.items():
        assert response.get(header) == value, (url, header, response.get(header))
    # Plain HTTP: no HSTS (browsers ignore it there, and it would pin localhost).
    assert "Strict-Transport-Security" not in response, url


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/ru/", 200),
        ("/api/winners.json", 200),
        ("/feeds/atom.xml", 200),
        ("/accounts/login/", 200),
        ("/no-such-page/", 404),
    ],
)
def test_every_response_carries_the_security_headers(client, home_page, url, status):
    response = client.get(url)
    assert response.status_code == status, url
    assert_security_headers(response, url)


def test_a_signed_in_page_carries_the_security_headers(client):
    client.force_login(UserFactory())
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    assert_security_headers(response, "/accounts/profile/")


def test_cached_public_pages_keep_the_security_headers(client, home_page):
    first = client.get("/")
    assert first["X-Qalam-Cache"] == "miss"
    again = client.get("/")
    assert again["X-Qalam-Cache"] == "hit"
    assert_security_headers(again, "/ (cached)")


def test_https_responses_add_hsts(settings, home_page):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = Client().get("/", secure=True)
    assert response.status_code == 200
    assert (
        response["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )
    assert policy(response) == CSP


def test_the_wagtail_admin_is_left_out_of_the_strict_policy(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_templates_hold_no_inline_script_or_event_handler():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")
    handler = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
    offenders = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        text = path.read_text()
        if inline_script.search(text) or handler.search(text):
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []
