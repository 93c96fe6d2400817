"""Reading plaintext back, checked as it streams; failures are alerted."""

from collections.abc import Iterator

from botocore.exceptions import ClientError
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from investigations.models import Investigation
from secure_docs import crypto, selectors, storage
from secure_docs.models import DocumentVersion, IntegrityAlert
from secure_docs.services._common import enqueue


def _secret_keys(investigation: Investigation) -> list[str]:
    return [
        crypto.unwrap_secret_key(
            key.wrapped_secret_key, kek=settings.QALAM_KEY_ENCRYPTION_KEY
        )
        for key in selectors.workspace_keys(investigation=investigation)
    ]


@transaction.atomic
def integrity_alert_record(*, version: DocumentVersion, detail: str) -> IntegrityAlert:
    """Record a failed decryption or hash mismatch and tell the leads by email."""
    alert = IntegrityAlert(
        investigation=version.document.investigation,
        version=version,
        detail=detail[:500],
    )
    alert.full_clean()
    alert.save()
    enqueue("notify_integrity_alert", alert.pk)
    return alert


def _is_missing(error: Exception) -> bool:
    if isinstance(error, FileNotFoundError):
        return True
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        return code in ("NoSuchKey", "404")
    return False


def version_plaintext(*, version: DocumentVersion) -> Iterator[bytes]:
    """The version's plaintext, checked as it streams; a failure is alerted."""
    investigation = version.document.investigation
    keys = _secret_keys(investigation)
    try:
        source = storage.open_stream(version.storage_name)
    except Exception as error:
        if not _is_missing(error):
            raise crypto.SourceUnavailable(
                _("The document store could not be reached. Please try again later.")
            ) from error
        integrity_alert_record(version=version, detail="the stored object is missing")
        raise crypto.IntegrityFailure(
            _("The stored document is missing from storage.")
        ) from error
    try:
        yield from crypto.decrypt(
            secret_keys=keys, source=source, sha256=version.sha256, size=version.size
        )
    except crypto.IntegrityFailure as error:
        integrity_alert_record(version=version, detail=str(error))
        raise
    finally:
        source.close()


def version_verify(*, version: DocumentVersion) -> bool:
    """Decrypt a version to nowhere and compare its SHA-256 (alerts on mismatch)."""
    try:
        for _chunk in version_plaintext(version=version):
            pass
    except crypto.CryptoError:  # integrity (alerted) or storage down (not checked)
        return False
    return True


def documents_verify(*, investigation_id: int | None = None) -> tuple[int, int]:
    """Verify every version (of one investigation, or all); returns (ok, failed)."""
    versions = DocumentVersion.objects.select_related("document__investigation")
    if investigation_id is not None:
        versions = versions.filter(document__investigation_id=investigation_id)
    ok = failed = 0
    for version in versions.order_by("pk").iterator():
        if version_verify(version=version):
            ok += 1
        else:
            failed += 1
    return ok, failed
