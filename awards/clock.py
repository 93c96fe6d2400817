"""The server's clock. Every deadline, state and time-stamp check in awards reads it
here, so that there is one notion of "now" to reason about (and to move in tests)."""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    """The current moment, aware, in UTC."""
    return timezone.now()
