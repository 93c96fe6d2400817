"""Celery tasks for awards: take ids, fetch, call one service."""

from celery import shared_task

from accounts.emails import send as send_email
from accounts.tasks import EMAIL_TASK
from awards import emails, selectors, services
from awards.models import Entry


@shared_task(**EMAIL_TASK)
def entry_confirmation_send(entry_id: int) -> bool:
    """Email the entrant (in their language) and each co-author that the entry is in.

    Idempotent: once recorded as sent, a second run sends nothing.
    """
    entry = (
        Entry.objects.select_related("category__award", "owner")
        .filter(pk=entry_id, confirmation_sent_at__isnull=True)
        .first()
    )
    if entry is None:
        return False
    for subject, body, to in emails.submitted_messages(entry):
        send_email(subject=subject, body=body, to=to)
    return services.entry_confirmation_mark_sent(entry_id=entry_id)


# Jury tasks live with the juries; importing registers them with Celery.
from awards.jury.tasks import jury_reminders_send  # noqa: E402, F401


@shared_task(acks_late=True)
def results_publications_due() -> list[int]:
    """Beat, every minute: purge the public cache for results whose time has come,
    and have the entrants of every public award not yet all told emailed."""
    purged = services.publications_due_purge()
    for award_id in selectors.results_emails_due():
        if award_id not in purged:  # those are told by the `results_published` hook
            results_emails_send.delay(award_id)
    return purged


@shared_task(**EMAIL_TASK)
def results_emails_send(award_id: int) -> int:
    """Email the award's entrants and co-authors the results, each in their own
    language, once they are public. Idempotent per person."""
    return services.results_emails_send(award_id=award_id)


@shared_task(**EMAIL_TASK)
def broadcast_deliver(broadcast_id: int) -> int:
    """Send an organiser's broadcast, batch after batch, each email in its reader's
    language; returns the batches run. Idempotent and resumable: a retry or a
    second run picks up the recipients without a delivery row, and nobody else."""
    batches = 1
    while services.broadcast_deliver_batch(broadcast_id=broadcast_id):
        batches += 1
    return batches


@shared_task(acks_late=True)
def broadcasts_resume() -> list[int]:
    """Beat, every five minutes: hand broadcasts whose worker was lost (still
    sending, nothing delivered for a while) to a worker again. Safe beside a slow
    live worker: a delivery row is written once per person."""
    stalled = selectors.broadcasts_stalled()
    for broadcast_id in stalled:
        broadcast_deliver.delay(broadcast_id)
    return stalled


@shared_task(acks_late=True)
def media_uploads_expire() -> int:
    """Beat, hourly: delete video and audio uploads abandoned for a day (their S3
    multipart uploads aborted). A second run finds nothing left to do."""
    return services.media_uploads_expire()
