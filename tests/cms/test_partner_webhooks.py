"""Partner webhooks: signed POSTs on publication, retried with back-off, claimed
by one worker at a time, never to a private address, never lost when a receiver
of the publication signal fails, and a delivery log the platform admin retries
from."""

import datetime
import hashlib
import hmac
import http.server
import json
import threading
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from cms.partners import services
from cms.partners.models import DeliveryStatus, PartnerWebhook, WebhookDelivery
from cms.partners.tasks import webhook_deliver, webhook_deliveries_overdue
from tests.cms.helpers import award_with_prizes, staff_user
from tests.cms.test_partner_api import _key, _publish

pytestmark = pytest.mark.django_db


class _Receiver(http.server.BaseHTTPRequestHandler):
    """A partner's endpoint on loopback: answers the queued statuses in turn (then
    200), sleeping first when told to; records each request and whether its
    signature verified."""

    statuses: list[int]
    sleep = 0.0
    secret = ""
    seen: list[dict]

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        timestamp = self.headers["X-Qalam-Timestamp"]
        expected = hmac.new(
            self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()
        self.seen.append(
            {
                "event": self.headers["X-Qalam-Event"],
                "delivery": self.headers["X-Qalam-Delivery"],
                "verified": hmac.compare_digest(
                    self.headers["X-Qalam-Signature"], f"sha256={expected}"
                ),
                "payload": json.loads(body),
            }
        )
        if self.sleep:
            time.sleep(self.sleep)
        status = self.statuses.pop(0) if self.statuses else 200
        try:
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok")
        except OSError:
            pass  # the sender gave up waiting

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    handler = type("Handler", (_Receiver,), {"statuses": [], "seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhook_settings(settings, tasks_in_process):
    # Deliveries are Celery tasks: run here even where a broker is configured.
    settings.DEBUG = False
    settings.QALAM_WEBHOOK_TIMEOUT_SECONDS = 0.5
    settings.QALAM_WEBHOOK_MAX_ATTEMPTS = 3
    # In process a retry runs at once (no countdown): make it due at once too.
    settings.QALAM_WEBHOOK_BACKOFF_SECONDS = 0
    settings.QALAM_WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on loopback
    return settings


def _webhook(url, settings):
    key, _secret = _key()
    settings.DEBUG = True  # loopback over plain HTTP: development only
    webhook, secret = services.partner_webhook_create(
        key=key, url=url, actor=staff_user()
    )
    settings.DEBUG = False
    return webhook, secret


def test_webhooks_need_https_in_production(webhook_settings):
    from django.core.exceptions import ValidationError

    key, _secret = _key()
    with pytest.raises(ValidationError):
        services.partner_webhook_create(
            key=key, url="http://partner.example/hook", actor=staff_user()
        )


def test_publication_is_delivered_signed_after_a_500(receiver, webhook_settings):
    handler, url = receiver
    webhook, secret = _webhook(url, webhook_settings)
    handler.secret = secret
    handler.statuses[:] = [500]
    award, *_rest = award_with_prizes(1, slug="caja-2025")
    _publish(award)
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 2
    assert delivery.last_status_code == 200
    assert [seen["verified"] for seen in handler.seen] == [True, True]
    assert {seen["event"] for seen in handler.seen} == {"results.published"}
    assert {seen["delivery"] for seen in handler.seen} == {str(delivery.pk)}
    assert handler.seen[0]["payload"]["award"]["slug"] == "caja-2025"
    assert handler.seen[0]["payload"]["winners_count"] == 1
    # A second signal for the same award sends nothing twice.
    from cms.partners.signals import webhooks_on_publication

    with TestCase.captureOnCommitCallbacks(execute=True):
        webhooks_on_publication(sender=None, award_id=award.pk)
    assert WebhookDelivery.objects.filter(webhook=webhook).count() == 1


def test_a_webhook_that_times_out_is_retried_then_failed_and_kept(
    receiver, webhook_settings, client
):
    handler, url = receiver
    handler.sleep = 1.0
    webhook, secret = _webhook(url, webhook_settings)
    handler.secret = secret
    award, *_rest = award_with_prizes(1, slug="caja-2025")
    _publish(award)
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert delivery.last_error == "timeout"
    assert delivery.payload["award"]["slug"] == "caja-2025"
    # The platform admin reads the log and retries; the endpoint is back.
    handler.sleep = 0.0
    client.force_login(staff_user())
    log = client.get(f"/admin/partners/webhooks/{webhook.pk}/deliveries/")
    assert "timeout" in log.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/admin/partners/webhooks/{webhook.pk}/deliveries/",
            {"delivery": delivery.pk},
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED


def test_a_revoked_keys_webhooks_are_not_called(receiver, webhook_settings):
    handler, url = receiver
    webhook, _secret = _webhook(url, webhook_settings)
    services.partner_key_revoke(key=webhook.key, actor=staff_user())
    award, *_rest = award_with_prizes(1)
    _publish(award)
    assert handler.seen == []
    assert not PartnerWebhook.objects.get(pk=webhook.pk).deliveries.exists()


def test_a_lost_retry_is_sent_again_by_the_beat_task(receiver, webhook_settings):
    from cms.partners.tasks import webhook_deliveries_overdue

    handler, url = receiver
    webhook, secret = _webhook(url, webhook_settings)
    handler.secret = secret
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event="results.published",
        payload={"award": {"id": 1}},
        attempts=1,
        next_attempt_at=now - datetime.timedelta(minutes=30),
        created_at=now - datetime.timedelta(minutes=31),
    )
    recent = WebhookDelivery.objects.create(
        webhook=webhook,
        event="results.published",
        payload={"award": {"id": 2}},
        attempts=1,
        next_attempt_at=now + datetime.timedelta(minutes=1),
        created_at=now,
    )
    assert webhook_deliveries_overdue() == [delivery.pk]
    delivery.refresh_from_db()
    recent.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert recent.status == DeliveryStatus.PENDING
    assert [seen["verified"] for seen in handler.seen] == [True]


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://localhost/hook",
    ],
)
def test_a_webhook_to_a_private_address_is_refused(settings, url):
    settings.DEBUG = False
    settings.QALAM_WEBHOOK_ALLOW_PRIVATE = False
    key, _secret = _key()
    with pytest.raises(ValidationError, match="not a public address"):
        services.partner_webhook_create(key=key, url=url, actor=staff_user())
    assert not PartnerWebhook.objects.exists()


