"""Publishing results: the service's rules, the organisers' publish screen and
the entry translations screen (the public pages they lead to: test_public_site)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Language
from awards import services
from awards.selectors import public
from tests.cms.helpers import award_with_prizes, staff_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_results_publish_rules():
    award, _category, _round, _prizes = award_with_prizes(1)
    with pytest.raises(PermissionDenied):
        services.results_publish(award=award, actor=UserFactory())
    empty, *_ = award_with_prizes(0)
    with pytest.raises(ValidationError, match="no prizes yet"):
        services.results_publish(award=empty, actor=staff_user())
    staff = staff_user()
    past = timezone.now() - timezone.timedelta(days=3)
    publication = services.results_publish(award=award, actor=staff, publish_at=past)
    assert publication.publish_at > past  # a time in the past means now
    assert public.is_published(award=award)
    with pytest.raises(ValidationError, match="already public"):
        services.results_publish(award=award, actor=staff)


def test_entry_translation_refuses_the_original_language():
    _award, _category, _round, prizes = award_with_prizes(1)
    with pytest.raises(ValidationError):
        services.entry_translation_save(
            entry=prizes[0].entry,
            language=Language.objects.get(code="ru"),
            title="Дубль",
            summary="",
            actor=staff_user(),
        )


@pytest.mark.parametrize(
    ("who", "status", "location"),
    [
        ("anonymous", 302, "/admin/login/?next=/admin/results/"),
        ("entrant", 302, "/admin/login/?next=/admin/results/"),
        ("staff_no_awards", 302, "/admin/"),  # Wagtail's answer to PermissionDenied
        ("organiser", 200, None),
    ],
)
def test_publish_screen_permissions(client, who, status, location):
    from django.contrib.auth.models import Permission

    if who == "entrant":
        client.force_login(UserFactory())
    elif who == "staff_no_awards":
        user = UserFactory(is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
    elif who == "organiser":
        client.force_login(staff_user())
    response = client.get("/admin/results/")
    assert response.status_code == status
    assert response.get("Location") == location


def test_publish_screen_publishes_now_and_schedules(
    client, django_capture_on_commit_callbacks
):
    award, *_ = award_with_prizes(1)
    later, *_ = award_with_prizes(1)
    client.force_login(staff_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/results/{award.pk}/publish/", {})
    assert response.status_code == 302
    assert public.is_published(award=award)
    response = client.post(
        f"/admin/results/{later.pk}/publish/",
        {f"a{later.pk}-publish_at": "2099-01-01T10:00"},
    )
    later.refresh_from_db()
    assert later.results_publication.publish_at.year == 2099
    assert not public.is_published(award=later)
    html = client.get("/admin/results/").content.decode()
    assert "Scheduled for" in html
    assert "Public since" in html


def _translate(client, entry_id: int, language: str, title: str):
    """An organiser adds a translation of the entry on the admin screen."""
    client.force_login(staff_user())
    return client.post(
        "/admin/entry_translations/new/",
        {"entry": entry_id, "language": language, "title": title, "summary": ""},
    )


def test_organiser_lists_and_adds_entry_translations(client):
    _award, _category, _round, prizes = award_with_prizes(1)
    response = _translate(client, prizes[0].entry_id, "kk", "Құпия")
    assert response.status_code == 302
    assert prizes[0].entry.translations.get().title == "Құпия"
    html = client.get("/admin/entry_translations/").content.decode()
    assert "Құпия" in html


def test_translation_screen_refuses_the_entrys_own_language(client):
    _award, _category, _round, prizes = award_with_prizes(1)
    response = _translate(client, prizes[0].entry_id, "ru", "Дубль")
    assert response.status_code == 200
    assert "This is the entry&#x27;s original language." in response.content.decode()
    assert not prizes[0].entry.translations.exists()
