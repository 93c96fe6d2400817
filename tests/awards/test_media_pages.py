"""An entry's video or audio file on the entrant's page (the uploader, or why there
is none) and on the organisers' inspect screen; the address it plays from."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from awards import services
from awards.models import MediaUpload
from tests.awards.helpers import submit
from tests.awards.media import wav_bytes
from tests.factories import on_team

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def uploaded(entry, content: bytes, *, actor=None) -> MediaUpload:
    upload = services.media_upload_create(
        entry=entry,
        actor=actor or entry.owner,
        length=len(content),
        filename="Interview.wav",
        declared_type="audio/wav",
    )
    return services.media_upload_append(
        upload=upload, actor=actor or entry.owner, offset=0, chunks=[content]
    )


def detail(client, entry) -> str:
    response = client.get(reverse("awards:entry_detail", args=[entry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_drafts_page_offers_the_uploader_and_says_it_needs_javascript(
    draft, settings
):
    settings.QALAM_MEDIA_MAX_BYTES = 4 * 1024**3
    html = detail(signed_in(draft.owner), draft)
    assert "<p>No video or audio file yet.</p>" in html
    assert (
        f'<div data-media-upload data-endpoint="http://testserver/awards/entries/'
        f'{draft.pk}/media/" data-csrf="'
    ) in html
    assert 'data-max-size="4294967296"' in html
    assert (
        "<noscript><p>Uploading a large video or audio file needs JavaScript. "
        "Without it, give a link to the work on a video or audio service in the "
        "draft's “Video or audio link” field.</p></noscript>"
    ) in html
    assert '<input type="file" id="media-file-input" accept="video/*,audio/*">' in html
    assert "Video or audio, at most 4.0\xa0GB." in html
    assert '<p id="media-file-status" role="status" aria-live="polite"></p>' in html
    assert re.search(
        r'<script src="/static/vendor/tus-js-client/tus\.min[^"]*\.js"', html
    )
    assert re.search(r'<script src="/static/awards/media_upload[^"]*\.js"', html)
    text = re.search(
        r'<script id="media-upload-text" type="application/json">(.*?)</script>', html
    )
    assert '"wrong_type": "Choose a video or audio file."' in text.group(1)


def test_a_submitted_entry_plays_its_file_but_offers_no_uploader(draft):
    content = wav_bytes(3000)
    upload = uploaded(draft, content)
    submit(draft)
    html = detail(signed_in(draft.owner), draft)
    play = reverse("awards:media_play", args=[draft.pk])
    assert f'<audio controls preload="none" src="{play}"></audio>' in html
    assert (f'<a href="{play}">Interview.wav</a> (audio/wav, 2.8\xa0KB)') in html
    assert "data-media-upload" not in html
    assert "tus.min" not in html
    assert upload.entry_id == draft.pk


def test_the_file_plays_with_its_checked_type(draft):
    content = wav_bytes(3000)
    uploaded(draft, content)
    response = signed_in(draft.owner).get(reverse("awards:media_play", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content) == content


def test_the_organisers_inspect_screen_shows_the_file(draft, staff):
    content = wav_bytes(3000)
    submit(draft)
    organiser = on_team(draft.category.award)
    uploaded(draft, content, actor=organiser)
    response = signed_in(staff).get(reverse("award_entries:inspect", args=[draft.pk]))
    html = response.content.decode()
    play = reverse("awards:media_play", args=[draft.pk])
    assert (
        f'<a href="{play}">Interview.wav</a> (audio/wav, 2.8\xa0KB) · '
        f"uploaded by {organiser}"
    ) in html


def test_organisers_upload_from_the_inspect_screen_and_observers_do_not(draft):
    submit(draft)
    award = draft.category.award
    url = reverse("award_entries:inspect", args=[draft.pk])
    organiser_html = signed_in(on_team(award)).get(url).content.decode()
    assert (
        f'<div data-media-upload data-endpoint="http://testserver/awards/entries/'
        f'{draft.pk}/media/"'
    ) in organiser_html
    assert re.search(
        r'<script src="/static/awards/media_upload[^"]*\.js"', organiser_html
    )
    observer = signed_in(on_team(award, role="observer")).get(url)
    assert observer.status_code == 200
    assert "data-media-upload" not in observer.content.decode()
    assert "No video or audio file yet." not in observer.content.decode()
