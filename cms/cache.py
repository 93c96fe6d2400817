"""A cache of anonymous public pages, emptied when what they show changes.

Anonymous GET and HEAD requests for public pages (not the admin, accounts, entry
forms or investigations) are answered from Django's cache. A stored page is plain
data: the generation number it was made in, its status, its headers (the security
headers included) and its body bytes; nothing is unpickled into a response object.
`purge()` bumps the generation number, so every stored page is stale at once
without scanning keys. One `get_many` reads the number and the page together.
Purges happen when results are published (at once or when their scheduled time
comes) and when a page is published, unpublished, moved or deleted.

Hits are answered at the WSGI layer (`PublicPageCacheApp`, which config/wsgi.py
wraps around Django's handler), before Django's request signals and every
middleware. `PublicPageCacheMiddleware`, first in MIDDLEWARE, stores what the
whole stack made, and answers hits itself where no WSGI wrapper runs (the test
client, ASGI).

A page is keyed by the scheme, the Host (checked against ALLOWED_HOSTS as
`get_host()` checks it, before a page is looked up or stored), the full path and,
for the feeds only, Accept-Language: a request with a host Django refuses is never
answered from the cache.
"""

import hashlib
import logging
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host

logger = logging.getLogger(__name__)

GENERATION_KEY = "cms:page:generation"
# Where the WSGI layer leaves its lookup for the middleware (a miss to store).
ENVIRON_KEY = "qalam.public_cache"
PRIVATE_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/awards/",
    "/investigations/",
    "/documents/",
    "/healthz",
    # Answers depend on the API key (scopes, embargo): never from the cache.
    "/api/partners/",
)


class StoredPage(NamedTuple):
    """What the cache holds for one page: plain values, cheap to (un)pickle."""

    generation: int
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


class Lookup(NamedTuple):
    key: str
    generation: int
    page: StoredPage | None


def purge(**_kwargs) -> None:
    """Drop every cached public page (a new generation number)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        _new_generation()


def _new_generation() -> int:
    """Start the generation numbers again after the cache lost them.

    From the clock, in nanoseconds: never a number pages stored before the loss
    were made in, so none of them can come back.
    """
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def derived(name: str, make, seconds: int = 3600):
    """A value made from what the public pages show (the archive's filter choices,
    say), kept until the next purge: one cache round trip instead of its queries.

    Stored with the generation it was made in, as pages are; `purge()` makes it
    stale with them. Kept whether or not whole pages are cached
    (QALAM_PUBLIC_CACHE_SECONDS), so a page that misses the page cache (a new
    combination of filters) still finds it.
    """
    key = f"cms:derived:{name}"
    try:
        generation, stored = _current(key)
    except Exception:  # noqa: BLE001 - e.g. Redis down: make it, as before caching
        logger.warning("public cache lookup failed", exc_info=True)
        return make()
    if stored is not None:
        return stored[1]
    value = make()
    try:
        cache.set(key, (generation, value), seconds)
    except Exception:  # noqa: BLE001
        logger.warning("public cache store failed", exc_info=True)
    return value


def _is_private_path(path: str) -> bool:
    parts = path.split("/", 2)
    # Strip a language prefix (/ru/awards/...) before matching.
    if len(parts) > 2 and parts[1] in {code for code, _name in settings.LANGUAGES}:
        path = "/" + parts[2]
    return path.startswith(PRIVATE_PREFIXES)


def _is_anonymous(meta: dict) -> bool:
    """No session and no pending messages: the request can only be anonymous.

    Decided from cookies, so the cache answers before the session, locale and
    authentication middleware run (and cost) anything.
    """
    raw = meta.get("HTTP_COOKIE")
    if not raw:
        return True
    cookies = parse_cookie(raw)
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
    )


def _host(meta: dict, scheme: str) -> str | None:
    """The host, read as `HttpRequest.get_host()` reads it, if ALLOWED_HOSTS
    accepts it; None otherwise."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in meta:
        host = meta["HTTP_HOST"]
    else:
        host = meta["SERVER_NAME"]
        if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in meta:
            port = meta["HTTP_X_FORWARDED_PORT"]
        else:
            port = str(meta["SERVER_PORT"])
        if port != ("443" if scheme == "https" else "80"):
            host = f"{host}:{port}"
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _port = split_domain_port(host)
    return host if domain and validate_host(domain, allowed) else None


