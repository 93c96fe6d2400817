"""The award page's deadline in the reader's zone, in the page's language: the
browser's Intl printed "2027 M01 14" and "+40 d" on the Uzbek page."""

import datetime
import re

import pytest
from django.utils import dates, translation
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A reader in Tokyo whose browser speaks English."""
    return {**browser_context_args, "timezone_id": "Asia/Tokyo", "locale": "en-GB"}


@pytest.fixture
def award(transactional_db):
    from demo.pages import seed_site
    from demo.public import public_pages
    from tests.factories import AwardFactory

    award = AwardFactory(
        slug="formats",
        timezone="Asia/Tashkent",
        closes_date=datetime.date(2099, 1, 14),
    )
    public_pages(seed_site(), award)
    return award


@pytest.mark.parametrize(
    ("language", "pattern"),
    [
        ("uz", "15-{month}, 2099, 03:59 UTC+9"),
        ("kk", "2099\u202fж. 15 {month}, 03:59 UTC+9"),
        ("tk", "15 {month} 2099 03:59 UTC+9"),
    ],
)
def test_deadline_in_the_readers_zone_uses_the_pages_language(
    page, live_server, award, language, pattern
):
    with translation.override(language):
        month = str(dates.MONTHS_ALT[1])
    page.goto(f"{live_server.url}/{language}/formats/")
    expect(page.locator("time.js-local-time")).to_have_text(pattern.format(month=month))
    countdown = page.locator(".countdown")
    expect(countdown).to_have_text(re.compile(r"^\d+ "))
    expect(countdown).not_to_have_text(re.compile(r"\+|\bd\b"))
