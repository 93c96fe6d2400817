"""Old import path of the jury's conflicts topic. The code lives in
selectors/conflicts.py and services/conflicts.py; this module re-exports it for
importers outside awards/jury (awards/jury/demo.py, bench/) until they import from
there."""

from awards.jury.selectors.conflicts import conflict_map, has_conflict, normalise_outlet
from awards.jury.services.conflicts import conflict_declare, relation_declare

__all__ = [
    "conflict_declare",
    "conflict_map",
    "has_conflict",
    "normalise_outlet",
    "relation_declare",
]
