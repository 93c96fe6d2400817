"""Reads for partner broadcasters (the partner API in cms/partners/).

Winners: exactly the public prizes of `public.published_prizes`, with the columns a
partner also gets (AI-use disclosure, certificate). Shortlists: the entries that
reached a shortlist in awards whose results are not public yet, for partners
trusted with an embargo. Both show authors by their public names only, never an
email address, whatever the blind rounds did.
"""

import dataclasses
import datetime
from collections.abc import Mapping

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from awards import clock
from awards.certificates import verification_url
from awards.emails import absolute
from awards.enums import EntryState
from awards.jury.models import Prize
from awards.models import Award, Entry
from awards.selectors import public

PARTNER_FIELDS = (
    *public.PUBLIC_FIELDS,
    "entry__ai_use",
    "entry__ai_use_description",
    "entry__category__award__results_publication__award_id",
    "certificate__code",
    "certificate__revoked_at",
)


def partner_prizes(
    *, filters: Mapping[str, str] | None = None, now: datetime.datetime | None = None
) -> QuerySet[Prize]:
    """The public prizes matching `filters` (as the open data's), with their
    entries' AI-use disclosure, translations and certificates loaded."""
    return (
        public.published_prizes(filters=filters, now=now)
        .select_related("certificate")
        .only(*PARTNER_FIELDS)
    )


def certificate_url_of(prize: Prize) -> str | None:
    """The public verification address of `prize`'s certificate, if it has one."""
    certificate = getattr(prize, "certificate", None)
    if certificate is None or certificate.revoked_at is not None:
        return None
    return verification_url(certificate.code)


def media_file_of(entry: Entry) -> tuple[str, str]:
    """The absolute address the entry's uploaded video or audio plays from, and
    its content type; ("", "") when it has none. The address redirects to the
    file for as long as the prize stays public."""
    media = entry.media_file if entry.media_file_id else None
    if media is None or media.completed_at is None:
        return "", ""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("awards:media_play", args=[entry.pk])
    return absolute(path), media.content_type


def translations_of(entry: Entry) -> list[dict]:
    """The entry's public translations: language, title, summary."""
    rows = getattr(entry, "_translations", None)
    if rows is None:
        rows = list(entry.translations.order_by("language_id"))
    return [
        {"language": row.language_id, "title": row.title, "summary": row.summary}
        for row in rows
    ]


# Shortlisted entries, and those the jury took further (a winner is shown as a
# finalist: who won stays secret until the publication, even under embargo).
SHORTLIST_STATES = (EntryState.SHORTLISTED, EntryState.FINALIST, EntryState.WINNER)


def unpublished_q(now: datetime.datetime) -> Q:
    """Awards whose results are not public at `now` (none yet, or scheduled)."""
    return Q(results_publication__isnull=True) | Q(
        results_publication__publish_at__gt=now
    )


@dataclasses.dataclass(frozen=True)
class EmbargoedEntry:
    """What a partner with an embargo key sees of a shortlisted entry."""

    id: int
    award: str
    award_slug: str
    year: int
    category: str
    stage: str
    title: str
    summary: str
    authors: list[str]
    outlet: str
    country: str
    language: str
    embargoed_until: datetime.datetime | None


def embargoed_shortlist(
    *, award_slug: str | None = None, now: datetime.datetime | None = None
) -> list[EmbargoedEntry]:
    """Shortlisted entries of awards whose results are not yet public (optionally
    one award by slug), with the scheduled publication time as the embargo's end
    (None when none is scheduled). An award already public is not here: its
    prizes are read through `partner_prizes`."""
    now = now or clock.now()
    awards = Award.objects.filter(unpublished_q(now))
    if award_slug:
        awards = awards.filter(slug=award_slug)
    co_authors = User.objects.only(*public.AUTHOR_FIELDS).order_by("display_name", "pk")
    entries = (
        Entry.objects.filter(
            state__in=SHORTLIST_STATES, category__award__in=awards.values("pk")
        )
        .select_related("category__award__results_publication", "owner")
        .prefetch_related(Prefetch("co_authors", queryset=co_authors, to_attr="_co"))
        .order_by(
            "-category__award__year",
            "category__award__title",
            "category__position",
            "title",
            "pk",
        )
    )
    rows = []
    for entry in entries:
        award = entry.category.award
        publication = getattr(award, "results_publication", None)
        rows.append(
            EmbargoedEntry(
                id=entry.pk,
                award=award.title,
                award_slug=award.slug,
                year=award.year,
                category=entry.category.name,
                stage=(
                    EntryState.SHORTLISTED
                    if entry.state == EntryState.SHORTLISTED
                    else EntryState.FINALIST
                ),
                title=entry.title,
                summary=entry.summary,
                authors=public.authors_of(entry),
                outlet=entry.outlet,
                country=str(entry.country),
                language=entry.language_id or "",
                embargoed_until=publication.publish_at if publication else None,
            )
        )
    return rows


def publication_payload(
    *, award_id: int, now: datetime.datetime | None = None
) -> dict | None:
    """What a `results.published` webhook says about an award, once it is public
    (None before: nothing is sent about private results)."""
    award = public.published_awards(now=now).filter(pk=award_id).first()
    if award is None:
        return None
    return {
        "event": "results.published",
        "award": {
            "id": award.pk,
            "slug": award.slug,
            "title": award.title,
            "year": award.year,
        },
        "published_at": award.results_publication.publish_at.isoformat(),
        "winners_count": public.published_prizes(
            filters={"award": award.slug}, now=now
        ).count(),
    }
