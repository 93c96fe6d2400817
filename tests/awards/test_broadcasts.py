"""Organisers' broadcasts over real HTTP: compose, preview, send once (a double
click, a task run twice), the progress figures, who may open each screen, the
audience kept to the organiser's own award, each email in its reader's language
with a signed one-click unsubscribe link, and the unsubscribed skipped.

Email goes to Django's locmem backend; Celery runs in process (tasks_in_process).
"""

import datetime
import re
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from awards import services
from awards.broadcast_mail import unsubscribe_token
from awards.enums import BroadcastAudience, BroadcastState
from awards.models import Broadcast, BroadcastDelivery, EntryCoAuthor
from awards.tasks import broadcast_deliver, broadcasts_resume
from tests.admin_roles import OUTSIDERS, ROLES, admin_answer
from tests.factories import (
    CategoryFactory,
    EligibleEntryFactory,
    EntryFactory,
    JurorFactory,
    RoundFactory,
    UserFactory,
    on_team,
)

pytestmark = [pytest.mark.shared_site, pytest.mark.usefixtures("tasks_in_process")]


def make_module_data(home_page):
    """Award A: category "Print" (an eligible entry by a Russian reader with an
    English co-author, an eligible entry by someone unsubscribed, a draft, a
    withdrawn entry) and "Radio" (a submitted entry by a Kazakh reader); a first
    round over Print; its organiser, observer and a juror. Award B with its own
    category, round and organiser. One draft broadcast of A to every entrant."""
    print_ = CategoryFactory(name="Print")
    award = print_.award
    radio = CategoryFactory(award=award, name="Radio")
    round_ = RoundFactory(award=award, categories=[print_], name="First round")
    russian = UserFactory(preferred_language="ru", display_name="Айгуль")
    english = UserFactory(preferred_language="en", display_name="Co Author")
    kazakh = UserFactory(preferred_language="kk", display_name="Асель")
    unsubscribed = UserFactory(accepts_broadcasts=False, display_name="Quiet One")
    entry = EligibleEntryFactory(category=print_, owner=russian)
    EntryCoAuthor.objects.create(entry=entry, user=english)
    EligibleEntryFactory(category=print_, owner=unsubscribed)
    EntryFactory(category=print_, title="A draft")  # not an entrant yet
    EligibleEntryFactory(category=print_, state="withdrawn")  # no longer one
    EligibleEntryFactory(category=radio, owner=kazakh, state="submitted")
    organiser = on_team(award)
    other_category = CategoryFactory(name="Elsewhere")
    other_award = other_category.award
    other_round = RoundFactory(award=other_award, categories=[other_category])
    broadcast = services.broadcast_create(
        award=award,
        actor=organiser,
        audience=BroadcastAudience.AWARD,
        subject="The ceremony is on 12 December",
        body="Doors open at 18:00.\nBring your invitation.",
    )
    return {
        "award": award,
        "print": print_,
        "radio": radio,
        "round": round_,
        "russian": russian,
        "english": english,
        "kazakh": kazakh,
        "unsubscribed": unsubscribed,
        "organiser": organiser,
        "broadcast": broadcast,
        "other_award": other_award,
        "other_category": other_category,
        "other_round": other_round,
        "users": {
            "organiser": organiser,
            "other_organiser": on_team(other_award),
            "observer": on_team(award, role="observer"),
            "superuser": UserFactory(is_staff=True, is_superuser=True),
            "juror": JurorFactory(award=award).user,
            "entrant": russian,
            "anonymous": None,
        },
    }


@pytest.fixture
def data(module_data):
    return module_data


