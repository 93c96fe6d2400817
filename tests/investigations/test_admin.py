"""The staff listing: metadata only, read only."""

import pytest
from django.urls import reverse

from investigations import services
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


@pytest.fixture
def staff(home_page):
    return UserFactory(is_staff=True, is_superuser=True)


def test_staff_listing_shows_metadata_and_no_content(client, staff, workspace):
    services.comment_create(
        actor=workspace.lead, task=workspace.task, body="Secret source in Osh"
    )
    client.force_login(staff)
    response = client.get(reverse("investigation_listing:index"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Water rights" in content
    assert "Active" in content
    rows = [(i.title, i.member_count) for i in response.context["object_list"]]
    assert rows == [("Water rights", 4)]
    for secret in ("First", "Secret source", "lead@example.org", "Leads"):
        assert secret not in content


@pytest.mark.parametrize("view", ["add", "edit", "delete"])
def test_staff_cannot_add_edit_or_delete_investigations(client, staff, workspace, view):
    client.force_login(staff)
    args = [] if view == "add" else [workspace.investigation.pk]
    response = client.get(reverse(f"investigation_listing:{view}", args=args))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
