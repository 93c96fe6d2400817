"""Deliberation in a final round as jurors and organisers read it.

A juror reaches an entry's thread only through their own assignment to it in a
final round that is not a draft, as an active juror with no conflict; anything
else is a 404. The thread opens when scoring closes (the provisional rank no
longer moves, and nobody's scores are swayed by the discussion) and closes when
the round is decided or the chair records the entry's decision. In a blind round
jurors read each other as stable pseudonyms, never names. (Writing: services/
deliberation.py.)
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.enums import RoundKind, RoundState
from awards.jury.models import (
    Assignment,
    Decision,
    DeliberationPost,
    Juror,
    RankVote,
    Round,
)
from awards.jury.selectors.conflicts import has_conflict
from awards.jury.selectors.results import EntryResult, round_results
from awards.jury.selectors.scoring import VISIBLE_STATES


def deliberation_seat(*, user: User, round_id: int, entry_id: int) -> Assignment:
    """The user's assignment to the entry in a final round, or 404 (not theirs,
    not a final, a draft round, a removed or not yet accepted seat, a conflict)."""
    assignment = (
        Assignment.objects.filter(
            round_id=round_id,
            entry_id=entry_id,
            round__kind=RoundKind.FINAL,
            round__state__in=VISIBLE_STATES,
            juror__user=user,
            juror__accepted_at__isnull=False,
            juror__removed_at__isnull=True,
        )
        .select_related(
            "round__award", "round__chair", "juror", "entry__category__award"
        )
        .first()
    )
    if assignment is None or has_conflict(assignment.juror, assignment.entry):
        raise Http404
    return assignment


def deliberation_refusal(*, round: Round, decided: bool) -> str | None:
    """Why nobody may post or vote in an entry's thread now, or None if they may."""
    if round.state in (RoundState.DRAFT, RoundState.OPEN):
        return _("The discussion opens when scoring closes.")
    if round.state == RoundState.DECIDED:
        return _("This round is decided: the discussion is closed.")
    if decided:
        return _("The chair has recorded the decision: the discussion is closed.")
    return None


def is_chair(*, round: Round, user: User) -> bool:
    """`user` holds the round's chair, as an active juror."""
    chair = round.chair
    return chair is not None and chair.user_id == user.pk and chair.is_active


def juror_labels(*, round: Round, viewer_id: int | None) -> dict[int, str]:
    """How each juror of the round is named in its threads (one query).

    Blind round: "Juror N", numbered in an order keyed by the site's secret
    (`pseudonym_order`), so the number is stable within the round and says
    nothing of who they are (not the order they were invited or assigned in,
    which a panel could know); the viewer is "You". Otherwise the juror's public
    name (never an email address). A viewer of None (organisers) reads real names
    and email addresses.
    """
    rows = sorted(
        Juror.objects.filter(assignments__round=round)
        .distinct()
        .select_related("user"),
        key=lambda juror: pseudonym_order(round_id=round.pk, juror_id=juror.pk),
    )
    labels = {}
    for number, juror in enumerate(rows, start=1):
        pseudonym = _("Juror %(n)s") % {"n": number}
        if viewer_id is None:
            labels[juror.pk] = str(juror.user or juror.email)
        elif juror.pk == viewer_id:
            labels[juror.pk] = _("You")
        elif round.is_blind or juror.user is None:
            labels[juror.pk] = pseudonym
        else:
            name = juror.user.public_name
            labels[juror.pk] = name if name != "—" else pseudonym
    return labels


def pseudonym_order(*, round_id: int, juror_id: int) -> str:
    """A juror's place among a round's pseudonyms: an HMAC of the round and juror
    under the site's secret, unguessable without it and different per round."""
    message = f"deliberation-pseudonym:{round_id}:{juror_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@dataclass
class Post:
    label: str
    body: str
    created_at: object
    is_own: bool = False


@dataclass
class Thread:
    """An entry's deliberation as one reader sees it."""

    round: Round
    entry: object
    result: EntryResult | None
    category_size: int
    posts: list[Post]
    agree: int
    disagree: int
    my_vote: bool | None
    decision: Decision | None
    is_chair: bool
    refusal: str | None

    @property
    def is_open(self) -> bool:
        return self.refusal is None


