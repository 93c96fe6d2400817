"""Organisers' jury screens: manage, assign, results with chart, exports, decisions."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.jury.models import Assignment, Conflict, Juror, Prize
from tests.awards.jury.helpers import jury_round, score
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def scored():
    round_, _rubric, (a, b, c), (e1, e2, e3) = jury_round()
    for juror, values in ((a, (8, 6, 4)), (b, (5, 4, 3))):
        for entry, value in zip((e1, e2, e3), values, strict=True):
            score(round_, juror, entry, value)
    score(round_, c, e2, 10)
    score(round_, c, e3, 2)
    return round_, (a, b, c), (e1, e2, e3)


def test_results_page_shows_both_scores_and_the_juror_chart(client, staff, scored):
    round_, jurors, (e1, _e2, _e3) = scored
    page = client.get(reverse("award_rounds:results", args=[round_.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{e1.reference} · {e1.title}" in html
    assert "<td>6.50</td><td>8.30</td><td>1.50</td>" in html
    assert html.count('<svg viewBox="0 0 1100 40"') == 3
    assert "Juror score distributions (table)" in html


def test_export_csv_has_the_full_matrix(client, staff, scored):
    round_, jurors, entries = scored
    response = client.get(reverse("award_rounds:export", args=[round_.pk, "csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    criterion = round_.award.criteria.get()
    assert lines[0] == (
        "Reference,Category,Juror,Title,Entrant,Outlet,Juror email,"
        f"{criterion.name},Weighted total,Submitted at,Juror removed"
    )
    assert len(lines) == 9
    assert lines[1].startswith(f"{entries[0].reference},")
    assert f",{jurors[0].email}," in lines[1]


def test_blind_safe_xlsx_hides_names(client, staff, scored):
    round_, jurors, entries = scored
    response = client.get(
        reverse("award_rounds:export", args=[round_.pk, "xlsx"]) + "?blind=1"
    )
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Reference", "Category", "Juror")
    assert rows[1][2] == "Juror 1"
    text = repr(rows)
    for juror in jurors:
        assert juror.email not in text
        assert juror.user.display_name not in text
    assert entries[0].owner.display_name not in text


def test_assign_with_a_report_when_infeasible(client, staff):
    round_, _rubric, _jurors, entries = jury_round(jurors=1, entries=1)
    page = client.post(
        reverse("award_rounds:assign", args=[round_.pk]), {"seed": "1"}, follow=True
    )
    html = page.content.decode()
    assert "Nothing was assigned" in html
    assert f"{entries[0].reference} needs 2 jurors, 1 available" in html
    assert not Assignment.objects.exists()
    ok = client.post(reverse("award_rounds:assign", args=[round_.pk]), follow=True)
    assert ok.status_code == 200


def test_manage_page_assigns_and_records_a_staff_conflict(client, staff):
    round_, _rubric, jurors, entries = jury_round(jurors=3, entries=2)
    client.post(reverse("award_rounds:assign", args=[round_.pk]))
    assert Assignment.objects.count() == 4
    page = client.get(reverse("award_rounds:manage", args=[round_.pk]))
    assert page.status_code == 200
    row = Assignment.objects.filter(entry=entries[0]).first()
    client.post(
        reverse("award_rounds:conflict", args=[round_.pk]),
        {
            "juror": row.juror_id,
            "reference": entries[0].reference,
            "reason": "Former colleague",
        },
    )
    conflict = Conflict.objects.get()
    assert (conflict.source, conflict.juror_id) == ("staff", row.juror_id)
    assert not Assignment.objects.filter(pk=row.pk).exists()


def test_shortlist_top_n_moves_ties_together(client, staff):
    round_, _rubric, (a, b, _c), (e1, e2, e3) = jury_round()
    for juror in (a, b):
        score(round_, juror, e1, 7)
        score(round_, juror, e2, 7)
        score(round_, juror, e3, 3)
    client.post(reverse("award_rounds:state", args=[round_.pk, "close"]))
    client.post(reverse("award_rounds:shortlist", args=[round_.pk]), {"top": "1"})
    for entry in (e1, e2, e3):
        entry.refresh_from_db()
    assert [e.state for e in (e1, e2, e3)] == ["shortlisted", "shortlisted", "eligible"]


def test_prize_form_records_a_citation(client, staff):
    round_, _rubric, _jurors, entries = jury_round(kind="final", entries=1)
    entry = entries[0]
    entry.state = "finalist"  # a final round after the shortlist
    entry.save()
    round_.position = 3
    round_.save()
    from tests.factories import RoundFactory

    RoundFactory(award=round_.award, position=1, state="decided")
    client.post(reverse("award_rounds:state", args=[round_.pk, "close"]))
    client.post(
        reverse("award_rounds:prize", args=[round_.pk]),
        {"entry": entry.pk, "kind": "winner", "citation": "Fearless."},
    )
    entry.refresh_from_db()
    assert entry.state == "winner"
    assert Prize.objects.get().citation == "Fearless."


def test_invite_and_remove_a_juror(
    client, staff, mailoutbox, tasks_in_process, django_capture_on_commit_callbacks
):
    round_, _rubric, jurors, _entries = jury_round(jurors=1, entries=0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("award_rounds:invite", args=[round_.pk]),
            {"email": "New@Example.org"},
        )
    juror = Juror.objects.get(email="new@example.org")
    assert juror.accepted_at is None
    assert len(mailoutbox) == 1
    assert "/awards/jury/invitations/" in mailoutbox[0].body
    client.post(reverse("award_rounds:juror_remove", args=[round_.pk, jurors[0].pk]))
    jurors[0].refresh_from_db()
    assert jurors[0].removed_at is not None
