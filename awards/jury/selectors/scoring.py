"""Scoring as a juror sees it: their rounds, assignments, sheets and, when the
round allows, the other jurors' totals.

A juror reaches an entry only through an assignment of theirs, in a round that is
not a draft, with no conflict; anything else is a 404. (Saving and submitting a
sheet: services/scoring.py.)
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.enums import RoundState, ScoreVisibility
from awards.jury.models import Assignment, ScoreSheet
from awards.jury.selectors.conflicts import has_conflict
from awards.selectors import localized

VISIBLE_STATES = (RoundState.OPEN, RoundState.CLOSED, RoundState.DECIDED)


def _juror_assignments(user: User) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        juror__user=user,
        juror__accepted_at__isnull=False,
        juror__removed_at__isnull=True,
        round__state__in=VISIBLE_STATES,
    )


def rounds_for_juror(*, user: User) -> list[dict]:
    """The juror's rounds with their progress per category, award and category
    names in the juror's language: three queries."""
    rows = (
        _juror_assignments(user)
        .values(
            "round_id",
            "round__name",
            "round__closes_at",
            "round__state",
            "round__award_id",
            "round__award__title",
            "round__award__language",
            "entry__category_id",
            "entry__category__name",
        )
        .annotate(
            assigned=Count("pk"),
            scored=Count("pk", filter=Q(sheet__submitted_at__isnull=False)),
        )
        .order_by("round__closes_at", "round_id", "entry__category__name")
    )
    rows = list(rows)
    # The award's title and categories' names in the juror's language: two queries.
    asked = localized.site_language()
    titles = localized.award_titles({row["round__award_id"] for row in rows})
    names = localized.category_names({row["entry__category_id"] for row in rows})
    rounds: dict[int, dict] = {}
    for row in rows:
        original = row["round__award__language"]
        item = rounds.setdefault(
            row["round_id"],
            {
                "pk": row["round_id"],
                "name": row["round__name"],
                "award": localized.chosen(
                    titles.get(row["round__award_id"]),
                    row["round__award__title"],
                    original,
                    asked,
                ),
                "closes_at": row["round__closes_at"],
                "is_open": row["round__state"] == RoundState.OPEN,
                "assigned": 0,
                "scored": 0,
                "categories": [],
            },
        )
        item["assigned"] += row["assigned"]
        item["scored"] += row["scored"]
        item["categories"].append(
            {
                "name": localized.chosen(
                    names.get(row["entry__category_id"]),
                    row["entry__category__name"],
                    original,
                    asked,
                ),
                "assigned": row["assigned"],
                "scored": row["scored"],
            }
        )
    return list(rounds.values())


def assignments_for_juror(*, user: User) -> QuerySet[Assignment]:
    """The juror's assignments, newest round first, with what the list shows."""
    return (
        _juror_assignments(user)
        .select_related("round", "entry__category__award", "entry__language", "sheet")
        .prefetch_related(localized.category_translations("entry__category__"))
        .order_by("round__closes_at", "entry__category__position", "entry_id")
    )


def assignment_for_juror(*, user: User, pk: int) -> Assignment:
    """One assignment of the juror's, or 404 (not theirs, conflicted, draft round)."""
    assignment = (
        _juror_assignments(user)
        .select_related(
            "round__award", "juror", "entry__category__award", "entry__language"
        )
        .filter(pk=pk)
        .first()
    )
    if assignment is None or has_conflict(assignment.juror, assignment.entry):
        raise Http404
    return assignment


def sheet_of(assignment: Assignment) -> ScoreSheet | None:
    return ScoreSheet.objects.filter(assignment=assignment).first()


@dataclass
class OtherScore:
    label: str
    total: Decimal


def others_scores(*, assignment: Assignment) -> list[OtherScore] | None:
    """Other jurors' submitted totals for the entry, if the round lets this juror
    see them now; None when it does not. Never names the other jurors."""
    round = assignment.round
    if round.score_visibility == ScoreVisibility.NEVER:
        return None
    if round.score_visibility == ScoreVisibility.AFTER_OWN and not (
        ScoreSheet.objects.filter(
            assignment=assignment, submitted_at__isnull=False
        ).exists()
    ):
        return None
    totals = (
        ScoreSheet.objects.filter(
            assignment__round=round,
            assignment__entry_id=assignment.entry_id,
            submitted_at__isnull=False,
        )
        .exclude(assignment=assignment)
        .order_by("pk")
        .values_list("total", flat=True)
    )
    return [
        OtherScore(_("Juror %(n)s") % {"n": n}, total)
        for n, total in enumerate(totals, start=1)
    ]


def sheet_scores(sheet: ScoreSheet | None) -> dict[int, Decimal]:
    if sheet is None:
        return {}
    return dict(sheet.scores.values_list("criterion_id", "value"))
