"""Organisers' broadcasts: write a draft, send it once, and the worker's batches.

A broadcast is written by an organiser of its award to the entrants (and
co-authors) of the award, of one of its categories or of one of its rounds.
`broadcast_send` moves a draft to sending exactly once (a double click or a second
organiser is refused) and asks a worker to deliver it after commit. The worker
(`broadcast_deliver_batch`, in batches) picks the recipients without a delivery
row: each row is written in the same transaction as the email is handed to the
mail server, so a retried task, a second worker or a restart never tells anyone
twice. Recipients who unsubscribed from broadcasts get a "skipped" row, no email.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from accounts.emails import refused_for_good
from accounts.emails import send as send_email
from accounts.models import User
from awards import clock
from awards.enums import BroadcastAudience, BroadcastState, DeliveryStatus
from awards.jury.models import Round
from awards.jury.services._common import require_organiser
from awards.models import Award, Broadcast, BroadcastDelivery, Category
from awards.selectors.broadcasts import (
    broadcast_audience,
    broadcast_recipients_pending,
)

BATCH_SIZE = 50


def _fill(
    broadcast: Broadcast,
    *,
    audience: str,
    category: Category | None,
    round: Round | None,
    subject: str,
    body: str,
) -> Broadcast:
    broadcast.audience = audience
    broadcast.category = category if audience == BroadcastAudience.CATEGORY else None
    broadcast.round = round if audience == BroadcastAudience.ROUND else None
    broadcast.subject = subject.strip()
    broadcast.body = body.strip()
    if audience == BroadcastAudience.CATEGORY and category is None:
        raise ValidationError({"category": _("Choose the category.")})
    if audience == BroadcastAudience.ROUND and round is None:
        raise ValidationError({"round": _("Choose the round.")})
    broadcast.full_clean()
    broadcast.save()
    return broadcast


@transaction.atomic
def broadcast_create(
    *,
    award: Award,
    actor: User,
    audience: str,
    subject: str,
    body: str,
    category: Category | None = None,
    round: Round | None = None,
) -> Broadcast:
    """Write a draft broadcast to the entrants of `award`, of its `category` or of
    its `round` (never another award's). Organisers of the award only."""
    require_organiser(actor, award.pk)
    broadcast = Broadcast(award=award, created_by=actor)
    return _fill(
        broadcast,
        audience=audience,
        category=category,
        round=round,
        subject=subject,
        body=body,
    )


@transaction.atomic
def broadcast_update(
    *,
    broadcast: Broadcast,
    actor: User,
    audience: str,
    subject: str,
    body: str,
    category: Category | None = None,
    round: Round | None = None,
) -> Broadcast:
    """Change a draft; once sending or sent a broadcast is never changed."""
    require_organiser(actor, broadcast.award_id)
    broadcast = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    if broadcast.state != BroadcastState.DRAFT:
        raise ValidationError(
            _("This broadcast has been sent: it can no longer be changed."),
            code="not_draft",
        )
    return _fill(
        broadcast,
        audience=audience,
        category=category,
        round=round,
        subject=subject,
        body=body,
    )


@transaction.atomic
def broadcast_send(*, broadcast: Broadcast, actor: User) -> Broadcast:
    """Start sending a draft: once. A broadcast already sending or sent is refused
    (the second click of a double click, a second organiser); so is one nobody
    would receive. A worker delivers it after commit."""
    from awards.tasks import broadcast_deliver

    require_organiser(actor, broadcast.award_id)
    broadcast = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    if broadcast.state != BroadcastState.DRAFT:
        raise ValidationError(
            _("This broadcast is already being sent, or has been sent."),
            code="already_sent",
        )
    total = broadcast_audience(broadcast).count()
    if total == 0:
        raise ValidationError(
            _("Nobody would receive this broadcast: its audience has no entrants."),
            code="no_recipients",
        )
    broadcast.state = BroadcastState.SENDING
    broadcast.sent_by = actor
    broadcast.sending_at = clock.now()
    broadcast.total_count = total
    broadcast.full_clean()
    broadcast.save()
    broadcast_id = broadcast.pk
    transaction.on_commit(lambda: _enqueue(broadcast_deliver, broadcast_id))
    return broadcast


def _enqueue(task, broadcast_id: int) -> None:
    """Hand the broadcast to a worker; if the broker is down the beat task
    (`broadcasts_resume`) hands it over within minutes, so the page still answers."""
    try:
        task.delay(broadcast_id)
    except Exception:  # noqa: BLE001 - the broker is the outside world here
        logging.getLogger(__name__).warning(
            "broadcast %s not queued; the beat task will retry",
            broadcast_id,
            exc_info=True,
        )


# Not one transaction: each recipient is its own (row and email together), so the
# progress is visible while the batch runs and a failure keeps what went out.
def broadcast_deliver_batch(*, broadcast_id: int, size: int = BATCH_SIZE) -> bool:
    """Deal with up to `size` recipients of a sending broadcast; returns whether
    any remain.

    Each recipient gets a delivery row in the same transaction as their email
    goes to the mail server: sent, skipped (unsubscribed: no email), or failed (the
    server refused the address for good). A dead server raises and rolls back that
    recipient, so the task retries from there. When none remain, the broadcast is
    sent. A broadcast not sending (a draft, or done) is left alone.
    """
    from awards.broadcast_mail import broadcast_message

    broadcast = (
        Broadcast.objects.select_related("award", "category", "round")
        .filter(pk=broadcast_id, state=BroadcastState.SENDING)
        .first()
    )
    if broadcast is None:
        return False
    batch = list(broadcast_recipients_pending(broadcast)[:size])
    try:
        for user in batch:
            _deliver_one(broadcast, user, broadcast_message)
    finally:
        _count(broadcast)
    if not broadcast_recipients_pending(broadcast).exists():
        # Someone who left the audience mid-send (an entry withdrawn) was never
        # dealt with: the total is what was dealt with, so the bar ends full.
        Broadcast.objects.filter(pk=broadcast.pk, state=BroadcastState.SENDING).update(
            state=BroadcastState.SENT,
            sent_at=clock.now(),
            total_count=broadcast.deliveries.count(),
        )
        return False
    return True


def _deliver_one(broadcast: Broadcast, user: User, render) -> None:
    with transaction.atomic():
        status = (
            DeliveryStatus.SENT if user.accepts_broadcasts else DeliveryStatus.SKIPPED
        )
        try:
            with transaction.atomic():
                delivery = BroadcastDelivery.objects.create(
                    broadcast=broadcast, user=user, status=status
                )
        except IntegrityError:
            return  # another worker dealt with them meanwhile
        if status == DeliveryStatus.SKIPPED:
            return
        subject, body, headers = render(broadcast, user)
        try:
            send_email(subject=subject, body=body, to=[user.email], headers=headers)
        except Exception as error:
            if not refused_for_good(error):
                raise  # the server is down or busy: roll back, retry from here
            # Refused for good: record it, do not retry it, go on to the next.
            delivery.status = DeliveryStatus.FAILED
            delivery.error = str(error)[:500]
            delivery.save(update_fields=["status", "error"])


def _count(broadcast: Broadcast) -> None:
    """Store the figures the progress bar reads, from the delivery rows."""
    figures = dict.fromkeys(DeliveryStatus.values, 0)
    for row in broadcast.deliveries.values("status").annotate(n=Count("pk")):
        figures[row["status"]] = row["n"]
    # Someone who joined the audience mid-send (a co-author added) is sent to as
    # well: the total grows with them, so the bar never passes its end.
    Broadcast.objects.filter(pk=broadcast.pk).update(
        total_count=Greatest("total_count", sum(figures.values())),
        sent_count=figures[DeliveryStatus.SENT],
        failed_count=figures[DeliveryStatus.FAILED],
        skipped_count=figures[DeliveryStatus.SKIPPED],
    )
