"""Prize certificates: one per prize, found by an unguessable code that its QR
code and verification page carry."""

import base64
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def certificate_code() -> str:
    """80 random bits as 16 base32 letters and digits: unguessable, and easy to
    read out or type from paper (no 0/O or 1/I confusion, no case)."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


class Certificate(models.Model):
    """The certificate of one prize, issued when the award's results are published.

    Revoked (never deleted) when its prize is withdrawn, so the verification page
    can say so to whoever holds the paper.
    """

    prize = models.OneToOneField(
        "awards.Prize",
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("prize"),
    )
    code = models.CharField(
        _("code"), max_length=32, unique=True, default=certificate_code, editable=False
    )
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=~Q(code=""), name="awards_certificate_has_code"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True)
                | Q(revoked_at__gte=models.F("issued_at")),
                name="awards_certificate_revoked_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