def send_now(client, broadcast, **extra):
    """POST the confirmed send form, running the worker's task after commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("cms_broadcast_send", args=[broadcast.pk]),
            {"confirm": "on", **extra},
        )


def readers() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


# --- compose, preview, send ------------------------------------------------------


def test_organiser_composes_previews_and_sends_once(client, data):
    client.force_login(data["organiser"])
    award = data["award"]
    listing = client.get(reverse("cms_award_broadcasts", args=[award.pk]))
    assert "The ceremony is on 12 December" in listing.content.decode()

    response = client.post(
        reverse("cms_broadcast_add", args=[award.pk]),
        {
            "audience": "category",
            "category": data["print"].pk,
            "subject": "Your entry in Print",
            "body": "The jury meets on Monday.",
        },
    )
    broadcast = Broadcast.objects.get(subject="Your entry in Print")
    assert response["Location"] == reverse("cms_broadcast", args=[broadcast.pk])
    assert (broadcast.state, broadcast.category, broadcast.created_by) == (
        BroadcastState.DRAFT,
        data["print"],
        data["organiser"],
    )

    preview = client.get(response["Location"]).content.decode()
    # Print's entrants and co-author: three people, one of whom unsubscribed.
    assert "2 people will receive this email." in preview
    assert "Of 3 entrants and co-authors, the others unsubscribed" in preview
    assert "The jury meets on Monday." in preview
    # The first recipient, as they will read it (their language: Russian).
    with translation.override("ru"):
        greeting = translation.gettext("Dear %(name)s,") % {"name": "Айгуль"}
    assert greeting in preview
    assert "/ru/awards/broadcasts/unsubscribe/" in preview
    assert mail.outbox == []

    response = send_now(client, broadcast)
    assert response.status_code == 302
    assert readers() == sorted([data["russian"].email, data["english"].email])
    # The second click of a double click: refused, nobody hears twice.
    response = send_now(client, broadcast)
    page = client.get(response["Location"]).content.decode()
    assert "already being sent, or has been sent" in page
    assert len(mail.outbox) == 2
    broadcast.refresh_from_db()
    assert broadcast.state == BroadcastState.SENT
    assert (
        broadcast.total_count,
        broadcast.sent_count,
        broadcast.failed_count,
        broadcast.skipped_count,
    ) == (3, 2, 0, 1)
    assert broadcast.sent_by == data["organiser"] and broadcast.sent_at is not None
    # The progress bar, with its figures in words too.
    assert re.search(
        r'<label for="broadcast-progress">\s*3 of 3 recipients dealt with\s*</label>',
        page,
    )
    assert '<progress id="broadcast-progress" max="3" value="3">100%</progress>' in page
    assert "Sent: 2 · failed: 0 · skipped (unsubscribed): 1" in page
    assert 'http-equiv="refresh"' not in page  # done: no more refreshing
    # A sent broadcast is not edited any more.
    client.post(
        reverse("cms_broadcast_edit", args=[broadcast.pk]),
        {"audience": "award", "subject": "Changed", "body": "Changed"},
    )
    broadcast.refresh_from_db()
    assert broadcast.subject == "Your entry in Print"


def test_send_needs_the_confirmation_box(client, data):
    client.force_login(data["organiser"])
    response = send_now(client, data["broadcast"], confirm="")
    assert mail.outbox == []
    page = client.get(response["Location"]).content.decode()
    assert "Tick the box to confirm" in page
    data["broadcast"].refresh_from_db()
    assert data["broadcast"].state == BroadcastState.DRAFT


def test_a_sending_broadcast_shows_its_progress_and_refreshes(client, data):
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=False):  # no worker yet
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1)
    client.force_login(data["organiser"])
    page = client.get(reverse("cms_broadcast", args=[broadcast.pk])).content.decode()
    assert '<progress id="broadcast-progress" max="4" value="1">25%</progress>' in page
    assert "1 of 4 recipients dealt with" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Sending" in page


def test_a_task_run_twice_or_cut_short_sends_once(data):
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    # A worker dies after its first recipient; the task runs again, twice.
    assert services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1)
    broadcast_deliver(broadcast.pk)
    broadcast_deliver(broadcast.pk)
    assert readers() == sorted(
        [data["russian"].email, data["english"].email, data["kazakh"].email]
    )
    assert BroadcastDelivery.objects.filter(broadcast=broadcast).count() == 4
    broadcast.refresh_from_db()
    assert (broadcast.state, broadcast.sent_count, broadcast.skipped_count) == (
        BroadcastState.SENT,
        3,
        1,
    )


def test_a_draft_is_not_sent_by_a_stray_task(data):
    broadcast_deliver(data["broadcast"].pk)
    assert mail.outbox == []
    assert not BroadcastDelivery.objects.exists()


def test_a_broadcast_nobody_would_receive_is_refused(data):
    empty = CategoryFactory(award=data["award"], name="Empty")
    broadcast = services.broadcast_create(
        award=data["award"],
        actor=data["organiser"],
        audience=BroadcastAudience.CATEGORY,
        category=empty,
        subject="Hello",
        body="Anyone?",
    )
    with pytest.raises(ValidationError, match="Nobody would receive"):
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])


def test_the_round_audience_is_the_entries_that_reached_it(data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        broadcast = services.broadcast_create(
            award=data["award"],
            actor=data["organiser"],
            audience=BroadcastAudience.ROUND,
            round=data["round"],
            subject="Round news",
            body="Scoring has started.",
        )
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    assert readers() == sorted([data["russian"].email, data["english"].email])


# --- the audience stays within the award -----------------------------------------


def test_a_category_or_round_of_another_award_is_refused(client, data):
    client.force_login(data["organiser"])
    url = reverse("cms_broadcast_add", args=[data["award"].pk])
    for field in ("category", "round"):
        response = client.post(
            url,
            {
                "audience": field,
                field: data[f"other_{field}"].pk,
                "subject": "Sneaky",
                "body": "To someone else's entrants.",
            },
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert not Broadcast.objects.filter(subject="Sneaky").exists()
    # The service refuses it too, whoever calls it.
    for field in ("category", "round"):
        with pytest.raises(ValidationError) as refused:
            services.broadcast_create(
                award=data["award"],
                actor=data["organiser"],
                audience=field,
                subject="Sneaky",
                body="x",
                **{field: data[f"other_{field}"]},
            )
        assert "belongs to another award" in str(refused.value)


# --- who may open what -----------------------------------------------------------

_OUT = OUTSIDERS  # juror, entrant, anonymous: Wagtail's admin sends them to log in
BROADCAST_URLS = [
    # (url name, method, the object it needs) → answer per role, in ROLES order
    ("cms_broadcasts", "get", None, (200, 200, 404, 200, *_OUT)),
    ("cms_award_broadcasts", "get", "award", (200, 404, 404, 200, *_OUT)),
    ("cms_broadcast_add", "get", "award", (200, 404, 404, 200, *_OUT)),
    ("cms_broadcast_add", "post", "award", (200, 404, 404, 200, *_OUT)),
    ("cms_broadcast", "get", "broadcast", (200, 404, 404, 200, *_OUT)),
    ("cms_broadcast_edit", "get", "broadcast", (200, 404, 404, 200, *_OUT)),
    ("cms_broadcast_edit", "post", "broadcast", (200, 404, 404, 200, *_OUT)),
    ("cms_broadcast_send", "post", "broadcast", ("done", 404, 404, "done", *_OUT)),
]


@pytest.mark.parametrize(("name", "method", "target", "expected"), BROADCAST_URLS)
def test_broadcast_permission_table(client, data, name, method, target, expected):
    args = {None: [], "award": [data["award"].pk], "broadcast": [data["broadcast"].pk]}
    url = reverse(name, args=args[target])
    got = {}
    for role in ROLES:
        client.logout()
        if data["users"][role] is not None:
            client.force_login(data["users"][role])
        # An empty form: nothing is written or sent, whoever asks.
        response = client.post(url, {}) if method == "post" else client.get(url)
        got[role] = admin_answer(response)
    assert got == dict(zip(ROLES, expected, strict=True))
    assert mail.outbox == []


def test_the_index_lists_only_the_organisers_awards(client, data):
    client.force_login(data["users"]["other_organiser"])
    html = client.get(reverse("cms_broadcasts")).content.decode()
    assert data["other_award"].title in html
    assert data["award"].title not in html


# --- each reader's language, and unsubscribing ------------------------------------


def sent_to(user):
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_each_email_has_the_frame_in_its_readers_language(data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.broadcast_send(broadcast=data["broadcast"], actor=data["organiser"])
    for user, language in [
        (data["russian"], "ru"),
        (data["kazakh"], "kk"),
        (data["english"], "en"),
    ]:
        message = sent_to(user)
        with translation.override(language):
            greeting = translation.gettext("Dear %(name)s,") % {"name": user}
            footer = translation.gettext(
                "To receive no more news from award organisers, open this link:"
            )
        assert message.body.startswith(greeting)
        assert footer in message.body
        # The organiser's text as typed, whatever the reader's language.
        assert "Doors open at 18:00.\nBring your invitation." in message.body
        assert message.subject.endswith("The ceremony is on 12 December")
        prefix = "" if language == "en" else f"/{language}"
        link = f"http://testserver{prefix}/awards/broadcasts/unsubscribe/"
        assert link in message.body
        assert message.extra_headers["List-Unsubscribe"].startswith(f"<{link}")
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )


def unsubscribe_link(message) -> str:
    return re.search(r"http://testserver(\S+/unsubscribe/\S+/)", message.body)[1]


def test_the_link_asks_on_get_and_unsubscribes_on_post(client, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.broadcast_send(broadcast=data["broadcast"], actor=data["organiser"])
    reader = data["kazakh"]
    url = unsubscribe_link(sent_to(reader))
    page = client.get(url)  # not signed in
    assert page.status_code == 200
    assert b'<button type="submit">' in page.content
    reader.refresh_from_db()
    assert reader.accepts_broadcasts is True  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    # The page in the reader's language (Kazakh), naming their address.
    with translation.override("kk"):
        done = translation.gettext(
            "Done: %(email)s will receive no more news from award organisers. "
            "Results and emails about your own entries still reach you."
        ) % {"email": reader.email}
    assert done in response.content.decode()
    reader.refresh_from_db()
    assert reader.accepts_broadcasts is False
    # The next broadcast skips them.
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        later = services.broadcast_create(
            award=data["award"],
            actor=data["organiser"],
            audience=BroadcastAudience.AWARD,
            subject="Photos",
            body="The photos are online.",
        )
        services.broadcast_send(broadcast=later, actor=data["organiser"])
    assert reader.email not in readers()
    assert readers() == sorted([data["russian"].email, data["english"].email])


def test_a_mail_programs_one_click_post_needs_no_csrf_token(data):
    reader = data["english"]
    client = Client(enforce_csrf_checks=True)
    url = reverse("awards:broadcast_unsubscribe", args=[unsubscribe_token(reader)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.accepts_broadcasts is False


@pytest.mark.parametrize("how", ["garbage", "tampered", "other_salt"])
def test_a_bad_or_tampered_link_says_so(client, data, how):
    from django.core import signing

    reader = data["russian"]
    token = unsubscribe_token(reader)
    bad = {
        "garbage": "not-a-token",
        "tampered": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "other_salt": signing.dumps({"user": reader.pk}),
    }[how]
    url = reverse("awards:broadcast_unsubscribe", args=[bad])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    reader.refresh_from_db()
    assert reader.accepts_broadcasts is True


def test_the_profile_turns_broadcasts_off_and_on(client, data):
    reader = data["kazakh"]
    client.force_login(reader)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="accepts_broadcasts"' in page and "checked" in page
    form = {"display_name": "Асель", "preferred_language": "kk", "bio": ""}
    client.post(reverse("accounts:profile"), form)
    reader.refresh_from_db()
    assert reader.accepts_broadcasts is False
    client.post(reverse("accounts:profile"), {**form, "accepts_broadcasts": "on"})
    reader.refresh_from_db()
    assert reader.accepts_broadcasts is True


# --- a lost worker, a refused address, the list's queries --------------------------


class RefusesKazakh(EmailBackend):
    """The mail server refuses one address (with `error`)."""

    error: Exception

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith(RefusesKazakh.address):
                raise RefusesKazakh.error
        return super().send_messages(messages)


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"x": (550, b"no such user")}),
        smtplib.SMTPDataError(554, b"550 5.7.1 message refused"),
        ValueError("550 header not allowed"),
    ],
    ids=["recipient", "data", "unsendable"],
)
def test_a_refused_address_is_counted_failed_and_the_rest_are_sent(
    data, settings, error
):
    """Refused for good: recorded, not retried, and nobody after it waits."""
    RefusesKazakh.address, RefusesKazakh.error = data["kazakh"].email, error
    settings.EMAIL_BACKEND = f"{__name__}.RefusesKazakh"
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    broadcast.refresh_from_db()
    assert (broadcast.state, broadcast.sent_count, broadcast.failed_count) == (
        BroadcastState.SENT,
        2,
        1,
    )
    failed = BroadcastDelivery.objects.get(broadcast=broadcast, user=data["kazakh"])
    assert "550" in failed.error
    assert readers() == sorted([data["russian"].email, data["english"].email])


def test_a_busy_mail_server_is_retried_not_recorded(data, settings):
    """A 4xx is temporary: the recipient is rolled back, to be tried again."""
    RefusesKazakh.address = data["kazakh"].email
    RefusesKazakh.error = smtplib.SMTPDataError(451, b"try again later")
    settings.EMAIL_BACKEND = f"{__name__}.RefusesKazakh"
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    with pytest.raises(smtplib.SMTPDataError):
        while services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1):
            pass
    assert not BroadcastDelivery.objects.filter(user=data["kazakh"]).exists()
    broadcast.refresh_from_db()
    assert broadcast.state == BroadcastState.SENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    while services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1):
        pass
    assert data["kazakh"].email in readers()


def test_the_beat_task_resumes_a_broadcast_whose_worker_was_lost(data):
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=False):  # the task is lost
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1)
    assert broadcasts_resume() == []  # delivering a moment ago: not stalled
    later = timezone.now() + datetime.timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        assert broadcasts_resume() == [broadcast.pk]
        assert broadcasts_resume() == []  # done now
    assert len(mail.outbox) == 3
    broadcast.refresh_from_db()
    assert broadcast.state == BroadcastState.SENT


def test_the_list_runs_the_same_queries_for_1_and_20_broadcasts(client, data):
    client.force_login(data["organiser"])
    url = reverse("cms_award_broadcasts", args=[data["award"].pk])
    client.get(url)  # warm caches (permissions, site settings)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(19):
        services.broadcast_create(
            award=data["award"],
            actor=data["organiser"],
            audience=BroadcastAudience.CATEGORY,
            category=data["radio"],
            subject=f"News {number}",
            body="More news.",
        )
    with CaptureQueriesContext(connection) as twenty:
        html = client.get(url).content.decode()
    assert "News 18" in html
    assert len(twenty) == len(one)


def test_someone_leaving_the_audience_mid_send_leaves_a_full_bar(data):
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1)
    told = set(readers())
    gone = next(
        user
        for user in (data["kazakh"], data["russian"], data["english"])
        if user.email not in told
    )
    gone.is_active = False  # the account closed meanwhile
    gone.save(update_fields=["is_active"])
    broadcast_deliver(broadcast.pk)
    assert gone.email not in readers()
    broadcast.refresh_from_db()
    assert broadcast.state == BroadcastState.SENT
    # Four in the audience at the start; three dealt with (one of them skipped as
    # unsubscribed): the bar ends full.
    assert (broadcast.total_count, broadcast.done_count, broadcast.percent_done) == (
        3,
        3,
        100,
    )


def test_someone_joining_the_audience_mid_send_is_told_and_counted(data):
    broadcast = data["broadcast"]
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.broadcast_send(broadcast=broadcast, actor=data["organiser"])
    services.broadcast_deliver_batch(broadcast_id=broadcast.pk, size=1)
    late = UserFactory()
    EligibleEntryFactory(category=data["radio"], owner=late)
    broadcast_deliver(broadcast.pk)
    assert late.email in readers()
    broadcast.refresh_from_db()
    assert (broadcast.total_count, broadcast.done_count, broadcast.percent_done) == (
        5,
        5,
        100,
    )
