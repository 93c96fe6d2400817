"""A cache of anonymous public pages, emptied when what they show changes.

Anonymous GET requests for public pages (not the admin, accounts, entry forms or
investigations) are answered from Django's cache. Every key carries a generation
number; `purge()` bumps it, so every cached page is dropped at once without
scanning keys. Purges happen when results are published (at once or when their
scheduled time comes) and when a page is published, unpublished, moved or deleted.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "cms:public-cache:generation"
PRIVATE_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/awards/",
    "/investigations/",
    "/documents/",
    "/healthz",
)


def purge(**_kwargs) -> None:
    """Drop every cached public page (a new generation of keys)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, None)


def _is_private_path(path: str) -> bool:
    parts = path.split("/", 2)
    # Strip a language prefix (/ru/awards/...) before matching.
    codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) > 2 and parts[1] in codes:
        path = "/" + parts[2]
    return path.startswith(PRIVATE_PREFIXES)


def _is_anonymous(request) -> bool:
    """No session and no pending messages: the request can only be anonymous.

    Decided from cookies, so the cache answers before the session, locale and
    authentication middleware run (and cost) anything.
    """
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
    )


def cache_key(request) -> str:
    # The path fixes the language of every page (i18n_patterns, the default
    # language unprefixed); only the feed, outside them, follows the browser.
    language = ""
    if request.path.startswith("/feeds/"):
        language = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    raw = f"{request.get_host()}|{language}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"cms:public-page:{_generation()}:{digest}"


class PublicPageCacheMiddleware:
    """Serve anonymous public GETs from the cache; store cacheable answers.

    Sits first in MIDDLEWARE, so a hit skips the whole stack; a miss stores the
    response the whole stack made (security headers included). Plain-HTTP requests
    that must be redirected to HTTPS and static files are left to the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
            or request.path.startswith(settings.STATIC_URL)
            or not _is_anonymous(request)
            or _is_private_path(request.path)
            or "preview" in request.GET
        ):
            return self.get_response(request)
        key = cache_key(request)
        response = cache.get(key)
        if response is not None:
            response["X-Qalam-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
        ):
            cache.set(key, response, settings.QALAM_PUBLIC_CACHE_SECONDS)
            response["X-Qalam-Cache"] = "miss"
        return response
