"""Every URL of secure_docs × every kind of visitor; ids guessed across workspaces."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from investigations import services as investigation_services
from secure_docs import permissions, services
from secure_docs.models import AccessLogEntry, Document, DocumentVersion
from secure_docs.urls import urlpatterns
from tests.factories import InvestigationFactory, UserFactory, mfa_on
from tests.investigations.helpers import VISITORS, as_visitor, expected_status
from tests.secure_docs.helpers import upload

pytestmark = pytest.mark.django_db


def _file() -> SimpleUploadedFile:
    return SimpleUploadedFile("memo.txt", b"a memo")


# (method, url name, arguments, permission needed, POST data)
WORKSPACE_URLS = [
    ("GET", "list", (), None, None),
    ("GET", "upload", (), permissions.UPLOAD, None),
    ("POST", "upload", (), permissions.UPLOAD, {"title": "New", "file": _file}),
    ("POST", "rotate_key", (), permissions.ROTATE_KEY, {}),
    ("GET", "detail", ("document",), None, None),
    ("POST", "version_upload", ("document",), permissions.UPLOAD, {"file": _file}),
    ("POST", "note_create", ("document",), permissions.NOTE, {"body": "Checked."}),
    ("POST", "delete", ("document",), permissions.MANAGE, {}),
    ("GET", "access_log", ("document",), permissions.AUDIT, None),
    ("GET", "download", ("document", "version"), None, None),
    ("GET", "ciphertext", ("document", "version"), None, None),
    ("POST", "restore", ("document", "version"), permissions.MANAGE, {}),
    ("GET", "search", (), None, None),
    ("POST", "search", (), None, {"q": "memo"}),
    ("POST", "saved_search_create", (), None, {"q": "memo", "name": "Memos"}),
    ("GET", "saved_search_run", ("saved",), None, None),
    ("POST", "saved_search_run", ("saved",), None, {}),
    ("POST", "saved_search_delete", ("saved",), None, {}),
]
# Searches are POSTed (the words stay out of URLs) and answered with the results.
ANSWERS_POST_WITH_A_PAGE = {"search", "saved_search_run"}
PERSONAL_URLS = [("GET", "personal_key"), ("POST", "personal_key_delete")]


def test_the_matrix_covers_every_url_of_the_app():
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == {n for _m, n, *_ in WORKSPACE_URLS} | {n for _m, n in PERSONAL_URLS}


@pytest.fixture
def objects(workspace, keys, client):
    """A document with one version; every member's key is a recipient."""
    for person in workspace.people.values():
        services.personal_key_register(user=person, key_text=keys.alice.public)
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"first")
    client.logout()
    document = Document.objects.get()
    return {
        "document": document.pk,
        "version": document.versions.get().pk,
        "saved": _saved_search_of_each_member(workspace),
    }


class _SavedSearches(dict):
    """Each visitor's own saved search: a URL of one is the visitor's own."""


def _saved_search_of_each_member(workspace):
    from secure_docs.selectors import SearchQuery

    return _SavedSearches(
        {
            kind: services.saved_search_create(
                actor=person,
                investigation=workspace.investigation,
                name=f"{kind} search",
                query=SearchQuery(text="memo"),
            ).pk
            for kind, person in workspace.people.items()
        }
    )


def _id_for(value, kind):
    """An object's id; a member's own saved search (the lead's for outsiders)."""
    if isinstance(value, _SavedSearches):
        return value.get(kind, value["lead"])
    return value


@pytest.mark.parametrize(
    ("method", "name", "args", "permission", "data"),
    WORKSPACE_URLS,
    ids=[f"{m}-{n}" for m, n, *_ in WORKSPACE_URLS],
)
def test_workspace_url_answers_each_visitor_as_the_matrix_says(
    client, workspace, objects, method, name, args, permission, data
):
    answers, expected = {}, {}
    for kind in VISITORS:
        expected[kind] = expected_status(kind, method, permission)
        if expected[kind] == 302 and kind != "anonymous":
            if name in ANSWERS_POST_WITH_A_PAGE:
                expected[kind] = 200
        with as_visitor(client, kind, workspace):
            ids = [_id_for(objects[a], kind) for a in args]
            url = reverse(f"secure_docs:{name}", args=[workspace.codename, *ids])
            post = {k: v() if callable(v) else v for k, v in (data or {}).items()}
            versions_before = DocumentVersion.objects.count()

            response = client.get(url) if method == "GET" else client.post(url, post)
            if response.streaming:  # read it as a browser would; that frees it
                assert b"".join(response.streaming_content)

            answers[kind] = response.status_code
            if kind == "anonymous":
                assert response["Location"].startswith(reverse("account_login"))
            if expected[kind] != 302 or kind == "anonymous":
                assert DocumentVersion.objects.count() == versions_before, kind
            if name in ("detail", "download", "ciphertext"):
                logged = AccessLogEntry.objects.count()
                assert logged == (1 if answers[kind] == 200 else 0), kind
    assert answers == expected


@pytest.mark.parametrize(("method", "name"), PERSONAL_URLS)
def test_personal_key_urls_need_only_a_login(client, workspace, method, name):
    url = reverse(f"secure_docs:{name}")
    answers = {}
    for kind in VISITORS:
        with as_visitor(client, kind, workspace):
            response = client.get(url) if method == "GET" else client.post(url)
            answers[kind] = response.status_code
            if kind == "anonymous":
                assert response["Location"].startswith(reverse("account_login"))
    assert answers == {
        kind: 302 if kind == "anonymous" or method == "POST" else 200
        for kind in VISITORS
    }


def test_a_member_guessing_another_workspaces_ids_gets_404(client, workspace, objects):
    other_lead = mfa_on(UserFactory())
    other = InvestigationFactory(created_by=other_lead, codename="other")
    client.force_login(other_lead)
    for name, args in [
        ("detail", [objects["document"]]),
        ("download", [objects["document"], objects["version"]]),
        ("ciphertext", [objects["document"], objects["version"]]),
        ("access_log", [objects["document"]]),
    ]:
        url = reverse(f"secure_docs:{name}", args=[other.codename, *args])
        assert client.get(url).status_code == 404, name
    # A real document id with a version id of another document: 404 too.
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"second doc", title="Second")
    second = Document.objects.get(title="Second")
    url = reverse("secure_docs:download", args=["water", second.pk, objects["version"]])
    assert client.get(url).status_code == 404


def test_a_removed_members_old_download_link_is_404(client, workspace, objects):
    viewer = workspace.people["viewer"]
    url = reverse(
        "secure_docs:download",
        args=["water", objects["document"], objects["version"]],
    )
    client.force_login(viewer)
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"first"
    investigation_services.membership_remove(
        actor=workspace.lead,
        membership=workspace.investigation.memberships.get(user=viewer),
    )
    assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.filter(user=viewer).count() == 1
