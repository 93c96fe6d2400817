"""A prize entry's own video or audio file on its public page, in the partner API
and at the address it plays from: public with the prize, on the file system and
on a real S3 server (SeaweedFS on loopback), and nowhere before or after."""

import json
import subprocess
import sys
import urllib.request
import uuid

import pytest
from django.conf import settings as django_settings
from django.test import TestCase
from django.urls import reverse

from awards import services
from awards.jury.models import Prize
from awards.models import Entry
from cms.partners import services as partner_services
from tests.awards.media import wav_bytes
from tests.cms.helpers import award_with_prizes, public_pages, staff_user
from tests.config.test_settings import PRODUCTION

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
    }


@pytest.fixture
def on_s3(settings, s3_server):
    from tests.secure_docs.conftest import s3_settings

    storage = s3_settings(s3_server, s3_server.media_bucket)
    storage["OPTIONS"]["location"] = f"t-{uuid.uuid4().hex[:8]}"
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return s3_server


def give_file(entry: Entry, content: bytes, name: str = "Film.wav") -> None:
    """An organiser uploads the entry's file (the entry is no longer a draft)."""
    organiser = staff_user()
    upload = services.media_upload_create(
        entry=entry,
        actor=organiser,
        length=len(content),
        filename=name,
        declared_type="audio/wav",
    )
    services.media_upload_append(
        upload=upload, actor=organiser, offset=0, chunks=[content]
    )


def publish(award) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.results_publish(award=award, actor=staff_user())


@pytest.fixture
def winners(home_page):
    award, _category, _round, prizes = award_with_prizes(2, slug="media-2025")
    public_pages(home_page, award)
    return award, prizes


def play_url(entry_id: int) -> str:
    return reverse("awards:media_play", args=[entry_id])


def test_the_public_page_plays_the_file_and_keeps_the_link(client, winners):
    award, prizes = winners
    content = wav_bytes(4000)
    entry = prizes[0].entry
    Entry.objects.filter(pk=entry.pk).update(
        media_url="https://media.qalam.test/watch/1"
    )
    give_file(entry, content)
    publish(award)
    html = client.get(f"/media-2025/entries/{entry.pk}/").content.decode()
    url = play_url(entry.pk)
    assert (
        f'<div class="player"><audio controls preload="none" src="{url}">'
        f'<a href="{url}">Download the file</a></audio></div>'
    ) in html
    assert 'href="https://media.qalam.test/watch/1"' in html
    played = client.get(url)
    assert played.status_code == 200
    assert played["Content-Type"] == "audio/wav"
    assert b"".join(played.streaming_content) == content
    other = client.get(f"/media-2025/entries/{prizes[1].entry_id}/").content.decode()
    assert "<audio" not in other and "<video" not in other
    assert client.get(play_url(prizes[1].entry_id)).status_code == 404


def test_the_file_is_not_public_before_the_results_nor_after_a_withdrawal(
    client, winners
):
    award, prizes = winners
    entry = prizes[0].entry
    give_file(entry, wav_bytes(4000))
    assert client.get(play_url(entry.pk)).status_code == 404
    publish(award)
    response = client.get(play_url(entry.pk))
    assert response.status_code == 200
    b"".join(response.streaming_content)  # read to the end: then it is closed
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.prize_withdraw(
            prize=Prize.objects.get(pk=prizes[0].pk),
            reason="Plagiarism found.",
            actor=staff_user(),
        )
    assert client.get(play_url(entry.pk)).status_code == 404


@pytest.mark.services
def test_on_s3_the_file_plays_from_a_presigned_url_with_its_type(
    client, winners, on_s3
):
    award, prizes = winners
    content = wav_bytes(6 * 1024 * 1024)
    entry = prizes[0].entry
    give_file(entry, content)
    publish(award)
    response = client.get(play_url(entry.pk))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(on_s3.endpoint_url + "/" + on_s3.media_bucket + "/")
    assert "X-Amz-Signature=" in location
    assert "response-content-type=audio%2Fwav" in location
    with urllib.request.urlopen(location, timeout=30) as answer:  # noqa: S310
        assert answer.headers["Content-Type"] == "audio/wav"
        assert answer.read() == content


def test_the_partner_api_gives_the_files_absolute_address_and_type(client, winners):
    award, prizes = winners
    give_file(prizes[0].entry, wav_bytes(4000))
    publish(award)
    _key, secret = partner_services.partner_key_create(
        partner="Radio",
        scopes=["winners"],
        rate_limit_per_minute=1000,
        actor=staff_user(),
    )
    items = client.get(
        "/api/partners/v1/winners", headers={"Authorization": f"Bearer {secret}"}
    ).json()["items"]
    files = {
        item["id"]: (item["media_file_url"], item["media_file_type"]) for item in items
    }
    assert files == {
        prizes[0].pk: (
            f"http://testserver/awards/entries/{prizes[0].entry_id}/media/play/",
            "audio/wav",
        ),
        prizes[1].pk: ("", ""),
    }


def test_with_files_on_s3_the_policy_lets_media_play_from_the_endpoint(
    subprocess_env,
):
    env = {
        **subprocess_env,
        **PRODUCTION,
        "AWS_STORAGE_BUCKET_NAME": "media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    }
    probe = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["'self'", "https://s3.example.org"]
