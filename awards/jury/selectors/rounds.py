"""Rounds: which entries they take, and what their management page lists."""

from django.db.models import Count, Q, QuerySet

from awards.enums import EntryState
from awards.jury.models import Assignment, Juror, Round
from awards.models import Entry


def is_first_round(round: Round) -> bool:
    return not Round.objects.filter(
        award_id=round.award_id, position__lt=round.position
    ).exists()


def entry_states_for(round: Round) -> list[str]:
    """The first round takes eligible entries; later rounds shortlisted ones
    (and finalists, for a final round after a shortlist round)."""
    if is_first_round(round):
        return [EntryState.ELIGIBLE]
    return [EntryState.SHORTLISTED, EntryState.FINALIST]


def entries_for_round(round: Round) -> QuerySet[Entry]:
    """The entries a round judges: its categories, in the state it takes."""
    return (
        Entry.objects.filter(
            category__in=round.categories.all(), state__in=entry_states_for(round)
        )
        .select_related("category")
        .order_by("pk")
    )


def jurors_with_load(*, round: Round) -> list[Juror]:
    """Every juror of the round's award, with `load` (their assignments in the
    round) and `scored` (those with a submitted sheet): one query."""
    return list(
        Juror.objects.filter(award_id=round.award_id)
        .select_related("user")
        .annotate(
            load=Count("assignments", filter=Q(assignments__round=round)),
            scored=Count(
                "assignments",
                filter=Q(
                    assignments__round=round,
                    assignments__sheet__submitted_at__isnull=False,
                ),
            ),
        )
    )


def round_assignments(*, round: Round, limit: int = 500) -> QuerySet[Assignment]:
    """The round's first `limit` assignments, by entry and juror, with what the
    management page shows of each."""
    return (
        Assignment.objects.filter(round=round)
        .select_related("entry", "juror__user", "sheet")
        .order_by("entry_id", "juror_id")[:limit]
    )