def test_an_unresolvable_host_is_refused_with_its_name(settings):
    settings.DEBUG = False
    settings.QALAM_WEBHOOK_ALLOW_PRIVATE = False
    key, _secret = _key()
    with pytest.raises(ValidationError, match="no-such-host.invalid"):
        services.partner_webhook_create(
            key=key, url="https://no-such-host.invalid/hook", actor=staff_user()
        )


def test_a_webhook_whose_address_turned_private_fails_at_once_unsent(
    receiver, webhook_settings
):
    """Checked again when sending (DNS may have changed since): the delivery is
    failed with the reason, nothing is posted, no retry follows."""
    handler, url = receiver
    webhook, _secret = _webhook(url, webhook_settings)
    webhook_settings.QALAM_WEBHOOK_ALLOW_PRIVATE = False
    award, *_rest = award_with_prizes(1, slug="caja-2025")
    _publish(award)
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 1
    assert "not a public address" in delivery.last_error
    assert handler.seen == []


def test_retries_back_off_and_a_retry_not_due_is_not_sent(
    receiver, webhook_settings, time_machine
):
    """30 s, then 60 s: a retry task that runs early (here: at once, in process)
    sends nothing; at its time it does."""
    handler, url = receiver
    webhook_settings.QALAM_WEBHOOK_BACKOFF_SECONDS = 30
    time_machine.move_to(timezone.now(), tick=False)
    webhook, secret = _webhook(url, webhook_settings)
    handler.secret = secret
    handler.statuses[:] = [500, 503]
    award, *_rest = award_with_prizes(1, slug="caja-2025")
    _publish(award)
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    start = timezone.now()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=30)
    assert len(handler.seen) == 1
    assert webhook_deliver(delivery.pk) == "skipped"  # 30 s are not over

    time_machine.move_to(start + datetime.timedelta(seconds=30))
    webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.last_status_code == 503
    assert delivery.next_attempt_at == timezone.now() + datetime.timedelta(seconds=60)

    time_machine.move_to(start + datetime.timedelta(seconds=90))
    webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    assert len(handler.seen) == 3


def test_one_worker_claims_a_delivery(receiver, webhook_settings):
    """The beat's re-queue and a delayed retry arriving together: one sends."""
    _handler, url = receiver
    webhook, _secret = _webhook(url, webhook_settings)
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event="results.published",
        payload={"award": {"id": 1}},
        next_attempt_at=timezone.now(),
        created_at=timezone.now(),
    )
    assert services.webhook_delivery_claim(delivery_id=delivery.pk)
    assert not services.webhook_delivery_claim(delivery_id=delivery.pk)
    # A settled delivery keeps its final status whatever a late attempt reports.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.DELIVERED
    )
    services.webhook_delivery_record(
        delivery_id=delivery.pk, status_code=None, error="late timeout", final=True
    )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.last_error == ""


def test_webhooks_go_out_though_the_cache_is_down_at_publication(
    receiver, webhook_settings, monkeypatch, caplog
):
    handler, url = receiver
    webhook, secret = _webhook(url, webhook_settings)
    handler.secret = secret

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    award, *_rest = award_with_prizes(1, slug="caja-2025")
    monkeypatch.setattr(cache, "incr", down)
    _publish(award)  # no error for the organiser
    monkeypatch.undo()
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    assert delivery.status == DeliveryStatus.DELIVERED
    assert [seen["verified"] for seen in handler.seen] == [True]
    assert "results_published receiver" in caplog.text


def test_the_beat_makes_the_deliveries_a_lost_signal_never_made(
    receiver, webhook_settings
):
    """Only for webhooks that existed at the publication, and only once."""
    handler, url = receiver
    webhook, secret = _webhook(url, webhook_settings)
    handler.secret = secret
    award, *_rest = award_with_prizes(1, slug="caja-2025")
    _publish(award)
    WebhookDelivery.objects.all().delete()  # as if the signal had never run
    handler.seen.clear()
    later, _later_secret = _webhook(url, webhook_settings)
    with TestCase.captureOnCommitCallbacks(execute=True):
        webhook_deliveries_overdue()
    delivery = WebhookDelivery.objects.get()
    assert delivery.webhook == webhook
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(handler.seen) == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        webhook_deliveries_overdue()
    assert WebhookDelivery.objects.count() == 1 and len(handler.seen) == 1
    assert not later.deliveries.exists()


def test_the_log_refuses_a_revoked_keys_retry_and_odd_ids(
    client, receiver, webhook_settings
):
    _handler, url = receiver
    webhook, _secret = _webhook(url, webhook_settings)
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event="results.published",
        payload={"award": {"id": 1}},
        status=DeliveryStatus.FAILED,
        attempts=3,
        created_at=timezone.now(),
    )
    log = f"/admin/partners/webhooks/{webhook.pk}/deliveries/"
    client.force_login(staff_user())
    assert client.post(log, {"delivery": "²"}).status_code == 404
    services.partner_key_revoke(key=webhook.key, actor=staff_user())
    response = client.post(log, {"delivery": delivery.pk}, follow=True)
    assert "its key is revoked" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
