"""What an entry's public page shows of the work besides its text: the entry in
every language it exists in, each with the address of the page in that language,
the player of its video or audio link, and its own uploaded video or audio file."""

import dataclasses

from django.http import HttpRequest
from django.urls import reverse
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.models import Embed
from wagtail.models import Page

from awards.models import Entry
from awards.selectors.public import EntryVersion, PublicEntry

# The player's width asked of the provider: the page's text column.
MEDIA_WIDTH = 720


@dataclasses.dataclass(frozen=True)
class VersionLink:
    """One language version of an entry, and the entry's page in that language
    ("" where the site has no page in it)."""

    version: EntryVersion
    url: str


def other_versions(
    *, page: Page, request: HttpRequest, item: PublicEntry, suffix: str
) -> list[VersionLink]:
    """The entry's versions other than the one the page shows, original first."""
    urls = {
        translation.locale.language_code: translation.get_url(request=request)
        for translation in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
    }
    return [
        VersionLink(
            version=version,
            url=urls[version.language] + suffix if version.language in urls else "",
        )
        for version in item.versions
        if version.language != item.shown_language
    ]


def media_embed(url: str) -> Embed | None:
    """The player for an entry's media link, found by Wagtail's embed finders
    (oEmbed) and kept in its embed cache; None when there is no link, no provider
    takes it, the provider cannot be reached, or its player needs a script in our
    page (public pages run none): the page then links to the work instead."""
    if not url:
        return None
    try:
        embed = get_embed(url, max_width=MEDIA_WIDTH)
    except EmbedException:
        return None
    if not embed.html or "<script" in embed.html.lower():
        return None
    return embed


@dataclasses.dataclass(frozen=True)
class MediaFile:
    """The entry's uploaded file as the page plays it: from our own address,
    which checks the prize is public and then serves or redirects to the file."""

    url: str
    content_type: str

    @property
    def is_audio(self) -> bool:
        return self.content_type.startswith("audio/")


def media_file(entry: Entry) -> MediaFile | None:
    """The entry's uploaded video or audio file, or None if it has none."""
    media = entry.media_file if entry.media_file_id else None
    if media is None or media.completed_at is None:
        return None
    return MediaFile(
        url=reverse("awards:media_play", args=[entry.pk]),
        content_type=media.content_type,
    )
