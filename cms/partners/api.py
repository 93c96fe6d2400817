"""The partner API (django-ninja), mounted at /api/partners/v1/ by cms/urls.py.

`Authorization: Bearer <key>` on every call; an unknown or revoked key is a 401,
more calls a minute than the key's own limit a 429 (as is an address that sent
many wrong keys), and the shortlists without
the `embargo` scope a 404 (their existence is not confirmed to other keys). The
OpenAPI description is at /api/partners/v1/openapi.json; docs/partner-api.md.
"""

import datetime
import threading
from typing import Any

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from awards.enums import Licence
from awards.selectors import localized, public
from awards.selectors import partners as award_partners
from cms.partners import selectors, services
from cms.partners.models import PartnerKey, PartnerScope

# Calls with a wrong key an address may make a minute before it gets 429s (each
# costs a lookup; keys cannot be guessed, but the load could be made).
FAILED_KEYS_PER_MINUTE = 30


def _failures_key(address: str) -> str:
    return f"partner-api:bad-key:{address}"


def _refuse_a_guesser(request: HttpRequest) -> str:
    """The caller's address (behind our proxy: the one it adds); 429 while that
    address is over its wrong-key allowance for this minute."""
    try:  # allauth's reading of the address, as the sign-in limits use it
        address = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        address = "unknown"
    if (cache.get(_failures_key(address)) or 0) >= FAILED_KEYS_PER_MINUTE:
        raise HttpError(429, _("Too many calls with a wrong key: wait a minute."))
    return address


def _count_failure(address: str) -> None:
    key = _failures_key(address)
    if cache.add(key, 1, timeout=60):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)


class PartnerKeyAuth(HttpBearer):
    """A partner key in `Authorization: Bearer <key>`; a revoked one is refused."""

    def authenticate(self, request: HttpRequest, token: str) -> PartnerKey | None:
        address = _refuse_a_guesser(request)
        key = selectors.key_for_secret(token, include_revoked=True)
        if key is None:
            _count_failure(address)
            return None
        if key.is_revoked:
            raise AuthenticationError(401, _("This API key has been revoked."))
        services.partner_key_touch(key=key)
        return key


class _KeyRate(SimpleRateThrottle):
    scope = "partner_key"

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class PartnerKeyThrottle(BaseThrottle):
    """At most the key's own `rate_limit_per_minute` calls in any minute.

    ninja keeps one throttle object per API and ninja's rate throttles keep the
    request's state on it; web processes run threads (gunicorn gthread), so each
    request gets its own `_KeyRate`, kept per thread for `wait()`.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        key = getattr(request, "auth", None)
        if not isinstance(key, PartnerKey):
            return True  # no key: authentication refuses the call first
        self._local.rate = _KeyRate(f"{key.rate_limit_per_minute}/m")
        return self._local.rate.allow_request(request)

    def wait(self) -> float | None:
        rate = getattr(self._local, "rate", None)
        return rate.wait() if rate is not None else None


api = NinjaAPI(
    title="Qalam partner API",
    version="1",
    description=(
        "Published winners of the Qalam awards for partner broadcasters, and "
        "shortlists under embargo for keys with the `embargo` scope."
    ),
    urls_namespace="partner_api",
    auth=PartnerKeyAuth(),
    throttle=[PartnerKeyThrottle()],
    docs_url=None,  # Swagger UI would load from a CDN; the JSON is the contract
)


class ErrorOut(Schema):
    detail: str


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, error: AuthenticationError):
    message = error.message
    if message == "Unauthorized":  # ninja's own: no key, or an unknown one
        message = _("A valid API key is required: Authorization: Bearer <key>.")
    return api.create_response(request, {"detail": message}, status=401)


ERRORS: dict[int, Any] = {401: ErrorOut, 429: ErrorOut}


class Pages(PageNumberPagination):
    """Page numbers, 50 a page by default, at most 100."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=100, **kwargs)


class Translation(Schema):
    language: str
    title: str
    summary: str


class AiUse(Schema):
    kind: str = Field(description="none, assistive or generative ('' if unstated)")
    description: str


