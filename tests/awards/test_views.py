"""Entrants' pages over HTTP: permissions, bad input, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.enums import EntryState, Licence
from awards.models import Entry, EntryCoAuthor
from tests.awards.helpers import PDF, upload
from tests.factories import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(draft, staff):
    """One draft with a co-author and an attachment, and a person per role."""
    co_author = UserFactory()
    EntryCoAuthor.objects.create(entry=draft, user=co_author)
    attachment = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload("a.pdf", PDF)
    )
    token_holder = UserFactory()
    return {
        "entry": draft,
        "attachment": attachment,
        "users": {
            "anonymous": None,
            "entrant": draft.owner,
            "co_author": co_author,
            "other": token_holder,
            "staff": staff,
        },
    }


def url_for(name: str, world) -> str:
    entry = world["entry"]
    args = {
        "my_entries": [],
        "entry_create": [entry.category.award.slug],
        "entry_detail": [entry.pk],
        "entry_edit": [entry.pk],
        "attachment_add": [entry.pk],
        "attachment_download": [entry.pk, world["attachment"].pk],
        "attachment_remove": [entry.pk, world["attachment"].pk],
        "co_author_add": [entry.pk],
        "co_author_remove": [entry.pk, world["users"]["co_author"].pk],
        "entry_submit": [entry.pk],
        "entry_withdraw": [entry.pk],
    }[name]
    return reverse(f"awards:{name}", args=args)


LOGIN = "login"
# On a draft. Organisers do not see drafts: they are the entrant's private work.
# role:        anonymous, entrant, co_author, other, staff
PERMISSIONS = {
    ("GET", "my_entries"): (LOGIN, 200, 200, 200, 200),
    ("GET", "entry_create"): (LOGIN, 200, 200, 200, 200),
    ("GET", "entry_detail"): (LOGIN, 200, 200, 404, 404),
    ("GET", "entry_edit"): (LOGIN, 200, 403, 404, 404),
    ("POST", "attachment_add"): (LOGIN, 302, 403, 404, 404),
    ("GET", "attachment_download"): (LOGIN, 200, 200, 404, 404),
    ("POST", "attachment_remove"): (LOGIN, 302, 403, 404, 404),
    ("POST", "co_author_add"): (LOGIN, 302, 403, 404, 404),
    ("POST", "co_author_remove"): (LOGIN, 302, 403, 404, 404),
    ("POST", "entry_submit"): (LOGIN, 302, 403, 404, 404),
    ("POST", "entry_withdraw"): (LOGIN, 302, 403, 404, 404),
}
ROLES = ("anonymous", "entrant", "co_author", "other", "staff")


@pytest.mark.parametrize(
    ("method", "name", "role", "expected"),
    [
        (method, name, role, statuses[i])
        for (method, name), statuses in PERMISSIONS.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_permission_table(client, world, method, name, role, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = url_for(name, world)
    response = client.get(url) if method == "GET" else client.post(url, {})
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == reverse(
            "awards:entry_detail", args=[world["entry"].pk]
        )
    if name == "attachment_download" and expected == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="a.pdf"'
    close_download(response)


def close_download(response) -> None:
    """Close a download's file. Not `response.close()`: that fires request_finished,
    which closes the database connection in the middle of the test's transaction."""
    stream = getattr(response, "file_to_stream", None)
    if stream is not None:
        stream.close()


# On a submitted entry: organisers may read it; nobody may change it.
SUBMITTED_PERMISSIONS = {
    ("GET", "entry_detail"): (LOGIN, 200, 200, 404, 200),
    ("GET", "attachment_download"): (LOGIN, 200, 200, 404, 200),
    ("GET", "entry_edit"): (LOGIN, 302, 403, 404, 403),
    ("POST", "attachment_add"): (LOGIN, 302, 403, 404, 403),
    ("POST", "entry_withdraw"): (LOGIN, 302, 403, 404, 403),
}


