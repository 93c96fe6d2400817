"""An entrant uploads the work's audio file with tus-js-client in chromium: the
transfer is cut after two of three pieces, the page reloaded, the same file chosen
again, and the upload continues from the server's offset to the end."""

import re

import pytest
from playwright.sync_api import expect

from awards.models import Entry, MediaUpload
from tests.awards.media import MiB, wav_bytes
from tests.e2e.test_investigation_board import sign_in
from tests.factories import EntryFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(transactional_db, tmp_path, settings):
    from accounts.models import Language
    from demo.pages import seed_site

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
    }
    # A transactional test before this one may have flushed the migration's rows.
    for code in ("en", "ru", "kk"):
        Language.objects.get_or_create(code=code)
    seed_site()
    return EntryFactory(owner=UserFactory(email="aida@example.kz"))


def small_pieces(page) -> None:
    """One MiB a PATCH (the site sends 32), so a 3 MiB file takes three."""
    page.evaluate(
        "document.querySelector('[data-media-upload]')"
        ".setAttribute('data-chunk-size', String(1024 * 1024))"
    )


def test_an_upload_cut_after_a_reload_continues_where_it_stopped(
    page, live_server, draft, tmp_path, screenshot
):
    content = wav_bytes(3 * MiB)
    sound = tmp_path / "interview.wav"
    sound.write_bytes(content)
    sign_in(page, live_server.url, "aida@example.kz")
    url = f"{live_server.url}/awards/entries/{draft.pk}/"
    page.goto(url)
    expect(page.get_by_text("No video or audio file yet.")).to_be_visible()
    expect(page.get_by_text("needs JavaScript")).to_be_hidden()

    # The connection dies after two pieces: every later PATCH fails.
    patches = []

    def cut_after_two(route):
        if route.request.method == "PATCH":
            patches.append(route.request.headers.get("upload-offset"))
            if len(patches) > 2:
                route.abort()
                return
        route.continue_()

    page.route(re.compile(r".*/awards/media-uploads/.*"), cut_after_two)
    small_pieces(page)
    page.get_by_label("Choose a video or audio file").set_input_files(str(sound))
    expect(page.locator("progress")).to_be_visible()
    # The third PATCH is tried only once the second one's answer came back.
    for _tick in range(600):
        if len(patches) > 2:
            break
        page.wait_for_timeout(100)
    assert patches[:3] == ["0", str(MiB), str(2 * MiB)]
    page.reload()
    page.unroute(re.compile(r".*/awards/media-uploads/.*"))
    expect(
        page.get_by_text(
            "An upload of “interview.wav” stopped at 66 %. Choose the same file to "
            "continue it."
        )
    ).to_be_visible()
    small_pieces(page)
    offsets = []
    page.on(
        "request",
        lambda request: (
            request.method == "PATCH"
            and offsets.append(request.headers.get("upload-offset"))
        ),
    )
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.get_by_label("Choose a video or audio file").set_input_files(str(sound))
    # Uploaded and checked, then the page reloads with the file (a loaded CI
    # machine may take a while: the console says what happened if it does not).
    page.wait_for_selector("audio", timeout=60_000)
    assert console == [], console
    screenshot("media-upload-resumed")
    # Only what the server lacked was sent: the last MiB, then the last 44 bytes.
    assert offsets == [str(2 * MiB), str(3 * MiB)]
    entry = Entry.objects.select_related("media_file").get(pk=draft.pk)
    assert entry.media_file.content_type == "audio/wav"
    with entry.media_file.file.open("rb") as stored:
        assert stored.read() == content
    expect(page.get_by_role("link", name="interview.wav")).to_be_visible()


def test_a_file_that_is_not_audio_is_refused_with_the_reason(
    page, live_server, draft, tmp_path
):
    fake = tmp_path / "song.mp3"
    fake.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    sign_in(page, live_server.url, "aida@example.kz")
    page.goto(f"{live_server.url}/awards/entries/{draft.pk}/")
    page.get_by_label("Choose a video or audio file").set_input_files(str(fake))
    expect(page.get_by_role("status")).to_have_text(
        "The upload failed: “song.mp3” is not a video or audio file we can play "
        "(for example MP4, WebM, MOV, MP3, M4A, OGG, WAV or FLAC); it has been deleted."
    )
    assert MediaUpload.objects.count() == 0
