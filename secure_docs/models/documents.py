"""Keys, documents, their encrypted versions, and who accessed them.

Only ciphertext is stored: a version row points at an object in the `secure_docs`
storage and records the fingerprints it is encrypted to.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investigations.models import Investigation, Task
from secure_docs.enums import AccessMode, DocumentLanguage, JobReason, JobStatus


class PersonalKey(models.Model):
    """A user's own OpenPGP public key, validated by crypto.inspect_public_key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_key",
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=40)
    public_key = models.TextField(_("public key"))
    algorithm = models.CharField(_("algorithm"), max_length=40)
    user_ids = models.CharField(_("user IDs"), max_length=500, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # Set by the reminder task so a key is reminded about once.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal key")
        verbose_name_plural = _("personal keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fingerprint__regex=r"^[0-9A-F]{40}$"),
                name="secure_docs_personalkey_fingerprint_hex",
            ),
        ]

    def __str__(self) -> str:
        return self.fingerprint

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class WorkspaceKey(models.Model):
    """An investigation's own key pair; the secret half is wrapped with the KEK."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="workspace_keys"
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=40, unique=True)
    public_key = models.TextField()
    wrapped_secret_key = models.TextField(editable=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("workspace key")
        verbose_name_plural = _("workspace keys")
        constraints = [
            models.UniqueConstraint(
                fields=["investigation"],
                condition=models.Q(is_active=True),
                name="secure_docs_one_active_workspace_key",
            ),
        ]

    def __str__(self) -> str:
        return self.fingerprint


class Document(models.Model):
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    tags = models.CharField(
        _("tags"), max_length=200, blank=True, help_text=_("Separated by commas.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=DocumentLanguage.choices,
        help_text=_("For scans: the language to read them in."),
    )
    tasks = models.ManyToManyField(
        Task, verbose_name=_("tasks"), blank=True, related_name="documents"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class DocumentVersion(models.Model):
    """One upload: ciphertext in storage, the plaintext's hash and size here."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    storage_name = models.CharField(max_length=300, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    ciphertext_size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(_("type"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=255)
    recipients = models.JSONField(_("encrypted to"), default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="secure_docs_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(size__gt=0), name="secure_docs_version_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="secure_docs_version_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class AccessLogEntry(models.Model):
    """Who opened what, how, when and from where. Append-only."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="access_log"
    )
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_log",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=20, choices=AccessMode.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mode__in=AccessMode.values),
                name="secure_docs_access_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.mode} {self.document}"


class Note(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.body[:50]


class ReencryptionJob(models.Model):
    """Progress of bringing every version's recipients in line with the workspace."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="reencryption_jobs"
    )
    reason = models.CharField(max_length=30, choices=JobReason.choices)
    status = models.CharField(
        max_length=20, choices=JobStatus.choices, default=JobStatus.RUNNING
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set at every version done: a running job silent for long has lost its worker.
    progressed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("re-encryption job")
        verbose_name_plural = _("re-encryption jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")),
                name="secure_docs_job_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.investigation} {self.reason} {self.done}/{self.total}"


class IntegrityAlert(models.Model):
    """A version that failed to decrypt or whose plaintext hash did not match."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="integrity_alerts"
    )
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.CASCADE,
        related_name="integrity_alerts",
    )
    detail = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("integrity alert")
        verbose_name_plural = _("integrity alerts")

    def __str__(self) -> str:
        return self.detail
