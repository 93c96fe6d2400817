"""Public reads of awards: published prizes only, for the site, feeds and open data.

Everything here answers "what may anyone on the internet see". An award's prizes
are public once its `ResultsPublication.publish_at` has passed, until a prize is
withdrawn; before that (and after) these selectors return nothing about them,
whatever the filters.
"""

import dataclasses
import datetime
from collections.abc import Iterable, Mapping

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from wagtail.images import get_image_model

from accounts.models import User
from awards import clock
from awards.jury.enums import PrizeKind
from awards.jury.models import Prize
from awards.models import (
    Award,
    CategoryTranslation,
    Entry,
    EntryTranslation,
    ResultsPublication,
)
from awards.selectors import localized

# The order prizes are shown in, and which one names an entry's public page.
PRIZE_ORDER = (PrizeKind.WINNER, PrizeKind.SPECIAL_MENTION, PrizeKind.FINALIST)
FILTER_FIELDS = ("award", "year", "category", "prize", "country", "language", "q")


def published_q(now: datetime.datetime, prefix: str = "") -> Q:
    """Rows whose award's results are public at `now`."""
    return Q(**{f"{prefix}results_publication__publish_at__lte": now})


def public_prize_q(now: datetime.datetime) -> Q:
    """Prizes anyone may see at `now`: of an award whose results are public, and
    not withdrawn since (a withdrawn prize leaves every page, feed and file)."""
    return published_q(now, "round__award__") & Q(withdrawn_at__isnull=True)


def is_published(*, award: Award, now: datetime.datetime | None = None) -> bool:
    """Whether `award`'s results are public at `now`."""
    now = now or clock.now()
    return Award.objects.filter(published_q(now), pk=award.pk).exists()


def published_awards(*, now: datetime.datetime | None = None) -> QuerySet[Award]:
    """Awards whose results are public, newest edition first."""
    now = now or clock.now()
    return (
        Award.objects.filter(published_q(now))
        .select_related("results_publication")
        .prefetch_related(localized.award_translations())
        .order_by("-year", "title")
    )


# The columns the public pages, the feed and the open data read. Entries, awards
# and users carry many more (JSON among them, decoded row by row): loading only
# these makes a page of the archive several times cheaper.
# The size a prize's picture is shown at (cards and the work's page).
PRIZE_IMAGE_FILTER = "fill-640x360"
PUBLIC_FIELDS = (
    "kind",
    "citation",
    "image",
    "entry__title",
    "entry__summary",
    "entry__outlet",
    "entry__country",
    "entry__publication_urls",
    "entry__licence",
    "entry__media_url",
    "entry__media_file__content_type",
    "entry__media_file__completed_at",
    "entry__ai_use",
    "entry__ai_use_description",
    "entry__category__name",
    "entry__category__slug",
    "entry__category__position",
    "entry__category__award__title",
    "entry__category__award__slug",
    "entry__category__award__year",
    "entry__category__award__language",
    "entry__category__award__results_publication__publish_at",
    "entry__category__award__results_publication__audit_sequence",
    "entry__category__award__results_publication__audit_head",
    "entry__owner__display_name",
    "entry__owner__first_name",
    "entry__owner__last_name",
    "entry__language__code",
)
AUTHOR_FIELDS = ("display_name", "first_name", "last_name")


def _prize_rows(now: datetime.datetime) -> QuerySet[Prize]:
    co_authors = User.objects.only(*AUTHOR_FIELDS).order_by("display_name", "pk")
    translations = EntryTranslation.objects.only(
        "entry_id", "language_id", "title", "summary"
    ).order_by("language_id")
    return (
        Prize.objects.filter(public_prize_q(now))
        .select_related(
            "entry__category__award__results_publication",
            "entry__owner",
            "entry__language",
            "entry__media_file",
        )
        .only(*PUBLIC_FIELDS)
        .prefetch_related(
            Prefetch(
                "image",
                queryset=get_image_model().objects.prefetch_renditions(
                    PRIZE_IMAGE_FILTER
                ),
            ),
            Prefetch("entry__co_authors", queryset=co_authors, to_attr="_co"),
            Prefetch(
                "entry__translations", queryset=translations, to_attr="_translations"
            ),
            # The award's, category's and citation's words in the reader's language
            # (awards/selectors/localized.py).
            localized.prize_translations(),
            localized.category_translations("entry__category__"),
            localized.award_translations("entry__category__award__"),
        )
    )


