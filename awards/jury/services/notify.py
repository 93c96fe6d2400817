"""Jury emails. Blind-safe by construction: they name rounds, counts and
deadlines, never an entry's people or outlet."""

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


def reminder_message(*, juror: Juror, round: Round, unscored: int, language: str):
    with translation.override(language):
        url = absolute(reverse("awards:jury_dashboard"))
    return render(
        "juror_reminder",
        {
            "round": round,
            "unscored": unscored,
            "url": url,
            "closes_at": round.closes_at,
        },
        language,
    )
