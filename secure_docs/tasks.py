"""Celery tasks for secure documents: take ids, call one service, safe to re-run."""

import datetime

from celery import shared_task
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
from secure_docs.enums import JobReason, JobStatus
from secure_docs.models import IntegrityAlert, PersonalKey

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
