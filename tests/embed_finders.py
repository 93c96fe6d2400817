"""A Wagtail embed finder for the tests (config/test_settings.py,
WAGTAILEMBEDS_FINDERS): the tests have no internet, so addresses under
https://media.qalam.test/ get a player from here, as an oEmbed provider would
answer, and https://media.qalam.test/script/... one that needs a script."""

from wagtail.embeds.finders.base import EmbedFinder

PREFIX = "https://media.qalam.test/"


class TestMediaFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url: str) -> bool:
        return url.startswith(PREFIX)

    def find_embed(self, url, max_width=None, max_height=None):
        name = url.removeprefix(PREFIX)
        if name.startswith("script/"):
            html = '<blockquote>Post</blockquote><script src="https://x.test/w.js"></script>'
        else:
            html = (
                f'<iframe title="Player {name}" width="{max_width}" height="405" '
                f'src="https://player.qalam.test/{name}"></iframe>'
            )
        return {
            "title": f"Player {name}",
            "author_name": "",
            "provider_name": "Qalam test media",
            "type": "video",
            "thumbnail_url": "",
            "width": max_width,
            "height": 405,
            "html": html,
        }


embed_finder_class = TestMediaFinder
