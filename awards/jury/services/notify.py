"""Jury emails. Blind-safe by construction: they name rounds, counts and
deadlines, never an entry's people or outlet."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from accounts.selectors import language_for
from accounts.tasks import email_enqueue
from awards.emails import absolute, render
from awards.jury.models import Juror, Round


def send_juror_invitation(*, juror: Juror, token: str, language: str) -> None:
    # An address with no account yet: the language the organiser was using.
    language = language_for(juror.user or juror.email, fallback=language)
    with translation.override(language):
        url = absolute(reverse("awards:juror_accept", args=[token]))
    subject, body = render(
        "juror_invitation", {"award": juror.award, "url": url}, language
    )
    email_enqueue(subject=subject, body=body, to=[juror.email])


def reminder_message(
    *, juror: Juror, round: Round, unscored: int, language: str, note: str = ""
) -> tuple[str, str]:
    """Subject and body of a reminder to score; `note` is an organiser's own
    words, added to a reminder they send by hand."""
    with translation.override(language):
        url = absolute(reverse("awards:jury_dashboard"))
    return render(
        "juror_reminder",
        {
            "round": round,
            "unscored": unscored,
            "url": url,
            "closes_at": round.closes_at,
            "note": note.strip(),
        },
        language,
    )


@dataclass
class ReminderEmail:
    """A reminder as it will be sent: to whom, in which language, what it says."""

    juror: Juror
    to: str
    language: str
    subject: str
    body: str


def reminder_emails(
    *, round: Round, jurors: list[tuple[Juror, int]], note: str
) -> list[ReminderEmail]:
    """The exact reminders for (juror, unscored count) pairs, each in the juror's
    language of emails: what the Reminders screen previews and then sends."""
    emails = []
    for juror, unscored in jurors:
        language = language_for(juror.user or juror.email)
        subject, body = reminder_message(
            juror=juror, round=round, unscored=unscored, language=language, note=note
        )
        to = juror.user.email if juror.user_id else juror.email
        emails.append(ReminderEmail(juror, to, language, subject, body))
    return emails
