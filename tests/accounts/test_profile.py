import datetime

import pytest
from django.urls import reverse

from accounts.models import Language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = UserFactory(email="dilnoza@example.uz", display_name="")
    client.force_login(user)
    return user


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


def test_profile_lists_central_asian_countries_first(client, member):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    choices = [
        code for code, _label in response.context["form"].fields["country"].choices
    ]
    # The five Central Asian countries, a separator, then all of ISO 3166.
    assert choices[:6] == ["KZ", "UZ", "KG", "TJ", "TM", ""]
    assert choices[6:9] == ["AF", "AX", "AL"]
    # 249 ISO 3166 countries, each once, plus the separator.
    assert len(choices) == 250
    assert len(set(choices)) == 250
    assert "You sign in as dilnoza@example.uz." in response.content.decode()


def test_profile_update_saves_every_field(client, member):
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "  Dilnoza Karimova ",
            "country": "UZ",
            "outlet": "Tashkent Times",
            "languages": ["uz", "ru"],
            "birth_year": "1998",
            "bio": "Data reporter.",
        },
        follow=True,
    )
    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert "Your profile has been saved." in response.content.decode()
    member.refresh_from_db()
    assert member.display_name == "Dilnoza Karimova"
    assert member.country.code == "UZ"
    assert member.outlet == "Tashkent Times"
    assert member.birth_year == 1998
    assert member.bio == "Data reporter."
    assert sorted(member.languages.values_list("code", flat=True)) == ["ru", "uz"]


@pytest.mark.parametrize("year", ["1899", "2999"])
def test_profile_refuses_an_impossible_birth_year_and_keeps_the_input(
    client, member, year
):
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Kept", "country": "KZ", "birth_year": year, "bio": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["birth_year"]
    this_year = datetime.datetime.now(tz=datetime.UTC).year
    assert errors == [f"Enter a year between 1900 and {this_year}."]
    assert 'value="Kept"' in response.content.decode()
    member.refresh_from_db()
    assert member.birth_year is None
    assert member.display_name == ""


def test_profile_refuses_an_unknown_language(client, member):
    response = client.post(
        reverse("accounts:profile"), {"languages": ["xx"], "country": ""}
    )
    assert response.status_code == 200
    assert "languages" in response.context["form"].errors
    assert member.languages.count() == 0


def test_every_readable_language_exists():
    from accounts.enums import READABLE_LANGUAGES

    assert set(Language.objects.values_list("code", flat=True)) == set(
        READABLE_LANGUAGES
    )


def test_email_is_unique_whatever_its_case():
    from django.db import IntegrityError

    UserFactory(email="same@example.org")
    with pytest.raises(IntegrityError):
        from accounts.models import User

        User.objects.bulk_create([User(email="SAME@example.org")])
