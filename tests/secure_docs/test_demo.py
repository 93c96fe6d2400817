import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from secure_docs.models import Document, WorkspaceKey
from tests.secure_docs.helpers import download, upload

pytestmark = pytest.mark.django_db


def test_a_demo_member_can_upload_download_and_see_the_access_log(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: still two
    assert Document.objects.count() == 2
    assert (
        WorkspaceKey.objects.filter(investigation__codename="offshore-water").count()
        == 1
    )
    lead = User.objects.get(email="investigator@qalam.test")
    client.force_login(lead)
    listing = client.get(reverse("secure_docs:list", args=["offshore-water"]))
    assert "Leaked licence transfer list" in listing.content.decode()
    document = Document.objects.get(title="Leaked licence transfer list")
    version = document.versions.get()
    assert download(client, version).startswith(b"licence,holder,transferred_to,date\n")
    assert (
        upload(client, "offshore-water", b"new memo", title="Memo").status_code == 302
    )
    log = client.get(
        reverse("secure_docs:access_log", args=["offshore-water", document.pk])
    )
    page = log.content.decode()
    assert "downloaded (decrypted)" in page
    assert str(lead) in page
