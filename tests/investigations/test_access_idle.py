"""An idle workspace session asks the member to sign in again.

The lead sets the idle time (default 30 minutes); after it the next request to the
workspace, page or POST, shows nothing and applies nothing until the member gives
their password again; allauth then replays the request.
"""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from investigations import services
from investigations.enums import Role
from investigations.models import Column
from tests.accounts.test_auth_flows import totp
from tests.factories import PASSWORD, InvestigationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

T0 = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)


def minutes(n: float) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=n)


@pytest.fixture
def team():
    """A workspace whose lead and reporter sign in with a known second factor."""
    people = {}
    for role in ("lead", "reporter"):
        user = UserFactory(email=f"{role}@example.org", display_name=role.title())
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        people[role] = (user, secret)
    investigation = InvestigationFactory(
        created_by=people["lead"][0], title="Water rights", codename="water"
    )
    services.membership_add(
        actor=people["lead"][0],
        investigation=investigation,
        user=people["reporter"][0],
        role=Role.REPORTER,
    )
    return investigation, people


def sign_in(client, user, secret):
    """Password, then the authenticator code: the way a member really signs in."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
    assert response.status_code == 302, response.content.decode()[:500]


def board(client):
    return client.get(reverse("investigations:board", args=["water"]))


def asks_to_sign_in_again(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("account_reauthenticate")
    )


def test_the_default_half_hour_of_idleness_asks_for_the_password_again(client, team):
    investigation, people = team
    user, secret = people["reporter"]
    assert investigation.idle_timeout_minutes == 30
    with time_machine.travel(T0, tick=False) as clock:
        sign_in(client, user, secret)
        assert board(client).status_code == 200
        clock.move_to(minutes(29))
        assert board(client).status_code == 200  # activity restarts the clock
        clock.move_to(minutes(29 + 29))
        assert board(client).status_code == 200
        clock.move_to(minutes(29 + 29 + 31))
        response = board(client)
        assert asks_to_sign_in_again(response)
        assert "Water rights" not in response.content.decode()
        # Every workspace URL, the encrypted documents included.
        documents = client.get(reverse("secure_docs:list", args=["water"]))
        assert asks_to_sign_in_again(documents)

        response = client.post(
            reverse("account_reauthenticate"),
            {
                "password": PASSWORD,
                "next": reverse("investigations:board", args=["water"]),
            },
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("investigations:board", args=["water"])
        assert board(client).status_code == 200


def test_a_wrong_password_does_not_reopen_the_workspace(client, team):
    investigation, people = team
    user, secret = people["reporter"]
    with time_machine.travel(T0, tick=False) as clock:
        sign_in(client, user, secret)
        assert board(client).status_code == 200
        clock.move_to(minutes(45))
        assert asks_to_sign_in_again(board(client))
        response = client.post(
            reverse("account_reauthenticate"), {"password": "not the password"}
        )
        assert response.status_code == 200  # the form again, with its error
        assert asks_to_sign_in_again(board(client))


def test_a_post_after_the_idle_time_changes_nothing_until_signed_in_again(client, team):
    investigation, people = team
    user, secret = people["lead"]
    columns = Column.objects.filter(investigation=investigation).count()
    url = reverse("investigations:column_create", args=["water"])
    with time_machine.travel(T0, tick=False) as clock:
        sign_in(client, user, secret)
        assert board(client).status_code == 200
        clock.move_to(minutes(31))
        response = client.post(url, {"name": "Leaks"})
        assert asks_to_sign_in_again(response)
        assert Column.objects.filter(investigation=investigation).count() == columns
        # The board's drag-and-drop asks in JSON: it gets JSON back, not a page.
        response = client.post(
            reverse("investigations:board", args=["water"]),
            {},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 401
        assert response.json() == {"error": "Sign in again to go on."}


def test_the_lead_sets_the_idle_time_and_bad_values_are_refused(client, team):
    investigation, people = team
    lead, lead_secret = people["lead"]
    reporter, reporter_secret = people["reporter"]
    settings_url = reverse("investigations:settings", args=["water"])
    form = {"title": "Water rights", "summary": "", "countries": ["KZ"]}
    with time_machine.travel(T0, tick=False) as clock:
        sign_in(client, lead, lead_secret)
        for bad in ("2", "100000", "soon"):
            response = client.post(settings_url, {**form, "idle_timeout_minutes": bad})
            assert response.status_code == 200
            assert "idle_timeout_minutes" in response.context["form"].errors
        investigation.refresh_from_db()
        assert investigation.idle_timeout_minutes == 30
        response = client.post(settings_url, {**form, "idle_timeout_minutes": "10"})
        assert response.status_code == 302
        investigation.refresh_from_db()
        assert investigation.idle_timeout_minutes == 10

        # A reporter may not change it.
        client.logout()
        sign_in(client, reporter, reporter_secret)
        response = client.post(settings_url, {**form, "idle_timeout_minutes": "480"})
        assert response.status_code == 403
        assert board(client).status_code == 200
        clock.move_to(minutes(9))
        assert board(client).status_code == 200
        clock.move_to(minutes(9 + 11))
        assert asks_to_sign_in_again(board(client))


def test_a_non_member_still_gets_404_not_a_sign_in_prompt(client, team):
    stranger = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(stranger, secret)
    with time_machine.travel(T0, tick=False) as clock:
        sign_in(client, stranger, secret)
        clock.move_to(minutes(120))
        assert board(client).status_code == 404
