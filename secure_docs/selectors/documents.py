"""Reads for secure documents, always scoped to the member who asks (Http404 else)."""

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from investigations.access import Access
from investigations.enums import Role
from investigations.models import Investigation, Membership
from secure_docs.models import (
    AccessLogEntry,
    Document,
    DocumentVersion,
    IntegrityAlert,
    Note,
    PersonalKey,
    ReencryptionJob,
    WorkspaceKey,
)


def documents_for(*, access: Access) -> QuerySet[Document]:
    """The workspace's documents with their version count and latest upload."""
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return (
        Document.objects.filter(investigation=access.investigation)
        .select_related("created_by")
        .annotate(
            version_count=Count("versions"),
            latest_at=Max("versions__created_at"),
            latest_size=Subquery(latest.values("size")[:1]),
            latest_name=Subquery(latest.values("original_name")[:1]),
        )
        .order_by("-latest_at", "-id")
    )


def document_for(*, access: Access, document_id: int) -> Document:
    """A document of this workspace; Http404 for any other id."""
    document = (
        Document.objects.filter(investigation=access.investigation, pk=document_id)
        .select_related("created_by")
        .first()
    )
    if document is None:
        raise Http404
    return document


def versions_of(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.select_related("uploaded_by").order_by("-number"))


def version_for(*, document: Document, version_id: int) -> DocumentVersion:
    """A version of this document; Http404 for any other id."""
    version = (
        DocumentVersion.objects.filter(document=document, pk=version_id)
        .select_related("document__investigation")
        .first()
    )
    if version is None:
        raise Http404
    return version


def notes_of(*, document: Document) -> list[Note]:
    return list(document.notes.select_related("author"))


def access_log_of(*, document: Document) -> QuerySet[AccessLogEntry]:
    return document.access_log.select_related("user", "version")


def current_members(*, investigation: Investigation) -> QuerySet[Membership]:
    now = timezone.now()
    return Membership.objects.filter(investigation=investigation).exclude(
        expires_at__lte=now
    )


def personal_key_of(*, user: User) -> PersonalKey | None:
    return PersonalKey.objects.filter(user=user).first()


def active_workspace_key(*, investigation: Investigation) -> WorkspaceKey | None:
    return WorkspaceKey.objects.filter(
        investigation=investigation, is_active=True
    ).first()


def workspace_keys(*, investigation: Investigation) -> list[WorkspaceKey]:
    """Every workspace key (active and retired) still needed to decrypt."""
    return list(WorkspaceKey.objects.filter(investigation=investigation))


def member_keys(
    *, investigation: Investigation
) -> tuple[list[PersonalKey], list[PersonalKey]]:
    """(usable, expired) personal keys of the current members."""
    keys = (
        PersonalKey.objects.filter(
            user__in=current_members(investigation=investigation).values("user")
        )
        .select_related("user")
        .order_by("fingerprint")
    )
    usable, expired = [], []
    for key in keys:
        (expired if key.is_expired else usable).append(key)
    return usable, expired


def storage_used(*, investigation: Investigation) -> int:
    """Bytes of plaintext stored in every version of the workspace (for the quota)."""
    total = DocumentVersion.objects.filter(
        document__investigation=investigation
    ).aggregate(total=Sum("size"))["total"]
    return total or 0


def latest_job(*, investigation: Investigation) -> ReencryptionJob | None:
    return ReencryptionJob.objects.filter(investigation=investigation).first()


def open_alerts(*, investigation: Investigation) -> list[IntegrityAlert]:
    return list(
        IntegrityAlert.objects.filter(investigation=investigation).select_related(
            "version__document"
        )[:20]
    )


def lead_emails(*, investigation: Investigation) -> list[str]:
    return list(
        current_members(investigation=investigation)
        .filter(role=Role.LEAD)
        .values_list("user__email", flat=True)
    )


def versions_to_reencrypt(*, investigation: Investigation, target: list[str]):
    """Ids of versions whose recipients differ from `target` (sorted fingerprints)."""
    return [
        pk
        for pk, recipients in DocumentVersion.objects.filter(
            document__investigation=investigation
        )
        .order_by("pk")
        .values_list("pk", "recipients")
        if sorted(recipients) != target
    ]
