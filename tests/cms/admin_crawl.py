"""Which of Wagtail's strings the admin shows us: crawl /admin/ and match its text.

Used by tests/cms/test_admin_translations.py (visible_text) and, to refresh the list
in cms/third_party_strings.py, run on the demo database:

    DEBUG=1 .venv/bin/python -m tests.cms.admin_crawl [email ...]

It signs in as each user (default: the demo platform admin, an organiser and an
observer; for a superuser it first adds sample objects, see make_samples),
follows every /admin/ link of every page it reaches (hrefs, form
actions, data-*-url attributes and URLs inside JSON such as the sidebar props),
keeps the visible text (text nodes, title/aria-label/placeholder/alt, button
values, data-*-value and JSON strings) and prints the msgids of Wagtail's and
wagtail-localize's English catalogues that appear there, as Python lines for the
strings module. Everything runs in one transaction that is rolled back.
"""

import json
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

HIDDEN_TAGS = {"script", "style"}
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Links the crawl never follows: they change things, sign out or download.
SKIPPED = re.compile(
    r"/(delete|logout|unpublish|remove|publish|lock|unlock|revert|copy|move|"
    r"convert_alias|convert_to_alias|check|override|export|preview|download|serve|"
    r"jsi18n|unschedule|reorder|disable|enable|machine_translate|pofile|"
    r"workflow/(action|collect_action_data|confirm_cancellation))(/|$)|export="
)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.urls: list[str] = []
        self._hidden = 0
        self._json = False
        self._json_chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in HIDDEN_TAGS:
            self._hidden += 1
            self._json = attributes.get("type") == "application/json"
            self._json_chunks = []
        for name, value in attrs:
            if not value:
                continue
            if name in {"href", "action"} or (
                name.startswith("data-") and name.endswith("url")
            ):
                self.urls.append(value)
            if name in TEXT_ATTRIBUTES:
                self.texts.append(value.strip())
            elif name == "value" and attributes.get("type") in {"submit", "button"}:
                self.texts.append(value.strip())
            elif name.startswith("data-") and name.endswith("-value"):
                self._add_json_or_text(value)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
            if self._json:
                self._add_json_or_text("".join(self._json_chunks))
                self._json = False

    def handle_data(self, data):
        if self._json:
            self._json_chunks.append(data)
        elif not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))

    def _add_json_or_text(self, value: str) -> None:
        value = value.strip()
        if value[:1] in "{[":
            try:
                strings = list(_json_strings(json.loads(value)))
            except ValueError:
                strings = [value]
        else:
            strings = [value]
        for string in strings:
            if string.startswith("/admin/"):
                self.urls.append(string)
            elif string.strip():
                self.texts.append(" ".join(string.split()))


def _json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def read(html: str) -> tuple[list[str], list[str]]:
    """The visible texts and the linked URLs of an HTML page."""
    reader = _Reader()
    reader.feed(html)
    return reader.texts, reader.urls


def visible_text(html: str) -> str:
    return "\n".join(read(html)[0])


# --- Catalogues ------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    msgid: str
    context: str = ""
    plural: str = ""
    domain: str = "django"


def _unquote(line: str) -> str:
    return json.loads(line)  # a PO string is a JSON string but for \t-like escapes


def read_po(path: Path, domain: str = "django") -> list[Message]:
    """The entries of a .po file (not the header, not obsolete ones)."""
    messages, fields, key, last = [], {}, None, None

    def flush():
        if fields.get("msgid"):
            messages.append(
                Message(
                    fields["msgid"],
                    fields.get("msgctxt", ""),
                    fields.get("msgid_plural", ""),
                    domain,
                )
            )
        fields.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if key:
                fields[key] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and last != "msgctxt"):
            flush()
        last, key = keyword, keyword
        if keyword.startswith("msgstr"):
            key = None
            continue
        fields[keyword] = _unquote(rest)
    flush()
    return messages


def package_dirs() -> list[Path]:
    import wagtail
    import wagtail_localize

    return [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]


