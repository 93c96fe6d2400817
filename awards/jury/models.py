"""Jury models: rubric criteria, rounds, jurors, conflicts, assignments, sheets, audit.

Invariants live here as constraints: one sheet per assignment, one score per
criterion of a sheet, one assignment per juror and entry in a round, criteria with
a sane range and step, rounds that close after they open.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.jury.enums import (
    ConflictSource,
    PrizeKind,
    RoundKind,
    RoundState,
    ScoreVisibility,
)


class Criterion(models.Model):
    """One line of an award's rubric; a category may have its own rubric instead.

    A category's rubric is its own criteria if it has any, else the award's
    (criteria with no category).
    """

    award = models.ForeignKey(
        "awards.Award", on_delete=models.CASCADE, related_name="criteria"
    )
    category = models.ForeignKey(
        "awards.Category",
        on_delete=models.CASCADE,
        related_name="criteria",
        null=True,
        blank=True,
        help_text=_("Leave empty for the award's rubric; set to override a category."),
    )
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance for jurors"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal(1)
    )
    min_score = models.DecimalField(
        _("lowest score"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    max_score = models.DecimalField(
        _("highest score"), max_digits=6, decimal_places=2, default=Decimal(10)
    )
    step = models.DecimalField(
        _("step"), max_digits=6, decimal_places=2, default=Decimal(1)
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["award", "category", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gt=F("min_score")),
                name="awards_criterion_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(step__gt=0), name="awards_criterion_step_positive"
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="awards_criterion_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """A round of judging of an award: who judges what, until when, how blind."""

    award = models.ForeignKey(
        "awards.Award", on_delete=models.CASCADE, related_name="rounds"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=RoundKind.choices, default=RoundKind.SCORING
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=1,
        help_text=_("The first round takes eligible entries, later ones shortlisted."),
    )
    categories = models.ManyToManyField(
        "awards.Category", related_name="rounds", verbose_name=_("categories")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    jurors_per_entry = models.PositiveSmallIntegerField(
        _("jurors per entry"), default=3
    )
    is_blind = models.BooleanField(
        _("blind"),
        default=True,
        help_text=_("Jurors see no names, outlets or co-authors."),
    )
    score_visibility = models.CharField(
        _("jurors see others' scores"),
        max_length=20,
        choices=ScoreVisibility.choices,
        default=ScoreVisibility.NEVER,
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RoundState.choices, default=RoundState.DRAFT
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("2.00"),
        help_text=_("Entries whose scores spread more than this are flagged."),
    )
    feedback_to_entrants = models.BooleanField(
        _("entrants read the jury's feedback"),
        default=False,
        help_text=_(
            "Once the results are published, entrants read the feedback jurors wrote "
            "on their entries, without the jurors' names. Organisers can edit or "
            "withhold each piece first (the round's Feedback screen)."
        ),
    )

    class Meta:
        ordering = ["award", "position", "pk"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="awards_round_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(jurors_per_entry__gte=1),
                name="awards_round_jurors_per_entry_positive",
            ),
            models.CheckConstraint(
                condition=Q(state__in=RoundState.values),
                name="awards_round_state_valid",
            ),
            models.UniqueConstraint(
                fields=["award", "position"], name="awards_round_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.name}"

    def is_scoring_open(self, now) -> bool:
        return self.state == RoundState.OPEN and self.opens_at <= now < self.closes_at


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
    related_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        verbose_name=_("declared relations"),
        blank=True,
        help_text=_("People whose entries this juror must not judge."),
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


class Assignment(models.Model):
    """A juror is to score an entry in a round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments"
    )
    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, related_name="assignments"
    )
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "entry", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror", "entry"], name="awards_assignment_once"
            )
        ]
        indexes = [models.Index(fields=["round", "juror"])]

    def __str__(self) -> str:
        return f"{self.juror} → {self.entry}"


class ScoreSheet(models.Model):
    """A juror's scores for one assignment; `total` is the weighted mean, kept so
    results aggregate in the database."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="sheet"
    )
    total = models.DecimalField(
        _("weighted total"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    comment = models.TextField(_("comment to the organisers"), blank=True)
    feedback = models.TextField(_("feedback to the entrant"), blank=True)
    # The organisers' say before feedback goes out (awards/jury/feedback.py): an
    # edited text (empty: the juror's own words) or the piece withheld altogether.
    feedback_edited = models.TextField(
        _("feedback as entrants read it"), max_length=8000, blank=True
    )
    feedback_withheld = models.BooleanField(_("feedback withheld"), default=False)
    feedback_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("feedback reviewed by"),
    )
    feedback_reviewed_at = models.DateTimeField(
        _("feedback reviewed at"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(total__isnull=False),
                name="awards_sheet_submitted_has_total",
            )
        ]

    def __str__(self) -> str:
        return str(self.assignment)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    """The score of one criterion on a sheet; range and step are checked by
    `scoring.sheet_save`, which has the criterion at hand."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"], name="awards_score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="awards_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Prize(models.Model):
    """A decision of a final round: winner, finalist or special mention, with a
    citation from the jury."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="prizes")
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="prizes"
    )
    kind = models.CharField(_("prize"), max_length=20, choices=PrizeKind.choices)
    citation = models.TextField(_("jury citation"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry"], name="awards_prize_once_per_entry"
            ),
            models.CheckConstraint(
                condition=~Q(citation=""), name="awards_prize_has_citation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.entry}"


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
