"""The winners archive's cards: public prizes read as plain values, then shown in
the reader's language (the archive pages through thousands; the award and entry pages
use the model instances of awards.selectors.public)."""

import dataclasses
import datetime
import functools
import logging
from collections.abc import Iterable, Mapping

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import get_language
from wagtail.images import get_image_model

from accounts.models import public_name
from awards import clock
from awards.jury.models import Prize
from awards.models import (
    AwardTranslation,
    CategoryTranslation,
    EntryCoAuthor,
    EntryTranslation,
)
from awards.selectors.localized import Localized, chosen
from awards.selectors.public import (
    PRIZE_IMAGE_FILTER,
    _matching,
    clean_filters,
    public_prize_q,
)

logger = logging.getLogger(__name__)

# What a card of the archive shows, read as plain values: seven model instances a
# prize cost the archive more than its queries did.
CARD_FIELDS = (
    "pk",
    "kind",
    "image_id",
    "entry_id",
    "entry__title",
    "entry__outlet",
    "entry__country",
    "entry__language_id",
    "entry__category__name",
    "entry__category__award_id",
    "entry__category__award__title",
    "entry__category__award__language",
    "entry__owner__display_name",
    "entry__owner__first_name",
    "entry__owner__last_name",
)


def published_prize_rows(
    *,
    filters: Mapping[str, str] | None = None,
    now: datetime.datetime | None = None,
    language: str | None = None,
) -> QuerySet[Prize]:
    """The prizes of `published_prizes` (same filters, same order), as rows of
    plain values for `prize_cards`: what the archive pages through. Each row
    carries the entry's title in `language` (default: the current one), if it
    has that translation, read in the same query."""
    now = now or clock.now()
    rows = _card_columns(_language(language)).filter(public_prize_q(now))
    return _matching(rows, clean_filters(filters or {}))


@functools.cache
def _card_columns(language: str) -> QuerySet[Prize]:
    """Every prize's card columns and its title in `language`: made once per process
    and language, as a class-based view's `queryset`, and never run itself (each
    call filters a copy). Resolving its sixteen joined names cost twice what running
    the page's query does."""
    translated = EntryTranslation.objects.filter(
        entry_id=OuterRef("entry_id"), language_id=language
    ).values("title")[:1]
    award_title = AwardTranslation.objects.filter(
        award_id=OuterRef("entry__category__award_id"), language=language
    ).values("title")[:1]
    category_name = CategoryTranslation.objects.filter(
        category_id=OuterRef("entry__category_id"), language=language
    ).values("name")[:1]
    return Prize.objects.values(*CARD_FIELDS).annotate(
        translated_title=Subquery(translated),
        translated_award_title=Subquery(award_title),
        translated_category_name=Subquery(category_name),
    )


def _language(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0]


@functools.cache
def _co_author_columns() -> QuerySet[EntryCoAuthor]:
    """Co-authors' public names in order, made once as `_card_columns`."""
    return EntryCoAuthor.objects.order_by("user__display_name", "user_id").values_list(
        "entry_id", "user__display_name", "user__first_name", "user__last_name"
    )


@dataclasses.dataclass(frozen=True)
class PrizeCard:
    """What the archive shows of one public prize, in the reader's language."""

    kind: str
    entry_id: int
    award_id: int
    award_title: Localized
    category_name: Localized
    title: str
    shown_language: str
    authors: list[str]
    outlet: str
    country: str
    image_id: int | None = None


def prize_cards(
    rows: Iterable[Mapping], language: str | None = None
) -> list[PrizeCard]:
    """Cards for rows of `published_prize_rows` made for the same `language`
    (default: the current one): in that language where the entry has that
    translation, else in its original language, with the entrant and co-authors
    by their public names (as `present` shows them).

    One query whatever the number of rows: the co-authors.
    """
    language = _language(language)
    rows = list(rows)
    entry_ids = [row["entry_id"] for row in rows]
    if not entry_ids:
        return []
    co_authors: dict[int, list[str]] = {}
    for entry_id, *names in _co_author_columns().filter(entry_id__in=entry_ids):
        co_authors.setdefault(entry_id, []).append(public_name(*names))
    cards = []
    for row in rows:
        entry_id = row["entry_id"]
        original = row["entry__language_id"] or ""
        if original == language or row["translated_title"] is None:
            title, shown = row["entry__title"], original
        else:
            title, shown = row["translated_title"], language
        owner = public_name(
            row["entry__owner__display_name"],
            row["entry__owner__first_name"],
            row["entry__owner__last_name"],
        )
        cards.append(
            PrizeCard(
                kind=row["kind"],
                entry_id=entry_id,
                award_id=row["entry__category__award_id"],
                award_title=_localized(row, "award_title", "award__title", language),
                category_name=_localized(row, "category_name", "name", language),
                title=title,
                shown_language=shown,
                authors=[owner, *co_authors.get(entry_id, [])],
                outlet=row["entry__outlet"],
                country=str(row["entry__country"] or ""),
                image_id=row["image_id"],
            )
        )
    return cards


def _localized(row: Mapping, name: str, column: str, language: str) -> Localized:
    """The row's award title or category name (`column` of the category) in
    `language`, else the original in the award's language."""
    return chosen(
        row[f"translated_{name}"],
        row[f"entry__category__{column}"],
        row["entry__category__award__language"],
        language,
    )


def picture_url(image) -> str:
    """The address of `image` at PRIZE_IMAGE_FILTER, made the first time it is
    asked; empty if its file cannot be read (lost, or its storage down), which is
    logged: a public page never fails for a picture, it shows none."""
    if image is None:
        return ""
    try:
        return image.get_rendition(PRIZE_IMAGE_FILTER).url
    except OSError:  # wagtail's SourceImageIOError is one
        logger.warning("prize picture %s cannot be read", image.pk, exc_info=True)
        return ""


def card_image_urls(cards: Iterable[PrizeCard]) -> dict[int, str]:
    """`picture_url` of each card's picture, by image id: one query for the images
    and their renditions."""
    ids = {card.image_id for card in cards if card.image_id}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids)
    urls = {
        image.pk: picture_url(image)
        for image in images.prefetch_renditions(PRIZE_IMAGE_FILTER)
    }
    return {pk: url for pk, url in urls.items() if url}