def _result(round: Round, entry_id: int) -> tuple[EntryResult | None, int]:
    """The entry's provisional rank in its category, and how many are ranked
    there; none while scoring is open (the ranking would reveal others' scores)."""
    if round.state in (RoundState.DRAFT, RoundState.OPEN):
        return None, 0
    results = round_results(round=round, with_bins=False).entries
    mine = next((r for r in results if r.entry_id == entry_id), None)
    if mine is None:
        return None, 0
    return mine, sum(r.category_id == mine.category_id for r in results)


def thread_for_juror(*, assignment: Assignment, user: User) -> Thread:
    """The thread of the assignment's entry for its juror (from
    `deliberation_seat`): rank, posts under the round's labels, votes, decision."""
    round, entry = assignment.round, assignment.entry
    labels = juror_labels(round=round, viewer_id=assignment.juror_id)
    posts = DeliberationPost.objects.filter(round=round, entry=entry).order_by(
        "created_at", "pk"
    )
    votes = dict(
        RankVote.objects.filter(round=round, entry=entry).values_list(
            "juror_id", "agrees"
        )
    )
    if round.state in (RoundState.DRAFT, RoundState.OPEN):
        # A round re-opened for scoring: what was said must not sway the scores.
        posts, votes = DeliberationPost.objects.none(), {}
    decision = Decision.objects.filter(round=round, entry=entry).first()
    result, size = _result(round, entry.pk)
    return Thread(
        round=round,
        entry=entry,
        result=result,
        category_size=size,
        posts=[
            Post(
                labels.get(p.juror_id, "?"),
                p.body,
                p.created_at,
                p.juror_id == assignment.juror_id,
            )
            for p in posts
        ],
        agree=sum(votes.values()),
        disagree=sum(not v for v in votes.values()),
        my_vote=votes.get(assignment.juror_id),
        decision=decision,
        is_chair=is_chair(round=round, user=user),
        refusal=deliberation_refusal(round=round, decided=decision is not None),
    )


@dataclass
class EntryDeliberation:
    """One entry of a final round on the organisers' deliberation screen."""

    entry_id: int
    reference: str
    title: str
    category: str
    rank: int | None
    normalised: float | None
    agree: int
    disagree: int
    posts: list[Post]
    decision: Decision | None
    voters: list[tuple[str, bool]]


def deliberation_overview(*, round: Round) -> list[EntryDeliberation]:
    """Every entry of the round's results, with its votes, thread (real names:
    organisers know the jury) and decision; a fixed number of queries."""
    labels = juror_labels(round=round, viewer_id=None)
    results = round_results(round=round, with_bins=False).entries
    ranked = {r.entry_id for r in results}
    # Entries that have a thread but no sheet yet still show.
    assigned = (
        Assignment.objects.filter(round=round)
        .exclude(entry_id__in=ranked)
        .values("entry_id", "entry__reference", "entry__title", "entry__category__name")
        .order_by("entry_id")
        .distinct()
    )
    rows = [
        (r.entry_id, r.reference, r.title, r.category, r.rank, r.normalised)
        for r in results
    ] + [
        (
            a["entry_id"],
            a["entry__reference"] or "",
            a["entry__title"],
            a["entry__category__name"],
            None,
            None,
        )
        for a in assigned
    ]
    posts: dict[int, list[Post]] = {}
    for p in DeliberationPost.objects.filter(round=round).order_by("created_at", "pk"):
        posts.setdefault(p.entry_id, []).append(
            Post(labels.get(p.juror_id, "?"), p.body, p.created_at)
        )
    votes: dict[int, list[tuple[str, bool]]] = {}
    for v in RankVote.objects.filter(round=round).order_by("juror_id"):
        votes.setdefault(v.entry_id, []).append((labels.get(v.juror_id, "?"), v.agrees))
    decisions = {
        d.entry_id: d
        for d in Decision.objects.filter(round=round).select_related("chair__user")
    }
    return [
        EntryDeliberation(
            entry_id=entry_id,
            reference=reference,
            title=title,
            category=category,
            rank=rank,
            normalised=normalised,
            agree=sum(agrees for _label, agrees in votes.get(entry_id, [])),
            disagree=sum(not agrees for _label, agrees in votes.get(entry_id, [])),
            posts=posts.get(entry_id, []),
            decision=decisions.get(entry_id),
            voters=votes.get(entry_id, []),
        )
        for entry_id, reference, title, category, rank, normalised in rows
    ]
