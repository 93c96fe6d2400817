"""What an entry's public page shows of the work besides its text: the entry in
every language it exists in, each with the address of the page in that language."""

import dataclasses

from django.http import HttpRequest
from wagtail.models import Page

from awards.selectors.public import EntryVersion, PublicEntry


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
