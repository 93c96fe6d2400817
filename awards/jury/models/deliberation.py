"""Deliberation in a final round: per entry, its jurors discuss in a thread, say
whether they agree with the provisional rank, and the round's chair records the
decision.

One vote per juror and entry (changed in place until the decision), one decision
per entry, never an empty post or outcome. Who may write, and when, is the
services' (services/deliberation.py); every write also goes into the audit chain.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.jury.models.jurors import Juror
from awards.jury.models.rounds import Round

POST_MAX = 4000
OUTCOME_MAX = 2000


class DeliberationPost(models.Model):
    """One message of a juror in the thread of an entry of a final round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="deliberation_posts"
    )
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="+"
    )
    juror = models.ForeignKey(Juror, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=POST_MAX)
    created_at = models.DateTimeField(_("posted at"))

    class Meta:
        ordering = ["round", "entry", "created_at", "pk"]
        verbose_name = _("deliberation post")
        verbose_name_plural = _("deliberation posts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(body=""), name="awards_deliberation_post_has_body"
            )
        ]
        indexes = [models.Index(fields=["round", "entry"])]

    def __str__(self) -> str:
        return f"{self.juror_id} · {self.entry_id}"


class RankVote(models.Model):
    """Whether a juror agrees with an entry's provisional rank (the round's
    results); one per juror and entry, changeable until the decision."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="rank_votes"
    )
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="+"
    )
    juror = models.ForeignKey(Juror, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField(_("agrees with the provisional rank"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("rank vote")
        verbose_name_plural = _("rank votes")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "juror"], name="awards_rank_vote_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} · {self.entry_id} · {self.agrees}"


class Decision(models.Model):
    """The chair's record of what the jury decided on an entry of a final round;
    it closes the entry's thread."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="decisions")
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        Juror, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(_("decision"), max_length=OUTCOME_MAX)
    final_rank = models.PositiveSmallIntegerField(
        _("final rank"), null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("deliberation decision")
        verbose_name_plural = _("deliberation decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry"], name="awards_decision_once_per_entry"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=""), name="awards_decision_has_outcome"
            ),
            models.CheckConstraint(
                condition=Q(final_rank__isnull=True) | Q(final_rank__gte=1),
                name="awards_decision_rank_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.entry_id}"
