"""Jurors' pages: dashboard, score form, 404s, conflicts, attachments."""

import pytest
from django.urls import reverse

from awards.jury.models import Assignment, Conflict, ScoreSheet
from tests.awards.jury.helpers import jury_round
from tests.factories import EligibleEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(client):
    round_, rubric, jurors, entries = jury_round(jurors=2, entries=2)
    assignment = Assignment.objects.create(
        round=round_, juror=jurors[0], entry=entries[0]
    )
    client.force_login(jurors[0].user)
    return round_, rubric[0], jurors, entries, assignment


def test_juror_scores_and_submits_through_the_form(client, scene):
    _round, criterion, _jurors, _entries, assignment = scene
    url = reverse("awards:jury_entry", args=[assignment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="c{criterion.pk}"' in page.content.decode()
    saved = client.post(url, {f"c{criterion.pk}": "6", "comment": "ok", "save": ""})
    assert saved.status_code == 302 and saved.url == url
    sent = client.post(url, {f"c{criterion.pk}": "8", "submit": ""}, follow=True)
    assert sent.redirect_chain[-1][0] == reverse("awards:jury_dashboard")
    sheet = ScoreSheet.objects.get()
    assert (str(sheet.total), sheet.is_submitted, sheet.comment) == ("8.0000", True, "")


def test_out_of_range_score_shows_the_error_at_the_field(client, scene):
    _round, criterion, _jurors, _entries, assignment = scene
    url = reverse("awards:jury_entry", args=[assignment.pk])
    page = client.post(url, {f"c{criterion.pk}": "12", "submit": ""})
    assert page.status_code == 200
    assert "is scored from 0 to 10." in page.content.decode()
    assert not ScoreSheet.objects.filter(submitted_at__isnull=False).exists()


def test_second_tab_submitting_is_told(client, scene):
    _round, criterion, _jurors, _entries, assignment = scene
    url = reverse("awards:jury_entry", args=[assignment.pk])
    client.post(url, {f"c{criterion.pk}": "8", "submit": ""})
    again = client.post(url, {f"c{criterion.pk}": "3", "submit": ""}, follow=True)
    assert "This sheet can no longer change." in again.content.decode()
    assert ScoreSheet.objects.get().total == 8


def test_unassigned_entry_is_404(client, scene):
    round_, _criterion, jurors, entries, _assignment = scene
    other = Assignment.objects.create(round=round_, juror=jurors[1], entry=entries[1])
    assert client.get(reverse("awards:jury_entry", args=[other.pk])).status_code == 404


def test_conflicted_entry_is_404_and_leaves_the_list(client, scene):
    _round, _criterion, jurors, _entries, assignment = scene
    url = reverse("awards:jury_entry", args=[assignment.pk])
    response = client.post(
        reverse("awards:jury_conflict", args=[assignment.pk]),
        {"reason": "I edited this story."},
    )
    assert response.status_code == 302
    assert Conflict.objects.get().source == "declared"
    assert client.get(url).status_code == 404
    assert not Assignment.objects.filter(pk=assignment.pk).exists()


def test_staff_added_conflict_hides_an_existing_assignment(client, scene):
    _round, _criterion, jurors, entries, assignment = scene
    staff = UserFactory(is_staff=True, is_superuser=True)
    Conflict.objects.create(
        juror=jurors[0], entry=entries[0], source="staff", reason="r", created_by=staff
    )
    assert (
        client.get(reverse("awards:jury_entry", args=[assignment.pk])).status_code
        == 404
    )


def test_juror_without_mfa_is_sent_to_set_it_up(client):
    round_, _rubric, _jurors, _entries = jury_round(jurors=1, entries=1)
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("awards:jury_dashboard"))
    assert page.status_code == 403
    assert "Set up an authenticator app" in page.content.decode()


def test_dashboard_shows_progress_and_deadline(client, scene):
    round_, criterion, jurors, entries, assignment = scene
    page = client.get(reverse("awards:jury_dashboard")).content.decode()
    assert "0 of 1 scored" in page
    assert entries[0].reference in page
    assert "Not started" in page


def _assign_many(round_, juror, count):
    category = round_.categories.get()
    entries = [EligibleEntryFactory(category=category) for _ in range(count)]
    Assignment.objects.bulk_create(
        [Assignment(round=round_, juror=juror, entry=e) for e in entries]
    )


def test_dashboard_query_count_is_the_same_for_1_and_200(
    client, django_assert_num_queries
):
    round_, _rubric, jurors, _entries = jury_round(jurors=2, entries=0)
    _assign_many(round_, jurors[0], 1)
    _assign_many(round_, jurors[1], 200)
    counts = []
    for juror in jurors:
        client.force_login(juror.user)
        client.get(reverse("awards:jury_dashboard"))  # warm the session
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("awards:jury_dashboard"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_juror_accepts_an_invitation_with_mfa(client):
    from awards.jury import services
    from tests.factories import AwardFactory, mfa_on

    staff = UserFactory(is_staff=True, is_superuser=True)
    award = AwardFactory()
    person = UserFactory()
    juror, token = services.juror_invite(
        award=award, email=person.email, categories=[], actor=staff, send=False
    )
    client.force_login(person)
    url = reverse("awards:juror_accept", args=[token])
    refused = client.post(url, follow=True)
    assert "Jurors must use two-factor authentication" in refused.content.decode()
    mfa_on(person)
    accepted = client.post(url)
    assert accepted.status_code == 302
    juror.refresh_from_db()
    assert (juror.user_id, juror.is_active) == (person.pk, True)
    stranger = UserFactory()
    mfa_on(stranger)
    client.force_login(stranger)
    other = client.post(url, follow=True)
    assert "sent to another address" in other.content.decode()


def test_juror_declares_a_relation_and_loses_that_persons_entries(client, scene):
    round_, _criterion, jurors, entries, assignment = scene
    relative = entries[0].owner
    response = client.post(
        reverse("awards:jury_relation"), {"email": relative.email}, follow=True
    )
    assert "you will not be given this person" in response.content.decode()
    assert list(jurors[0].related_people.all()) == [relative]
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    from awards.jury.selectors.conflicts import conflict_map

    assert conflict_map(jurors=[jurors[0]], entries=[entries[0]]) == {
        (jurors[0].pk, entries[0].pk): "relation"
    }


def test_relation_to_an_unknown_address_is_explained(client, scene):
    response = client.post(
        reverse("awards:jury_relation"), {"email": "nobody@example.org"}, follow=True
    )
    assert "No Qalam account uses this address" in response.content.decode()


def test_the_dashboard_and_entry_name_award_and_category_in_the_jurors_language(
    client, scene
):
    from django.utils import translation

    from awards.models import AwardTranslation, CategoryTranslation

    round_, _criterion, _jurors, entries, assignment = scene
    category = entries[0].category
    AwardTranslation.objects.create(
        award=round_.award, language="ru", title="Премия региона"
    )
    CategoryTranslation.objects.create(
        category=category, language="ru", name="Расследования"
    )
    with translation.override("ru"):
        dashboard = client.get(reverse("awards:jury_dashboard")).content.decode()
        entry = client.get(
            reverse("awards:jury_entry", args=[assignment.pk])
        ).content.decode()
    with translation.override("en"):
        english = client.get(reverse("awards:jury_dashboard")).content.decode()
    assert f"Премия региона · {round_.name}" in dashboard
    assert "<td>Расследования</td>" in dashboard
    assert category.name not in dashboard
    assert "· Расследования ·" in entry
    assert f"<td>{category.name}</td>" in english
