"""An entry's own video or audio file, sent in pieces with the tus protocol: the
upload's progress while it arrives, then the stored file the public page plays."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.models.entries import Entry


class MediaUpload(models.Model):
    """One tus upload to an entry. `offset` bytes of `length` have arrived; on S3
    they are the multipart upload's `parts` plus a small staged tail. Once complete
    and checked to be audio or video, the entry's `media_file` points here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(
        Entry,
        on_delete=models.CASCADE,
        related_name="media_uploads",
        verbose_name=_("entry"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=120)
    declared_type = models.CharField(_("declared type"), max_length=100)
    # Set on completion from the file's first bytes, never from what was declared.
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    length = models.PositiveBigIntegerField(_("size in bytes"))
    offset = models.PositiveBigIntegerField(_("bytes received"), default=0)
    # The object's key in the default storage; random, never the sender's name.
    file = models.FileField(_("file"), max_length=300)
    s3_upload_id = models.CharField(max_length=300, blank=True, editable=False)
    parts = models.JSONField(default=list, blank=True, editable=False)
    # A PATCH holds the upload while it streams; a dead one's hold lapses.
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("media upload")
        verbose_name_plural = _("media uploads")
        constraints = [
            models.CheckConstraint(
                condition=Q(length__gt=0), name="awards_mediaupload_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(offset__lte=F("length")),
                name="awards_mediaupload_offset_within_length",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | (Q(offset=F("length")) & ~Q(content_type="")),
                name="awards_mediaupload_complete_is_checked",
            ),
        ]
        indexes = [models.Index(fields=["completed_at", "expires_at"])]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def is_audio(self) -> bool:
        return self.content_type.startswith("audio/")
