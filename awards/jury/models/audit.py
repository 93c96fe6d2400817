"""The audit record of juries: append-only and hash-chained."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.jury.models.rounds import Round


class AuditRecord(models.Model):
    """Append-only, hash-chained log of score changes and round decisions.

    `hash` is sha256(prev_hash + canonical JSON of the record); `verify_audit`
    recomputes the chain and names the first record that does not match.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    action = models.CharField(max_length=40)
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"{self.sequence} {self.action}"
