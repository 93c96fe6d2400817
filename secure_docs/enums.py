from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessMode(models.TextChoices):
    VIEW = "view", _("viewed")
    DOWNLOAD = "download", _("downloaded (decrypted)")
    CIPHERTEXT = "ciphertext", _("downloaded the ciphertext")


class JobReason(models.TextChoices):
    MEMBERS_CHANGED = "members_changed", _("members changed")
    KEY_ROTATED = "key_rotated", _("workspace key rotated")


class JobStatus(models.TextChoices):
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    # Its worker died; a later run took over the versions it had not done.
    SUPERSEDED = "superseded", _("interrupted, taken over by a later run")


class DocumentLanguage(models.TextChoices):
    """The language a document is written in; it picks the OCR pack for scans."""

    AUTO = "", _("detect automatically")
    RUSSIAN = "ru", _("Russian")
    KAZAKH = "kk", _("Kazakh")
    UZBEK = "uz", _("Uzbek (Latin)")
    UZBEK_CYRILLIC = "uz-cyrl", _("Uzbek (Cyrillic)")
    KYRGYZ = "ky", _("Kyrgyz")
    TAJIK = "tg", _("Tajik")
    TURKMEN = "tk", _("Turkmen")
    ENGLISH = "en", _("English")


class IndexKind(models.TextChoices):
    """What a searchable unit is: a document version, or text from the board."""

    DOCUMENT = "document", _("document")
    TASK = "task", _("task")
    COMMENT = "comment", _("comment")
    NOTE = "note", _("note")


class IndexStatus(models.TextChoices):
    """Where a unit is on its way into the index."""

    PENDING = "pending", _("waiting to be read")
    READING = "reading", _("reading the text")
    DONE = "done", _("searchable")
    PARTIAL = "partial", _("searchable in part")
    FAILED = "failed", _("not searchable")
