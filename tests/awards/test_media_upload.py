"""An entry's video or audio file over the tus protocol, on the file system and on
a real S3 server (SeaweedFS on loopback): create, PATCH in pieces, a transfer cut
at 60 % and resumed, every refusal, termination and expiry."""

import datetime
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.models import Entry, EntryCoAuthor, MediaUpload
from tests.awards.helpers import submit
from tests.awards.media import (
    TUS,
    MiB,
    create,
    head,
    multipart_uploads,
    patch,
    stored_bytes,
    stored_keys,
    wav_bytes,
)
from tests.factories import AwardFactory, JurorFactory, UserFactory, on_team

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["file_system", pytest.param("s3", marks=pytest.mark.services)])
def storage(request, settings, tmp_path):
    """The default storage: a folder of this test's own, or the loopback S3
    server under a prefix of this test's own."""
    if request.param == "s3":
        from tests.secure_docs.conftest import s3_settings

        server = request.getfixturevalue("s3_server")
        options = s3_settings(server, server.media_bucket)
        options["OPTIONS"]["location"] = f"t-{uuid.uuid4().hex[:8]}"
        settings.STORAGES = {**settings.STORAGES, "default": options}
    return request.param


@pytest.fixture
def on_file_system():
    """The file-system default storage the awards tests set up (conftest)."""
    return "file_system"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def location_of(response) -> str:
    assert response.status_code == 201, response.content
    assert response["Tus-Resumable"] == "1.0.0"
    return response["Location"]


def test_options_tells_the_version_extensions_and_largest_size(draft, settings):
    settings.QALAM_MEDIA_MAX_BYTES = 123456
    response = signed_in(draft.owner).options(
        reverse("awards:media_uploads", args=[draft.pk])
    )
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert response["Tus-Extension"] == "creation,termination"
    assert response["Tus-Max-Size"] == "123456"


def test_a_transfer_cut_at_60_percent_resumes_and_stores_the_same_bytes(draft, storage):
    """6 MiB: on S3 a real multipart upload of two parts (5 MiB and the rest); the
    60 % that arrived before the cut wait in a staging object."""
    content = wav_bytes(6 * MiB)
    cut = len(content) * 60 // 100
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, len(content), name="My film.wav"))
    assert location.startswith("http://testserver/awards/media-uploads/")

    first = patch(client, location, 0, content[: cut // 2])
    assert (first.status_code, first["Upload-Offset"]) == (204, str(cut // 2))
    second = patch(client, location, cut // 2, content[cut // 2 : cut])
    assert (second.status_code, second["Upload-Offset"]) == (204, str(cut))

    # The connection drops; the browser comes back and asks where to resume.
    resumed_at = head(client, location)
    assert resumed_at.status_code == 200
    assert resumed_at["Upload-Offset"] == str(cut)
    assert resumed_at["Upload-Length"] == str(len(content))
    assert resumed_at["Cache-Control"] == "no-store"

    last = patch(client, location, cut, content[cut:])
    assert (last.status_code, last["Upload-Offset"]) == (204, str(len(content)))
    upload = MediaUpload.objects.get()
    assert upload.content_type == "audio/wav"
    assert upload.filename == "My_film.wav"
    assert upload.completed_at is not None
    assert Entry.objects.get(pk=draft.pk).media_file_id == upload.pk
    assert stored_bytes(upload.file.name) == content
    if storage == "s3":
        assert [part["size"] for part in upload.parts] == [
            5 * MiB,
            len(content) - 5 * MiB,
        ]
        assert stored_keys() == [storages["default"]._normalize_name(upload.file.name)]
        assert multipart_uploads() == []
    else:
        assert stored_keys() == [upload.file.name]


def test_a_small_file_is_one_part(draft, storage):
    content = wav_bytes(4096)
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, len(content)))
    response = patch(client, location, 0, content)
    assert response.status_code == 204
    assert stored_bytes(MediaUpload.objects.get().file.name) == content


def test_an_offset_that_is_not_the_uploads_is_a_conflict(draft, on_file_system):
    content = wav_bytes(4096)
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, len(content)))
    patch(client, location, 0, content[:1000])
    response = patch(client, location, 500, content[500:])
    assert response.status_code == 409
    assert response.content.decode() == "The upload is at byte 1000, not 500."
    assert head(client, location)["Upload-Offset"] == "1000"


def test_a_wrong_protocol_version_is_refused(draft, on_file_system):
    client = signed_in(draft.owner)
    response = create(client, draft, 100, **{"Tus-Resumable": "0.2.2"})
    assert response.status_code == 412
    assert response["Tus-Version"] == "1.0.0"
    location = location_of(create(client, draft, 100))
    assert client.head(location).status_code == 412  # no header at all
    assert MediaUpload.objects.count() == 1


def test_a_file_over_the_limit_is_refused_before_any_byte(draft, settings, storage):
    settings.QALAM_MEDIA_MAX_BYTES = 10 * MiB
    response = create(signed_in(draft.owner), draft, 10 * MiB + 1)
    assert response.status_code == 413
    assert response.content.decode() == (
        "The file is too large: video or audio files may be at most 10.0\xa0MB."
    )
    assert MediaUpload.objects.count() == 0
    assert stored_keys() == []


def test_more_bytes_than_declared_are_refused(draft, on_file_system):
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, 100))
    response = patch(client, location, 0, b"x" * 101)
    assert response.status_code == 413
    assert head(client, location)["Upload-Offset"] == "0"


