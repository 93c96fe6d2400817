"""The demo award and its public call for entries (cms.AwardPage)."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from awards.enums import EntryState
from awards.models import Award, Entry
from cms.models import AwardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks, tasks_in_process):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    return Award.objects.get(slug="caja-2026")


def test_demo_award_is_open_with_six_categories_and_sixty_entries(demo):
    from awards.services import now

    assert demo.title == "Central Asian Journalism Awards 2026"
    assert demo.is_open(now())
    assert list(demo.categories.values_list("name", flat=True)) == [
        "Investigative Reporting",
        "Data Journalism",
        "Multimedia & Video",
        "Fact-checking & Verification",
        "Cross-border Collaboration",
        "Young Journalist (under 30)",
    ]
    entries = Entry.objects.filter(category__award=demo)
    assert entries.count() == 60
    assert set(entries.values_list("country", flat=True)) == {
        "KZ",
        "UZ",
        "KG",
        "TJ",
        "TM",
    }
    assert set(entries.values_list("language_id", flat=True)) == {
        "ru",
        "kk",
        "uz",
        "ky",
        "tg",
        "tk",
        "en",
    }
    states = set(entries.values_list("state", flat=True))
    assert states == {
        EntryState.DRAFT,
        EntryState.SUBMITTED,
        EntryState.ELIGIBLE,
        EntryState.INELIGIBLE,
        EntryState.SHORTLISTED,
        EntryState.FINALIST,
        EntryState.WITHDRAWN,
    }
    assert mail.outbox == []  # demo addresses are never emailed


def test_award_page_shows_categories_deadline_and_enter_button(client, demo):
    page = AwardPage.objects.get(award=demo, locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert "Young Journalist (under 30)" in html
    assert "Entrants aged at most 29 this year." in html
    assert "(Asia/Almaty time)" in html
    assert "left to enter." in html
    assert f'href="{reverse("awards:entry_create", args=[demo.slug])}"' in html


def test_enter_needs_login(client, demo):
    response = client.get(reverse("awards:entry_create", args=[demo.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/awards/enter/")


def test_demo_journalist_sees_their_entries(client, demo):
    from accounts.models import User

    client.force_login(User.objects.get(email="journalist@qalam.test"))
    html = client.get(reverse("awards:my_entries")).content.decode()
    assert html.count("/awards/entries/") == 3
