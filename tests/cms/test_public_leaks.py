"""Nothing about results leaks before they are published; publishing purges the
public page cache, at once or when a scheduled time comes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Language
from awards import services
from awards.models import Entry
from awards.services import publishing
from awards.tasks import results_publications_due
from tests.cms.helpers import (
    award_with_prizes,
    losing_entry,
    public_pages,
    staff_user,
)

pytestmark = pytest.mark.django_db

SECRETS = (
    "Secret winner title",
    "Secret citation",
    "Secret AI use",
    "Secret translated title",
    "secret-media",
)


def make_module_data(home_page):
    """Award caja-2025 with two winners, unpublished, and its public pages (made
    once for the module: tests/conftest.py, module_data)."""
    award, category, _round, prizes = award_with_prizes(2, slug="caja-2025")
    Entry.objects.filter(pk=prizes[0].entry_id).update(
        ai_use="generative",
        ai_use_description="Secret AI use",
        licence="cc-by-4.0",
        media_url="https://media.qalam.test/secret-media",
    )
    services.entry_translation_save(
        entry=prizes[0].entry,
        language=Language.objects.get(code="kk"),
        title="Secret translated title",
        summary="",
        actor=staff_user(),
    )
    public_pages(home_page, award)
    return award, category, prizes


@pytest.fixture
def results(module_data):
    return module_data


def public_urls(award, prize) -> list[str]:
    """Every public address that could name a winner, in two languages, with the
    filters of the archive and the API."""
    entry = f"/{award.slug}/entries/{prize.entry_id}/"
    filters = [
        "",
        "?year=2025",
        f"?award={award.slug}",
        "?category=investigative",
        "?prize=winner",
        "?country=KG",
        "?language=ru",
        "?q=Secret",
    ]
    urls = ["/", "/ru/", f"/{award.slug}/", f"/ru/{award.slug}/"]
    urls += [f"/winners/{query}" for query in filters]
    urls += [f"/ru/winners/{query}" for query in filters]
    urls += [f"/api/winners.json{query}" for query in filters]
    urls += [f"/api/winners.csv{query}" for query in filters]
    urls += ["/feeds/atom.xml", "/sitemap.xml", "/robots.txt", "/news/"]
    urls += [entry, f"/ru{entry}", f"/kk{entry}"]
    return urls


def assert_no_secret(client, url: str) -> None:
    response = client.get(url)
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body, url
    if "/entries/" in url:
        assert response.status_code == 404, url
    else:
        assert response.status_code == 200, url


def test_before_publishing_no_url_names_a_winner(client, results):
    award, _category, prizes = results
    for url in public_urls(award, prizes[0]):
        assert_no_secret(client, url)


def test_before_publishing_the_api_is_empty_with_any_filter(client, results):
    award, _category, _prizes = results
    for query in ("", "?year=2025", f"?award={award.slug}", "?prize=winner"):
        assert client.get(f"/api/winners.json{query}").json() == {
            "count": 0,
            "results": [],
        }
        csv = client.get(f"/api/winners.csv{query}").content.decode()
        assert csv.strip().splitlines() == [
            "award,year,category,prize,title,authors,outlet,country,language,url,"
            "licence,licence_url,citation,published_at,audit_sequence,audit_head"
        ]


def test_publishing_purges_the_cached_pages(
    client, results, django_capture_on_commit_callbacks
):
    award, _category, prizes = results
    urls = [f"/{award.slug}/", "/winners/", "/api/winners.json", "/feeds/atom.xml"]
    for url in urls:
        client.get(url)  # warm the cache
        assert client.get(url)["X-Qalam-Cache"] == "hit", url

    with django_capture_on_commit_callbacks(execute=True):
        publishing.results_publish(award=award, actor=staff_user())

    for url in urls:
        response = client.get(url)
        assert response["X-Qalam-Cache"] == "miss", url
    assert "Secret winner title 0" in client.get(f"/{award.slug}/").content.decode()
    assert "Secret winner title 1" in client.get("/winners/").content.decode()
    assert client.get("/api/winners.json").json()["count"] == 2
    assert "Results: " in client.get("/feeds/atom.xml").content.decode()
    entry = client.get(f"/{award.slug}/entries/{prizes[0].entry_id}/")
    assert entry.status_code == 200
    assert "Secret citation 0" in entry.content.decode()
    assert "Secret AI use" in entry.content.decode()
    assert "Secret translated title" in entry.content.decode()
    assert 'src="https://player.qalam.test/secret-media"' in entry.content.decode()
    assert "creativecommons.org/licenses/by/4.0/" in entry.content.decode()


def test_a_scheduled_publication_is_private_until_its_time_then_purged(
    client, results, django_capture_on_commit_callbacks
):
    award, _category, prizes = results
    start = timezone.now()
    # Within the cache's lifetime (600 s), so only a purge can drop the stale page.
    at = start + datetime.timedelta(minutes=5)
    publication = publishing.results_publish(
        award=award, actor=staff_user(), publish_at=at
    )
    assert publication.publish_at == at
    assert publication.purged_at is None

    with time_machine.travel(start, tick=False):
        for url in public_urls(award, prizes[0]):
            assert_no_secret(client, url)
        client.get("/winners/")  # cached before the time comes
        assert results_publications_due() == []

    with time_machine.travel(at + datetime.timedelta(minutes=1), tick=False):
        # Still the cached page until the beat task runs ...
        stale = client.get("/winners/")
        assert stale["X-Qalam-Cache"] == "hit"
        assert "Secret winner title" not in stale.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            assert results_publications_due() == [award.pk]
        # ... which purges it once; a second run does nothing.
        assert results_publications_due() == []
        fresh = client.get("/winners/")
        assert fresh["X-Qalam-Cache"] == "miss"
        assert "Secret winner title 0" in fresh.content.decode()
        assert client.get("/api/winners.json").json()["count"] == 2
    publication.refresh_from_db()
    assert publication.purged_at == at + datetime.timedelta(minutes=1)


def test_a_page_edit_purges_the_cache(client, results, home_page):
    client.get("/")
    assert client.get("/")["X-Qalam-Cache"] == "hit"
    home_page.intro = "A new introduction."
    home_page.save_revision().publish()
    response = client.get("/")
    assert response["X-Qalam-Cache"] == "miss"
    assert "A new introduction." in response.content.decode()


def test_signed_in_visitors_are_never_served_from_the_cache(client, results):
    client.get("/winners/")
    client.force_login(staff_user())
    assert "X-Qalam-Cache" not in client.get("/winners/")


def test_a_non_winning_entry_has_no_public_page(client, results):
    award, category, _prizes = results
    publishing.results_publish(award=award, actor=staff_user())
    loser = losing_entry(category)
    assert client.get(f"/{award.slug}/entries/{loser.pk}/").status_code == 404
    assert client.get(f"/ru/{award.slug}/entries/{loser.pk}/").status_code == 404
    assert client.get(f"/{award.slug}/entries/999999/").status_code == 404
    assert (
        "Entry that did not win" not in client.get("/winners/?q=did").content.decode()
    )


def test_an_entry_of_another_award_is_a_404_under_this_award(
    client, results, home_page
):
    award, _category, _prizes = results
    other, _c, _r, other_prizes = award_with_prizes(1, slug="other-award")
    publishing.results_publish(award=award, actor=staff_user())
    publishing.results_publish(award=other, actor=staff_user())
    url = f"/{award.slug}/entries/{other_prizes[0].entry_id}/"
    assert client.get(url).status_code == 404


def test_no_public_page_feed_or_file_shows_an_authors_email(
    client, results, django_capture_on_commit_callbacks
):
    """A winner and a co-author who never gave a name are shown by a dash, never by
    their email address: in the archive, the award and entry pages, the API, the CSV
    and the certificate's verification page."""
    from awards.models import EntryCoAuthor
    from tests.factories import UserFactory

    award, _category, prizes = results
    owner = prizes[0].entry.owner
    owner.display_name = owner.first_name = owner.last_name = ""
    owner.save()
    nameless = UserFactory(
        email="nameless.coauthor@example.org", display_name="", first_name=""
    )
    EntryCoAuthor.objects.create(entry=prizes[0].entry, user=nameless)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.results_publish(award=award, actor=staff_user())
    prizes[0].refresh_from_db()
    urls = public_urls(award, prizes[0])
    urls.append(f"/certificates/{prizes[0].certificate.code}/")
    for url in urls:
        response = client.get(url)
        body = b"".join(getattr(response, "streaming_content", [response.content]))
        assert owner.email.encode() not in body, url
        assert nameless.email.encode() not in body, url
    shown = client.get("/api/winners.json").json()["results"][0]["authors"]
    assert shown[0] == "—"