def test_a_declared_type_other_than_audio_or_video_is_refused(draft, on_file_system):
    response = create(
        signed_in(draft.owner), draft, 100, name="a.pdf", kind="application/pdf"
    )
    assert response.status_code == 415
    assert (
        response.content.decode() == "Only a video or audio file can be uploaded here."
    )
    assert MediaUpload.objects.count() == 0


def test_bytes_that_are_not_audio_or_video_are_deleted_with_a_reason(draft, storage):
    """Declared video/mp4, but a PDF: found when whole, deleted from storage."""
    content = b"%PDF-1.4\n" + b"0" * (6 * MiB)
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, len(content), name="x.mp4"))
    assert patch(client, location, 0, content[: 3 * MiB]).status_code == 204
    response = patch(client, location, 3 * MiB, content[3 * MiB :])
    assert response.status_code == 415
    assert response.content.decode() == (
        "“x.mp4” is not a video or audio file we can play (for example MP4, WebM, "
        "MOV, MP3, M4A, OGG, WAV or FLAC); it has been deleted."
    )
    assert MediaUpload.objects.count() == 0
    assert Entry.objects.get(pk=draft.pk).media_file is None
    assert stored_keys() == []
    if storage == "s3":
        assert multipart_uploads() == []
    assert head(client, location).status_code == 404


def test_the_wrong_content_type_for_a_patch_is_refused(draft, on_file_system):
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, 100))
    response = client.patch(
        location,
        data=b"x" * 10,
        content_type="application/octet-stream",
        headers={**TUS, "Upload-Offset": "0"},
    )
    assert response.status_code == 415


@pytest.fixture
def people(draft):
    """Everyone who might ask about the draft's upload, by role."""
    award = draft.category.award
    co_author = UserFactory()
    EntryCoAuthor.objects.create(entry=draft, user=co_author)
    return {
        "anonymous": None,
        "entrant": draft.owner,
        "co_author": co_author,
        "other": UserFactory(),
        "juror": JurorFactory(award=award).user,
        "observer": on_team(award, role="observer"),
        "organiser": on_team(award),
        "organiser_elsewhere": on_team(AwardFactory()),
    }


ROLES = (
    "anonymous",
    "entrant",
    "co_author",
    "other",
    "juror",
    "observer",
    "organiser",
    "organiser_elsewhere",
)
# The tus endpoints and the file's play address, per role, for a draft with an
# upload under way: everyone but the entrant and the award's organisers gets a 404.
# role:                anon entrant co  other juror obs  org  org-elsewhere
MEDIA_URLS = [
    ("awards:media_uploads", "POST", (404, 201, 404, 404, 404, 404, 201, 404)),
    ("awards:media_uploads", "OPTIONS", (404, 204, 404, 404, 404, 404, 204, 404)),
    ("awards:media_upload", "HEAD", (404, 200, 404, 404, 404, 404, 200, 404)),
    ("awards:media_upload", "PATCH", (404, 204, 404, 404, 404, 404, 204, 404)),
    ("awards:media_upload", "DELETE", (404, 204, 404, 404, 404, 404, 204, 404)),
    # A draft's file plays for who may see the draft, and its organisers.
    ("awards:media_play", "GET", (404, 200, 200, 404, 404, 404, 200, 404)),
]


