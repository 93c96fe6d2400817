"""Jurors' bids on the entries of rounds that are not blind, their expertise, and
what both cost the assignment.

A bid is a preference, never a rule: eager costs nothing, willing (or no bid) a
little, "rather not" much more — as much as letting a juror carry about four
entries above the even share — so the flow avoids it wherever the hard rules and
a fair load allow, and still uses it when nothing else serves the entry. A juror
who does not count an entry's category among the ones they know well costs the
round's `expertise_weight` more (0: expertise is ignored).
"""

from django.db.models import QuerySet

from accounts.models import User
from awards.jury.enums import BidChoice, RoundState
from awards.jury.models import Bid, Juror, Round
from awards.jury.selectors.conflicts import conflict_map
from awards.jury.selectors.rounds import entries_for_round
from awards.models import Category, Entry

BID_COST = {BidChoice.EAGER: 0, BidChoice.WILLING: 2, BidChoice.NOT: 20}
NO_BID_COST = BID_COST[BidChoice.WILLING]
BIDDING_STATES = (RoundState.DRAFT, RoundState.OPEN)


def rounds_taking_bids(*, user: User) -> QuerySet[Round]:
    """Rounds not blind, draft or open, of awards where `user` is an active juror."""
    return Round.objects.filter(
        is_blind=False,
        state__in=BIDDING_STATES,
        award__jurors__user=user,
        award__jurors__accepted_at__isnull=False,
        award__jurors__removed_at__isnull=True,
    ).order_by("closes_at", "pk")


def bidding_seat(*, user: User, round_id: int) -> tuple[Round, Juror] | None:
    """The round `round_id` and `user`'s juror seat on it, if they may bid on it
    now (rounds_taking_bids); None otherwise."""
    round_ = rounds_taking_bids(user=user).filter(pk=round_id).first()
    if round_ is None:
        return None
    juror = Juror.objects.get(
        award_id=round_.award_id,
        user=user,
        accepted_at__isnull=False,
        removed_at__isnull=True,
    )
    return round_, juror


def biddable_entries(*, round: Round, juror: Juror) -> list[Entry]:
    """The round's entries `juror` may bid on: of the categories they judge, and
    none they are in conflict with (whose title they are not shown either)."""
    entries = entries_for_round(round)
    judged = list(juror.categories.values_list("pk", flat=True))
    if judged:
        entries = entries.filter(category_id__in=judged)
    entries = list(entries)
    conflicts = conflict_map(jurors=[juror], entries=entries)
    return [entry for entry in entries if (juror.pk, entry.pk) not in conflicts]


def bids_for_juror(*, round: Round, juror: Juror) -> list[tuple[Entry, str]]:
    """Each entry the juror may bid on (title only is shown) with their bid ("" if
    none). A fixed number of queries."""
    mine = dict(
        Bid.objects.filter(round=round, juror=juror).values_list("entry_id", "choice")
    )
    return [
        (entry, mine.get(entry.pk, ""))
        for entry in biddable_entries(round=round, juror=juror)
    ]


def bid_costs(
    *, round: Round, eligible: dict[int, list[int]]
) -> dict[int, dict[int, int]]:
    """Per entry with any bid, the cost of each eligible juror (no bid: willing).
    Bids of a blind round are never read (there is no page to make them)."""
    if round.is_blind:
        return {}
    costs: dict[int, dict[int, int]] = {}
    for entry_id, juror_id, choice in Bid.objects.filter(round=round).values_list(
        "entry_id", "juror_id", "choice"
    ):
        if entry_id not in eligible:
            continue
        if entry_id not in costs:
            costs[entry_id] = dict.fromkeys(eligible[entry_id], NO_BID_COST)
        if juror_id in costs[entry_id]:
            costs[entry_id][juror_id] = BID_COST[choice]
    return costs


def preference_costs(
    *, round: Round, entries: list[Entry], eligible: dict[int, list[int]]
) -> dict[int, dict[int, int]]:
    """Bids plus expertise: per entry, the cost of each juror. The expertise part
    is one row per category over every juror (an entry takes exactly k jurors, so
    only differences within a row matter), so entries of a category with no bids
    share a row and still share a node of the flow."""
    bids = bid_costs(round=round, eligible=eligible)
    weight = round.expertise_weight
    if not weight:
        return bids
    knows: dict[int, set[int]] = {}
    for juror_id, category_id in Juror.expertise.through.objects.filter(
        juror__award_id=round.award_id
    ).values_list("juror_id", "category_id"):
        knows.setdefault(juror_id, set()).add(category_id)
    everyone = sorted(set().union(*eligible.values())) if eligible else []
    rows: dict[int, dict[int, int]] = {}
    costs: dict[int, dict[int, int]] = {}
    for entry in entries:
        row = rows.get(entry.category_id)
        if row is None:
            row = {
                j: 0 if entry.category_id in knows.get(j, ()) else weight
                for j in everyone
            }
            rows[entry.category_id] = row
        if entry.pk in bids:
            wishes = bids[entry.pk]
            row = {j: cost + wishes.get(j, NO_BID_COST) for j, cost in row.items()}
        costs[entry.pk] = row
    return costs


def expertise_seats(*, user: User) -> list[tuple[Juror, list[Category], set[int]]]:
    """`user`'s active juror seats, each with its award's categories and the ones
    the juror chose as known well. Three queries."""
    seats = list(
        Juror.objects.filter(
            user=user, accepted_at__isnull=False, removed_at__isnull=True
        )
        .select_related("award")
        .order_by("award_id")
    )
    categories: dict[int, list[Category]] = {}
    for category in Category.objects.filter(
        award_id__in=[s.award_id for s in seats]
    ).order_by("pk"):
        categories.setdefault(category.award_id, []).append(category)
    chosen: dict[int, set[int]] = {}
    for juror_id, category_id in Juror.expertise.through.objects.filter(
        juror__in=seats
    ).values_list("juror_id", "category_id"):
        chosen.setdefault(juror_id, set()).add(category_id)
    return [
        (seat, categories.get(seat.award_id, []), chosen.get(seat.pk, set()))
        for seat in seats
    ]
