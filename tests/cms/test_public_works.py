"""A prize entry's public page shows the work: its licence for partner
broadcasters, its AI-use disclosure, its translations and its media."""

import pytest
from django.test import TestCase

from awards import services
from awards.models import Entry
from tests.cms.helpers import award_with_prizes, public_pages, staff_user

pytestmark = pytest.mark.django_db


def make_module_data(home_page):
    """Award works-2025 with two winners, its pages, its results published (made
    once for the module: tests/conftest.py, module_data)."""
    award, category, _round, prizes = award_with_prizes(2, slug="works-2025")
    public_pages(home_page, award)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.results_publish(award=award, actor=staff_user())
    return award, prizes


@pytest.fixture
def published(module_data):
    return module_data


def page(client, prize, prefix: str = "") -> str:
    response = client.get(f"{prefix}/works-2025/entries/{prize.entry_id}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_creative_commons_licence_links_to_its_deed(client, published):
    _award, prizes = published
    Entry.objects.filter(pk=prizes[0].entry_id).update(licence="cc-by-nc-nd-4.0")
    html = page(client, prizes[0])
    assert "<dt>Licence for partner broadcasters</dt>" in html
    assert (
        '<a href="https://creativecommons.org/licenses/by-nc-nd/4.0/" rel="license '
        'noopener" class="licence">CC BY-NC-ND 4.0 (attribution, non-commercial, no '
        "derivatives)</a>"
    ) in html


def test_all_rights_reserved_asks_partners_to_contact_the_outlet(client, published):
    _award, prizes = published
    Entry.objects.filter(pk=prizes[1].entry_id).update(licence="contact-outlet")
    html = page(client, prizes[1])
    assert (
        '<span class="licence">All rights reserved: contact the outlet</span>' in html
    )
    assert "creativecommons.org" not in html


def test_the_licence_is_shown_on_every_language_version(client, published):
    _award, prizes = published
    html = page(client, prizes[0], "/ru")
    assert 'class="licence">CC BY-NC-ND 4.0' in html