@pytest.mark.parametrize(
    ("method", "name", "role", "expected"),
    [
        (method, name, role, statuses[i])
        for (method, name), statuses in SUBMITTED_PERMISSIONS.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_permission_table_on_a_submitted_entry(
    client, world, method, name, role, expected
):
    entry = world["entry"]
    services.entry_submit(entry=entry, actor=entry.owner)
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = url_for(name, world)
    response = client.get(url) if method == "GET" else client.post(url, {})
    if expected == LOGIN:
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == reverse("awards:entry_detail", args=[entry.pk])
    if name == "attachment_download" and expected == 200:
        assert b"".join(response.streaming_content) == PDF
    close_download(response)
    entry.refresh_from_db()
    assert entry.state == (
        EntryState.WITHDRAWN
        if (name, role) == ("entry_withdraw", "entrant")
        else EntryState.SUBMITTED
    )
    assert entry.files.count() == 1


def test_invitation_page_needs_login_and_a_real_token(client, draft):
    url = reverse("awards:invitation", args=["no-such-token"])
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_entrant_creates_edits_and_submits_through_the_pages(client, entrant, category):
    client.force_login(entrant)
    response = client.post(
        reverse("awards:entry_create", args=[category.award.slug]),
        {
            "category": category.pk,
            "title": "Water wars",
            "summary": "Who sold the river.",
            "outlet": "Kloop",
            "country": "KG",
            "language": "ky",
            "published_on": "2025-05-01",
            "publication_urls": "https://kloop.kg/water\nhttps://kloop.kg/water-2",
            "ai_use": "assistive",
            "ai_use_description": "Transcription of interviews.",
            "licence": "cc-by-nc-nd-4.0",
            "declares_original_work": "on",
            "declares_right_to_submit": "on",
            "consents_to_publish": "on",
        },
    )
    entry = Entry.objects.get()
    assert response["Location"] == reverse("awards:entry_detail", args=[entry.pk])
    assert entry.licence == Licence.CC_BY_NC_ND
    assert entry.publication_urls == [
        "https://kloop.kg/water",
        "https://kloop.kg/water-2",
    ]
    response = client.post(reverse("awards:entry_submit", args=[entry.pk]), follow=True)
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED
    assert f"Submitted. Your reference number is {entry.reference}." in (
        response.content.decode()
    )


def test_a_javascript_url_is_refused(client, draft):
    client.force_login(draft.owner)
    data = {
        "category": draft.category_id,
        "title": "T",
        "publication_urls": "javascript:alert(1)",
    }
    response = client.post(reverse("awards:entry_edit", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    draft.refresh_from_db()
    assert draft.publication_urls == ["https://kloop.kg/story"]


def test_html_in_text_fields_is_rendered_inert(client, entrant, category):
    entry = EntryFactory(
        owner=entrant,
        category=category,
        title="<script>alert('t')</script>",
        summary='<img src=x onerror="alert(1)">\nline two',
        outlet="<b>bold</b>",
        ai_use="generative",
        ai_use_description="<iframe src=//evil></iframe>",
    )
    client.force_login(entrant)
    for url in (
        reverse("awards:entry_detail", args=[entry.pk]),
        reverse("awards:my_entries"),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(" not in html
        assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in html
    html = client.get(reverse("awards:entry_detail", args=[entry.pk])).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>line two" in html
    assert "<iframe" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_editing_a_submitted_entry_through_the_page_is_refused(client, draft):
    services.entry_submit(entry=draft, actor=draft.owner)
    client.force_login(draft.owner)
    response = client.post(
        reverse("awards:entry_edit", args=[draft.pk]),
        {"category": draft.category_id, "title": "Changed"},
        follow=True,
    )
    assert "This entry has been submitted and can no longer be changed." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.title != "Changed"


def test_a_wrong_file_shows_a_clear_error_and_keeps_the_draft(client, draft):
    services.entry_file_add(entry=draft, actor=draft.owner, upload=upload("a.pdf", PDF))
    client.force_login(draft.owner)
    response = client.post(
        reverse("awards:attachment_add", args=[draft.pk]),
        {"file": upload("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100)},
        follow=True,
    )
    html = response.content.decode()
    assert (
        "“virus.pdf” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio file"
        in html
    )
    assert list(draft.files.values_list("name", flat=True)) == ["a.pdf"]


def test_another_persons_entry_by_url_is_404(client, draft):
    client.force_login(UserFactory())
    for name in ("entry_detail", "entry_edit"):
        assert client.get(reverse(f"awards:{name}", args=[draft.pk])).status_code == 404
    missing = reverse("awards:entry_detail", args=[draft.pk + 1000])
    assert client.get(missing).status_code == 404


def test_my_entries_lists_own_and_co_authored_entries_with_next_steps(client, draft):
    other_entry = EntryFactory()
    EntryCoAuthor.objects.create(entry=other_entry, user=draft.owner)
    EntryFactory()  # someone else's, not shown
    client.force_login(draft.owner)
    html = client.get(reverse("awards:my_entries")).content.decode()
    assert draft.title in html
    assert other_entry.title in html
    assert html.count("awards/entries/") == 2
    assert "Complete the draft, attach files and submit it before the deadline." in html
    assert f"You are a co-author; {other_entry.owner} manages this entry." in html


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_my_entries_runs_the_same_queries_for_1_and_50_entries(
    client, entrant, category, django_assert_num_queries
):
    EntryFactory(owner=entrant, category=category)
    client.force_login(entrant)
    url = reverse("awards:my_entries")
    client.get(url)  # warm the session and site caches
    with_one = _count_queries(client, url)
    for _ in range(49):
        entry = EntryFactory(owner=entrant, category=category)
        services.entry_file_add(entry=entry, actor=entrant, upload=upload("a.pdf", PDF))
    with django_assert_num_queries(with_one):
        response = client.get(url)
    assert response.content.decode().count("awards/entries/") == 50


def test_the_entrant_chooses_a_licence_and_sees_it_with_its_deed(client, draft):
    client.force_login(draft.owner)
    form = client.get(reverse("awards:entry_edit", args=[draft.pk])).content.decode()
    assert "<legend>Licence for partner broadcasters</legend>" in form
    assert 'value="contact-outlet"' in form
    assert "All rights reserved: contact the outlet" in form
    data = {
        "category": draft.category_id,
        "title": draft.title,
        "publication_urls": "https://kloop.kg/story",
        "ai_use": "none",
        "licence": "cc-by-sa-4.0",
    }
    client.post(reverse("awards:entry_edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert draft.licence == Licence.CC_BY_SA
    html = client.get(reverse("awards:entry_detail", args=[draft.pk])).content.decode()
    assert (
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license '
        'noopener" class="licence">CC BY-SA 4.0 (attribution, share alike)</a>'
    ) in html
    data["licence"] = "contact-outlet"
    client.post(reverse("awards:entry_edit", args=[draft.pk]), data)
    html = client.get(reverse("awards:entry_detail", args=[draft.pk])).content.decode()
    assert (
        '<span class="licence">All rights reserved: contact the outlet</span>' in html
    )


def test_an_unknown_licence_is_refused_by_the_form(client, draft):
    client.force_login(draft.owner)
    data = {"category": draft.category_id, "title": "T", "licence": "public-domain"}
    response = client.post(reverse("awards:entry_edit", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "Select a valid choice. public-domain is not one of the available" in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.licence == Licence.CC_BY_NC_ND


def test_the_entrant_gives_a_media_link_and_sees_it(client, draft):
    client.force_login(draft.owner)
    data = {
        "category": draft.category_id,
        "title": draft.title,
        "media_url": "https://vimeo.com/123456",
        "licence": "cc-by-4.0",
    }
    response = client.post(reverse("awards:entry_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.media_url == "https://vimeo.com/123456"
    html = client.get(reverse("awards:entry_detail", args=[draft.pk])).content.decode()
    assert (
        '<dd><a href="https://vimeo.com/123456" rel="nofollow noopener" '
        'target="_blank">https://vimeo.com/123456</a></dd>'
    ) in html
    form = client.get(reverse("awards:entry_edit", args=[draft.pk])).content.decode()
    assert 'value="https://vimeo.com/123456"' in form


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a.mp4"])
def test_a_media_link_that_is_not_a_web_address_is_refused(client, draft, url):
    client.force_login(draft.owner)
    data = {"category": draft.category_id, "title": "T", "media_url": url}
    response = client.post(reverse("awards:entry_edit", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    draft.refresh_from_db()
    assert draft.media_url == ""
