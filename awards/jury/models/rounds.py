"""Rubric criteria, rounds and the prizes decided in them.

A criterion has a sane range and step; a round closes after it opens; one prize
per entry of a round, always with a citation.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.jury.enums import PrizeKind, RoundKind, RoundState, ScoreVisibility


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
    # The national-bias report's optional correction (selectors/bias.py).
    results_remove_own_country = models.BooleanField(
        _("remove jurors' own-country effect from the results"),
        default=False,
        help_text=_(
            "The normalised results subtract, from each juror's scores of entries "
            "from their own country, that juror's mean difference between "
            "own-country and other-country entries. See the national-bias report."
        ),
    )
    # Assignment constraints (selectors/assignment.py honours them exactly).
    min_juror_countries = models.PositiveSmallIntegerField(
        _("juror countries per entry"),
        default=1,
        help_text=_(
            "Each entry is judged by jurors from at least this many countries. "
            "Jurors without a country never count towards it."
        ),
    )
    expertise_weight = models.PositiveSmallIntegerField(
        _("weight of expertise"),
        default=0,
        help_text=_(
            "How much the assignment prefers jurors who know an entry's category "
            "well: 0 ignores it; 4 weighs as much as one extra entry on a juror's "
            "load."
        ),
    )
    # The juror who records each entry's decision after the final's deliberation
    # (services/deliberation.py); a juror of the same award, in a final round only.
    chair = models.ForeignKey(
        "awards.Juror",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair of the deliberation"),
        help_text=_(
            "Final rounds: the juror who records the jury's decision on each entry "
            "after the discussion."
        ),
    )
    exclude_own_country = models.BooleanField(
        _("no juror judges their own country"),
        default=False,
        help_text=_(
            "Jurors never judge entries published in their own country (when both "
            "countries are known)."
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
            models.CheckConstraint(
                condition=Q(min_juror_countries__gte=1)
                & Q(min_juror_countries__lte=F("jurors_per_entry")),
                name="awards_round_juror_countries_within_jurors",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.name}"

    def clean(self) -> None:
        super().clean()
        countries, jurors = self.min_juror_countries, self.jurors_per_entry
        if countries is not None and countries < 1:
            raise ValidationError(
                {"min_juror_countries": _("At least one country is needed.")}
            )
        if countries is not None and jurors is not None and countries > jurors:
            raise ValidationError(
                {
                    "min_juror_countries": _(
                        "An entry has %(jurors)s jurors, so they cannot come from "
                        "%(countries)s countries."
                    )
                    % {"jurors": jurors, "countries": countries}
                }
            )
        self._clean_chair()

    def _clean_chair(self) -> None:
        if self.chair_id is None:
            return
        if self.kind != RoundKind.FINAL:
            raise ValidationError(
                {"chair": _("Only a final round has a chair: leave it empty.")}
            )
        if self.award_id is not None and self.chair.award_id != self.award_id:
            raise ValidationError(
                {"chair": _("The chair must be a juror of this round's award.")}
            )

    def is_scoring_open(self, now) -> bool:
        return self.state == RoundState.OPEN and self.opens_at <= now < self.closes_at


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
    # Set by `prize_withdraw` (e.g. plagiarism found after the ceremony): the prize
    # leaves every public listing and its certificate is revoked.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    # The work's picture on the public pages (winner cards, the entry's page), one
    # of the award's images, chosen by its organisers once the prize is given.
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("picture of the work"),
    )

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
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_reason="")
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawn_reason="")),
                name="awards_prize_withdrawn_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.entry}"
