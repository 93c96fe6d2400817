"""Organisers' broadcasts: who receives one, and the broadcasts an organiser may
open (their own awards' only; anyone else gets a 404)."""

import datetime

from django.db.models import Max, Q, QuerySet
from django.http import Http404

from accounts.models import User
from awards import clock
from awards.enums import (
    COUNTED_STATES,
    BroadcastAudience,
    BroadcastState,
    EntryState,
)
from awards.jury.models import Round
from awards.jury.selectors.rounds import entry_states_for
from awards.models import Award, Broadcast, Category, Entry, EntryCoAuthor
from awards.selectors.teams import awards_for_organiser

# An entry that reached a round and went further still belongs to its entrants.
_REACHED = {
    EntryState.ELIGIBLE: {
        EntryState.ELIGIBLE,
        EntryState.SHORTLISTED,
        EntryState.FINALIST,
        EntryState.WINNER,
    },
    EntryState.SHORTLISTED: {
        EntryState.SHORTLISTED,
        EntryState.FINALIST,
        EntryState.WINNER,
    },
    EntryState.FINALIST: {EntryState.FINALIST, EntryState.WINNER},
}


def _entries_of(broadcast: Broadcast) -> QuerySet[Entry]:
    """The entries whose authors a broadcast is for: submitted ones (drafts and
    withdrawn entries are nobody's business any more) of the award, the category,
    or every entry that reached the round."""
    entries = Entry.objects.filter(
        category__award_id=broadcast.award_id, state__in=COUNTED_STATES
    )
    if broadcast.audience == BroadcastAudience.CATEGORY:
        entries = entries.filter(category_id=broadcast.category_id)
    elif broadcast.audience == BroadcastAudience.ROUND:
        round_ = broadcast.round
        states = set()
        for state in entry_states_for(round_):
            states |= _REACHED.get(state, {state})
        entries = entries.filter(category__in=round_.categories.all(), state__in=states)
    return entries


def broadcast_audience(broadcast: Broadcast) -> QuerySet[User]:
    """Everyone the broadcast is for, unsubscribed or not: the entrants and
    co-authors of its entries, active accounts only, each once, by id."""
    entries = _entries_of(broadcast)
    return User.objects.filter(
        Q(pk__in=entries.values("owner_id"))
        | Q(pk__in=EntryCoAuthor.objects.filter(entry__in=entries).values("user_id")),
        is_active=True,
    ).order_by("pk")


def broadcast_recipients(broadcast: Broadcast) -> QuerySet[User]:
    """The audience who accept organisers' broadcasts: who it is sent to."""
    return broadcast_audience(broadcast).filter(accepts_broadcasts=True)


def broadcast_recipients_pending(broadcast: Broadcast) -> QuerySet[User]:
    """Recipients not yet dealt with (no delivery row): what a worker sends next."""
    return broadcast_audience(broadcast).exclude(
        pk__in=broadcast.deliveries.values("user_id")
    )


def broadcasts_of_award(*, award: Award) -> QuerySet[Broadcast]:
    """An award's broadcasts, newest first, for its organisers' list."""
    return Broadcast.objects.filter(award=award).select_related(
        "category", "round", "created_by"
    )


def broadcast_for_organiser(*, user: User, pk: int) -> Broadcast:
    """A broadcast of an award `user` organises, or 404."""
    broadcast = (
        Broadcast.objects.select_related("award", "category", "round", "created_by")
        .filter(pk=pk, award__in=awards_for_organiser(user=user))
        .first()
    )
    if broadcast is None:
        raise Http404
    return broadcast


def broadcast_choices(*, award: Award) -> tuple[QuerySet, QuerySet]:
    """The categories and rounds a broadcast of `award` may be addressed to."""
    return (
        Category.objects.filter(award=award).order_by("position", "name"),
        Round.objects.filter(award=award).order_by("position", "pk"),
    )


# A sending broadcast with no delivery for this long has lost its worker.
STALL = datetime.timedelta(minutes=5)


def broadcasts_stalled(*, now: datetime.datetime | None = None) -> list[int]:
    """Broadcasts still sending with no delivery written for `STALL` (the worker
    died, the broker lost the task, or the mail server failed for good): the beat
    task hands them to a worker again."""
    since = (now or clock.now()) - STALL
    return list(
        Broadcast.objects.filter(state=BroadcastState.SENDING, sending_at__lt=since)
        .annotate(last=Max("deliveries__created_at"))
        .filter(Q(last__isnull=True) | Q(last__lt=since))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
