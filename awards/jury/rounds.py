"""Old import path of the jury's rounds topic. The code lives in selectors/rounds.py
and services/rounds.py; this module re-exports it for importers outside awards/jury
(awards/public_demo.py, awards/jury/demo.py, bench/) until they import from there."""

from awards.jury.selectors.rounds import (
    entries_for_round,
    entry_states_for,
    is_first_round,
    jurors_with_load,
    round_assignments,
)
from awards.jury.services.rounds import (
    prize_award,
    round_close,
    round_decide,
    round_open,
    round_reopen,
    round_shortlist,
)

__all__ = [
    "entries_for_round",
    "entry_states_for",
    "is_first_round",
    "jurors_with_load",
    "prize_award",
    "round_assignments",
    "round_close",
    "round_decide",
    "round_open",
    "round_reopen",
    "round_shortlist",
]
