"""Celery tasks for secure documents: take ids, call one service, safe to re-run."""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.emails import send as send_email
from accounts.selectors import language_for
from accounts.tasks import EMAIL_TASK
from investigations import selectors as investigation_selectors
from investigations.models import Investigation
from secure_docs import selectors, services
from secure_docs.crypto import SourceUnavailable
from secure_docs.enums import JobReason, JobStatus
from secure_docs.models import IntegrityAlert, PersonalKey, SavedSearchMatch

logger = logging.getLogger(__name__)

REMIND_DAYS = 14


def _url(name: str, *args) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _language(user) -> str:
    # Accounts that never chose a language of emails keep their investigations one.
    preferences = investigation_selectors.notification_settings_for(user=user)
    return language_for(user, fallback=preferences.language if preferences.pk else None)


def _send(*, to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language):
        subject = render_to_string(f"secure_docs/email/{template}_subject.txt", context)
        body = render_to_string(f"secure_docs/email/{template}.txt", context)
    send_email(subject=subject, body=body, to=[to])


@shared_task(acks_late=True)
def workspace_key_create(investigation_id: int) -> None:
    """Give a new investigation its workspace key (no-op if it has one)."""
    investigation = Investigation.objects.filter(pk=investigation_id).first()
    if investigation is not None:
        services.workspace_key_ensure(investigation=investigation)


@shared_task(acks_late=True)
def reencrypt_investigation(investigation_id: int, reason: str) -> None:
    """Re-encrypt the versions whose recipients are out of line (resumable)."""
    services.reencrypt_investigation(investigation_id=investigation_id, reason=reason)


@shared_task(acks_late=True)
def reconcile_recipients() -> None:
    """Catch up any version left out of line (an upload that raced a membership
    change, a guest whose access ended): one resumable pass per investigation.

    It also tidies what a killed worker left: its job still `running` (closed by
    the pass) and its orphan objects in the storage (deleted)."""
    for investigation_id in (
        Investigation.objects.filter(
            Q(documents__isnull=False) | Q(reencryption_jobs__status=JobStatus.RUNNING)
        )
        .distinct()
        .values_list("pk", flat=True)
    ):
        services.reencrypt_investigation(
            investigation_id=investigation_id, reason=JobReason.MEMBERS_CHANGED
        )
    services.orphans_delete()


@shared_task(acks_late=True)
def verify_documents() -> None:
    """Decrypt every version and compare its SHA-256; mismatches alert the leads."""
    services.documents_verify()


@shared_task(**EMAIL_TASK)
def notify_integrity_alert(alert_id: int) -> None:
    """Email the investigation's leads about a version that failed its check."""
    alert = (
        IntegrityAlert.objects.select_related("investigation", "version__document")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None:
        return
    investigation = alert.investigation
    for membership in (
        selectors.current_members(investigation=investigation)
        .filter(role="lead")
        .select_related("user")
    ):
        _send(
            to=membership.user.email,
            language=_language(membership.user),
            template="integrity_alert",
            context={
                "investigation": investigation,
                "document": alert.version.document,
                "version": alert.version,
                "url": _url(
                    "secure_docs:detail",
                    investigation.codename,
                    alert.version.document_id,
                ),
            },
        )


@shared_task(**EMAIL_TASK)
def remind_expiring_keys() -> int:
    """Email owners of personal keys that expire within two weeks, once per key."""
    soon = timezone.now() + datetime.timedelta(days=REMIND_DAYS)
    sent = 0
    keys = PersonalKey.objects.filter(
        expires_at__isnull=False,
        expires_at__gt=timezone.now(),
        expires_at__lte=soon,
        reminded_at__isnull=True,
    ).select_related("user")
    for key in keys:
        if not services.personal_key_mark_reminded(key_id=key.pk):
            continue
        _send(
            to=key.user.email,
            language=_language(key.user),
            template="key_expiring",
            context={"key": key, "url": _url("secure_docs:personal_key")},
        )
        sent += 1
    return sent


# Reading a 300-page scan takes long: its own time limits, and progress is kept
# per page, so a run cut short resumes where it stopped.
INDEX_TASK = {
    "acks_late": True,
    "soft_time_limit": 3 * 3600,
    "time_limit": 3 * 3600 + 300,
}


@shared_task(bind=True, max_retries=6, **INDEX_TASK)
def index_unit(self, unit_id: int) -> None:
    """Read and index one search unit (resumable; a second run changes nothing),
    then look for the saved searches a new document matches.

    A dead document store is retried with a backoff; any other failure marks the
    unit and is logged by type only (a parser's message may quote the document).
    """
    try:
        services.unit_index(unit_id=unit_id)
    except SourceUnavailable as error:
        if self.request.is_eager:
            logger.warning("search unit %s: the document store is down", unit_id)
            return
        raise self.retry(countdown=60 * 2**self.request.retries) from error
    except SoftTimeLimitExceeded:
        # The parts read so far are kept: the hourly reconcile resumes from there.
        logger.warning("search unit %s: time limit reached, will resume", unit_id)
        return
    except Exception as error:  # noqa: BLE001 - one document never stops the worker
        logger.error(
            "search unit %s: indexing failed (%s)", unit_id, type(error).__name__
        )
        services.unit_failed(unit_id=unit_id, detail=type(error).__name__)
        return
    if services.saved_searches_due(unit_id=unit_id):
        saved_searches_check.delay(unit_id)


@shared_task(acks_late=True)
def index_reconcile() -> int:
    """Index what is not indexed yet: units a dead worker left half-read, and
    versions, tasks, comments and notes that never got a unit."""
    services.units_ensure()
    pending = services.units_to_index()
    for unit_id in pending:
        index_unit.delay(unit_id)
    return len(pending)


@shared_task(acks_late=True)
def saved_searches_check(unit_id: int) -> None:
    """Find the saved searches a newly indexed document matches."""
    services.saved_searches_check(unit_id=unit_id)


@shared_task(**EMAIL_TASK)
def notify_saved_search_match(match_id: int) -> None:
    """Tell a member a new document matches their saved search.

    The email names neither the query nor the document: only a link, behind
    the sign-in, shows them."""
    match = (
        SavedSearchMatch.objects.select_related(
            "saved_search__user", "saved_search__investigation", "unit__version"
        )
        .filter(pk=match_id)
        .first()
    )
    if match is None:
        return
    saved = match.saved_search
    access = investigation_selectors.access_for(
        user=saved.user, investigation=saved.investigation
    )
    if access is None:
        return
    _send(
        to=saved.user.email,
        language=_language(saved.user),
        template="saved_search_match",
        context={
            "investigation": saved.investigation,
            "url": _url(
                "secure_docs:saved_search_run", saved.investigation.codename, saved.pk
            ),
        },
    )
