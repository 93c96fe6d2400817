"""Jury models: rubric criteria, rounds, jurors, conflicts, assignments, sheets, audit,
deliberation.

Invariants live here as constraints: one sheet per assignment, one score per
criterion of a sheet, one assignment per juror and entry in a round, criteria with
a sane range and step, rounds that close after they open. One module per topic;
`awards.models` imports them all from here.
"""

from awards.jury.models.audit import AuditRecord
from awards.jury.models.calibration import (
    CalibrationItem,
    CalibrationScore,
    CalibrationSheet,
)
from awards.jury.models.deliberation import Decision, DeliberationPost, RankVote
from awards.jury.models.jurors import (
    Bid,
    Conflict,
    Juror,
    ManualReminder,
    ReminderSent,
)
from awards.jury.models.rounds import Criterion, Prize, Round
from awards.jury.models.scoring import Assignment, Score, ScoreSheet

__all__ = [
    "Assignment",
    "AuditRecord",
    "Bid",
    "CalibrationItem",
    "CalibrationScore",
    "CalibrationSheet",
    "Conflict",
    "Criterion",
    "Decision",
    "DeliberationPost",
    "Juror",
    "ManualReminder",
    "Prize",
    "RankVote",
    "ReminderSent",
    "Round",
    "Score",
    "ScoreSheet",
]
