"""`GET /healthz`: is every part Qalam needs answering?

200 when all are up, 503 naming the ones that are down. The reasons go to the log,
not the response: this endpoint is public and must not describe the infrastructure.
"""

import logging
import os
import shutil

from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_storage(alias: str) -> str:
    storage = storages[alias]
    if isinstance(storage, FileSystemStorage):
        location = storage.location
        os.makedirs(location, exist_ok=True)
        if not os.access(location, os.W_OK):
            raise PermissionError(f"{location} is not writable")
        return "ok"
    # S3: HEAD on the bucket proves the endpoint, the credentials and the bucket.
    storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    return "ok"


def _check_broker() -> str:
    if celery_app.conf.task_always_eager:
        return "ok (in-process)"
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)
    return "ok"


def _check_gpg() -> str:
    if shutil.which("gpg") is None:
        raise FileNotFoundError("gpg is not on PATH")
    return "ok"


CHECKS = {
    "database": _check_database,
    "storage_default": lambda: _check_storage("default"),
    "storage_secure_docs": lambda: _check_storage("secure_docs"),
    "broker": _check_broker,
    "gpg": _check_gpg,
}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = check()
        except Exception:  # noqa: BLE001 - any failure means "down"; logged in full
            logger.exception("healthz: %s is down", name)
            checks[name] = "down"
    down = [name for name, state in checks.items() if state == "down"]
    return JsonResponse(
        {"status": "down" if down else "ok", "down": down, "checks": checks},
        status=503 if down else 200,
    )
