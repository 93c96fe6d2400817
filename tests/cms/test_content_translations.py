"""The award's own words in every language: the award page, the winners archive,
an entry's page and the partner API show the award's title, the categories' names
and the jury's citations in the reader's language, else the original marked with
its language (awards/selectors/localized.py)."""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from awards import services
from awards.models import (
    AwardTranslation,
    CategoryTranslation,
    PrizeTranslation,
)
from cms.cache import purge
from cms.partners import services as partner_services
from tests.cms.helpers import award_with_prizes, public_pages, staff_user
from tests.factories import CategoryFactory, PrizeFactory

pytestmark = pytest.mark.django_db

RU_AWARD = "Премия журналистики Центральной Азии 2025"
RU_CATEGORY = "Журналистские расследования"
RU_CITATION = "Смелое расследование, изменившее закон."


def make_module_data(home_page):
    """Award tr-2025 (original in English) with its Russian title, description and
    rules, a Russian name of its category Investigative, a winner whose citation
    has a Russian translation, and a second category with no translation; its
    pages in every language and its results published."""
    award, category, round_, (prize,) = award_with_prizes(
        1,
        slug="tr-2025",
        title="Central Asian Journalism Awards 2025",
        description="The region's award for public-interest journalism.",
        rules="Entries must be published in 2025.",
    )
    AwardTranslation.objects.create(
        award=award,
        language="ru",
        title=RU_AWARD,
        description="Премия региона за журналистику в интересах общества.",
        rules="Работы должны быть опубликованы в 2025 году.",
    )
    CategoryTranslation.objects.create(
        category=category, language="ru", name=RU_CATEGORY
    )
    PrizeTranslation.objects.create(prize=prize, language="ru", citation=RU_CITATION)
    plain = CategoryFactory(award=award, name="Data stories", slug="data", position=1)
    round_.categories.add(plain)
    public_pages(home_page, award)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.results_publish(award=award, actor=staff_user())
    return award, category, plain, prize


@pytest.fixture
def data(module_data):
    purge()
    return module_data


def test_the_award_page_in_russian_shows_the_russian_words(client, data):
    award, category, plain, prize = data
    html = client.get("/ru/tr-2025/").content.decode()
    assert "Премия региона за журналистику в интересах общества." in html
    assert "Работы должны быть опубликованы в 2025 году." in html
    assert f"<h3>{RU_CATEGORY}</h3>" in html
    assert RU_CITATION in html
    assert prize.citation not in html
    # Untranslated: the original, marked as English.
    assert '<h3><span lang="en">Data stories</span></h3>' in html


def test_the_award_page_in_english_shows_the_originals_unmarked(client, data):
    award, category, plain, prize = data
    html = client.get("/tr-2025/").content.decode()
    assert "<h3>Investigative</h3>" in html
    assert prize.citation in html
    assert RU_CITATION not in html
    assert 'lang="en">Data stories' not in html


def test_without_a_translation_the_original_is_shown_with_its_language(client, data):
    award, category, plain, prize = data
    html = client.get("/kk/tr-2025/").content.decode()
    assert '<h3><span lang="en">Investigative</span></h3>' in html
    assert f'<blockquote lang="en"><p>{escape(prize.citation)}</p></blockquote>' in html
    assert (
        '<div lang="en"><p>The region&#x27;s award for public-interest journalism.'
        in html
    )


def test_an_entry_page_in_russian_names_its_category_and_citation(client, data):
    award, category, plain, prize = data
    html = client.get(f"/ru/tr-2025/entries/{prize.entry_id}/").content.decode()
    with translation.override("ru"):
        label = gettext("Category")
    assert f"<dt>{label}</dt><dd>{RU_CATEGORY}</dd>" in html
    assert f"<blockquote><p>{RU_CITATION}</p></blockquote>" in html


def test_the_archive_cards_and_category_filter_are_in_the_readers_language(
    client, data
):
    html = client.get("/ru/winners/?award=tr-2025").content.decode()
    assert f"<small>{RU_AWARD} · {RU_CATEGORY}</small>" in html
    assert f'<option value="investigative">{RU_CATEGORY}</option>' in html
    english = client.get("/winners/?award=tr-2025").content.decode()
    assert (
        "<small>Central Asian Journalism Awards 2025 · Investigative</small>" in english
    )
    kazakh = client.get("/kk/winners/?award=tr-2025").content.decode()
    assert (
        '<small><span lang="en">Central Asian Journalism Awards 2025</span> · '
        '<span lang="en">Investigative</span></small>'
    ) in kazakh


def _queries(client, url: str) -> int:
    client.get(url)
    purge()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/ru/winners/", "/ru/tr-2025/"])
def test_translations_cost_no_query_per_prize(client, data, url):
    award, category, plain, prize = data
    one = _queries(client, url)
    for number in range(5):
        extra = CategoryFactory(award=award, slug=f"extra-{number}", position=2)
        CategoryTranslation.objects.create(
            category=extra, language="ru", name=f"Рубрика {number}"
        )
        prize.round.categories.add(extra)
        more = PrizeFactory(round=prize.round, entry__category=extra)
        PrizeTranslation.objects.create(
            prize=more, language="ru", citation=f"Цитата {number}"
        )
    assert _queries(client, url) == one


def test_the_partner_api_gives_every_languages_names(client, data):
    award, category, plain, prize = data
    _key, secret = partner_services.partner_key_create(
        partner="Kazakh Public Radio",
        scopes=["winners"],
        rate_limit_per_minute=1000,
        actor=staff_user(),
    )
    response = client.get(
        "/api/partners/v1/winners",
        {"award": "tr-2025"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    (item,) = response.json()["items"]
    assert item["award"] == "Central Asian Journalism Awards 2025"
    assert item["award_translations"] == {
        "en": "Central Asian Journalism Awards 2025",
        "ru": RU_AWARD,
    }
    assert item["category_translations"] == {"en": "Investigative", "ru": RU_CATEGORY}
    assert item["citation_translations"] == {"en": prize.citation, "ru": RU_CITATION}
