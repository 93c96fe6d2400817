"""Reads of entries' own video and audio files: the uploads their senders may
continue, and the file a viewer may play."""

import uuid

from django.http import Http404

from accounts.models import User
from awards import clock
from awards.jury.models import Prize
from awards.models import Entry, EntryCoAuthor, MediaUpload
from awards.permissions import can_view_entry, may_see_media_upload
from awards.selectors.public import public_prize_q


def entry_for_media_upload(*, user: User, pk: int) -> Entry:
    """The entry `user` may send a file to (its entrant, its award's organisers),
    or 404 for everyone else, whether the entry exists or not."""
    entry = Entry.objects.select_related("category__award").filter(pk=pk).first()
    if entry is None or not may_see_media_upload(user, entry):
        raise Http404
    return entry


def media_upload_for_user(*, user: User, upload_id: str) -> MediaUpload:
    """An upload `user` may continue, inspect or end, or 404."""
    try:
        key = uuid.UUID(upload_id)
    except ValueError as error:
        raise Http404 from error
    upload = (
        MediaUpload.objects.select_related("entry__category__award")
        .filter(pk=key)
        .first()
    )
    if upload is None or not may_see_media_upload(user, upload.entry):
        raise Http404
    return upload


def media_for_viewer(*, user: User, entry_id: int) -> MediaUpload:
    """The entry's file for `user` to play, or 404. Anyone may play that of an
    entry with a public prize; before that only who may see the entry (its authors,
    its award's team once submitted) and its award's organisers."""
    entry = (
        Entry.objects.select_related("category__award", "media_file")
        .filter(pk=entry_id, media_file__completed_at__isnull=False)
        .first()
    )
    if entry is None:
        raise Http404
    is_public = Prize.objects.filter(
        public_prize_q(clock.now()), entry_id=entry.pk
    ).exists()
    if not (is_public or may_see_media_upload(user, entry)):
        co_authors = set(
            EntryCoAuthor.objects.filter(entry=entry).values_list("user_id", flat=True)
        )
        if not can_view_entry(user, entry, co_author_ids=co_authors):
            raise Http404
    return entry.media_file