def prize_kind_labels() -> dict[str, str]:
    """Each prize kind's label in the current language, translated once for a page
    of prizes rather than once a prize."""
    return {kind.value: str(kind.label) for kind in PrizeKind}


def clean_filters(raw: Mapping[str, str]) -> dict[str, str]:
    """Keep the known filter fields with a non-empty value, stripped and bounded.

    NUL characters are dropped: PostgreSQL refuses them in a text parameter.
    """
    values = {
        field: str(raw.get(field, "")).replace("\x00", "").strip()[:200]
        for field in FILTER_FIELDS
    }
    return {field: value for field, value in values.items() if value}


def _matching(rows: QuerySet, filters: Mapping[str, str]) -> QuerySet:
    """`rows` of public prizes narrowed by cleaned `filters`, in the archive's order."""
    if "award" in filters:
        rows = rows.filter(entry__category__award__slug=filters["award"])
    if "year" in filters:
        year = filters["year"]
        if not year.isdigit() or len(year) > 4:
            return rows.none()
        rows = rows.filter(entry__category__award__year=int(year))
    if "category" in filters:
        rows = rows.filter(entry__category__slug=filters["category"])
    if "prize" in filters:
        rows = rows.filter(kind=filters["prize"])
    if "country" in filters:
        rows = rows.filter(entry__country=filters["country"].upper())
    if "language" in filters:
        rows = rows.filter(entry__language_id=filters["language"].lower())
    if "q" in filters:
        text = filters["q"]
        rows = rows.filter(
            Q(entry__title__icontains=text)
            | Q(entry__outlet__icontains=text)
            | Q(entry__owner__display_name__icontains=text)
            | Q(entry__translations__title__icontains=text)
            | Q(citation__icontains=text)
        ).distinct()
    return rows.order_by(
        "-entry__category__award__year",
        "entry__category__award__title",
        "entry__category__position",
        "kind",
        "entry__title",
        "pk",
    )


def published_prizes(
    *, filters: Mapping[str, str] | None = None, now: datetime.datetime | None = None
) -> QuerySet[Prize]:
    """Every public prize matching `filters` (award slug, year, category slug, prize
    kind, country code, language code, free text `q`), newest edition first.

    An unknown or malformed value matches nothing: the result is empty, never an
    error, and never a prize of an award whose results are not public yet.
    """
    now = now or clock.now()
    return _matching(_prize_rows(now), clean_filters(filters or {}))


def filter_choices(*, now: datetime.datetime | None = None) -> dict[str, list]:
    """The values the archive's filters offer: only those of public prizes;
    category names in the active language where translated.

    One query: the distinct (year, category, country, language) combinations of
    public prizes, split here. There are at most as many as prizes, and in practice
    far fewer (an edition's categories times the countries and languages entered).
    """
    now = now or clock.now()
    # Category names in the reader's language where translated.
    translated = CategoryTranslation.objects.filter(
        category_id=OuterRef("entry__category_id"),
        language=localized.site_language(),
    ).values("name")[:1]
    combinations = (
        Prize.objects.filter(public_prize_q(now))
        .annotate(
            category_label=Coalesce(Subquery(translated), F("entry__category__name"))
        )
        .values_list(
            "entry__category__award__year",
            "entry__category__slug",
            "category_label",
            "entry__country",
            "entry__language_id",
        )
        .distinct()
        .order_by()
    )
    years, categories, countries, languages = set(), set(), set(), set()
    for year, slug, name, country, language in combinations:
        years.add(year)
        categories.add((slug, name))
        countries.add(country)
        languages.add(language)
    return {
        "years": sorted(years, reverse=True),
        "categories": sorted(sorted(categories), key=lambda pair: pair[1]),
        "countries": sorted(countries),
        # An entry may have no language: None sorts first, as the database sorts it.
        "languages": sorted(languages, key=lambda code: (code is not None, code or "")),
    }