def started(entry, content: bytes, *, whole: bool = False) -> MediaUpload:
    """An upload to `entry` with `content` sent: the whole file, or half of it."""
    upload = services.media_upload_create(
        entry=entry,
        actor=entry.owner,
        length=len(content) * (1 if whole else 2),
        filename="a.wav",
        declared_type="audio/wav",
    )
    return services.media_upload_append(
        upload=upload, actor=entry.owner, offset=0, chunks=[content]
    )


@pytest.mark.parametrize(("name", "method", "expected"), MEDIA_URLS)
def test_permission_table(people, draft, on_file_system, name, method, expected):
    content = wav_bytes(2048)
    started(draft, content, whole=True)  # the file that plays
    for role, status in zip(ROLES, expected, strict=True):
        upload = started(draft, content)  # one under way, for each asker
        args = [upload.pk] if name == "awards:media_upload" else [draft.pk]
        url = reverse(name, args=args)
        user = people[role]
        client = signed_in(user) if user else Client()
        if method == "POST":
            response = client.post(
                url,
                headers={
                    **TUS,
                    "Upload-Length": "100",
                    "Upload-Metadata": "filetype YXVkaW8vd2F2",
                },
            )
        elif method == "PATCH":
            response = patch(client, url, upload.offset, b"\x00")
        else:
            response = client.generic(method, url, headers=TUS)
        if response.streaming:  # read to the end: the test client then closes it
            b"".join(response.streaming_content)
        assert (role, response.status_code) == (role, status)


def test_after_the_deadline_the_entrant_is_refused_and_an_organiser_is_not(
    draft, on_file_system
):
    award = draft.category.award
    organiser = on_team(award)
    content = wav_bytes(2048)
    with time_machine.travel(award.deadline - datetime.timedelta(hours=1)):
        location = location_of(create(signed_in(draft.owner), draft, len(content)))
    later = award.deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        refused = patch(signed_in(draft.owner), location, 0, content)
        assert refused.status_code == 403
        assert refused.content.decode() == (
            "This entry can no longer be changed: the deadline has passed or it has "
            "been submitted. Ask the award's organisers to add the file."
        )
        assert create(signed_in(draft.owner), draft, 10).status_code == 403
        client = signed_in(organiser)
        assert patch(client, location, 0, content).status_code == 204
        again = location_of(create(client, draft, len(content)))
        assert patch(client, again, 0, content).status_code == 204
    assert Entry.objects.get(pk=draft.pk).media_file.uploaded_by == organiser


def test_a_submitted_entry_takes_a_file_from_its_organisers_only(draft, on_file_system):
    submit(draft)
    assert create(signed_in(draft.owner), draft, 10).status_code == 403
    organiser = on_team(draft.category.award)
    assert create(signed_in(organiser), draft, 10).status_code == 201


def test_delete_ends_the_upload_and_aborts_the_multipart_upload(draft, storage):
    content = wav_bytes(6 * MiB)
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, len(content)))
    assert patch(client, location, 0, content[: 5 * MiB + 100]).status_code == 204
    if storage == "s3":
        assert len(multipart_uploads()) == 1
        assert len(stored_keys()) == 1  # the 100 bytes after the first part
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.delete(location, headers=TUS)
    assert response.status_code == 204
    assert head(client, location).status_code == 404
    assert MediaUpload.objects.count() == 0
    assert stored_keys() == []
    if storage == "s3":
        assert multipart_uploads() == []


def test_a_new_file_replaces_the_old_one_and_deletes_its_bytes(draft, storage):
    client = signed_in(draft.owner)
    names = []
    for size in (3000, 5000):
        content = wav_bytes(size)
        location = location_of(create(client, draft, len(content)))
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert patch(client, location, 0, content).status_code == 204
        names.append(Entry.objects.get(pk=draft.pk).media_file.file.name)
    assert MediaUpload.objects.count() == 1
    assert len(stored_keys()) == 1 and stored_keys()[0].endswith(names[1])
    assert len(stored_bytes(names[1])) == len(wav_bytes(5000))


