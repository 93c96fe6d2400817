"""Deliberation in a final round: posting in an entry's thread, voting on its
provisional rank, and the chair's decision.

Only the entry's own jurors write (anyone else: 404, as `deliberation_seat`
decides); only while the round is closed and not decided, and until the entry's
decision is recorded; only the round's chair decides. Each write takes the
round's row lock, so a post or vote cannot slip in beside a decision, and goes
into the audit chain.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards import clock
from awards.jury.models import Decision, DeliberationPost, RankVote, Round
from awards.jury.models.deliberation import OUTCOME_MAX, POST_MAX
from awards.jury.selectors.deliberation import (
    deliberation_refusal,
    deliberation_seat,
    is_chair,
)
from awards.jury.selectors.results import round_results
from awards.jury.services.audit import audit_append
from awards.models import Entry


def _open_seat(round: Round, entry: Entry, actor: User):
    """The actor's seat on the entry's thread, with the round locked; refused with
    the reason when the thread is not open."""
    seat = deliberation_seat(user=actor, round_id=round.pk, entry_id=entry.pk)
    round = Round.objects.select_for_update().get(pk=round.pk)
    decided = Decision.objects.filter(round=round, entry=entry).exists()
    refusal = deliberation_refusal(round=round, decided=decided)
    if refusal:
        raise ValidationError(refusal, code="closed")
    return seat, round


@transaction.atomic
def deliberation_post(
    *, round: Round, entry: Entry, actor: User, body: str
) -> DeliberationPost:
    """Add the actor's message to the entry's thread."""
    seat, round = _open_seat(round, entry, actor)
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message before posting."), code="empty")
    if len(body) > POST_MAX:
        raise ValidationError(
            _("A message has at most %(max)s characters; this one has %(n)s.")
            % {"max": POST_MAX, "n": len(body)},
            code="long",
        )
    post = DeliberationPost(
        round=round,
        entry=entry,
        juror=seat.juror,
        body=body,
        created_at=clock.now(),
    )
    post.full_clean()
    post.save()
    audit_append(
        action="deliberation_post",
        actor=actor,
        round=round,
        data={"entry": entry.pk, "juror": seat.juror_id, "body": body},
    )
    return post


@transaction.atomic
def deliberation_vote(
    *, round: Round, entry: Entry, actor: User, agrees: bool
) -> tuple[RankVote, bool]:
    """Record whether the actor agrees with the entry's provisional rank; a juror
    may change their vote until the decision. Returns the vote and whether it
    changed (a repeated vote changes nothing and adds no audit record)."""
    seat, round = _open_seat(round, entry, actor)
    vote = RankVote.objects.filter(round=round, entry=entry, juror=seat.juror).first()
    if vote is not None and vote.agrees == agrees:
        return vote, False
    previous = None if vote is None else vote.agrees
    if vote is None:
        vote = RankVote(round=round, entry=entry, juror=seat.juror, agrees=agrees)
    vote.agrees = agrees
    vote.updated_at = clock.now()
    vote.full_clean(validate_constraints=False)
    vote.save()
    audit_append(
        action="rank_vote",
        actor=actor,
        round=round,
        data={
            "entry": entry.pk,
            "juror": seat.juror_id,
            "agrees": agrees,
            "previous": previous,
        },
    )
    return vote, True


@transaction.atomic
def deliberation_decide(
    *,
    round: Round,
    entry: Entry,
    actor: User,
    outcome: str,
    final_rank: int | None = None,
) -> Decision:
    """The chair records the jury's decision on the entry; its thread closes."""
    seat = deliberation_seat(user=actor, round_id=round.pk, entry_id=entry.pk)
    if not is_chair(round=seat.round, user=actor):
        raise PermissionDenied
    seat, round = _open_seat(round, entry, actor)
    if not is_chair(round=round, user=actor):  # the chair may have changed meanwhile
        raise PermissionDenied
    outcome = (outcome or "").strip()
    errors = {}
    if not outcome:
        errors["outcome"] = _("Write down what the jury decided.")
    elif len(outcome) > OUTCOME_MAX:
        errors["outcome"] = _("The decision has at most %(max)s characters.") % {
            "max": OUTCOME_MAX
        }
    if final_rank is not None:
        ranked = round_results(round=round, with_bins=False).entries
        mine = next((r for r in ranked if r.entry_id == entry.pk), None)
        size = sum(r.category_id == mine.category_id for r in ranked) if mine else 0
        if not 1 <= final_rank <= max(size, 1):
            errors["final_rank"] = _(
                "A final rank is from 1 to %(n)s, the entries ranked in this category."
            ) % {"n": max(size, 1)}
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        round=round,
        entry=entry,
        chair=round.chair,
        decided_by=actor,
        outcome=outcome,
        final_rank=final_rank,
        decided_at=clock.now(),
    )
    decision.full_clean()
    decision.save()
    audit_append(
        action="deliberation_decision",
        actor=actor,
        round=round,
        data={
            "entry": entry.pk,
            "juror": seat.juror_id,
            "outcome": outcome,
            "final_rank": final_rank,
        },
    )
    return decision
