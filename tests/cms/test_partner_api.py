"""The partner API (cms/partners/): keys, winners, embargoed shortlists, rate
limits, the admin screens, the OpenAPI description checked by schemathesis, and
signed webhooks on publication."""

import hashlib
import json

import pytest
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from accounts.models import Language
from awards import services as award_services
from awards.jury.models import Prize
from cms.partners import services
from cms.partners.models import (
    PartnerKey,
    WebhookDelivery,
)
from tests.cms.helpers import award_with_prizes, staff_user
from tests.factories import EligibleEntryFactory, UserFactory, on_team

pytestmark = pytest.mark.django_db

BASE = "/api/partners/v1"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the rate limit's history lives in the cache
    yield
    cache.clear()


def _publish(award):
    with TestCase.captureOnCommitCallbacks(execute=True):
        award_services.results_publish(award=award, actor=staff_user())


def _key(scopes=("winners",), rate=1000, admin=None):
    return services.partner_key_create(
        partner="Kazakh Public Radio",
        scopes=list(scopes),
        rate_limit_per_minute=rate,
        actor=admin or staff_user(),
    )


def _get(client, path, secret=None, **params):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(f"{BASE}{path}", params, headers=headers)


@pytest.fixture
def published():
    award, category, _round, prizes = award_with_prizes(2, slug="caja-2025")
    entry = prizes[0].entry
    entry.ai_use = "assistive"
    entry.ai_use_description = "Transcription of interviews."
    entry.publication_urls = ["https://example.org/story"]
    entry.licence = "cc-by-nc-nd-4.0"
    entry.media_url = "https://video.example.org/watch/1"
    entry.save()
    award_services.entry_translation_save(
        entry=entry,
        language=Language.objects.get(code="kk"),
        title="Секретный",
        summary="Кратко.",
        actor=staff_user(),
    )
    _publish(award)
    return award, prizes


# --- keys -----------------------------------------------------------------------------


