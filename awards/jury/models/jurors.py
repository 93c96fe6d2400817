"""Jurors of an award, their conflicts of interest and the reminders sent to them.

One seat per address and award; an accepted juror has a user; one conflict per
juror and entry, always with a reason; one reminder per juror per round.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.jury.enums import BidChoice, ConflictSource
from awards.jury.models.rounds import Round


class Juror(models.Model):
    """A member of an award's jury, invited by email; judges once accepted.

    Only the invitation token's SHA-256 is stored. `removed_at` keeps a removed
    juror's sheets (flagged in results) instead of deleting them.
    """

    award = models.ForeignKey(
        "awards.Award", on_delete=models.CASCADE, related_name="jurors"
    )
    email = models.EmailField(_("email address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="juror_seats",
        null=True,
        blank=True,
    )
    categories = models.ManyToManyField(
        "awards.Category",
        related_name="jurors",
        verbose_name=_("categories judged"),
        blank=True,
        help_text=_("Leave empty to judge every category."),
    )
    expertise = models.ManyToManyField(
        "awards.Category",
        related_name="experts",
        verbose_name=_("categories known well"),
        blank=True,
        help_text=_(
            "Chosen by the juror; a preference the assignment weighs, never a rule."
        ),
    )
    related_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        verbose_name=_("declared relations"),
        blank=True,
        help_text=_("People whose entries this juror must not judge."),
    )
    max_entries = models.PositiveSmallIntegerField(
        _("most entries"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                1,
                message=_(
                    "A juror judges at least one entry: leave it empty for no "
                    "limit, or remove the juror from the jury."
                ),
            )
        ],
        help_text=_(
            "The most entries this juror judges in a round. Leave empty for no limit."
        ),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(_("invited at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        ordering = ["award", "email"]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "email"], name="awards_juror_once_per_award"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(user__isnull=False),
                name="awards_juror_accepted_has_user",
            ),
            models.CheckConstraint(
                condition=Q(max_entries__isnull=True) | Q(max_entries__gte=1),
                name="awards_juror_max_entries_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.email

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.removed_at is None


class Conflict(models.Model):
    """A juror must not judge an entry: declared by them or added by staff."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.CASCADE, related_name="conflicts"
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ConflictSource.choices
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry"], name="awards_conflict_once"
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="awards_conflict_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} · {self.entry}"


class ReminderSent(models.Model):
    """One reminder per juror per round, so the beat task can run every hour."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror"], name="awards_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror} · {self.round}"


class ManualReminder(models.Model):
    """A reminder an organiser sent by hand from the round's Reminders screen,
    with their optional note; the same juror is not reminded again within the hour
    (services/reminders.py)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["round", "juror", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.juror} · {self.round} · {self.sent_at}"


class Bid(models.Model):
    """A juror's wish about judging an entry of a round that is not blind: a cost
    the assignment weighs, never a rule (a conflict is the rule)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bids")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="bids")
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.CASCADE, related_name="+"
    )
    choice = models.CharField(_("bid"), max_length=10, choices=BidChoice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror", "entry"], name="awards_bid_once"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=BidChoice.values), name="awards_bid_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} · {self.entry_id} · {self.choice}"
