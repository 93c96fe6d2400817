"""A prize entry's public page shows the work: its licence for partner
broadcasters, its AI-use disclosure, its translations and its media."""

import re

import pytest
from django.test import TestCase
from django.utils import translation
from wagtail.embeds.models import Embed

from accounts.models import Language
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


@pytest.mark.parametrize(
    ("ai_use", "description", "expected"),
    [
        ("none", "", "The authors declare that no AI tools were used to make this"),
        (
            "assistive",
            "Whisper transcribed the interviews.",
            "The authors used AI tools to help them, for example to transcribe",
        ),
        (
            "generative",
            "The map's <b>background</b> was generated.",
            "The authors used AI to produce part of the work (text, images or sound).",
        ),
    ],
)
def test_the_ai_use_disclosure_is_told_in_plain_words(
    client, published, ai_use, description, expected
):
    _award, prizes = published
    Entry.objects.filter(pk=prizes[0].entry_id).update(
        ai_use=ai_use, ai_use_description=description
    )
    html = page(client, prizes[0])
    assert '<h2 id="ai-use-title">Use of AI</h2>' in html
    assert expected in html
    if description:
        escaped = description.replace("'", "&#x27;").replace("<", "&lt;")
        escaped = escaped.replace(">", "&gt;")
        assert f'<blockquote lang="ru"><p>{escaped}</p></blockquote>' in html
        assert "<b>background</b>" not in html
    else:
        assert "In their words:" not in html


def test_the_entry_lists_its_other_languages_with_their_pages(
    client, published, django_capture_on_commit_callbacks
):
    _award, prizes = published
    entry = prizes[0].entry
    with django_capture_on_commit_callbacks(execute=True):
        for code, title in (("kk", "Құпия жеңімпаз"), ("en", "The secret winner")):
            services.entry_translation_save(
                entry=entry,
                language=Language.objects.get(code=code),
                title=title,
                summary=f"Summary in {code}.",
                actor=staff_user(),
            )
    html = page(client, prizes[0], "/kk")
    assert '<h1 lang="kk">Құпия жеңімпаз</h1>' in html
    with translation.override("kk"):  # the page's language
        heading = translation.gettext("In other languages")
        this_page_in = translation.gettext("This page in %(language)s").split("%")[0]
    versions = html.split(f'<h2 id="versions-title">{heading}</h2>')[1]
    versions = versions.split("</section>\n        </section>")[0]
    sections = re.findall(r'<section lang="(\w+)" class="version">', versions)
    assert sections == ["ru", "en"]  # the original first, not the page's own
    assert "<strong>Secret winner title 0</strong>" in versions
    assert "<strong>The secret winner</strong>" in versions
    assert "Құпия жеңімпаз" not in versions
    url = f"/works-2025/entries/{entry.pk}/"
    assert f'<a href="/ru{url}" hreflang="ru">{this_page_in}' in versions
    assert f'<a href="{url}" hreflang="en">{this_page_in}' in versions
    english = page(client, prizes[0])
    assert '<h1 lang="en">The secret winner</h1>' in english
    assert '<section lang="kk" class="version">' in english


def test_an_entry_without_translations_lists_no_other_languages(client, published):
    _award, prizes = published
    html = page(client, prizes[1])
    assert "In other languages" not in html


def test_a_media_link_is_played_by_the_providers_embed(client, published):
    _award, prizes = published
    url = "https://media.qalam.test/water-wars"
    Entry.objects.filter(pk=prizes[0].entry_id).update(media_url=url)
    html = page(client, prizes[0])
    assert (
        '<div class="embed"><iframe title="Player water-wars" width="720" '
        'height="405" src="https://player.qalam.test/water-wars"></iframe></div>'
    ) in html
    assert f'<a href="{url}" rel="nofollow noopener">Open it where it was' in html
    assert Embed.objects.get(url=url).provider_name == "Qalam test media"


@pytest.mark.parametrize(
    "url",
    [
        "https://unreachable.qalam.test/video/1",  # the provider cannot be reached
        "https://example.org/not-a-provider",  # no provider takes it
        "https://media.qalam.test/script/post",  # the player needs a script
    ],
)
def test_a_media_link_without_a_player_is_a_plain_link(client, published, url):
    _award, prizes = published
    Entry.objects.filter(pk=prizes[0].entry_id).update(media_url=url)
    html = page(client, prizes[0])
    assert '<h2 id="media-title">Watch or listen</h2>' in html
    assert 'class="embed"' not in html
    assert "<script" not in html
    assert (
        f'<a href="{url}" rel="nofollow noopener">Watch or listen where it was '
        "published</a>"
    ) in html


def test_an_entry_without_a_media_link_shows_no_player(client, published):
    _award, prizes = published
    html = page(client, prizes[1])
    assert "Watch or listen" not in html
