"""Results as entrants see them (the jury's verdict, under embargo until
public), and the publications whose entrants are still to be told."""

import dataclasses
import datetime
from collections.abc import Iterable

from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _

from awards import clock
from awards.enums import JUDGED_STATES, EntryState, Standing
from awards.jury.enums import PrizeKind
from awards.jury.models import Prize
from awards.models import Award, Entry, ResultsPublication
from awards.selectors import localized
from awards.selectors.public import PRIZE_ORDER, published_q


def judged_entries_of(award: Award) -> list[Entry]:
    """The award's entries the jury has judged (eligible and beyond), with owner,
    category (and its translations) and co-authors, in category order: whom the
    results email tells."""
    return list(
        Entry.objects.filter(category__award=award, state__in=JUDGED_STATES)
        .select_related("owner", "category__award")
        .prefetch_related("co_authors", localized.category_translations("category__"))
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


@dataclasses.dataclass(frozen=True)
class EntryResult:
    """What the results email says about one entry: the verdict's label (the
    standing prize's kind if any; lazy, so it reads in the reader's language) and
    the jury's feedback where it is shared."""

    label: StrPromise
    feedback: list


def entry_results(
    entries: Iterable[Entry], *, award: Award, now: datetime.datetime
) -> dict[int, EntryResult]:
    """The result of each of `entries` (the award's judged entries) once the award's
    results are public, by entry id: two queries for all of them.

    A standing prize names the verdict (winner, special mention, finalist); a
    prize since withdrawn is never announced as one (the entry's state still
    says "winner"): it reads "prize withdrawn". Feedback comes from rounds that
    share it with entrants, as the organisers left it (`feedback_by_entry`).
    """
    from awards.jury.selectors.feedback import feedback_by_entry

    entries = list(entries)
    prizes: dict[int, list[Prize]] = {}
    for prize in Prize.objects.filter(entry__in=entries).order_by("pk"):
        prizes.setdefault(prize.entry_id, []).append(prize)
    feedback = feedback_by_entry(award=award, entries=entries, now=now)
    results = {}
    for entry in entries:
        standing = [p for p in prizes.get(entry.pk, []) if p.withdrawn_at is None]
        if standing:
            best = min(standing, key=lambda prize: PRIZE_ORDER.index(prize.kind))
            label = PrizeKind(best.kind).label
        elif entry.pk in prizes:
            label = _("Prize withdrawn")
        else:
            label = standing_of(entry, results_public=True).label
        results[entry.pk] = EntryResult(
            label=label, feedback=feedback.get(entry.pk, [])
        )
    return results
