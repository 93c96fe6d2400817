"""Run by tests/test_suite_order.py in its own pytest, in this file's order.

Not collected by the suite itself (the name does not start with `test_`).
"""

import pytest
from django.contrib.contenttypes.models import ContentType


@pytest.mark.django_db(transaction=True)
def test_a_plain_transactional_test_runs_first():
    assert ContentType.objects.filter(app_label="awards").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_b_a_serialized_test_loads_its_snapshot_after_it():
    assert ContentType.objects.filter(app_label="awards").exists()


@pytest.mark.django_db(transaction=True)
def test_c_and_a_plain_one_after_that_still_sees_the_migrated_rows():
    assert ContentType.objects.filter(app_label="investigations").exists()
