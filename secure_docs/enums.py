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