class WinnerOut(Schema):
    id: int
    award: str
    award_slug: str
    year: int
    category: str
    category_slug: str
    prize: str = Field(description="winner, special_mention or finalist")
    title: str
    summary: str
    authors: list[str] = Field(description="public names only")
    outlet: str
    country: str
    language: str
    citation: str
    publication_urls: list[str]
    ai_use: AiUse
    licence: str = Field(
        description="the terms chosen by the entrant for re-broadcasting: "
        + ", ".join(Licence.values)
    )
    licence_url: str = Field(description="the Creative Commons deed ('' for others)")
    media_url: str = Field(description="the work's video or audio link ('' if none)")
    media_file_url: str = Field(
        description="the work's own video or audio file, absolute; it redirects to "
        "the file ('' if none)"
    )
    media_file_type: str = Field(
        description="the file's content type, e.g. video/mp4 ('' if none)"
    )
    translations: list[Translation]
    award_translations: dict[str, str] = Field(
        description="the award's title by language code, its original included"
    )
    category_translations: dict[str, str] = Field(
        description="the category's name by language code, its original included"
    )
    citation_translations: dict[str, str] = Field(
        description="the jury's citation by language code, its original included"
    )
    certificate_url: str | None
    published_at: datetime.datetime

    @staticmethod
    def resolve_award(prize) -> str:
        return prize.entry.category.award.title

    @staticmethod
    def resolve_award_slug(prize) -> str:
        return prize.entry.category.award.slug

    @staticmethod
    def resolve_year(prize) -> int:
        return prize.entry.category.award.year

    @staticmethod
    def resolve_category(prize) -> str:
        return prize.entry.category.name

    @staticmethod
    def resolve_category_slug(prize) -> str:
        return prize.entry.category.slug

    @staticmethod
    def resolve_prize(prize) -> str:
        return prize.kind

    @staticmethod
    def resolve_title(prize) -> str:
        return prize.entry.title

    @staticmethod
    def resolve_summary(prize) -> str:
        return prize.entry.summary

    @staticmethod
    def resolve_authors(prize) -> list[str]:
        return public.authors_of(prize.entry)

    @staticmethod
    def resolve_outlet(prize) -> str:
        return prize.entry.outlet

    @staticmethod
    def resolve_country(prize) -> str:
        return str(prize.entry.country)

    @staticmethod
    def resolve_language(prize) -> str:
        return prize.entry.language_id or ""

    @staticmethod
    def resolve_publication_urls(prize) -> list[str]:
        return [str(url) for url in prize.entry.publication_urls or []]

    @staticmethod
    def resolve_ai_use(prize) -> dict:
        entry = prize.entry
        return {"kind": entry.ai_use, "description": entry.ai_use_description}

    @staticmethod
    def resolve_licence(prize) -> str:
        return prize.entry.licence

    @staticmethod
    def resolve_licence_url(prize) -> str:
        return prize.entry.licence_deed_url

    @staticmethod
    def resolve_media_url(prize) -> str:
        return prize.entry.media_url

    @staticmethod
    def resolve_media_file_url(prize) -> str:
        return award_partners.media_file_of(prize.entry)[0]

    @staticmethod
    def resolve_media_file_type(prize) -> str:
        return award_partners.media_file_of(prize.entry)[1]

    @staticmethod
    def resolve_translations(prize) -> list[dict]:
        return award_partners.translations_of(prize.entry)

    @staticmethod
    def resolve_certificate_url(prize) -> str | None:
        return award_partners.certificate_url_of(prize)

    @staticmethod
    def resolve_published_at(prize) -> datetime.datetime:
        return prize.entry.category.award.results_publication.publish_at

    @staticmethod
    def resolve_award_translations(prize) -> dict[str, str]:
        return localized.translations_dict(prize.entry.category.award, "title")

    @staticmethod
    def resolve_category_translations(prize) -> dict[str, str]:
        return localized.translations_dict(prize.entry.category, "name")

    @staticmethod
    def resolve_citation_translations(prize) -> dict[str, str]:
        return localized.translations_dict(prize, "citation")


class WinnerFilters(Schema):
    award: str | None = Field(None, max_length=200, description="award slug")
    year: str | None = Field(None, max_length=10)
    category: str | None = Field(None, max_length=200, description="category slug")
    prize: str | None = Field(None, max_length=50)
    country: str | None = Field(None, max_length=10, description="ISO 3166 code")
    language: str | None = Field(None, max_length=10, description="language code")


@api.get(
    "/winners",
    response={200: list[WinnerOut], 403: ErrorOut, **ERRORS},
    url_name="winners",
    summary="Published winners",
)
@paginate(Pages)
def winners(request: HttpRequest, filters: Query[WinnerFilters]):
    """Every public prize (published, not withdrawn), newest edition first;
    filters as the open data's; an unknown value gives an empty page."""
    if not request.auth.has_scope(PartnerScope.WINNERS):
        raise HttpError(403, _("This API key may not read winners."))
    values = {k: v for k, v in filters.dict().items() if v is not None}
    return award_partners.partner_prizes(filters=values)


class ShortlistedOut(Schema):
    id: int
    award: str
    award_slug: str
    year: int
    category: str
    stage: str = Field(description="shortlisted or finalist")
    title: str
    summary: str
    authors: list[str] = Field(description="public names only")
    outlet: str
    country: str
    language: str
    embargoed_until: datetime.datetime | None = Field(
        description="when the results become public, if scheduled; publish "
        "nothing of this before then"
    )


@api.get(
    "/shortlists",
    response={200: list[ShortlistedOut], 404: ErrorOut, **ERRORS},
    url_name="shortlists",
    summary="Shortlists under embargo (embargo scope)",
)
@paginate(Pages)
def shortlists(request: HttpRequest, award: str | None = Query(None, max_length=200)):
    """Shortlisted entries of awards whose results are not public yet. Keys
    without the `embargo` scope get 404."""
    if not request.auth.has_scope(PartnerScope.EMBARGO):
        raise HttpError(404, _("Not found."))
    return award_partners.embargoed_shortlist(award_slug=award or None)
