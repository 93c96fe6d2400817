"""Results as entrants see them (the jury's verdict, under embargo until
public), and the publications whose entrants are still to be told."""

import dataclasses
import datetime
from collections.abc import Iterable

from django.utils.functional import Promise as StrPromise

from awards import clock
from awards.enums import JUDGED_STATES, EntryState, Standing
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


def standing_of(
    entry: Entry, *, results_public: bool, prizes: Iterable[Prize] = ()
) -> Standing:
    """What the entrant and co-authors are told: the jury's verdict only once the
    award's results are public, "under review" until then.

    `prizes` are the entry's prizes (withdrawn ones included): the best standing
    one names the verdict (a special mention is not a plain finalist), and if every
    one was withdrawn the entry is never announced as a winner ("prize withdrawn"),
    whatever its state still says.
    """
    if entry.state not in JUDGED_STATES:
        return Standing(entry.state)
    if not results_public:
        return Standing.UNDER_REVIEW
    prizes = list(prizes)
    standing = [prize for prize in prizes if prize.withdrawn_at is None]
    if standing:
        best = min(standing, key=lambda prize: PRIZE_ORDER.index(prize.kind))
        return Standing(best.kind)
    if prizes:
        return Standing.PRIZE_WITHDRAWN
    if entry.state == EntryState.ELIGIBLE:
        return Standing.NOT_SELECTED
    return Standing(entry.state)


def _prizes_by_entry(entries: Iterable[Entry]) -> dict[int, list[Prize]]:
    prizes: dict[int, list[Prize]] = {}
    for prize in Prize.objects.filter(entry__in=entries).order_by("pk"):
        prizes.setdefault(prize.entry_id, []).append(prize)
    return prizes


def with_standing(entries: Iterable[Entry], *, now: datetime.datetime) -> list[Entry]:
    """`entries` as a list, each with `.standing` set for its entrant's eyes (two
    queries for all of them: the awards whose results are public, and the prizes
    of entries in those)."""
    entries = list(entries)
    public = set(
        Award.objects.filter(
            published_q(now), pk__in={entry.category.award_id for entry in entries}
        ).values_list("pk", flat=True)
    )
    judged = [
        entry
        for entry in entries
        if entry.category.award_id in public and entry.state in JUDGED_STATES
    ]
    prizes = _prizes_by_entry(judged) if judged else {}
    for entry in entries:
        entry.standing = standing_of(
            entry,
            results_public=entry.category.award_id in public,
            prizes=prizes.get(entry.pk, ()),
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
    """What the results email says about one entry: the verdict's label (lazy, so
    it reads in the reader's language) and the jury's feedback where it is shared."""

    label: StrPromise
    feedback: list


def entry_results(
    entries: Iterable[Entry], *, award: Award, now: datetime.datetime
) -> dict[int, EntryResult]:
    """The result of each of `entries` (the award's judged entries) once the award's
    results are public, by entry id: two queries for all of them.

    The verdict is `standing_of`'s, as "My entries" shows it. Feedback comes from
    rounds that share it with entrants, as the organisers left it
    (`feedback_by_entry`).
    """
    from awards.jury.selectors.feedback import feedback_by_entry

    entries = list(entries)
    prizes = _prizes_by_entry(entries)
    feedback = feedback_by_entry(award=award, entries=entries, now=now)
    return {
        entry.pk: EntryResult(
            label=standing_of(
                entry, results_public=True, prizes=prizes.get(entry.pk, ())
            ).label,
            feedback=feedback.get(entry.pk, []),
        )
        for entry in entries
    }