def test_abandoned_uploads_expire_and_their_multipart_uploads_are_aborted(
    draft, storage
):
    """A day without bytes: HEAD says 410, the hourly task deletes it. (The clock
    is not moved: S3 refuses requests signed a day from its own time.)"""
    content = wav_bytes(6 * MiB)
    client = signed_in(draft.owner)
    old = location_of(create(client, draft, len(content)))
    assert patch(client, old, 0, content[: 5 * MiB + 10]).status_code == 204
    MediaUpload.objects.update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    fresh = location_of(create(client, draft, len(content)))
    assert head(client, old).status_code == 410
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.media_uploads_expire() == 1
    assert services.media_uploads_expire() == 0
    assert head(client, old).status_code == 404
    assert head(client, fresh)["Upload-Offset"] == "0"
    assert stored_keys() == (
        [] if storage == "s3" else [MediaUpload.objects.get().file.name]
    )
    if storage == "s3":
        assert len(multipart_uploads()) == 1  # the fresh one's


def test_csrf_protection_stays_on(draft, on_file_system):
    client = Client(enforce_csrf_checks=True)
    client.force_login(draft.owner)
    refused = create(client, draft, 100)
    assert refused.status_code == 403
    client.get(reverse("awards:entry_detail", args=[draft.pk]))
    token = client.cookies["csrftoken"].value
    assert create(client, draft, 100, **{"X-CSRFToken": token}).status_code == 201


def test_an_unknown_upload_is_not_found(draft, on_file_system):
    client = signed_in(draft.owner)
    for upload_id in (str(uuid.uuid4()), "not-a-uuid"):
        url = reverse("awards:media_upload", args=[upload_id])
        assert client.head(url, headers=TUS).status_code == 404


def test_a_transfer_held_by_another_patch_is_refused_until_its_hold_lapses(
    draft, on_file_system
):
    content = wav_bytes(4096)
    client = signed_in(draft.owner)
    location = location_of(create(client, draft, len(content)))
    MediaUpload.objects.update(
        locked_until=timezone.now() + datetime.timedelta(minutes=1)
    )
    busy = patch(client, location, 0, content)
    assert busy.status_code == 423
    assert busy.content.decode() == "Another transfer of this file is under way."
    MediaUpload.objects.update(
        locked_until=timezone.now() - datetime.timedelta(seconds=1)
    )  # its request died: the hold lapses
    assert patch(client, location, 0, content).status_code == 204


def test_bytes_that_arrived_before_the_sender_stopped_are_kept(draft, storage):
    """A PATCH announcing 6 MiB whose sender goes away after 3.6 MiB (the view's
    body reader simply ends): the offset is what arrived, and the rest follows."""
    content = wav_bytes(6 * MiB)
    cut = len(content) * 60 // 100
    upload = services.media_upload_create(
        entry=draft,
        actor=draft.owner,
        length=len(content),
        filename="cut.wav",
        declared_type="audio/wav",
    )

    def sender_gone():
        yield content[: cut // 2]
        yield content[cut // 2 : cut]

    upload = services.media_upload_append(
        upload=upload,
        actor=draft.owner,
        offset=0,
        length=len(content),
        chunks=sender_gone(),
    )
    assert (upload.offset, upload.locked_until) == (cut, None)
    upload = services.media_upload_append(
        upload=upload, actor=draft.owner, offset=cut, chunks=[content[cut:]]
    )
    assert upload.is_complete
    assert stored_bytes(upload.file.name) == content


def test_a_caller_sending_more_than_the_declared_size_is_refused(draft, on_file_system):
    upload = services.media_upload_create(
        entry=draft,
        actor=draft.owner,
        length=100,
        filename="a.wav",
        declared_type="audio/wav",
    )
    with pytest.raises(ValidationError) as refused:
        services.media_upload_append(
            upload=upload, actor=draft.owner, offset=0, chunks=[b"x" * 60, b"y" * 60]
        )
    assert refused.value.code == "too_long"
    upload.refresh_from_db()
    assert (upload.offset, upload.locked_until) == (0, None)
