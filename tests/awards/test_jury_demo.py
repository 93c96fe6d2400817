"""The demo jury: a first round with 12 jurors, conflicts and sheets, and a demo
juror who can log in with the published TOTP secret and score."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.jury.demo import DEMO_JUROR, DEMO_PASSWORD, DEMO_TOTP_SECRET
from awards.jury.models import Assignment, Conflict, Juror, Round, ScoreSheet
from tests.accounts.test_auth_flows import totp

pytestmark = pytest.mark.django_db


def test_demo_round_has_twelve_jurors_conflicts_and_sheets(client, mailoutbox):
    call_command("seed_demo", stdout=io.StringIO())
    round_ = Round.objects.get(award__slug="caja-2026", position=1)
    assert (round_.state, round_.jurors_per_entry, round_.is_blind) == ("open", 3, True)
    assert (
        Juror.objects.filter(award=round_.award, accepted_at__isnull=False).count()
        == 12
    )
    assert set(Conflict.objects.values_list("source", flat=True)) == {
        "declared",
        "staff",
    }
    assert ScoreSheet.objects.filter(submitted_at__isnull=False).count() > 20
    assert mailoutbox == []
    demo = Juror.objects.get(email=DEMO_JUROR)
    open_work = Assignment.objects.filter(juror=demo, sheet__isnull=True).first()
    assert open_work is not None

    # Log in as the demo juror: password, then the code from the demo secret.
    response = client.post(
        reverse("account_login"), {"login": DEMO_JUROR, "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp(DEMO_TOTP_SECRET)}
    )
    assert response.status_code == 302
    page = client.get(reverse("awards:jury_dashboard")).content.decode()
    assert "First round: scoring" in page
    form = client.get(reverse("awards:jury_entry", args=[open_work.pk]))
    criteria = form.context["form"].criteria
    sent = client.post(
        reverse("awards:jury_entry", args=[open_work.pk]),
        {**{f"c{c.pk}": "7" for c in criteria}, "submit": ""},
    )
    assert sent.status_code == 302
    assert ScoreSheet.objects.get(assignment=open_work).total == 7


def test_demo_totp_command_prints_a_code():
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    assert DEMO_TOTP_SECRET in out.getvalue()
