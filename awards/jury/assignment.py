"""Old import path of the jury's assignment topic. The code lives in
selectors/assignment.py and services/assignment.py; this module re-exports it for
importers outside awards/jury (awards/jury/demo.py, bench/) until they import from
there."""

from awards.jury.selectors.assignment import AssignmentPlan, Shortfall, plan, solve
from awards.jury.services.assignment import assignment_run, assignment_swap

__all__ = [
    "AssignmentPlan",
    "Shortfall",
    "assignment_run",
    "assignment_swap",
    "plan",
    "solve",
]
