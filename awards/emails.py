"""Emails about entries, rendered in the reader's language and sent by Celery."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.selectors import language_for
from accounts.tasks import email_enqueue
from awards.models import CoAuthorInvitation, Entry


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render(template: str, context: dict, language: str) -> tuple[str, str]:
    """Subject and body of `awards/email/<template>_{subject,body}.txt`."""
    with translation.override(language):
        subject = render_to_string(f"awards/email/{template}_subject.txt", context)
        body = render_to_string(f"awards/email/{template}_body.txt", context)
    return " ".join(subject.split()), body


def entry_url(entry: Entry, language: str) -> str:
    with translation.override(language):
        return absolute(reverse("awards:entry_detail", args=[entry.pk]))


def send_co_author_added(*, entry: Entry, user: User, language: str) -> None:
    language = language_for(user, fallback=language)
    context = {"entry": entry, "user": user, "url": entry_url(entry, language)}
    subject, body = render("co_author_added", context, language)
    email_enqueue(subject=subject, body=body, to=[user.email])


def send_invitation(
    *, invitation: CoAuthorInvitation, token: str, language: str
) -> None:
    # No account yet: the language the entrant was using when they invited.
    language = language_for(invitation.email, fallback=language)
    with translation.override(language):
        url = absolute(reverse("awards:invitation", args=[token]))
    context = {"entry": invitation.entry, "inviter": invitation.invited_by, "url": url}
    subject, body = render("invitation", context, language)
    email_enqueue(subject=subject, body=body, to=[invitation.email])


def submitted_messages(entry: Entry) -> list[tuple[str, str, list[str]]]:
    """The confirmation for the entrant and a note for each co-author, each in the
    language of emails of its reader."""
    language = language_for(entry.owner, fallback=entry.submission_language)
    url = entry_url(entry, language)
    messages = []
    subject, body = render(
        "entry_submitted", {"entry": entry, "url": url, "award": entry.award}, language
    )
    messages.append((subject, body, [entry.owner.email]))
    for co_author in entry.co_authors.all():
        language = language_for(co_author)
        url = entry_url(entry, language)
        subject, body = render(
            "entry_submitted_co_author",
            {"entry": entry, "url": url, "user": co_author, "award": entry.award},
            language,
        )
        messages.append((subject, body, [co_author.email]))
    return messages


def results_messages(award, *, now=None) -> list[tuple[User, str, str]]:
    """The results email for each entrant and co-author of `award`'s judged entries:
    (reader, subject, body), in the reader's language of emails, one per person
    however many entries they are on; each entry with its verdict (a withdrawn
    prize is no win) and the jury's feedback where its round shares it."""
    from awards import clock
    from awards.selectors import entry_results, judged_entries_of

    entries = judged_entries_of(award)
    results = entry_results(entries, award=award, now=now or clock.now())
    readers: dict[int, tuple[User, list[Entry], str | None]] = {}
    for entry in entries:
        for person in [entry.owner, *entry.co_authors.all()]:
            # The entrant's own fallback is the language they entered in.
            fallback = entry.submission_language if person == entry.owner else None
            reader = readers.setdefault(person.pk, (person, [], fallback))
            reader[1].append(entry)
    messages = []
    for person, person_entries, fallback in readers.values():
        language = language_for(person, fallback=fallback)
        with translation.override(language):
            url = absolute(reverse("awards:my_entries"))
        lines = [
            {
                "entry": entry,
                "label": results[entry.pk].label,
                "feedback": results[entry.pk].feedback,
            }
            for entry in person_entries
        ]
        subject, body = render(
            "results",
            {"award": award, "user": person, "lines": lines, "url": url},
            language,
        )
        messages.append((person, subject, body))
    return messages
