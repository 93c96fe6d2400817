import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from investigations.models import Investigation

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_water_rights_investigation_with_a_full_team(client):
    call_command("seed_demo", stdout=io.StringIO())
    investigation = Investigation.objects.get(codename="offshore-water")
    assert investigation.title == "Offshore water-rights deals"
    members = investigation.memberships.select_related("user")
    assert {m.role for m in members} == {"lead", "editor", "reporter", "viewer"}
    assert {str(m.user.country) for m in members} == {"KZ", "KG", "TJ", "UZ"}
    assert investigation.tasks.count() == 40
    lead = User.objects.get(email="investigator@qalam.test")
    assert members.get(user=lead).role == "lead"
    client.force_login(lead)
    response = client.get(reverse("investigations:board", args=["offshore-water"]))
    assert response.content.decode().count('class="card-task"') == 40


@pytest.mark.usefixtures("tasks_in_process")
def test_seed_demo_emails_nobody(django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert Investigation.objects.get(codename="offshore-water").tasks.count() == 40
    assert mail.outbox == []
