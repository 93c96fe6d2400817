"""The audit record: append-only, hash-chained, and verify_audit finds an edit."""

import pytest
from django.core.management import CommandError, call_command

from awards.jury import selectors, services
from awards.jury.models import AuditRecord

pytestmark = pytest.mark.django_db


def _three():
    for n in range(3):
        services.audit_append(action="score", actor=None, round=None, data={"n": n})


def test_records_link_to_their_predecessor():
    _three()
    records = list(AuditRecord.objects.all())
    assert [r.sequence for r in records] == [1, 2, 3]
    assert records[0].prev_hash == selectors.GENESIS
    assert records[1].prev_hash == records[0].hash
    assert records[2].hash == selectors.link_hash(records[1].hash, records[2])
    assert selectors.audit_verify() is None


def test_verify_audit_reports_an_intact_chain(capsys):
    _three()
    call_command("verify_audit")
    assert capsys.readouterr().out == "Audit chain intact: 3 records.\n"


def test_verify_audit_reports_the_first_edited_record():
    _three()
    AuditRecord.objects.filter(sequence=2).update(data={"n": 99})
    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")
    assert str(caught.value) == (
        "Audit chain broken at record 2: content does not match its hash."
    )


def test_verify_audit_reports_a_deleted_record():
    _three()
    AuditRecord.objects.filter(sequence=2).delete()
    assert selectors.audit_verify() == selectors.Break(2, "record missing")


def test_a_rehashed_edit_still_breaks_the_next_link():
    _three()
    record = AuditRecord.objects.get(sequence=2)
    record.data = {"n": 99}
    record.hash = selectors.link_hash(record.prev_hash, record)
    record.save()
    assert selectors.audit_verify() == selectors.Break(
        3, "previous hash does not match"
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    barrier = threading.Barrier(4)
    errors = []

    def write(n):
        barrier.wait()
        try:
            services.audit_append(action="score", actor=None, round=None, data={"n": n})
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditRecord.objects.count() == 4
    assert selectors.audit_verify() is None
