import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from accounts.models import User
from cms.demo import DEMO_PASSWORD, DEMO_USERS
from cms.models import HomePage

pytestmark = pytest.mark.django_db


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--indent", "1", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_the_site_and_one_login_per_role():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    for demo in DEMO_USERS:
        assert demo.email in text
        user = User.objects.get(email=demo.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.emailaddress_set.get().verified is True
    # The demo juror has MFA on; the output says how to pass the second step.
    assert "QALAMDEMOJURYQALAMDEMOJURYQALAMD" in text
    assert "manage.py demo_totp" in text
    assert User.objects.get(email="organiser@qalam.test").is_superuser is True
    assert User.objects.filter(is_staff=True).count() == 1
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(
        ["en", "ru", "kk", "uz", "ky", "tg", "tk"]
    )
    # The Wagtail welcome page is gone; every language has a home page.
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert HomePage.objects.count() == 7
    assert HomePage.objects.filter(alias_of__isnull=True).count() == 3  # en, ru, kk


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    before = dump()
    call_command("seed_demo", stdout=io.StringIO())
    assert dump() == before
