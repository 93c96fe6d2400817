import pytest
from wagtail.models import Site

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True, is_superuser=True, email="editor@qalam.test")
    client.force_login(user)
    return user


def test_admin_screens_work_with_email_login_users(client, home_page, editor):
    site = Site.objects.get(is_default_site=True)
    for path in (
        "/admin/",
        "/admin/users/",
        "/admin/users/new/",
        f"/admin/users/edit/{editor.pk}/",
        "/admin/pages/",
        f"/admin/pages/{home_page.pk}/",
        f"/admin/pages/{home_page.pk}/edit/",
        "/admin/locales/",
        f"/admin/settings/cms/sitesettings/{site.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path


def test_admin_creates_a_user_by_email(client, editor):
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.juror@example.kg",
            "first_name": "Aibek",
            "last_name": "Toktogulov",
            "password1": "a long passphrase 2026",
            "password2": "a long passphrase 2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from accounts.models import User

    assert User.objects.get(email="new.juror@example.kg").get_full_name() == (
        "Aibek Toktogulov"
    )


def test_admin_home_is_branded_and_closed_to_non_staff(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
