"""Jurors' bids on entries of rounds that are not blind, and their expertise."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.enums import BidChoice
from awards.jury.models import Bid, Juror, Round
from awards.jury.selectors.bids import biddable_entries, bidding_seat
from awards.models import Category


@transaction.atomic
def bids_record(*, round: Round, actor: User, choices: dict[int, str]) -> int:
    """Record `actor`'s bids ({entry id: choice, or "" to withdraw}) on `round`.

    Only an active juror of the round's award, in a draft or open round that is
    not blind, on entries of that round it may judge (its categories, no
    conflict). Returns how many bids changed.
    """
    seat = bidding_seat(user=actor, round_id=round.pk)
    if seat is None:
        raise PermissionDenied
    round, juror = seat
    if any(choice and choice not in BidChoice.values for choice in choices.values()):
        raise ValidationError(_("Choose eager, willing or rather not."))
    known = {entry.pk for entry in biddable_entries(round=round, juror=juror)}
    if set(choices) - known:
        raise ValidationError(_("Bid only on the entries of this round."))
    current = dict(
        Bid.objects.filter(round=round, juror=juror).values_list("entry_id", "choice")
    )
    changed = 0
    for entry_id, choice in sorted(choices.items()):
        if current.get(entry_id, "") == choice:
            continue
        changed += 1
        if not choice:
            Bid.objects.filter(round=round, juror=juror, entry_id=entry_id).delete()
            continue
        bid = Bid.objects.filter(round=round, juror=juror, entry_id=entry_id).first()
        bid = bid or Bid(round=round, juror=juror, entry_id=entry_id)
        bid.choice = choice
        bid.full_clean()
        bid.save()
    return changed


@transaction.atomic
def expertise_record(*, juror: Juror, actor: User, categories: list[Category]) -> None:
    """Set the categories `juror` knows well: the juror themselves (active), only
    categories of their award. A preference the assignment weighs, never a rule."""
    if juror.user_id != actor.pk or not juror.is_active:
        raise PermissionDenied
    if any(category.award_id != juror.award_id for category in categories):
        raise ValidationError(_("Choose categories of your award only."))
    juror.expertise.set(categories)
