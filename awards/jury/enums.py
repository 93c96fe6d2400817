"""Choices for juries: round kinds and states, score visibility, prizes, conflicts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    SCORING = "scoring", _("Scoring")
    SHORTLIST = "shortlist", _("Shortlist")
    FINAL = "final", _("Final")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


ROUND_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundState.DRAFT: frozenset({RoundState.OPEN}),
    RoundState.OPEN: frozenset({RoundState.CLOSED}),
    # Re-opening a closed round needs staff and a written reason
    # (services.rounds.round_reopen).
    RoundState.CLOSED: frozenset({RoundState.OPEN, RoundState.DECIDED}),
    RoundState.DECIDED: frozenset(),
}


class ScoreVisibility(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_OWN = "after_own", _("After submitting their own")
    ALWAYS = "always", _("Always")


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the juror")
    STAFF = "staff", _("Added by staff")
    OWN = "own", _("Own or co-authored entry")
    OUTLET = "outlet", _("Same outlet")
    RELATION = "relation", _("Declared relation")


class BidChoice(models.TextChoices):
    """How much a juror wants to judge an entry (rounds that are not blind)."""

    EAGER = "eager", _("Eager")
    WILLING = "willing", _("Willing")
    NOT = "not", _("Rather not")


class PrizeKind(models.TextChoices):
    WINNER = "winner", _("Winner")
    FINALIST = "finalist", _("Finalist")
    SPECIAL_MENTION = "special_mention", _("Special mention")
