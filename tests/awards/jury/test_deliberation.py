"""Deliberation in a final round: who reads an entry's thread, when it is open,
pseudonyms in a blind round, votes, the chair's decision and the audit chain."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from awards.jury import selectors, services
from awards.jury.models import (
    Assignment,
    AuditRecord,
    Conflict,
    Decision,
    DeliberationPost,
    RankVote,
)
from awards.jury.selectors.deliberation import pseudonym_order
from tests.awards.jury.helpers import (
    EMAILS,
    NAMES,
    final_round,
    jury_round,
    thread_url,
)
from tests.factories import JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def final():
    return final_round()


def test_an_assigned_juror_reads_the_rank_and_thread(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    client.force_login(jurors[1].user)
    response = client.get(thread_url("jury_deliberation", round_, e1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rank 1 of 2 in its category" in html
    assert "No messages yet." in html
    assert "Agree: 0 · Disagree: 0" in html
    # Not the chair: no decision form.
    assert "Record the decision" not in html


def test_outsiders_get_404(client, final):
    round_, jurors, (e1, _e2), outsider = final
    client.force_login(outsider.user)
    assert client.get(thread_url("jury_deliberation", round_, e1)).status_code == 404
    assert (
        client.post(
            thread_url("jury_deliberation", round_, e1), {"body": "Hi"}
        ).status_code
        == 404
    )
    assert DeliberationPost.objects.count() == 0


def test_a_conflicted_juror_gets_404(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    Conflict.objects.create(
        juror=jurors[2],
        entry=e1,
        source="staff",
        reason="Friend",
        created_by=jurors[0].user,
    )
    client.force_login(jurors[2].user)
    assert client.get(thread_url("jury_deliberation", round_, e1)).status_code == 404
    with pytest.raises(Http404):
        services.deliberation_post(
            round=round_, entry=e1, actor=jurors[2].user, body="Sneaky"
        )


def test_a_removed_juror_gets_404(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    services.juror_remove(juror=jurors[2], actor=UserFactory(is_superuser=True))
    client.force_login(jurors[2].user)
    assert client.get(thread_url("jury_deliberation", round_, e1)).status_code == 404


def test_a_scoring_round_has_no_deliberation(client):
    round_, _rubric, (juror,), (entry,) = jury_round(jurors=1, entries=1)
    Assignment.objects.create(round=round_, juror=juror, entry=entry)
    round_.state = "closed"
    round_.save()
    client.force_login(juror.user)
    assert client.get(thread_url("jury_deliberation", round_, entry)).status_code == 404


def test_blind_threads_show_pseudonyms_never_names_or_emails(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    for juror, body in zip(jurors, ["First view", "Second view", "Third"], strict=True):
        services.deliberation_post(round=round_, entry=e1, actor=juror.user, body=body)
    client.force_login(jurors[1].user)
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    for other in (0, 2):
        assert NAMES[other] not in html
        assert EMAILS[other] not in html
    # Numbered in an order keyed by the site's secret, not the order the jurors
    # were invited or assigned in; the viewer is "You".
    order = sorted(
        jurors, key=lambda j: pseudonym_order(round_id=round_.pk, juror_id=j.pk)
    )
    number = {juror.pk: n for n, juror in enumerate(order, start=1)}
    assert "<strong>You</strong>" in html
    for other in (0, 2):
        assert f"<strong>Juror {number[jurors[other].pk]}</strong>" in html
    assert f"<strong>Juror {number[jurors[1].pk]}</strong>" not in html
    # The same juror keeps their number on another reader's page.
    client.force_login(jurors[2].user)
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    for other in (0, 1):
        assert f"<strong>Juror {number[jurors[other].pk]}</strong>" in html
    assert NAMES[0] not in html and NAMES[1] not in html
    # The entrant is hidden too.
    assert e1.owner.email not in html and str(e1.owner.display_name) not in html


def test_an_open_round_names_the_jurors(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    round_.is_blind = False
    round_.save()
    services.deliberation_post(round=round_, entry=e1, actor=jurors[0].user, body="Hi")
    client.force_login(jurors[1].user)
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    assert f"<strong>{NAMES[0]}</strong>" in html
    assert EMAILS[0] not in html


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("open", "The discussion opens when scoring closes."),
        ("decided", "This round is decided: the discussion is closed."),
    ],
)
def test_posting_and_voting_in_the_wrong_state_is_refused(
    client, final, state, message
):
    round_, jurors, (e1, _e2), _outsider = final
    round_.state = state
    round_.save()
    client.force_login(jurors[1].user)
    response = client.post(
        thread_url("jury_deliberation", round_, e1), {"body": "Too early"}, follow=True
    )
    assert message in response.content.decode()
    client.post(thread_url("jury_deliberation_vote", round_, e1), {"agrees": "yes"})
    assert DeliberationPost.objects.count() == 0
    assert RankVote.objects.count() == 0
    with pytest.raises(ValidationError) as caught:
        services.deliberation_vote(
            round=round_, entry=e1, actor=jurors[1].user, agrees=True
        )
    assert caught.value.messages == [message]


def test_an_empty_or_long_message_is_refused(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    client.force_login(jurors[1].user)
    response = client.post(
        thread_url("jury_deliberation", round_, e1), {"body": "   "}, follow=True
    )
    assert "Write a message before posting." in response.content.decode()
    with pytest.raises(ValidationError) as caught:
        services.deliberation_post(
            round=round_, entry=e1, actor=jurors[1].user, body="x" * 4001
        )
    assert caught.value.messages == [
        "A message has at most 4000 characters; this one has 4001."
    ]
    assert DeliberationPost.objects.count() == 0


def test_votes_are_counted_and_change_until_the_decision(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    client.force_login(jurors[1].user)
    vote = thread_url("jury_deliberation_vote", round_, e1)
    client.post(vote, {"agrees": "yes"})
    response = client.post(vote, {"agrees": "yes"}, follow=True)
    assert "Your vote is unchanged." in response.content.decode()
    client.post(vote, {"agrees": "no"})
    services.deliberation_vote(
        round=round_, entry=e1, actor=jurors[2].user, agrees=True
    )
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    assert "Agree: 1 · Disagree: 1" in html
    assert "Your vote: disagree." in html
    assert RankVote.objects.get(juror=jurors[1]).agrees is False
    # A vote, its change, and the other juror's vote: three records, not four.
    assert list(
        AuditRecord.objects.filter(action="rank_vote").values_list("data", flat=True)
    ) == [
        {"entry": e1.pk, "juror": jurors[1].pk, "agrees": True, "previous": None},
        {"entry": e1.pk, "juror": jurors[1].pk, "agrees": False, "previous": True},
        {"entry": e1.pk, "juror": jurors[2].pk, "agrees": True, "previous": None},
    ]
    response = client.post(vote, {"agrees": "maybe"}, follow=True)
    assert "Choose agree or disagree." in response.content.decode()


def test_only_the_chair_decides(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    decide = thread_url("jury_deliberation_decide", round_, e1)
    client.force_login(jurors[1].user)
    assert client.post(decide, {"outcome": "Winner"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.deliberation_decide(
            round=round_, entry=e1, actor=jurors[1].user, outcome="Winner"
        )
    assert Decision.objects.count() == 0
    client.force_login(jurors[0].user)
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    assert "Record the decision" in html
    response = client.post(decide, {"outcome": "", "final_rank": ""}, follow=True)
    assert "Write down what the jury decided." in response.content.decode()
    response = client.post(
        decide, {"outcome": "Winner", "final_rank": "3"}, follow=True
    )
    assert (
        "A final rank is from 1 to 2, the entries ranked in this category."
        in response.content.decode()
    )
    client.post(decide, {"outcome": "Winner of the category.", "final_rank": "1"})
    decision = Decision.objects.get()
    assert (decision.outcome, decision.final_rank, decision.chair) == (
        "Winner of the category.",
        1,
        jurors[0],
    )
    assert decision.decided_by == jurors[0].user


def test_the_thread_is_read_only_after_the_decision(client, final):
    round_, jurors, (e1, e2), _outsider = final
    services.deliberation_post(round=round_, entry=e1, actor=jurors[1].user, body="Yes")
    services.deliberation_decide(
        round=round_, entry=e1, actor=jurors[0].user, outcome="Finalist."
    )
    client.force_login(jurors[1].user)
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    assert "Finalist." in html
    assert "The chair has recorded the decision: the discussion is closed." in html
    assert 'name="body"' not in html and 'name="agrees"' not in html
    response = client.post(
        thread_url("jury_deliberation", round_, e1), {"body": "Wait!"}, follow=True
    )
    assert "the discussion is closed" in response.content.decode()
    assert DeliberationPost.objects.filter(entry=e1).count() == 1
    with pytest.raises(ValidationError):
        services.deliberation_decide(
            round=round_, entry=e1, actor=jurors[0].user, outcome="Winner after all."
        )
    # The other entry's thread is still open.
    services.deliberation_post(round=round_, entry=e2, actor=jurors[1].user, body="Go")


def test_every_step_is_in_the_audit_chain(final):
    round_, jurors, (e1, _e2), _outsider = final
    services.deliberation_post(round=round_, entry=e1, actor=jurors[1].user, body="Hm")
    services.deliberation_vote(
        round=round_, entry=e1, actor=jurors[1].user, agrees=False
    )
    services.deliberation_decide(
        round=round_, entry=e1, actor=jurors[0].user, outcome="Finalist.", final_rank=2
    )
    records = list(
        AuditRecord.objects.filter(action__startswith="deliberation").order_by(
            "sequence"
        )
    )
    assert [(r.action, r.data, r.actor) for r in records] == [
        (
            "deliberation_post",
            {"entry": e1.pk, "juror": jurors[1].pk, "body": "Hm"},
            jurors[1].user,
        ),
        (
            "deliberation_decision",
            {
                "entry": e1.pk,
                "juror": jurors[0].pk,
                "outcome": "Finalist.",
                "final_rank": 2,
            },
            jurors[0].user,
        ),
    ]
    assert AuditRecord.objects.filter(action="rank_vote").count() == 1
    assert selectors.audit_verify() is None


def test_the_chair_must_be_a_juror_of_the_award_in_a_final(final):
    round_, jurors, _entries, _outsider = final
    stranger = JurorFactory()
    round_.chair = stranger
    with pytest.raises(ValidationError) as caught:
        round_.full_clean()
    assert caught.value.message_dict["chair"] == [
        "The chair must be a juror of this round's award."
    ]
    round_.chair = jurors[0]
    round_.kind = "scoring"
    with pytest.raises(ValidationError) as caught:
        round_.full_clean()
    assert caught.value.message_dict["chair"] == [
        "Only a final round has a chair: leave it empty."
    ]


def test_the_dashboard_and_entry_page_link_the_thread(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    client.force_login(jurors[1].user)
    link = thread_url("jury_deliberation", round_, e1)
    assert link in client.get(reverse("awards:jury_dashboard")).content.decode()
    assignment = Assignment.objects.get(round=round_, juror=jurors[1], entry=e1)
    html = client.get(reverse("awards:jury_entry", args=[assignment.pk])).content
    assert link.encode() in html


def test_pseudonyms_follow_a_keyed_order_not_the_invitation_order():
    """Over many rounds, the first-invited juror is not always "Juror 1"."""
    firsts = {
        min(range(1, 4), key=lambda j: pseudonym_order(round_id=r, juror_id=j))
        for r in range(1, 40)
    }
    assert firsts == {1, 2, 3}


def test_a_round_reopened_for_scoring_hides_its_discussion(client, final):
    round_, jurors, (e1, _e2), _outsider = final
    services.deliberation_post(
        round=round_, entry=e1, actor=jurors[0].user, body="It should win."
    )
    services.deliberation_vote(
        round=round_, entry=e1, actor=jurors[0].user, agrees=True
    )
    round_.state = "open"
    round_.save()
    client.force_login(jurors[1].user)
    html = client.get(thread_url("jury_deliberation", round_, e1)).content.decode()
    assert "It should win." not in html
    assert "Agree: 0 · Disagree: 0" in html
    assert "The discussion opens when scoring closes." in html
