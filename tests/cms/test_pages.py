"""The public site in seven languages, and the switcher between them."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from cms.models import HomePage

# Each test sees the public site, made once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.shared_site]

HEADLINE = "Independent journalism from Central Asia"
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def headline_in(language: str) -> str:
    if language == "en":
        return HEADLINE
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    return catalogue.find(HEADLINE).msgstr


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, html
    return match.group(1).strip()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_home_page_renders_in_each_language(client, home_page, language):
    prefix = "/" if language == "en" else f"/{language}/"
    response = client.get(prefix)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    expected = headline_in(language)
    assert expected
    assert h1(html) == expected
    if language != "en":
        assert expected != HEADLINE


def test_home_page_in_russian_and_kazakh_has_translated_content(client, home_page):
    ru = client.get("/ru/").content.decode()
    assert h1(ru) == "Независимая журналистика из Центральной Азии"
    assert "Премия за лучшую журналистику Центральной Азии" in ru
    kk = client.get("/kk/").content.decode()
    assert "Орталық Азияның үздік журналистикасына арналған сыйлық" in kk


def test_language_switcher_keeps_the_path_on_a_page(client, home_page):
    html = client.get("/about/").content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang', html))
    by_language = {code: url for url, code in links.items()}
    assert by_language == {
        "en": "/about/",
        "ru": "/ru/about/",
        "kk": "/kk/about/",
        "uz": "/uz/about/",
        "ky": "/ky/about/",
        "tg": "/tg/about/",
        "tk": "/tk/about/",
    }
    assert client.get("/ru/about/").status_code == 200


def test_language_switcher_links_to_a_translated_page_by_its_own_slug(
    client, home_page
):
    ru_home = HomePage.objects.get(locale__language_code="ru")
    html = client.get("/").content.decode()
    assert f'<a href="{ru_home.get_url()}" lang="ru"' in html
    assert ru_home.get_url() == "/ru/"


def test_language_switcher_keeps_the_path_of_an_account_page(client):
    html = client.get("/ru/accounts/login/").content.decode()
    assert '<a href="/accounts/login/" lang="en" hreflang="en">English</a>' in html
    assert (
        'href="/ru/accounts/login/" lang="ru" hreflang="ru" aria-current="true"' in html
    )


def test_about_page_renders_its_blocks(client, home_page):
    html = client.get("/about/").content.decode()
    assert h1(html) == "About Qalam"
    assert "<h2>Who it is for</h2>" in html
    assert "A jury that can be gamed makes an award worthless." in html
    assert "<figcaption>— Qalam&#x27;s first principle</figcaption>" in html


def test_footer_shows_the_site_settings(client, home_page):
    html = client.get("/").content.decode()
    assert 'href="mailto:hello@qalam.test"' in html
    assert 'href="https://t.me/qalam_awards"' in html


def test_reading_a_page_needs_no_javascript(client, home_page):
    for path in ("/", "/ru/", "/about/", "/accounts/login/", "/accounts/signup/"):
        html = client.get(path).content.decode()
        assert "<script" not in html, path


def test_wagtail_admin_is_branded_qalam(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sign in to Qalam" in html
    assert "<title>Sign in - Qalam</title>" in re.sub(r"\s+", " ", html).replace(
        "> ", ">"
    ).replace(" <", "<")


def test_unknown_address_gets_a_translated_404_page(client, home_page):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert h1(html) == "Страница не найдена"
    assert '<a href="/ru/">Перейти на главную</a>' in html
