import json

import pytest
from botocore.config import Config
from django.test import override_settings

from config.celery import app as celery_app
from tests.services import free_port

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_everything_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["down"] == []
    assert set(body["checks"]) == {
        "database",
        "storage_default",
        "storage_secure_docs",
        "broker",
        "gpg",
    }


@pytest.fixture
def dead_broker():
    # broker_url itself prefers the CELERY_BROKER_URL environment variable, which
    # the services run sets; the write URL is what the health check connects to.
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_write_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_write_url = f"redis://127.0.0.1:{free_port()}/0"
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_write_url = saved


def test_healthz_names_a_dead_broker(client, dead_broker):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "down"
    assert body["down"] == ["broker"]
    assert body["checks"]["database"] == "ok"
    # The reason goes to the log, never to the public.
    assert "127.0.0.1" not in response.content.decode()


def test_healthz_names_a_dead_secure_storage(client, settings):
    storages = {
        **settings.STORAGES,
        "secure_docs": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "qalam-secure",
                "endpoint_url": f"http://127.0.0.1:{free_port()}",
                "access_key": "x",
                "secret_key": "y",
                "region_name": "us-east-1",
                "client_config": Config(connect_timeout=1, retries={"max_attempts": 1}),
            },
        },
    }
    with override_settings(STORAGES=storages):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["down"] == ["storage_secure_docs"]


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
