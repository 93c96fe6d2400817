"""Who reaches which jury page: each role × each URL → the expected status."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.jury.models import Assignment, CalibrationItem
from tests.awards.jury.helpers import jury_round
from tests.factories import UserFactory, mfa_on

ROLES = (
    "anonymous",
    "user",
    "user_mfa",
    "juror_no_mfa",
    "assigned",
    "other_juror",
    "staff",
)

# (name, method, url kind) → status per role, in ROLES order.
TABLE = [
    ("dashboard", "get", (302, 403, 200, 403, 200, 200, 403)),
    ("entry", "get", (302, 403, 404, 403, 200, 404, 403)),
    ("attachment", "get", (302, 403, 404, 403, 404, 404, 403)),
    ("conflict", "post", (302, 403, 404, 403, 302, 404, 403)),
    ("manage", "get", (302, 302, 302, 302, 302, 302, 200)),
    ("results", "get", (302, 302, 302, 302, 302, 302, 200)),
    ("export", "get", (302, 302, 302, 302, 302, 302, 200)),
    ("assign", "post", (302, 302, 302, 302, 302, 302, 302)),
    # Bids: any active juror of the award, in a round that is not blind.
    ("bids", "get", (302, 403, 404, 403, 200, 200, 403)),
    ("bids_blind", "get", (302, 403, 404, 403, 404, 404, 403)),
    # Expertise: any signed-in user with MFA (their own seats only; none: a note).
    ("expertise", "get", (302, 403, 200, 403, 200, 200, 403)),
    # Deliberation of a final round: only the entry's own jurors (here the
    # assigned juror, who is also the chair); a refused post shows the thread.
    ("deliberation", "get", (302, 403, 404, 403, 200, 404, 403)),
    ("deliberation_post", "post", (302, 403, 404, 403, 200, 404, 403)),
    ("deliberation_vote", "post", (302, 403, 404, 403, 302, 404, 403)),
    ("deliberation_decide", "post", (302, 403, 404, 403, 302, 404, 403)),
    # Calibration: any active juror of the award who judges the entry's category
    # (the set has one entry, without attachments); organisers change the set.
    ("calibration", "get", (302, 403, 404, 403, 200, 200, 403)),
    ("calibration_entry", "get", (302, 403, 404, 403, 200, 200, 403)),
    ("calibration_attachment", "get", (302, 403, 404, 403, 404, 404, 403)),
    ("calibration_add", "post", (302, 302, 302, 302, 302, 302, 302)),
    ("calibration_remove", "post", (302, 302, 302, 302, 302, 302, 302)),
]


@pytest.fixture
def world(db):
    round_, _rubric, jurors, entries = jury_round(jurors=2, entries=1)
    assignment = Assignment.objects.create(
        round=round_, juror=jurors[0], entry=entries[0]
    )
    no_mfa = jurors[1].user
    no_mfa.authenticator_set.all().delete()
    from tests.factories import JurorFactory, RoundFactory

    open_round = RoundFactory(award=round_.award, position=2, is_blind=False)
    final = RoundFactory(
        award=round_.award, position=3, kind="final", state="closed", chair=jurors[0]
    )
    Assignment.objects.create(round=final, juror=jurors[0], entry=entries[0])
    thread = [final.pk, entries[0].pk]
    staff = UserFactory(is_staff=True, is_superuser=True)
    CalibrationItem.objects.create(
        round=round_, entry=entries[0], added_by=staff, added_at=timezone.now()
    )

    other = JurorFactory(award=round_.award)
    users = {
        "anonymous": None,
        "user": UserFactory(),
        "user_mfa": mfa_on(UserFactory()),
        "juror_no_mfa": no_mfa,
        "assigned": jurors[0].user,
        "other_juror": other.user,
        "staff": staff,
    }
    urls = {
        "dashboard": reverse("awards:jury_dashboard"),
        "entry": reverse("awards:jury_entry", args=[assignment.pk]),
        "attachment": reverse("awards:jury_attachment", args=[assignment.pk, 1]),
        "conflict": reverse("awards:jury_conflict", args=[assignment.pk]),
        "manage": reverse("award_rounds:manage", args=[round_.pk]),
        "results": reverse("award_rounds:results", args=[round_.pk]),
        "export": reverse("award_rounds:export", args=[round_.pk, "csv"]),
        "assign": reverse("award_rounds:assign", args=[round_.pk]),
        "bids": reverse("awards:jury_bids", args=[open_round.pk]),
        "bids_blind": reverse("awards:jury_bids", args=[round_.pk]),
        "expertise": reverse("awards:jury_expertise"),
        "deliberation": reverse("awards:jury_deliberation", args=thread),
        "deliberation_post": reverse("awards:jury_deliberation", args=thread),
        "deliberation_vote": reverse("awards:jury_deliberation_vote", args=thread),
        "deliberation_decide": reverse("awards:jury_deliberation_decide", args=thread),
        "calibration": reverse("awards:jury_calibration", args=[round_.pk]),
        "calibration_entry": reverse(
            "awards:jury_calibration_entry", args=[round_.pk, entries[0].pk]
        ),
        "calibration_attachment": reverse(
            "awards:jury_calibration_attachment", args=[round_.pk, entries[0].pk, 1]
        ),
        "calibration_add": reverse("award_rounds:calibration_add", args=[round_.pk]),
        "calibration_remove": reverse(
            "award_rounds:calibration_remove", args=[round_.pk, entries[0].pk]
        ),
    }
    return users, urls


@pytest.mark.parametrize(("name", "method", "expected"), TABLE)
def test_permission_table(client, world, name, method, expected):
    users, urls = world
    got = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = getattr(client, method)(
            urls[name], {"reason": "x"} if method == "post" else None
        )
        got.append(response.status_code)
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))
