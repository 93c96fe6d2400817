import os

import pytest
from django.db import connection

from tests.services import service_missing


@pytest.mark.services
@pytest.mark.django_db
def test_database_is_postgresql_when_database_url_is_set():
    if not os.environ.get("DATABASE_URL"):
        service_missing("DATABASE_URL is not set; this run uses SQLite")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000
