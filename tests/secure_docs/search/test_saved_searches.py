"""Saved searches: kept per member, run from their id, announced once by email
when a new document matches, and never naming the query or the document."""

import pytest
from django.core import mail
from django.urls import reverse

from secure_docs.models import SavedSearch, SavedSearchMatch
from tests.secure_docs.search.helpers import hits, index_pending, upload_text

pytestmark = pytest.mark.django_db


def _save(client, codename, q, name, notify=True):
    data = {"q": q, "name": name}
    if notify:
        data["notify"] = "on"
    return client.post(
        reverse("secure_docs:saved_search_create", args=[codename]), data
    )


def test_a_new_matching_document_emails_the_member_once(
    client, workspace, django_capture_on_commit_callbacks
):
    reporter = workspace.people["reporter"]
    client.force_login(reporter)
    response = _save(client, workspace.codename, "Zarafshon", "Gold mine")
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=reporter)
    client.force_login(workspace.lead)
    with django_capture_on_commit_callbacks(execute=True):
        upload_text(client, workspace.codename, b"Nothing here", title="Other")
    with django_capture_on_commit_callbacks(execute=True):
        upload_text(client, workspace.codename, "Зарафшон кони".encode(), title="Mine")
    assert SavedSearchMatch.objects.filter(saved_search=saved).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reporter.email]
    run_url = reverse(
        "secure_docs:saved_search_run", args=[workspace.codename, saved.pk]
    )
    assert run_url in message.body
    for secret in ("Zarafshon", "Зарафшон", "Gold mine", "Mine"):
        assert secret not in message.subject + message.body
    # Indexing the same unit again announces nothing new.
    index_pending()
    from secure_docs import services

    services.saved_searches_check(unit_id=SavedSearchMatch.objects.get().unit_id)
    assert len(mail.outbox) == 1
    # The link runs the search for its owner.
    client.force_login(reporter)
    assert hits(client.get(run_url)) == ["Mine"]


def test_a_saved_search_without_emails_sends_none(
    client, workspace, django_capture_on_commit_callbacks
):
    client.force_login(workspace.lead)
    _save(client, workspace.codename, "Navoi", "Quiet", notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        upload_text(client, workspace.codename, b"Navoi plant", title="Plant")
    assert mail.outbox == []


def test_the_search_page_lists_only_my_own_saved_searches(client, workspace):
    client.force_login(workspace.lead)
    _save(client, workspace.codename, "Karshi", "Lead's search")
    client.force_login(workspace.people["viewer"])
    _save(client, workspace.codename, "Jizzakh", "Viewer's search")
    page = client.get(reverse("secure_docs:search", args=[workspace.codename]))
    text = page.content.decode()
    assert "Viewer&#x27;s search" in text
    assert "Lead&#x27;s search" not in text
    theirs = SavedSearch.objects.get(user=workspace.lead)
    for name in ("saved_search_run", "saved_search_delete"):
        url = reverse(f"secure_docs:{name}", args=[workspace.codename, theirs.pk])
        assert client.post(url).status_code == 404, name
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_deleting_a_saved_search(client, workspace):
    client.force_login(workspace.lead)
    _save(client, workspace.codename, "Gulistan", "Gulistan")
    saved = SavedSearch.objects.get()
    response = client.post(
        reverse("secure_docs:saved_search_delete", args=[workspace.codename, saved.pk])
    )
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()


def test_saving_an_empty_query_is_refused_with_a_message(client, workspace):
    client.force_login(workspace.lead)
    response = _save(client, workspace.codename, "?!", "Nothing")
    assert response.status_code == 400
    assert "Type at least one word to search for." in response.content.decode()
    assert not SavedSearch.objects.exists()
