"""The public page cache (cms/cache.py): a hit is the miss's answer byte for byte,
headers included; it is answered at the WSGI layer before Django's handler; a Host
Django refuses never gets one; a purge drops every page, in Redis too."""

import shutil
import sys
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import Client

from cms.cache import purge
from config.wsgi import application
from tests.faults.helpers import start_redis
from tests.services import free_port, service_missing

pytestmark = pytest.mark.django_db


def without_cache_marker(response) -> dict[str, str]:
    return {k: v for k, v in response.items() if k != "X-Qalam-Cache"}


def wsgi_get(path: str, host: str = "testserver", **extra) -> tuple[str, dict, bytes]:
    """GET `path` through config.wsgi.application, as gunicorn calls it."""
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": host,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return started["status"], dict(started["headers"]), body


@pytest.fixture
def wsgi():
    """Django's handler closes the database connection at each request's start and
    end; the test's transaction needs it open. As the test client does, each call
    leaves those signals out for its own request only (the test client connects
    them again after each of its requests)."""

    def get(*args, **kwargs):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            return wsgi_get(*args, **kwargs)
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)

    return get


def test_a_hit_carries_exactly_the_headers_and_body_of_the_miss(client, home_page):
    miss = client.get("/")
    hit = client.get("/")
    assert (miss["X-Qalam-Cache"], hit["X-Qalam-Cache"]) == ("miss", "hit")
    assert hit.status_code == miss.status_code == 200
    assert without_cache_marker(hit) == without_cache_marker(miss)
    assert "Content-Security-Policy" in without_cache_marker(hit)
    assert hit.content == miss.content


def test_the_wsgi_layer_answers_hits_with_the_headers_of_the_miss(wsgi, home_page):
    status, miss_headers, miss_body = wsgi("/about/")
    assert (status, miss_headers["X-Qalam-Cache"]) == ("200 OK", "miss")
    status, hit_headers, hit_body = wsgi("/about/")
    assert (status, hit_headers.pop("X-Qalam-Cache")) == ("200 OK", "hit")
    miss_headers.pop("X-Qalam-Cache")
    assert hit_headers == miss_headers
    assert hit_body == miss_body
    assert b"<h1>About" in hit_body


def test_a_host_django_refuses_never_gets_a_hit(wsgi, home_page):
    wsgi("/about/")
    assert wsgi("/about/")[1]["X-Qalam-Cache"] == "hit"
    status, headers, _body = wsgi("/about/", host="evil.example")
    assert status.startswith("400")
    assert "X-Qalam-Cache" not in headers
    # The test client goes through the middleware alone: the same answer.
    client = Client()
    client.get("/about/")
    assert client.get("/about/")["X-Qalam-Cache"] == "hit"
    refused = client.get("/about/", headers={"host": "evil.example"})
    assert refused.status_code == 400
    assert "X-Qalam-Cache" not in refused


def test_each_allowed_host_and_scheme_has_its_own_page(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    client.get("/about/")
    assert client.get("/about/")["X-Qalam-Cache"] == "hit"
    other = client.get("/about/", headers={"host": "localhost"})
    assert other["X-Qalam-Cache"] == "miss"
    secure = client.get("/about/", secure=True)
    assert secure["X-Qalam-Cache"] == "miss"
    assert secure["Strict-Transport-Security"].startswith("max-age=3600")
    plain = client.get("/about/")
    assert plain["X-Qalam-Cache"] == "hit"
    assert "Strict-Transport-Security" not in plain


def test_signed_in_visitors_pass_the_wsgi_layer(wsgi, home_page):
    wsgi("/about/")
    assert wsgi("/about/")[1]["X-Qalam-Cache"] == "hit"
    _status, headers, _body = wsgi("/about/", HTTP_COOKIE="sessionid=abc")
    assert "X-Qalam-Cache" not in headers


def test_a_purge_drops_the_pages_the_wsgi_layer_answers(wsgi, home_page):
    wsgi("/about/")
    assert wsgi("/about/")[1]["X-Qalam-Cache"] == "hit"
    purge()
    assert wsgi("/about/")[1]["X-Qalam-Cache"] == "miss"
    assert wsgi("/about/")[1]["X-Qalam-Cache"] == "hit"


@pytest.fixture
def redis_cache(settings):
    """The default cache on a private Redis, as production configures it."""
    if shutil.which("redis-server") is None:
        service_missing("`redis-server` is not installed")
    port = free_port()
    redis = start_redis(port, Path(tempfile.mkdtemp(prefix="qalam-cache-redis-")))
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    from django.core.cache import cache

    yield cache
    redis.kill()
    redis.wait(timeout=10)


def test_with_redis_a_purge_or_a_lost_generation_drops_every_page(
    redis_cache, wsgi, client, home_page
):
    for url in ("/", "/about/"):
        client.get(url)
        assert client.get(url)["X-Qalam-Cache"] == "hit", url
    wsgi("/ru/")
    assert wsgi("/ru/")[1]["X-Qalam-Cache"] == "hit"

    purge()
    for url in ("/", "/about/"):
        assert client.get(url)["X-Qalam-Cache"] == "miss", url
    assert wsgi("/ru/")[1]["X-Qalam-Cache"] == "miss"

    # Redis evicts (or loses) the generation number: stored pages stay stale.
    assert client.get("/")["X-Qalam-Cache"] == "hit"
    redis_cache.delete("cms:page:generation")
    assert client.get("/")["X-Qalam-Cache"] == "miss"
    assert client.get("/")["X-Qalam-Cache"] == "hit"


def test_a_derived_value_is_kept_until_the_next_purge(settings):
    from cms.cache import derived, purge

    settings.QALAM_PUBLIC_CACHE_SECONDS = 0  # kept even when pages are not
    made = []

    def make():
        made.append(1)
        return len(made)

    assert derived("test:value", make) == 1
    assert derived("test:value", make) == 1
    purge()
    assert derived("test:value", make) == 2
    assert len(made) == 2


def test_the_archive_offers_a_new_winners_filters_after_publishing(
    client, home_page, django_capture_on_commit_callbacks
):
    from awards import services
    from tests.cms.helpers import award_with_prizes, public_pages, staff_user

    first, *_ = award_with_prizes(1, year=2024, slug="caja-2024")
    public_pages(home_page, first)
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(award=first, actor=staff_user())
    assert '<option value="2025"' not in client.get("/winners/").content.decode()
    second, *_ = award_with_prizes(1, year=2025, slug="caja-2025")
    public_pages(home_page, second)
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(award=second, actor=staff_user())
    html = client.get("/winners/?year=2025").content.decode()
    assert '<option value="2025" selected>' in html
    assert "2 prizes" in client.get("/winners/").content.decode()


def test_a_derived_value_is_made_when_the_cache_is_down(settings, caplog):
    from cms.cache import derived
    from tests.services import free_port

    # Django's Redis backend on a port where nothing listens: every call fails.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    assert derived("test:down", lambda: "made") == "made"
    assert "public cache lookup failed" in caplog.text
