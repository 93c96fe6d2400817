"""Two submits of one draft at the same moment (a double click that reaches two web
processes) make one submission. Needs PostgreSQL's row locks."""

import os
import threading

import pytest
from django.db import connection

from awards import services
from awards.enums import EntryState
from awards.models import Entry, EntryTransition
from tests.factories import EntryFactory
from tests.services import service_missing


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_make_one_submission():
    if not os.environ.get("DATABASE_URL") or connection.vendor != "postgresql":
        service_missing("DATABASE_URL is not set; this run uses SQLite")
    entry = EntryFactory()
    barrier = threading.Barrier(2)
    references, errors = [], []

    def click() -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            submitted = services.entry_submit(
                entry=Entry.objects.get(pk=entry.pk), actor=entry.owner
            )
            references.append(submitted.reference)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED
    assert references == [entry.reference, entry.reference]
    assert EntryTransition.objects.filter(entry=entry).count() == 1
