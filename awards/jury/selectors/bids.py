"""Jurors' bids on the entries of rounds that are not blind, and what they cost
the assignment.

A bid is a preference, never a rule: eager costs nothing, willing (or no bid) a
little, "rather not" much more — as much as letting a juror carry about four
entries above the even share — so the flow avoids it wherever the hard rules and
a fair load allow, and still uses it when nothing else serves the entry.
"""

from django.db.models import QuerySet

from accounts.models import User
from awards.jury.enums import BidChoice, RoundState
from awards.jury.models import Bid, Juror, Round
from awards.jury.selectors.rounds import entries_for_round
from awards.models import Entry

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


def bids_for_juror(*, round: Round, juror: Juror) -> list[tuple[Entry, str]]:
    """Each entry of the round (title only is shown) with the juror's bid ("" if
    none). Two queries."""
    mine = dict(
        Bid.objects.filter(round=round, juror=juror).values_list("entry_id", "choice")
    )
    return [(entry, mine.get(entry.pk, "")) for entry in entries_for_round(round)]


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