def test_key_is_stored_only_as_its_sha256(published):
    key, secret = _key()
    row = PartnerKey.objects.values().get(pk=key.pk)
    assert secret not in json.dumps(row, default=str)
    assert row["secret_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"qk_{row['prefix']}_")
    assert len(secret) > 40


def test_only_the_platform_admin_creates_keys():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _key(admin=UserFactory(is_staff=True))


# --- winners --------------------------------------------------------------------------


def test_a_key_reads_the_published_winners(client, published):
    award, prizes = published
    _key_row, secret = _key()
    response = _get(client, "/winners", secret)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = next(item for item in body["items"] if item["id"] == prizes[0].pk)
    entry = prizes[0].entry
    assert first["award_slug"] == "caja-2025"
    assert first["title"] == entry.title
    assert first["prize"] == "winner"
    assert first["citation"] == prizes[0].citation
    assert first["ai_use"] == {
        "kind": "assistive",
        "description": "Transcription of interviews.",
    }
    assert first["publication_urls"] == ["https://example.org/story"]
    assert first["licence"] == "cc-by-nc-nd-4.0"
    assert first["licence_url"] == "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    assert first["media_url"] == "https://video.example.org/watch/1"
    assert first["authors"] == [entry.owner.public_name]
    assert entry.owner.email not in response.content.decode()
    assert first["certificate_url"].endswith(
        f"/certificates/{prizes[0].certificate.code}/"
    )
    assert first["translations"] == [
        {"language": "kk", "title": "Секретный", "summary": "Кратко."}
    ]
    assert PartnerKey.objects.get(pk=_key_row.pk).last_used_at is not None


def test_winners_query_count_does_not_grow_with_the_page(client, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PrizeFactory

    _award, prizes = published
    _row, secret = _key()
    _get(client, "/winners", secret)  # warm per-process caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _get(client, "/winners", secret).status_code == 200
        return len(captured)

    two = queries()
    for number in range(8):
        PrizeFactory(
            round=prizes[0].round,
            entry__category=prizes[0].entry.category,
            citation=f"C{number}",
        )
    assert queries() == two


def test_winners_filters_and_pages(client, published):
    _row, secret = _key()
    assert _get(client, "/winners", secret, award="nope").json() == {
        "count": 0,
        "items": [],
    }
    assert _get(client, "/winners", secret, year="20x5").json()["count"] == 0
    page = _get(client, "/winners", secret, page_size=1, page=2).json()
    assert page["count"] == 2
    assert len(page["items"]) == 1


def test_unpublished_and_withdrawn_prizes_never_appear(client, published):
    _award, prizes = published
    other, _c, _r, hidden = award_with_prizes(1, slug="caja-2026", year=2026)
    Prize.objects.filter(pk=prizes[1].pk).update(
        withdrawn_at=timezone.now(), withdrawn_reason="Plagiarism."
    )
    _row, secret = _key()
    body = _get(client, "/winners", secret).json()
    assert [item["id"] for item in body["items"]] == [prizes[0].pk]
    assert hidden[0].pk != prizes[0].pk


def test_no_key_unknown_key_and_revoked_key_are_401(client, published):
    key, secret = _key()
    assert _get(client, "/winners").status_code == 401
    unknown = _get(client, "/winners", secret[:-2] + "xx")
    assert unknown.status_code == 401
    assert "API key" in unknown.json()["detail"]
    assert _get(client, "/winners", secret).status_code == 200
    services.partner_key_revoke(key=key, actor=staff_user())
    revoked = _get(client, "/winners", secret)
    assert revoked.status_code == 401
    assert revoked.json() == {"detail": "This API key has been revoked."}


def test_an_address_guessing_keys_is_slowed_down(client, published):
    """Wrong keys cost a lookup each: after FAILED_KEYS_PER_MINUTE of them an
    address gets 429 for the rest of the minute; other addresses do not."""
    from cms.partners.api import FAILED_KEYS_PER_MINUTE

    def guess():
        return client.get(
            f"{BASE}/winners",
            headers={"Authorization": "Bearer qk_00000000_not-a-key"},
            REMOTE_ADDR="203.0.113.7",
        )

    for _ in range(FAILED_KEYS_PER_MINUTE):
        assert guess().status_code == 401
    refused = guess()
    assert refused.status_code == 429
    assert "wrong key" in refused.json()["detail"]
    _row, secret = _key()
    other = client.get(
        f"{BASE}/winners",
        headers={"Authorization": f"Bearer {secret}"},
        REMOTE_ADDR="198.51.100.2",
    )
    assert other.status_code == 200


def test_a_keyed_answer_is_never_served_from_the_public_cache(client, published):
    _row, secret = _key()
    assert _get(client, "/winners", secret).status_code == 200
    anonymous = _get(client, "/winners")
    assert anonymous.status_code == 401
    assert "X-Qalam-Cache" not in anonymous


def test_a_key_without_the_winners_scope_is_refused(client, published):
    _row, secret = _key(scopes=("embargo",))
    response = _get(client, "/winners", secret)
    assert response.status_code == 403
    assert response.json() == {"detail": "This API key may not read winners."}


def test_rate_limit_is_the_keys_own(client, published):
    _row, secret = _key(rate=3)
    responses = [_get(client, "/winners", secret) for _ in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert responses[-1].json() == {"detail": "Too many requests."}
    _other, other_secret = _key(rate=3)
    assert _get(client, "/winners", other_secret).status_code == 200


# --- shortlists -----------------------------------------------------------------------


@pytest.fixture
def shortlisted(published):
    """An award whose results are not public, with a shortlisted entry and a
    winner (shown as a finalist) and a merely eligible entry."""
    award, _c, _r, prizes = award_with_prizes(1, slug="caja-2026", year=2026)
    category = prizes[0].entry.category
    listed = EligibleEntryFactory(
        category=category, state="shortlisted", title="On the list"
    )
    EligibleEntryFactory(category=category, state="eligible", title="Not on the list")
    return award, listed, prizes[0].entry


def test_shortlists_without_the_embargo_scope_are_404(client, shortlisted):
    _row, secret = _key(scopes=("winners",))
    response = _get(client, "/shortlists", secret)
    assert response.status_code == 404
    assert "On the list" not in response.content.decode()


def test_shortlists_with_the_embargo_scope(client, shortlisted):
    award, listed, winner = shortlisted
    _row, secret = _key(scopes=("winners", "embargo"))
    response = _get(client, "/shortlists", secret)
    assert response.status_code == 200
    items = response.json()["items"]
    assert {(item["id"], item["stage"]) for item in items} == {
        (listed.pk, "shortlisted"),
        (winner.pk, "finalist"),
    }
    assert {item["award_slug"] for item in items} == {"caja-2026"}  # not published
    assert all(item["embargoed_until"] is None for item in items)
    assert listed.owner.email not in response.content.decode()
    assert _get(client, "/shortlists", secret, award="caja-2025").json()["count"] == 0


# --- admin ----------------------------------------------------------------------------


def test_admin_creates_shows_once_lists_and_revokes_keys(client):
    admin = staff_user()
    client.force_login(admin)
    # In the Settings menu (Wagtail draws the sidebar from JSON).
    assert '"/admin/partners/"' in client.get("/admin/").content.decode()
    assert client.get("/admin/partners/").status_code == 200
    response = client.post(
        "/admin/partners/new/",
        {
            "partner": "Radio Azattyq",
            "scopes": ["winners"],
            "rate_limit_per_minute": 30,
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = PartnerKey.objects.get(partner="Radio Azattyq")
    secret = response.context["secret"]
    assert key.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret in response.content.decode()
    listing = client.get("/admin/partners/").content.decode()
    assert key.prefix in listing and secret not in listing
    assert client.get(f"/admin/partners/{key.pk}/revoke/").status_code == 200
    key.refresh_from_db()
    assert key.revoked_at is None  # GET only asks
    assert client.post(f"/admin/partners/{key.pk}/revoke/").status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/partners/",
        "/admin/partners/new/",
        "/admin/partners/1/revoke/",
        "/admin/partners/1/webhooks/",
        "/admin/partners/webhooks/1/deliveries/",
    ],
)
def test_admin_screens_are_refused_to_an_organiser(client, url):
    award, *_rest = award_with_prizes(0)
    organiser = on_team(award)
    client.force_login(organiser)
    statuses = (client.get(url).status_code, client.post(url).status_code)
    assert statuses == (302, 302), statuses
    assert PartnerKey.objects.count() == 0


# --- OpenAPI, checked by schemathesis -------------------------------------------------


@pytest.fixture
def wsgi_app():
    """Django's WSGI app with the test's database connection kept open (the test
    client does the same: close_old_connections would end the test transaction)."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_openapi_describes_the_bearer_scheme(client):
    schema = client.get(f"{BASE}/openapi.json").json()
    assert schema["components"]["securitySchemes"]["PartnerKeyAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert set(schema["paths"]) == {f"{BASE}/winners", f"{BASE}/shortlists"}


def test_schemathesis_finds_no_5xx_and_no_schema_violation(wsgi_app, shortlisted):
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    _row, secret = _key(scopes=("winners", "embargo"), rate=10000)
    schema = schemathesis.openapi.from_wsgi(f"{BASE}/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 2
    for operation in operations:

        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {secret}"})

        check()


def test_the_menu_item_is_the_platform_admins_alone(client):
    award, *_rest = award_with_prizes(0)
    client.force_login(on_team(award))
    assert '"/admin/partners/"' not in client.get("/admin/").content.decode()


def test_the_admin_lists_cost_the_same_queries_for_more_rows(client, settings):
    """The keys' list and a webhook's delivery log: a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff_user())
    key, _secret = _key()
    settings.DEBUG = True  # loopback over plain HTTP: development only
    webhook, _signing = services.partner_webhook_create(
        key=key, url="http://127.0.0.1:9/hook", actor=staff_user()
    )

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def more() -> None:
        _key()
        WebhookDelivery.objects.create(
            webhook=webhook,
            event="results.published",
            payload={"award": "x"},
            created_at=timezone.now(),
        )

    more()
    lists = ["/admin/partners/", f"/admin/partners/webhooks/{webhook.pk}/deliveries/"]
    few = [queries(url) for url in lists]
    for _ in range(5):
        more()
    assert [queries(url) for url in lists] == few
