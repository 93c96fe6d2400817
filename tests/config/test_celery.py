"""Celery: in-process without a broker, a real worker with one."""

import os
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse

from accounts import tasks
from config.celery import app as celery_app
from tests.services import service_missing


def test_without_a_broker_tasks_run_in_process():
    if os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("a broker is configured in this run")
    assert celery_app.conf.task_always_eager is True
    result = tasks.email_send.delay(
        subject="Hello",
        body="Body",
        from_email="a@qalam.test",
        to=["b@example.org"],
        alternatives=[],
    )
    assert result.successful()
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_worker_settings_are_safe_for_long_jobs():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit


@pytest.fixture(scope="module")
def celery_worker():
    if not os.environ.get("CELERY_BROKER_URL"):
        service_missing("CELERY_BROKER_URL is not set; no real broker to test against")
    assert celery_app.conf.task_always_eager is False
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=2, timeout=5)
    except Exception as error:  # noqa: BLE001 - any failure means the broker is down
        service_missing(f"the broker at CELERY_BROKER_URL does not answer: {error}")
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30
    ) as worker:
        yield worker


@pytest.mark.services
def test_a_real_worker_runs_a_task_end_to_end(celery_worker):
    subject = f"Through Redis {uuid.uuid4()}"
    result = tasks.email_send.delay(
        subject=subject,
        body="Sent by a worker.",
        from_email="noreply@qalam.test",
        to=["juror@example.kg"],
        alternatives=[["<p>Sent by a worker.</p>", "text/html"]],
    )
    assert result.get(timeout=30) is None
    assert result.status == "SUCCESS"
    sent = [m for m in mail.outbox if m.subject == subject]
    assert len(sent) == 1
    assert sent[0].to == ["juror@example.kg"]
    assert sent[0].alternatives[0].content == "<p>Sent by a worker.</p>"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_signup_verification_email_goes_through_the_worker(client, celery_worker):
    mail.outbox.clear()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "worker.path@example.tj",
            "password1": "a long passphrase 2026",
            "password2": "a long passphrase 2026",
        },
    )
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while not sent_to("worker.path@example.tj") and time.monotonic() < deadline:
        time.sleep(0.1)
    [message] = sent_to("worker.path@example.tj")
    assert message.subject == "[Qalam] Please Confirm Your Email Address"


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]