def cache_key(meta: dict, *, scheme: str, path: str, path_info: str) -> str | None:
    """The key of the page a request asks for, or None if it must not be cached.

    None for anything but an anonymous GET or HEAD of a public path on a host in
    ALLOWED_HOSTS, for plain HTTP when the stack would redirect it to HTTPS, for
    static files and for previews. `meta` is the request's environ; `path` and
    `path_info` are decoded as Django decodes them.
    """
    query = meta.get("QUERY_STRING", "")
    if (
        settings.QALAM_PUBLIC_CACHE_SECONDS <= 0
        or meta["REQUEST_METHOD"] not in ("GET", "HEAD")
        or (settings.SECURE_SSL_REDIRECT and scheme != "https")
        or path.startswith(settings.STATIC_URL)
        or not _is_anonymous(meta)
        or _is_private_path(path_info)
        or ("preview" in query and "preview" in QueryDict(query))
    ):
        return None
    host = _host(meta, scheme)
    if host is None:
        return None  # the stack answers 400
    # The path fixes the language of every page (i18n_patterns, the default
    # language unprefixed); only the feed, outside them, follows the browser.
    language = ""
    if path_info.startswith("/feeds/"):
        language = meta.get("HTTP_ACCEPT_LANGUAGE", "")
    # The scheme too: an HTTPS answer carries HSTS, a plain one must not.
    raw = f"{scheme}|{host}|{language}|{path}?{query}"
    return "cms:page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _scheme(environ: dict) -> str:
    """`HttpRequest.scheme` of a WSGI request: the proxy's header if trusted."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def lookup(key: str | None) -> Lookup | None:
    """The current generation and the page stored under `key` (None if absent or
    stale), in one cache round trip; None if there is no key."""
    if key is None:
        return None
    generation, page = _current(key)
    return Lookup(key, generation, StoredPage(*page) if page is not None else None)


def _current(key: str) -> tuple[int, tuple | None]:
    """The current generation and what `key` holds if it was stored in it (a
    stored tuple starts with its generation), in one cache round trip."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
    stored = found.get(key)
    if stored is not None and stored[0] != generation:
        stored = None
    return generation, stored


def _store(found: Lookup, response: HttpResponse) -> None:
    page = StoredPage(
        generation=found.generation,
        status=response.status_code,
        reason=response.reason_phrase,
        headers=tuple(response.items()),
        body=response.content,
    )
    # A tuple, not the NamedTuple: the cache then holds builtins only.
    cache.set(found.key, tuple(page), settings.QALAM_PUBLIC_CACHE_SECONDS)


def _is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    # Only a GET's answer: a view may leave the body out of a HEAD's.
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
    )


class PublicPageCacheApp:
    """WSGI wrapper: answer cached public pages before Django's handler runs.

    A request the cache cannot answer goes to `application` with its lookup in
    the environ, so the middleware stores the page without a second round trip.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            # The path as WSGIRequest decodes it, without building one.
            path_info = get_path_info(environ) or "/"
            script_name = get_script_name(environ).rstrip("/")
            key = cache_key(
                environ,
                scheme=_scheme(environ),
                path=f"{script_name}/{path_info.replace('/', '', 1)}",
                path_info=path_info,
            )
            found = lookup(key)
        except Exception:  # noqa: BLE001 - e.g. Redis down: let the stack answer
            logger.warning("public page cache lookup failed", exc_info=True)
            found = None
        if found is not None and found.page is not None:
            page = found.page
            start_response(
                f"{page.status} {page.reason}",
                [*page.headers, ("X-Qalam-Cache", "hit")],
            )
            return [page.body]
        if found is not None:
            environ[ENVIRON_KEY] = found
        return self.application(environ, start_response)


class PublicPageCacheMiddleware:
    """Store the cacheable answers of anonymous public GETs; answer hits where
    the WSGI wrapper did not already look.

    First in MIDDLEWARE, so a stored page carries every header the stack adds
    (security headers included), and a hit here skips the rest of the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = request.META.get(ENVIRON_KEY)
        if found is None:
            key = cache_key(
                request.META,
                scheme=request.scheme,
                path=request.path,
                path_info=request.path_info,
            )
            found = lookup(key)
            if found is None:
                return self.get_response(request)
            if found.page is not None:
                return _response(found.page)
        response = self.get_response(request)
        if _is_storable(request, response):
            _store(found, response)
            response["X-Qalam-Cache"] = "miss"
        return response


def _response(page: StoredPage) -> HttpResponse:
    response = HttpResponse(
        page.body, status=page.status, reason=page.reason, headers=dict(page.headers)
    )
    response["X-Qalam-Cache"] = "hit"
    return response
