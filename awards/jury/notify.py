"""Old import path of the jury's notify topic. The code lives in services/notify.py;
this module re-exports it for importers outside awards/jury (tests/accounts/) until
they import from there."""

from awards.jury.services.notify import reminder_message, send_juror_invitation

__all__ = ["reminder_message", "send_juror_invitation"]
