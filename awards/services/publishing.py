"""Publishing an award's results: now, or at a scheduled time.

One service moves an award from "results private" to "results public at T"; the
public selectors (awards/selectors/public.py) read `publish_at <= now`, so a scheduled
publication needs no second write to become visible. What does need work when the
time comes is the public cache: `results_published` fires once, when the results
actually become public (at once, or from the beat task `publications_due_purge`),
and the public site empties its cache on it.

Each publication also appends a `results_publish` record to the jury audit chain
and stores that record's sequence and hash: the head of the chain when the results
became public. A publication published now is sealed at once; a scheduled one is
only recorded (`results_schedule`) when staff schedule it, and sealed by the beat
task at its time (`publications_due_purge`), so prizes given or changed in between
are covered by the head the public reads. The head is shown on the award page and
in the open data once the results are public, and `manage.py verify_audit` checks
the chain still reaches it (`published_heads_verify`).

Scheduling or sealing a publication also issues a certificate to each of its
prizes that has none (services/certificates.py): organisers can print them before
a scheduled publication, and every prize the public reads has one.

When the results become public, and not a second before, every entrant and
co-author of a judged entry is emailed what the jury decided, in their own language
(`results_emails_send`); until then "My entries" says "under review".
"""

import datetime
import logging

import django.dispatch
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.emails import refused_for_good
from accounts.emails import send as send_email
from accounts.models import User
from awards import clock
from awards.jury.models import Prize
from awards.jury.services import audit
from awards.models import Award, ResultsEmail, ResultsPublication
from awards.permissions import can_organise_award
from awards.services.certificates import certificates_issue

logger = logging.getLogger(__name__)

# Sent (after commit) when an award's results become public; receivers purge caches.
results_published = django.dispatch.Signal()


def _fire(award_id: int) -> None:
    """Tell every receiver (emails, cache purge, webhooks), each whatever another
    raised: a cache that is down must not keep the webhooks from being made. A
    failure is logged; the beat tasks catch up on what it left undone."""
    for receiver, outcome in results_published.send_robust(
        sender=ResultsPublication, award_id=award_id
    ):
        if isinstance(outcome, Exception):
            logger.error(
                "results_published receiver %s failed for award %s",
                getattr(receiver, "__qualname__", receiver),
                award_id,
                exc_info=outcome,
            )


@transaction.atomic
def results_publish(
    *,
    award: Award,
    actor: User,
    publish_at: datetime.datetime | None = None,
) -> ResultsPublication:
    """Make `award`'s prizes public now (no `publish_at`) or at `publish_at`.

    Only awards staff publish; an award with no prize has nothing to publish; a
    time in the past means now. Re-scheduling is allowed until the results are out;
    once public they stay public (a publication is never moved back). Published
    now, the publication is sealed at once (`results_publish` audit record, stored
    as its head); scheduled, it gets a `results_schedule` record and no head until
    `publications_due_purge` seals it at its time.
    """
    if not can_organise_award(actor, award.pk):
        raise PermissionDenied
    now = clock.now()
    if not Prize.objects.filter(round__award=award, withdrawn_at__isnull=True).exists():
        raise ValidationError(
            _("This award has no prizes yet: decide them in a final round first."),
            code="no_prizes",
        )
    when = max(publish_at or now, now)
    publication = (
        ResultsPublication.objects.select_for_update().filter(award=award).first()
    )
    if publication is not None and publication.publish_at <= now:
        raise ValidationError(
            _("These results are already public."), code="already_public"
        )
    if publication is None:
        publication = ResultsPublication(award=award)
    publication.publish_at = when
    publication.published_by = actor
    if when <= now:
        publication.purged_at = now
        _seal(publication, actor=actor)
        transaction.on_commit(lambda: _fire(award.pk))
    else:
        publication.purged_at = None
        publication.audit_sequence = None
        publication.audit_head = ""
        audit.audit_append(
            action="results_schedule",
            actor=actor,
            round=None,
            data={"award": award.pk, "publish_at": when.isoformat()},
        )
        publication.full_clean()
        publication.save()
        # Issued now so organisers can print them before the ceremony; nobody
        # else sees them (nor their verification page) until the results are out.
        certificates_issue(award=award, now=now)
    return publication


def _seal(publication: ResultsPublication, *, actor: User | None) -> None:
    """Append the `results_publish` record and store it as the publication's head.

    Appended under the chain's lock, so the head is exactly this record and covers
    every record before it: all scores and decisions up to the publication.
    """
    head = audit.audit_append(
        action="results_publish",
        actor=actor,
        round=None,
        data={
            "award": publication.award_id,
            "publish_at": publication.publish_at.isoformat(),
        },
    )
    publication.audit_sequence = head.sequence
    publication.audit_head = head.hash
    publication.full_clean()
    publication.save()
    # Every prize the public now reads gets its certificate (prizes of a
    # scheduled publication given before its time included).
    certificates_issue(award=publication.award, now=publication.purged_at)


@transaction.atomic
def publications_due_purge(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark scheduled publications whose time has come as out, seal each with the
    audit chain's head at that moment, and announce each once (the cache purge).

    Idempotent: a second run finds nothing to do.
    """
    now = now or clock.now()
    due = list(
        ResultsPublication.objects.select_for_update(skip_locked=True)
        .select_related("published_by")
        .filter(publish_at__lte=now, purged_at__isnull=True)
        .order_by("publish_at", "pk")
    )
    for publication in due:
        publication.purged_at = now
        # A head taken when it was scheduled (before this rule) was never shown:
        # the head the public reads is the one at publication.
        _seal(publication, actor=publication.published_by)
    award_ids = [publication.award_id for publication in due]
    for award_id in award_ids:
        transaction.on_commit(lambda award_id=award_id: _fire(award_id))
    return award_ids


def results_emails_send(*, award_id: int, now: datetime.datetime | None = None) -> int:
    """Email each entrant and co-author of `award_id` the results, once they are
    public; returns how many were sent now.

    Before the publication time it sends nothing. Each person is recorded in the
    same transaction as their email is handed to the mail server, so a retry after
    a failure (or a second worker) skips everyone already told and tells the rest.
    """
    from awards import emails

    now = now or clock.now()
    publication = (
        ResultsPublication.objects.select_related("award")
        .filter(award_id=award_id, publish_at__lte=now)
        .first()
    )
    if publication is None or publication.entrants_told_at is not None:
        return 0
    told = set(publication.emails.values_list("user_id", flat=True))
    sent = 0
    for person, subject, body in emails.results_messages(publication.award, now=now):
        if person.pk in told:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    ResultsEmail.objects.create(publication=publication, user=person)
            except IntegrityError:
                continue  # another worker told them meanwhile
            try:
                send_email(subject=subject, body=body, to=[person.email])
            except Exception as error:
                if not refused_for_good(error):
                    raise  # the server is down or busy: roll back, retry later
                # Refused for good: counted as dealt with, so nobody after them
                # waits on a retry that cannot succeed.
                logger.warning(
                    "results email to user %s refused for good: %s", person.pk, error
                )
                continue
        sent += 1
    ResultsPublication.objects.filter(pk=publication.pk).update(entrants_told_at=now)
    return sent
