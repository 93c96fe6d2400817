"""Wagtail's site history report (and its results, filters and exports) shows each
member of an award's team the log entries of their own awards, the platform
admin everything, and nobody an investigation's."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.log_actions import log

from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CriterionFactory,
    InvestigationFactory,
    RoundFactory,
    UserFactory,
    on_team,
)

pytestmark = pytest.mark.django_db

OWN = [
    "Alpha criterion",
    "Alpha award · Alpha round",
    "Alpha category",
    "Alpha award",
]
OTHER = ["Beta category", "Beta award"]
OUTSIDE = ["Somebody Else"]  # a user account edited by the platform admin


@pytest.fixture
def logs(db):
    """Award A and award B, each with a team and log entries written by its own
    organiser; a user account and an investigation edited by the platform admin."""
    admin = UserFactory(is_staff=True, is_superuser=True, display_name="Admin")
    alpha = AwardFactory(title="Alpha award")
    beta = AwardFactory(title="Beta award")
    users = {
        "organiser": on_team(alpha, UserFactory(display_name="Alpha Organiser")),
        "other_organiser": on_team(beta, UserFactory(display_name="Beta Organiser")),
        "observer": on_team(alpha, role="observer"),
        "superuser": admin,
    }
    alpha_writer, beta_writer = users["organiser"], users["other_organiser"]
    log(alpha, "wagtail.edit", user=alpha_writer)
    log(
        CategoryFactory(award=alpha, name="Alpha category"),
        "wagtail.create",
        user=alpha_writer,
    )
    log(
        RoundFactory(award=alpha, name="Alpha round"), "wagtail.edit", user=alpha_writer
    )
    log(
        CriterionFactory(award=alpha, name="Alpha criterion"),
        "wagtail.edit",
        user=alpha_writer,
    )
    log(beta, "wagtail.edit", user=beta_writer)
    log(
        CategoryFactory(award=beta, name="Beta category"),
        "wagtail.create",
        user=beta_writer,
    )
    log(UserFactory(display_name="Somebody Else"), "wagtail.edit", user=admin)
    log(InvestigationFactory(title="Water rights"), "wagtail.edit", user=admin)
    return users


def _labels(response) -> list[str]:
    return [entry.label for entry in response.context["object_list"]]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("organiser", OWN),
        ("observer", OWN),
        ("other_organiser", OTHER),
        ("superuser", [*OUTSIDE, *OTHER, *OWN]),
    ],
)
def test_site_history_shows_the_entries_of_the_users_awards(
    client, logs, role, expected
):
    client.force_login(logs[role])
    for name in ("wagtailadmin_reports:site_history", "cms_site_history_results"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert _labels(response) == expected, name
        html = response.content.decode()
        for label in {*OWN, *OTHER, *OUTSIDE, "Water rights"} - set(expected):
            assert label not in html, (name, label)


def test_a_model_permission_opens_no_other_awards_entries(client, logs):
    # Wagtail's own rule would show every category's entries to this user.
    organiser = logs["other_organiser"]
    organiser.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="awards", codename="change_category"
        )
    )
    client.force_login(organiser)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert _labels(response) == OTHER


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("organiser", OWN),
        ("other_organiser", OTHER),
        ("superuser", [*OUTSIDE, *OTHER, *OWN]),
    ],
)
def test_the_csv_export_holds_the_same_entries(client, logs, role, expected):
    client.force_login(logs[role])
    response = client.get(
        reverse("wagtailadmin_reports:site_history"), {"export": "csv"}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["Name"] for row in rows] == expected
    assert "Water rights" not in body


def test_the_filters_offer_only_the_users_types_actions_and_people(client, logs):
    client.force_login(logs["organiser"])
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    form = response.context["filters"].form
    types = {str(ct) for ct in form.fields["object_type"].queryset}
    assert types == {
        "Awards | award",
        "Awards | category",
        "Awards | criterion",
        "Awards | round",
    }
    assert {value for value, _label in form.fields["action"].choices} == {
        "wagtail.create",
        "wagtail.edit",
    }
    assert [str(u) for u in form.fields["user"].queryset] == ["Alpha Organiser"]


def test_the_superusers_type_filter_names_no_investigation(client, logs):
    client.force_login(logs["superuser"])
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    types = {
        ct.app_label
        for ct in response.context["filters"].form.fields["object_type"].queryset
    }
    assert types == {"accounts", "awards"}


def test_an_observer_finds_site_history_in_the_reports_menu(client, logs):
    client.force_login(logs["observer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:site_history") in html


def test_the_report_runs_the_same_queries_for_1_and_20_entries(
    client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    award = AwardFactory(title="Gamma award")
    organiser = on_team(award)
    client.force_login(organiser)
    url = reverse("wagtailadmin_reports:site_history")
    log(CategoryFactory(award=award), "wagtail.create", user=organiser)
    client.get(url)  # caches warmed (content types, log actions)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(_labels(response)) == 1
    for _ in range(19):
        log(CategoryFactory(award=award), "wagtail.create", user=organiser)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(_labels(response)) == 20