def prizes_for_award(
    *, award: Award, now: datetime.datetime | None = None
) -> list[Prize]:
    """The public prizes of one award (empty until its results are published)."""
    return list(published_prizes(filters={"award": award.slug}, now=now))


def public_prize_for_entry(
    *, award: Award, entry_id: int, now: datetime.datetime | None = None
) -> Prize | None:
    """The prize that gives an entry its public page, or None (no page: 404).

    Only winners, special mentions and finalists of a published award have one.
    """
    now = now or clock.now()
    prizes = list(
        _prize_rows(now).filter(entry_id=entry_id, entry__category__award_id=award.pk)
    )
    prizes.sort(key=lambda prize: PRIZE_ORDER.index(prize.kind))
    return prizes[0] if prizes else None


@dataclasses.dataclass(frozen=True)
class AuditHead:
    """What a publication commits to: audit records 1..sequence hash to `hash`."""

    sequence: int
    hash: str
    published_at: datetime.datetime


def audit_head_for_award(
    *, award: Award, now: datetime.datetime | None = None
) -> AuditHead | None:
    """The audit chain head `award`'s publication recorded, once its results are
    public; None before then (or for a publication made before heads existed)."""
    now = now or clock.now()
    publication = ResultsPublication.objects.filter(
        award_id=award.pk, publish_at__lte=now, audit_sequence__isnull=False
    ).first()
    if publication is None:
        return None
    return AuditHead(
        sequence=publication.audit_sequence,
        hash=publication.audit_head,
        published_at=publication.publish_at,
    )


def latest_publications(*, now: datetime.datetime | None = None, limit: int = 20):
    """Published results, newest first, for the Atom feed."""
    now = now or clock.now()
    return list(published_awards(now=now).order_by("-results_publication__publish_at"))[
        :limit
    ]


@dataclasses.dataclass(frozen=True)
class EntryVersion:
    """The entry's title and summary in one language: its original or a
    translation."""

    language: str
    title: str
    summary: str
    is_original: bool


@dataclasses.dataclass(frozen=True)
class PublicEntry:
    """What the public sees of a prize-winning entry, in the reader's language."""

    prize: Prize
    entry: Entry
    award: Award
    title: str
    summary: str
    shown_language: str
    is_translated: bool
    is_original_language: bool
    authors: list[str]
    url: str
    published_at: datetime.datetime
    versions: tuple[EntryVersion, ...] = ()

    @property
    def original_language(self) -> str:
        return self.entry.language_id or ""


def authors_of(entry: Entry) -> list[str]:
    """The entrant and co-authors by their public names, entrant first."""
    co = getattr(entry, "_co", None)
    if co is None:
        co = list(entry.co_authors.order_by("display_name", "pk"))
    people = [entry.owner, *co]
    return [person.public_name for person in people]


def present(prize: Prize, language: str | None = None) -> PublicEntry:
    """`prize`'s entry in `language` (default: the current one), else the original."""
    language = (language or get_language() or "en").split("-")[0]
    entry = prize.entry
    translations = getattr(entry, "_translations", None)
    if translations is None:
        translations = list(entry.translations.order_by("language_id"))
    translation = next(
        (item for item in translations if item.language_id == language), None
    )
    if entry.language_id == language or translation is None:
        title, summary, shown = entry.title, entry.summary, entry.language_id or ""
    else:
        title, summary, shown = translation.title, translation.summary, language
    versions = (
        EntryVersion(entry.language_id or "", entry.title, entry.summary, True),
        *(
            EntryVersion(item.language_id, item.title, item.summary, False)
            for item in translations
            if item.language_id != entry.language_id
        ),
    )
    return PublicEntry(
        prize=prize,
        entry=entry,
        award=entry.category.award,
        title=title,
        summary=summary,
        shown_language=shown,
        is_translated=translation is not None and shown == language,
        is_original_language=shown == (entry.language_id or ""),
        authors=authors_of(entry),
        url=(entry.publication_urls or [""])[0],
        published_at=entry.category.award.results_publication.publish_at,
        versions=versions,
    )


def present_all(prizes: Iterable[Prize], language: str | None = None):
    return [present(prize, language) for prize in prizes]
