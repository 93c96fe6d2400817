"""An award's results going public, and who has been told them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models.awards import Award


class ResultsPublication(models.Model):
    """When an award's results (its prizes) become public: now or at a set time.

    Results are public once `publish_at` has passed; until then no page, feed,
    sitemap or API names a winner. `purged_at` records that the public cache was
    emptied after the results went out (immediately, or by the beat task when a
    scheduled time comes).
    """

    award = models.OneToOneField(
        Award,
        on_delete=models.CASCADE,
        related_name="results_publication",
        verbose_name=_("award"),
    )
    publish_at = models.DateTimeField(_("results public from"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    purged_at = models.DateTimeField(_("cache purged at"), null=True, blank=True)
    # The head of the (global) jury audit chain when the results became public: the
    # record `results_publish` appended, which covers records 1..audit_sequence.
    # Empty while a publication is only scheduled, and on publications made before
    # heads were recorded.
    audit_sequence = models.PositiveBigIntegerField(
        _("audit records covered"), null=True, blank=True
    )
    audit_head = models.CharField(_("audit head hash"), max_length=64, blank=True)
    # Set once every entrant and co-author has been sent the results (ResultsEmail
    # holds who); until then the beat task keeps asking a worker to finish.
    entrants_told_at = models.DateTimeField(
        _("entrants told at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("results publication")
        verbose_name_plural = _("results publications")
        constraints = [
            models.CheckConstraint(
                condition=(Q(audit_sequence__isnull=True) & Q(audit_head=""))
                | (Q(audit_sequence__isnull=False) & ~Q(audit_head="")),
                name="awards_resultspublication_head_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.publish_at:%Y-%m-%d %H:%M}"


class ResultsEmail(models.Model):
    """One person told the results of an award: the entrant or a co-author of at
    least one judged entry. At most one per person and publication, so a retried or
    repeated send writes to nobody twice."""

    publication = models.ForeignKey(
        ResultsPublication,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("results publication"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("results email")
        verbose_name_plural = _("results emails")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "user"], name="awards_resultsemail_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication} → {self.user}"
