"""Calibration: entries every juror scores before a round opens, to see how their
scores compare with the panel's.

Kept apart from assignments and score sheets, so calibration never counts in
results, loads or assignment. One item per entry of a round, one sheet per juror
and item, one score per criterion of a sheet.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.jury.models.jurors import Juror
from awards.jury.models.rounds import Criterion, Round


class CalibrationItem(models.Model):
    """An entry of the award in a round's calibration set (any state: a sample
    entry or a past one), chosen by the organisers while the round is a draft."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="calibration_items"
    )
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("calibration item")
        verbose_name_plural = _("calibration items")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry"], name="awards_calibration_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.entry_id}"


class CalibrationSheet(models.Model):
    """A juror's scores of one calibration entry; `total` is the weighted mean."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="calibration_sheets"
    )
    juror = models.ForeignKey(
        Juror, on_delete=models.CASCADE, related_name="calibration_sheets"
    )
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="+"
    )
    total = models.DecimalField(
        _("weighted total"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calibration sheet")
        verbose_name_plural = _("calibration sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror", "entry"],
                name="awards_calibration_sheet_once",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(total__isnull=False),
                name="awards_calibration_submitted_has_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} · {self.entry_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class CalibrationScore(models.Model):
    """The score of one criterion on a calibration sheet (range and step: the
    same check as a score sheet's, in services/_common.scores_parse)."""

    sheet = models.ForeignKey(
        CalibrationSheet, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("calibration score")
        verbose_name_plural = _("calibration scores")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"],
                name="awards_calibration_score_once",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="awards_calibration_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
