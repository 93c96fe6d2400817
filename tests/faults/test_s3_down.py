"""The S3 server down: uploads refuse cleanly, /healthz names the secure storage,
the public site keeps serving."""

import json

import pytest
from django.urls import reverse

from secure_docs.models import Document, DocumentVersion
from tests.cms.helpers import award_with_prizes, public_pages
from tests.secure_docs.conftest import s3_settings
from tests.secure_docs.helpers import upload
from tests.services import seaweedfs, wait_for_port

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def test_s3_down_refuses_uploads_names_the_storage_and_pages_still_serve(
    client, workspace, settings, home_page
):
    award, *_ = award_with_prizes(title="Steppe Press Prize 2025", slug="spp-2025")
    award_page, archive = public_pages(home_page, award)
    with seaweedfs() as server:
        settings.STORAGES = {**settings.STORAGES, "secure_docs": s3_settings(server)}
        port = int(server.endpoint_url.rsplit(":", 1)[1])
        client.force_login(workspace.lead)
        assert upload(
            client, workspace.codename, b"before", name="a.txt"
        ).status_code == (302)
        assert client.get("/healthz").status_code == 200
    # Leaving the block stopped this private server; wait until its port is closed.
    assert not wait_for_port(port, 0.2)
    documents = Document.objects.count()

    response = upload(client, workspace.codename, b"during the outage", name="b.txt")
    assert response.status_code == 503
    assert "The document store could not be reached, so nothing was stored." in (
        response.content.decode()
    )
    assert Document.objects.count() == documents
    assert DocumentVersion.objects.count() == documents

    health = client.get("/healthz")
    assert health.status_code == 503
    body = json.loads(health.content)
    assert body["down"] == ["storage_secure_docs"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["storage_default"] == "ok"

    client.logout()
    for url in ("/", award_page.url, archive.url, reverse("api_winners_json")):
        assert client.get(url).status_code == 200, url
    assert "Steppe Press Prize 2025" in client.get(award_page.url).content.decode()
