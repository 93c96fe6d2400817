"""What the results email says: the verdict of each entry (winner, special
mention, finalist, not selected; a withdrawn prize never announced as a win), the
jury's feedback where the round shares it (as organisers left it, withheld pieces
out), each reader in their own language, each person once, unsubscribed from
broadcasts or not."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone, translation

from awards import services
from awards.enums import EntryState
from awards.jury.models import ScoreSheet
from awards.models import Entry, EntryCoAuthor, ResultsPublication
from tests.awards.jury.helpers import jury_round, score
from tests.factories import (
    FinalRoundFactory,
    PrizeFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

SHARED = "The maps are excellent; the sourcing is thin."


@pytest.fixture
def told():
    """A first round that shares feedback over five entries, a final round that
    gave a winner, a special mention, a finalist and a winner's prize since
    withdrawn; the fifth entry won nothing. Results public a minute ago, the
    emails sent."""
    round_, _rubric, jurors, entries = jury_round(
        jurors=2, entries=5, feedback_to_entrants=True
    )
    award = round_.award
    winner, mention, finalist, withdrawn, loser = entries
    score(round_, jurors[0], loser, 4, feedback=SHARED)
    score(round_, jurors[1], loser, 5, feedback="Withheld words.")
    sheet = ScoreSheet.objects.get(assignment__juror=jurors[1], assignment__entry=loser)
    sheet.feedback_withheld = True
    sheet.save(update_fields=["feedback_withheld"])
    score(round_, jurors[0], winner, 9, feedback="Brilliant.")
    # A round that keeps its feedback to the team.
    private = RoundFactory(award=award, categories=[winner.category], position=2)
    score(private, jurors[1], winner, 9, feedback="Only for the team.")
    final = FinalRoundFactory(award=award, categories=[winner.category], position=3)
    for entry, kind, state in [
        (winner, "winner", EntryState.WINNER),
        (mention, "special_mention", EntryState.FINALIST),
        (finalist, "finalist", EntryState.FINALIST),
        (withdrawn, "winner", EntryState.WINNER),
    ]:
        Entry.objects.filter(pk=entry.pk).update(state=state)
        PrizeFactory(round=final, entry=entry, kind=kind)
    withdrawn.prizes.update(
        withdrawn_at=timezone.now(), withdrawn_reason="Plagiarism found."
    )
    winner.owner.preferred_language = "ru"
    winner.owner.save(update_fields=["preferred_language"])
    # Unsubscribed from broadcasts: results are transactional, they still come.
    co_author = UserFactory(preferred_language="kk", accepts_broadcasts=False)
    EntryCoAuthor.objects.create(entry=winner, user=co_author)
    EntryCoAuthor.objects.create(entry=loser, user=co_author)  # on two entries
    ResultsPublication.objects.create(
        award=award,
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
        published_by=UserFactory(is_staff=True, is_superuser=True),
    )
    mail.outbox.clear()
    assert services.results_emails_send(award_id=award.pk) == 6
    return {
        "award": award,
        "entries": dict(
            zip(
                ["winner", "mention", "finalist", "withdrawn", "loser"],
                entries,
                strict=True,
            )
        ),
        "co_author": co_author,
        "jurors": jurors,
    }


def body_of(user) -> str:
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message.body


def verdict_line(body: str, entry) -> str:
    (line,) = [line for line in body.splitlines() if f"“{entry.title}”" in line]
    return line


@pytest.mark.parametrize(
    ("which", "label"),
    [
        ("mention", "Special mention"),
        ("finalist", "Finalist"),
        ("withdrawn", "Prize withdrawn"),
        ("loser", "Not selected"),
    ],
)
def test_each_entrant_reads_their_verdict(told, which, label):
    entry = told["entries"][which]
    line = verdict_line(body_of(entry.owner), entry)
    assert line.endswith(f": {label}")
    assert "Winner" not in body_of(entry.owner)


def test_the_winner_reads_it_in_russian_and_the_co_author_in_kazakh_once(told):
    winner, loser = told["entries"]["winner"], told["entries"]["loser"]
    with translation.override("ru"):
        label = translation.gettext("Winner")
    assert label != "Winner"
    assert verdict_line(body_of(winner.owner), winner).endswith(f": {label}")
    # One email for the co-author of two entries, both verdicts in it, in Kazakh,
    # though they unsubscribed from organisers' broadcasts.
    body = body_of(told["co_author"])
    with translation.override("kk"):
        winner_kk = translation.gettext("Winner")
        not_selected_kk = translation.gettext("Not selected")
    assert verdict_line(body, winner).endswith(f": {winner_kk}")
    assert verdict_line(body, loser).endswith(f": {not_selected_kk}")
    assert len(mail.outbox) == 6
    assert services.results_emails_send(award_id=told["award"].pk) == 0


def test_feedback_is_in_the_email_where_the_round_shares_it(told):
    loser, winner = told["entries"]["loser"], told["entries"]["winner"]
    body = body_of(loser.owner)
    assert "The jury's feedback:" in body
    assert SHARED in body
    assert "Withheld words." not in body
    winner_body = body_of(winner.owner)
    assert "Brilliant." in winner_body
    assert "Only for the team." not in winner_body
    for juror in told["jurors"]:
        assert juror.user.display_name not in body
        assert juror.user.email not in body
    # An entry without shared feedback has no feedback heading.
    finalist = told["entries"]["finalist"]
    assert "The jury's feedback:" not in body_of(finalist.owner)


def entry_standing(which: str) -> str:
    return {"mention": "special_mention", "withdrawn": "prize_withdrawn"}.get(
        which, {"loser": "not_selected"}.get(which, which)
    )


@pytest.mark.parametrize(
    ("which", "label", "next_step"),
    [
        ("winner", "Winner", "Winner. Congratulations!"),
        (
            "mention",
            "Special mention",
            "Special mention from the jury. Congratulations!",
        ),
        ("finalist", "Finalist", "Finalist. Congratulations!"),
        (
            "withdrawn",
            "Prize withdrawn",
            "The award's organisers withdrew the prize this entry had won.",
        ),
        ("loser", "Not selected", "Not selected this time. Thank you for entering."),
    ],
)
def test_my_entries_and_the_entry_page_say_what_the_email_said(
    told, client, which, label, next_step
):
    """The entrant's pages agree with the email: a special mention is not a plain
    finalist, and a withdrawn prize never reads "Winner"."""
    entry = told["entries"][which]
    client.force_login(entry.owner)
    with translation.override("en"):
        mine = client.get(reverse("awards:my_entries")).content.decode()
        page = client.get(reverse("awards:entry_detail", args=[entry.pk]))
    badge = f'<span class="state state--{entry_standing(which)}">{label}</span>'
    assert badge in mine
    assert next_step in mine
    assert badge in page.content.decode()
    if which != "winner":
        assert ">Winner</span>" not in mine


class RefusesOne(EmailBackend):
    address = ""

    def send_messages(self, messages):
        for message in messages:
            if message.to == [RefusesOne.address]:
                raise smtplib.SMTPDataError(550, b"mailbox unavailable")
        return super().send_messages(messages)


def test_an_address_refused_for_good_holds_up_nobody(settings):
    """A 5xx for one entrant: the others are told, and the publication is done
    (no retry every minute for a message that cannot go)."""
    round_, _rubric, _jurors, entries = jury_round(jurors=1, entries=3)
    award = round_.award
    publication = ResultsPublication.objects.create(
        award=award,
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
        published_by=UserFactory(is_staff=True, is_superuser=True),
    )
    RefusesOne.address = entries[0].owner.email
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOne"
    mail.outbox.clear()
    assert services.results_emails_send(award_id=award.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        e.owner.email for e in entries[1:]
    )
    publication.refresh_from_db()
    assert publication.entrants_told_at is not None
