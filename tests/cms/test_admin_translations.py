"""The Wagtail admin speaks the language a staff member picks under Account →
Locale, including the five Wagtail ships no catalogue for."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Site
from wagtail.users.models import UserProfile

from awards import services
from tests.cms.admin_crawl import media_samples, message_pattern, visible_text
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    EntryFactory,
    UserFactory,
    on_team,
)

pytestmark = pytest.mark.django_db

STRINGS_MODULE = Path(settings.BASE_DIR) / "cms" / "third_party_strings.py"
# Labels every admin screen shows: the Save button of an edit form, and the
# sidebar's Help and account menu's Log out (sidebar props JSON).
EXPECTED = {
    "ru": ["Сохранить", "Помощь", "Выйти"],
    "kk": ["Сақтау", "Анықтама", "Шығу"],
    "uz": ["Saqlash", "Yordam", "Chiqish"],
    "ky": ["Сактоо", "Жардам", "Чыгуу"],
    "tg": ["Нигоҳ доштан", "Кӯмак", "Баромадан"],
    "tk": ["Ýatda saklamak", "Kömek", "Çykmak"],
}
# Wagtail's product name reads the same in every language.
PROPER_NAMES = re.compile(r"Wagtail")


def english_msgids() -> list[str]:
    """The msgids (and plurals) of more than one word in cms/third_party_strings.py."""
    tree = ast.parse(STRINGS_MODULE.read_text(encoding="utf-8"))
    msgids = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    return sorted(
        msgid
        for msgid in msgids
        if len(re.sub(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>", " ", msgid).split()) > 1
        and not PROPER_NAMES.search(msgid)
    )


ENGLISH = [(msgid, message_pattern(msgid)) for msgid in english_msgids()]


def english_left(html: str) -> list[str]:
    text = visible_text(html)
    return [msgid for msgid, pattern in ENGLISH if pattern and pattern.search(text)]


def speaking(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def award():
    award = AwardFactory(title="Qalam 2026")
    entry = EntryFactory(category=CategoryFactory(award=award), title="Water")
    services.entry_submit(entry=entry, actor=entry.owner)
    return award


def organiser_screens(award) -> list[str]:
    entry = award.categories.get().entries.get()
    return [
        "/admin/",
        reverse("award_editions:index"),
        reverse("award_editions:edit", args=[award.pk]),
        reverse("award_entries:index"),
        reverse("award_entries:inspect", args=[entry.pk]),
        reverse("wagtailadmin_account"),
    ]


def check(client, urls: list[str], language: str) -> None:
    seen = ""
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert english_left(html) == [], (language, url)
        seen += visible_text(html)
    for label in EXPECTED[language]:
        assert label in seen, (language, label)


@pytest.mark.parametrize("language", list(EXPECTED))
def test_organiser_sees_the_admin_in_their_language(client, award, language):
    organiser = speaking(on_team(award, UserFactory()), language)
    client.force_login(organiser)
    check(client, organiser_screens(award), language)


@pytest.mark.parametrize("language", list(EXPECTED))
def test_platform_admin_sees_pages_and_editor_in_their_language(
    client, award, home_page, language
):
    admin = speaking(UserFactory(is_staff=True, is_superuser=True), language)
    client.force_login(admin)
    urls = [
        *organiser_screens(award),
        "/admin/pages/",
        f"/admin/pages/{home_page.pk}/",
        f"/admin/pages/{home_page.pk}/edit/",
    ]
    check(client, urls, language)


def test_every_site_language_is_offered_under_preferences(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    offered = re.findall(r'<option value="([a-z-]+)"', html)
    for code, _name in settings.LANGUAGES:
        assert code in offered, code


def test_english_screens_show_the_strings_the_check_looks_for(client, award):
    """The check above would see Wagtail's English if it were there."""
    client.force_login(on_team(award, UserFactory()))
    html = client.get(reverse("award_editions:edit", args=[award.pk])).content.decode()
    assert {"Toggle sidebar", "Skip to main content"} <= set(english_left(html))


