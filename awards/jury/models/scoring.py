"""Assignments and score sheets: one assignment per juror and entry in a round,
one sheet per assignment, one score per criterion of a sheet."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.jury.models.jurors import Juror
from awards.jury.models.rounds import Criterion, Round


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
    # The organisers' say before feedback goes out (services/feedback.py): an
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
    `services.scoring.sheet_save`, which has the criterion at hand."""

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
