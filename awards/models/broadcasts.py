"""Organisers' broadcasts to the entrants of an award, a category or a round, and
who each has been delivered to (once per person, whatever retries or clicks)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import BroadcastAudience, BroadcastState, DeliveryStatus
from awards.models.awards import Award, Category


class Broadcast(models.Model):
    """One email an organiser writes to the entrants (and co-authors) of their
    award, of one of its categories or of one of its rounds.

    Draft until sent: `broadcast_send` moves it to sending (once), the worker to
    sent when every recipient has a delivery row. The organiser's subject and body
    go out as typed; the greeting, footer and unsubscribe line are translated into
    each reader's language.
    """

    award = models.ForeignKey(
        Award,
        on_delete=models.CASCADE,
        related_name="broadcasts",
        verbose_name=_("award"),
    )
    audience = models.CharField(
        _("recipients"),
        max_length=20,
        choices=BroadcastAudience.choices,
        default=BroadcastAudience.AWARD,
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("category"),
    )
    round = models.ForeignKey(
        "awards.Round",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("round"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("message"),
        max_length=20000,
        help_text=_(
            "Plain text, sent as you type it. Qalam adds a greeting in each "
            "reader's language, and a footer with a link to unsubscribe."
        ),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=BroadcastState.choices,
        default=BroadcastState.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("sent by"),
    )
    sending_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    total_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        constraints = [
            models.CheckConstraint(
                condition=Q(audience=BroadcastAudience.AWARD, category=None, round=None)
                | Q(
                    audience=BroadcastAudience.CATEGORY,
                    category__isnull=False,
                    round=None,
                )
                | Q(
                    audience=BroadcastAudience.ROUND,
                    category=None,
                    round__isnull=False,
                ),
                name="awards_broadcast_audience_complete",
            ),
            models.CheckConstraint(
                condition=Q(state__in=BroadcastState.values),
                name="awards_broadcast_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        # The category or round must be the award's own: an organiser of one award
        # never writes to another's entrants.
        if self.category_id and self.category.award_id != self.award_id:
            raise ValidationError(
                {"category": _("This category belongs to another award.")}
            )
        if self.round_id and self.round.award_id != self.award_id:
            raise ValidationError({"round": _("This round belongs to another award.")})

    @property
    def done_count(self) -> int:
        """Recipients dealt with so far: sent, failed or skipped."""
        return self.sent_count + self.failed_count + self.skipped_count

    @property
    def percent_done(self) -> int:
        if not self.total_count:
            return 100 if self.state == BroadcastState.SENT else 0
        return min(100, self.done_count * 100 // self.total_count)


class BroadcastDelivery(models.Model):
    """One recipient of a broadcast dealt with: at most one row per person, written
    in the same transaction as their email is handed over, so nobody hears twice."""

    broadcast = models.ForeignKey(
        Broadcast,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("broadcast"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("broadcast delivery")
        verbose_name_plural = _("broadcast deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["broadcast", "user"], name="awards_broadcastdelivery_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.broadcast} → {self.user}"
