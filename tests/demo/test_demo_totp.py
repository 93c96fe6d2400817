"""`manage.py demo_totp`; the demo jury itself is tested in tests/demo/test_seed.py."""

import io

import pytest
from django.core.management import call_command

from demo.accounts import DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db


def test_demo_totp_command_prints_a_code():
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    assert DEMO_TOTP_SECRET in out.getvalue()