def english_catalogue(domain: str = "django") -> list[Message]:
    messages: dict[Message, None] = {}
    for base in package_dirs():
        for path in sorted(base.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
            for message in read_po(path, domain):
                messages.setdefault(message)
    return list(messages)


# --- Matching --------------------------------------------------------------------

# A placeholder stays within a text node; a tag may end one.
_ANY = r"[^\n]{0,80}?"
_TAG = r"[\s\S]{0,80}?"
_SPLIT = re.compile(r"(<[^>]+>|%\(\w+\)[sdfr]|%[sdfr]|\{\w*\})")


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def message_pattern(text: str) -> re.Pattern | None:
    """A regex for a msgid as rendered: placeholders and tags match anything short."""
    parts: list[str] = []
    for part in _SPLIT.split(text):
        if _SPLIT.fullmatch(part):
            parts.append(_TAG if part.startswith("<") else _ANY)
        elif part.strip():
            parts.extend([r"\s*", _literal(part), r"\s*"])
    # One wildcard for a run of them, none at the ends: that keeps the search linear.
    merged: list[str] = []
    gaps = {_ANY, _TAG, r"\s*"}
    for part in parts:
        if merged and part in gaps and merged[-1] in gaps:
            if _TAG in (part, merged[-1]):
                merged[-1] = _TAG
            elif part == _ANY:
                merged[-1] = _ANY
        else:
            merged.append(part)
    while merged and merged[0] in gaps:
        merged.pop(0)
    while merged and merged[-1] in gaps:
        merged.pop()
    if not re.search(r"\w", _SPLIT.sub(" ", text)):
        return None
    return re.compile(r"(?<![\w])" + "".join(merged) + r"(?![\w])")


def is_one_word(text: str) -> bool:
    return len(_SPLIT.sub(" ", text).split()) <= 1


class Matcher:
    """Finds which messages a page's texts contain."""

    def __init__(self, messages: Iterable[Message]):
        self.exact: dict[str, list[Message]] = {}
        self.patterns: list[tuple[frozenset[str], re.Pattern, Message]] = []
        for message in messages:
            for text in filter(None, (message.msgid, message.plural)):
                if is_one_word(text) and not _SPLIT.search(text):
                    self.exact.setdefault(text.strip(), []).append(message)
                    continue
                pattern = message_pattern(text)
                if pattern:
                    words = frozenset(re.findall(r"\w+", _SPLIT.sub(" ", text)))
                    self.patterns.append((words, pattern, message))

    def found(self, texts: list[str]) -> set[Message]:
        result: set[Message] = set()
        for text in texts:
            for key in (text, text.rstrip(":"), text.rstrip("…").rstrip(".")):
                result.update(self.exact.get(key, ()))
        joined = "\n".join(texts)
        words = set(re.findall(r"\w+", joined))
        for needed, pattern, message in self.patterns:
            if needed <= words and pattern.search(joined):
                result.add(message)
        return result


# --- Crawl -----------------------------------------------------------------------


def _url_key(url: str) -> str:
    """Pages of one shape: ids become N, and only the query's keys count."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/)", "/N", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query)} - {"next"})
    return path + ("?" + "&".join(keys) if keys else "")


def _normalise(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in {"", "http", "https"} or not parts.path.startswith(
        "/admin/"
    ):
        return None
    if SKIPPED.search(parts.path) or SKIPPED.search(parts.query):
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
    return parts.path + ("?" + query if query else "")


def crawl(client, start="/admin/", per_shape: int = 2, limit: int = 800):
    """Yield (url, html) for the admin pages reachable from `start` (a URL or a
    list of them, all visited) with GET."""
    starts = [start] if isinstance(start, str) else list(start)
    queue, seen, shapes = deque(starts), set(starts), {}
    while queue and len(seen) <= limit:
        url = queue.popleft()
        response = client.get(url, HTTP_ACCEPT="text/html")
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        yield url, html
        for link in read(html)[1]:
            link = _normalise(link)
            if not link or link in seen:
                continue
            shape = _url_key(link)
            if shapes.get(shape, 0) >= per_shape:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(link)
            queue.append(link)


def python_line(message: Message) -> str:
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    if message.plural:
        return f"ngettext_lazy({q(message.msgid)}, {q(message.plural)}, 1),"
    if message.context:
        return f"pgettext_lazy({q(message.context)}, {q(message.msgid)}),"
    return f"gettext_noop({q(message.msgid)}),"


def js_line(message: Message) -> str:
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    if message.plural:
        return f"ngettext({q(message.msgid)}, {q(message.plural)}, 1);"
    return f"gettext({q(message.msgid)});"


DEMO_USERS = ("organiser@qalam.test", "organiser2026@qalam.test", "observer@qalam.test")


def media_samples(title: str = "Crawl sample") -> dict:
    """An image, a document, a redirect and a child collection in the current
    storage, so that the platform admin's media listings show rows and buttons."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    slug = title.lower().replace(" ", "-")
    png = BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(png, "PNG")
    return {
        "image": get_image_model().objects.create(
            title=title, file=ImageFile(png, name=f"{slug}.png")
        ),
        "document": get_document_model().objects.create(
            title=title, file=ContentFile(b"%PDF-1.4\n", name=f"{slug}.pdf")
        ),
        "redirect": Redirect.objects.create(old_path=f"/{slug}", redirect_link="/"),
        "collection": Collection.get_first_root_node().add_child(name=title),
    }


def make_samples(user) -> list[str]:  # pragma: no cover - a tool for developers
    """What the demo database lacks for the platform admin's screens: an image, a
    document, a redirect, a child collection and a Kazakh translation of a page
    (wagtail-localize's editor). The admin URLs of their edit screens, to visit
    even when the crawl's quota for pages of that shape is used up."""
    from wagtail.models import Locale, Page
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import TranslationCreator

    samples = media_samples()
    image, document = samples["image"], samples["document"]
    redirect, collection = samples["redirect"], samples["collection"]
    page = Page.objects.filter(depth=3, locale__language_code="en").first()
    urls = [
        "/admin/",
        f"/admin/images/{image.pk}/",
        f"/admin/images/{image.pk}/delete/",
        f"/admin/documents/edit/{document.pk}/",
        f"/admin/documents/delete/{document.pk}/",
        f"/admin/redirects/{redirect.pk}/",
        f"/admin/redirects/{redirect.pk}/delete/",
        f"/admin/collections/{collection.pk}/",
        f"/admin/collections/{collection.pk}/delete/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/localize/reports/translations/",
    ]
    if page is not None:
        urls.append(f"/admin/localize/submit/page/{page.pk}/")
        kazakh = Locale.objects.filter(language_code="kk").first()
        if kazakh is not None:
            TranslationCreator(user, [kazakh]).create_translations(page)
        translated = page.get_translation_or_none(kazakh) if kazakh else None
        if translated is not None:
            urls.append(f"/admin/pages/{translated.pk}/edit/")
            translation = Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=kazakh
            ).first()
            if translation is not None:
                urls.append(f"/admin/localize/update/{translation.source_id}/")
    return urls


