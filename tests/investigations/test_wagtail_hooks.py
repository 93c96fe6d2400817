"""Staff see nothing of investigations; a superuser sees counts only."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from investigations import services
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

TITLE = "Water rights"


def _staff(*, superuser: bool):
    user = UserFactory(is_staff=True, is_superuser=superuser)
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    return user


def _crawl(client) -> dict[str, str]:
    """Every admin page linked from the dashboard, plus search for the title."""
    start = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_home") + "search/?q=Water",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history") + "?q=Water",
    ]
    seen: dict[str, str] = {}
    queue = list(start)
    home = client.get(start[0]).content.decode()
    queue += sorted(set(re.findall(r"(/admin/[\w/-]*)", home)))
    for url in queue:
        if url in seen or "logout" in url or "localize" in url:
            continue
        response = client.get(url)
        seen[url] = response.content.decode() if response.status_code == 200 else ""
    return seen


@pytest.mark.parametrize("superuser", [False, True])
def test_no_admin_page_shows_an_investigation_title(
    client, home_page, workspace, superuser
):
    services.comment_create(
        actor=workspace.lead, task=workspace.task, body="Secret source in Osh"
    )
    client.force_login(_staff(superuser=superuser))
    pages = _crawl(client)
    assert len(pages) > 4
    for url, content in pages.items():
        for secret in (TITLE, "Secret source"):
            assert secret not in content, url


def test_superuser_sees_counts_only(client, home_page, workspace):
    client.force_login(_staff(superuser=True))
    response = client.get(reverse("investigation_counts"))
    assert response.status_code == 200
    assert response.context["counts"] == {
        "by_status": [("Active", 1), ("Archived", 0)],
        "total": 1,
        "memberships": 4,
    }
    assert TITLE not in response.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("investigation_counts") in home


def test_staff_non_superuser_gets_no_counts_and_no_menu(client, home_page, workspace):
    client.force_login(_staff(superuser=False))
    response = client.get(reverse("investigation_counts"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("investigation_counts") not in home
