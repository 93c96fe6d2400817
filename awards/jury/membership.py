"""Old import path of the jury's membership topic. The code lives in
selectors/membership.py and services/membership.py; this module re-exports it for
importers outside awards/jury (awards/jury/demo.py, tests/e2e/) until they import
from there."""

from awards.jury.selectors.membership import active_juror_for
from awards.jury.services.membership import (
    juror_accept,
    juror_invite,
    juror_remove,
    token_hash,
)

__all__ = [
    "active_juror_for",
    "juror_accept",
    "juror_invite",
    "juror_remove",
    "token_hash",
]