def _storages_in(media: str) -> dict:  # pragma: no cover - a tool for developers
    """The settings' storages, but files the samples upload go to `media`."""
    from django.conf import settings

    default = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": media, "base_url": settings.MEDIA_URL},
    }
    return {**settings.STORAGES, "default": default}


def main(emails: list[str]) -> None:  # pragma: no cover - a tool for developers
    import tempfile

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.utils import translation

    setup_test_environment()
    matcher = Matcher(english_catalogue())
    found: dict[Message, set[str]] = {}
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media, STORAGES=_storages_in(media)),
        transaction.atomic(),
        translation.override("en"),
    ):
        starts: list[str] = ["/admin/"]
        for email in emails or DEMO_USERS:
            client = Client()
            user = get_user_model().objects.get(email=email)
            if user.is_superuser and starts == ["/admin/"]:
                starts = make_samples(user)
            client.force_login(user)
            pages = 0
            for url, html in crawl(client, starts):
                pages += 1
                if pages % 50 == 0:
                    sys.stderr.write(f"# {email}: {pages} pages, at {url}\n")
                for message in matcher.found(read(html)[0]):
                    found.setdefault(message, set()).add(email)
            sys.stderr.write(f"# {email}: {pages} pages\n")
        transaction.set_rollback(True)
    for message in sorted(found, key=lambda m: (m.msgid.lower(), m.context)):
        sys.stdout.write(python_line(message) + "\n")


if __name__ == "__main__":  # pragma: no cover
    import os

    if sys.argv[1:] == ["--js"]:
        # The admin's JavaScript (sidebar, page explorer, editor, comments) has no
        # HTML to crawl: all of wagtail.admin's and wagtail-localize's (translation
        # editor) djangojs catalogues, for cms/third_party_strings.js.
        wagtail_dir, localize_dir = package_dirs()
        for po in (
            wagtail_dir / "admin/locale/en/LC_MESSAGES/djangojs.po",
            localize_dir / "locale/en/LC_MESSAGES/djangojs.po",
        ):
            for message in read_po(po, "djangojs"):
                sys.stdout.write(js_line(message) + "\n")
        sys.exit()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main(sys.argv[1:])