def test_admin_javascript_catalogue_comes_from_locale(client):
    admin = speaking(UserFactory(is_staff=True, is_superuser=True), "kk")
    client.force_login(admin)
    body = client.get("/admin/jsi18n/").content.decode()
    assert '"Dashboard": "\\u0411\\u0430\\u0441\\u049b\\u0430\\u0440\\u0443' in body


# The five languages Wagtail ships no catalogue for: all of the platform admin's
# media and settings screens come from our locale/.
OWN_CATALOGUE_ONLY = ["kk", "uz", "ky", "tg", "tk"]


@pytest.fixture
def media_objects(home_page, tmp_path, settings):
    """An image, a document, a redirect and a child collection, so that the
    listings show rows (and their buttons) and not only an empty state."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": "/media/"},
        },
    }
    return media_samples("Posters")


def platform_admin_media_screens(media_objects, user) -> list[str]:
    site = Site.objects.get(is_default_site=True)
    return [
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[media_objects["image"].pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[media_objects["document"].pk]),
        reverse("wagtailusers_users:edit", args=[user.pk]),
        reverse("wagtailadmin_collections:index"),
        reverse("wagtailredirects:index"),
        reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk]),
    ]


@pytest.mark.parametrize("language", OWN_CATALOGUE_ONLY)
def test_platform_admin_sees_media_users_and_settings_in_their_language(
    client, media_objects, language
):
    admin = speaking(UserFactory(is_staff=True, is_superuser=True), language)
    client.force_login(admin)
    for url in platform_admin_media_screens(media_objects, admin):
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_left(response.content.decode()) == [], (language, url)


def test_english_media_screens_show_the_strings_the_check_looks_for(
    client, media_objects
):
    """The check above would see Wagtail's English on those screens."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in platform_admin_media_screens(media_objects, admin):
        assert english_left(client.get(url).content.decode()), url


def messages_shown(response) -> list[str]:
    """The messages' texts, without the buttons some carry (Edit)."""
    return [
        visible_text(str(message)).splitlines()[0]
        for message in response.context["messages"]
    ]


def test_messages_after_saving_are_in_the_admin_language(client, media_objects):
    """A form with an error and a successful save, in Kazakh: the banner above the
    form, and the message on the listing the save leads to."""
    admin = speaking(UserFactory(is_staff=True, is_superuser=True), "kk")
    client.force_login(admin)
    redirect = media_objects["redirect"]
    url = reverse("wagtailredirects:edit", args=[redirect.pk])
    form = {
        "old_path": "/old-rules",
        "is_permanent": "on",
        "redirect_link": "https://example.org/rules",
    }

    response = client.post(url, {**form, "old_path": ""})
    assert response.status_code == 200
    html = visible_text(response.content.decode())
    assert "Қателерге байланысты қайта бағыттау сақталмады." in html
    assert "The redirect could not be saved due to errors." not in html

    response = client.post(url, form, follow=True)
    assert response.redirect_chain, "the save leads back to the listing"
    assert messages_shown(response) == ["«/old-rules» қайта бағыттауы жаңартылды."]
    assert "қайта бағыттауы жаңартылды" in visible_text(response.content.decode())
    assert english_left(response.content.decode()) == []


def test_delete_confirmation_and_message_are_in_the_admin_language(
    client, media_objects
):
    admin = speaking(UserFactory(is_staff=True, is_superuser=True), "kk")
    client.force_login(admin)
    image = media_objects["image"]
    url = reverse("wagtailimages:delete", args=[image.pk])

    html = client.get(url).content.decode()
    assert "Осы суретті жоюға сенімдісіз бе?" in visible_text(html)
    assert english_left(html) == []

    response = client.post(url, follow=True)
    assert messages_shown(response) == ["«Posters» суреті жойылды."]
