"""Old import path of the jury's results topic. The code lives in selectors/results.py;
this module re-exports it for importers outside awards/jury (bench/) until they
import from there."""

from awards.jury.selectors.results import (
    PLACES,
    RESULTS_SQL,
    EntryResult,
    JurorStats,
    RoundResults,
    juror_statistics,
    round_results,
    round_to,
    submitted_sheets,
)

__all__ = [
    "EntryResult",
    "JurorStats",
    "PLACES",
    "RESULTS_SQL",
    "RoundResults",
    "juror_statistics",
    "round_results",
    "round_to",
    "submitted_sheets",
]
