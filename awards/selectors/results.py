"""Results as entrants see them (the jury's verdict, under embargo until
public), and the publications whose entrants are still to be told."""

import datetime
from collections.abc import Iterable

from awards import clock
from awards.enums import JUDGED_STATES, EntryState, Standing
from awards.models import Award, Entry, ResultsPublication
from awards.selectors.public import published_q


def judged_entries_of(award: Award) -> list[Entry]:
    """The award's entries the jury has judged (eligible and beyond), with owner,
    category and co-authors, in category order: whom the results email tells."""
    return list(
        Entry.objects.filter(category__award=award, state__in=JUDGED_STATES)
        .select_related("owner", "category")
        .prefetch_related("co_authors")
        .order_by("category__position", "pk")
    )


def standing_of(entry: Entry, *, results_public: bool) -> Standing:
    """What the entrant and co-authors are told: the jury's verdict only once the
    award's results are public, "under review" until then."""
    if entry.state not in JUDGED_STATES:
        return Standing(entry.state)
    if not results_public:
        return Standing.UNDER_REVIEW
    if entry.state == EntryState.ELIGIBLE:
        return Standing.NOT_SELECTED
    return Standing(entry.state)


def with_standing(entries: Iterable[Entry], *, now: datetime.datetime) -> list[Entry]:
    """`entries` as a list, each with `.standing` set for its entrant's eyes (one
    query for all of them)."""
    entries = list(entries)
    public = set(
        Award.objects.filter(
            published_q(now), pk__in={entry.category.award_id for entry in entries}
        ).values_list("pk", flat=True)
    )
    for entry in entries:
        entry.standing = standing_of(
            entry, results_public=entry.category.award_id in public
        )
    return entries


def results_emails_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Awards whose results are public but whose entrants are not all told yet (the
    worker was down, or the mail server failed for good): the beat task asks again."""
    now = now or clock.now()
    return list(
        ResultsPublication.objects.filter(
            publish_at__lte=now, entrants_told_at__isnull=True
        ).values_list("award_id", flat=True)
    )
