"""Deliberation seen from outside a thread: the organisers' screen, the round's
chair in its settings, and pages whose queries do not grow with their threads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.jury import selectors, services
from tests.awards.jury.helpers import NAMES, final_round, jury_round, score, thread_url
from tests.factories import JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def final():
    return final_round()


def test_organisers_see_votes_posts_decisions_and_names(client, final):
    round_, jurors, (e1, e2), _outsider = final
    services.deliberation_post(round=round_, entry=e1, actor=jurors[1].user, body="Ok")
    services.deliberation_vote(
        round=round_, entry=e1, actor=jurors[1].user, agrees=True
    )
    services.deliberation_vote(
        round=round_, entry=e1, actor=jurors[2].user, agrees=False
    )
    services.deliberation_decide(
        round=round_, entry=e2, actor=jurors[0].user, outcome="Special mention."
    )
    rows = {row.entry_id: row for row in selectors.deliberation_overview(round=round_)}
    assert (rows[e1.pk].agree, rows[e1.pk].disagree, len(rows[e1.pk].posts)) == (
        1,
        1,
        1,
    )
    assert rows[e1.pk].decision is None
    assert rows[e2.pk].decision.outcome == "Special mention."
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(
        reverse("award_rounds:deliberation", args=[round_.pk])
    ).content.decode()
    assert NAMES[1] in html and "Special mention." in html and "Ok" in html
    html = client.get(reverse("award_rounds:results", args=[round_.pk])).content
    assert reverse("award_rounds:deliberation", args=[round_.pk]).encode() in html


def _final_with(n_entries, n_posts):
    round_, _rubric, (a, b), entries = jury_round(
        jurors=2, entries=n_entries, kind="final"
    )
    for entry in entries:
        score(round_, a, entry, 6)
        score(round_, b, entry, 7)
    round_.state = "closed"
    round_.chair = a
    round_.save()
    for n in range(n_posts):
        services.deliberation_post(
            round=round_, entry=entries[0], actor=(a, b)[n % 2].user, body=f"P{n}"
        )
        services.deliberation_vote(
            round=round_, entry=entries[n % n_entries], actor=b.user, agrees=True
        )
    return round_, a, entries


def test_the_thread_runs_the_same_queries_for_1_and_20_posts(client):
    def queries(n):
        round_, juror, entries = _final_with(1, n)
        client.force_login(juror.user)
        url = thread_url("jury_deliberation", round_, entries[0])
        client.get(url)  # warm the caches a first request fills (site, session)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.content.decode().count('<li class="own">') == (n + 1) // 2
        return len(context)

    assert queries(1) == queries(20)


def test_the_organisers_screen_runs_the_same_queries_for_1_and_20_entries(client):
    def queries(n):
        round_, _juror, _entries = _final_with(n, n)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        url = reverse("award_rounds:deliberation", args=[round_.pk])
        client.get(url)  # warm the caches a first request fills (site, session)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.content.decode().count('<section class="w-mt-8"') == n
        return len(context)

    assert queries(1) == queries(20)


def test_the_round_form_offers_the_awards_active_jurors_as_chair(client, final):
    round_, jurors, _entries, _outsider = final
    services.juror_remove(juror=jurors[2], actor=UserFactory(is_superuser=True))
    stranger = JurorFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("award_rounds:edit", args=[round_.pk])
    offered = set(
        client.get(url)
        .context["form"]
        .fields["chair"]
        .queryset.values_list("pk", flat=True)
    )
    assert jurors[0].pk in offered and jurors[1].pk in offered
    assert jurors[2].pk not in offered and stranger.pk not in offered
    data = {
        "award": round_.award_id,
        "name": round_.name,
        "kind": "final",
        "position": round_.position,
        "categories": list(round_.categories.values_list("pk", flat=True)),
        "opens_at": round_.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": round_.closes_at.strftime("%Y-%m-%d %H:%M"),
        "jurors_per_entry": round_.jurors_per_entry,
        "min_juror_countries": 1,
        "expertise_weight": 0,
        "is_blind": "on",
        "score_visibility": round_.score_visibility,
        "disagreement_threshold": "2.00",
        "chair": jurors[1].pk,
    }
    assert client.post(url, data).status_code == 302
    round_.refresh_from_db()
    assert round_.chair == jurors[1]
    response = client.post(url, {**data, "kind": "scoring"})
    assert response.context["form"].errors["chair"] == [
        "Only a final round has a chair: leave it empty."
    ]
