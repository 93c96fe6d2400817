"""Old import path of the jury's scoring topic. The code lives in selectors/scoring.py
and services/scoring.py; this module re-exports it for importers outside awards/jury
(awards/jury/demo.py, tests/bench/) until they import from there."""

from awards.jury.selectors.rubric import plain
from awards.jury.selectors.scoring import (
    VISIBLE_STATES,
    OtherScore,
    assignment_for_juror,
    assignments_for_juror,
    others_scores,
    rounds_for_juror,
    sheet_of,
    sheet_scores,
)
from awards.jury.services.scoring import sheet_save

__all__ = [
    "OtherScore",
    "VISIBLE_STATES",
    "assignment_for_juror",
    "assignments_for_juror",
    "others_scores",
    "plain",
    "rounds_for_juror",
    "sheet_of",
    "sheet_save",
    "sheet_scores",
]
