"""Per-award teams: organisers run their award, observers watch it, and nobody
else in the admin sees it (404, ids cannot be probed)."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards import selectors, services
from awards.jury.models import Assignment
from awards.models import AwardTeamMember
from tests.admin_roles import DENIED, DONE, OUTSIDERS, ROLES, admin_answer
from tests.awards.jury.helpers import jury_round
from tests.factories import (
    EligibleEntryFactory,
    JurorFactory,
    UserFactory,
    on_team,
)

pytestmark = pytest.mark.django_db


# (url name, method, args) → answer per role, in ROLES order. DENIED is Wagtail's
# refusal (a redirect to the dashboard with a message), DONE a change that went
# through (a redirect back), LOGIN the admin's login page.
_OUT = OUTSIDERS
TABLE = [
    ("award_editions:index", "get", (), (200, 200, 200, 200, *_OUT)),
    ("award_editions:edit", "get", ("award",), (200, 404, DENIED, 200, *_OUT)),
    ("award_editions:add", "get", (), (DENIED, DENIED, DENIED, 200, *_OUT)),
    ("award_editions:delete", "get", ("award",), (DENIED, 404, DENIED, 200, *_OUT)),
    ("award_editions:team", "get", ("award",), (200, 404, 200, 200, *_OUT)),
    ("award_editions:team", "post", ("award",), (DONE, 404, DENIED, DONE, *_OUT)),
    (
        "award_editions:team_remove",
        "post",
        ("award", "member"),
        (DONE, 404, DENIED, DONE, *_OUT),
    ),
    ("award_categories:edit", "get", ("category",), (200, 404, DENIED, 200, *_OUT)),
    ("award_entries:inspect", "get", ("entry",), (200, 404, 200, 200, *_OUT)),
    # Wagtail keeps an object's history to those who may change it.
    ("award_entries:history", "get", ("entry",), (200, 404, DENIED, 200, *_OUT)),
    (
        "award_entries:eligibility_check",
        "post",
        ("entry",),
        (DONE, 404, DENIED, DONE, *_OUT),
    ),
    ("award_rounds:edit", "get", ("round",), (200, 404, DENIED, 200, *_OUT)),
    ("award_rounds:manage", "get", ("round",), (200, 404, 200, 200, *_OUT)),
    ("award_rounds:results", "get", ("round",), (200, 404, 200, 200, *_OUT)),
    ("award_rounds:export", "get", ("round", "csv"), (200, 404, 200, 200, *_OUT)),
    # The national-bias report: whoever reads the round's results.
    ("award_rounds:bias", "get", ("round",), (200, 404, 200, 200, *_OUT)),
    (
        "award_rounds:bias_export",
        "get",
        ("round", "csv"),
        (200, 404, 200, 200, *_OUT),
    ),
    (
        "award_rounds:bias_export",
        "get",
        ("round", "xlsx"),
        (200, 404, 200, 200, *_OUT),
    ),
    ("award_rounds:assign", "post", ("round",), (DONE, 404, DENIED, DONE, *_OUT)),
    # The final's deliberation and the reminders screen: the team reads them;
    # only organisers preview or send a reminder.
    ("award_rounds:deliberation", "get", ("round",), (200, 404, 200, 200, *_OUT)),
    ("award_rounds:reminders", "get", ("round",), (200, 404, 200, 200, *_OUT)),
    ("award_rounds:reminders", "post", ("round",), (DONE, 404, DENIED, DONE, *_OUT)),
    # The calibration set: organisers change it, other awards' get 404.
    (
        "award_rounds:calibration_add",
        "post",
        ("round",),
        (DONE, 404, DENIED, DONE, *_OUT),
    ),
    (
        "award_rounds:calibration_remove",
        "post",
        ("round", "entry"),
        (DONE, 404, DENIED, DONE, *_OUT),
    ),
    ("award_criteria:edit", "get", ("criterion",), (200, 404, DENIED, 200, *_OUT)),
    ("award_jurors:edit", "get", ("juror",), (200, 404, DENIED, 200, *_OUT)),
    ("award_categories:delete", "get", ("category",), (200, 404, DENIED, 200, *_OUT)),
    # Wagtail's site history report, answered by cms/admin_views.py at Wagtail's
    # address: every team member opens it and reads their own awards' entries
    # (tests/cms/test_site_history.py); no admin, no report.
    ("cms_site_history", "get", (), (200, 200, 200, 200, *_OUT)),
    ("cms_site_history_results", "get", (), (200, 200, 200, 200, *_OUT)),
]
# Every listing opens to each team member (and shows only their awards).
for _viewset in (
    "award_editions",
    "award_categories",
    "award_rounds",
    "award_criteria",
    "award_jurors",
    "award_conflicts",
):
    for _view in ("index", "index_results"):
        if (f"{_viewset}:{_view}", "get", (), (200, 200, 200, 200, *_OUT)) in TABLE:
            continue
        TABLE.append((f"{_viewset}:{_view}", "get", (), (200, 200, 200, 200, *_OUT)))
# History and usage of an object: its award's organisers (Wagtail keeps them to
# those who may change it), 404 for other awards' organisers.
for _viewset, _object in (
    ("award_editions", "award"),
    ("award_categories", "category"),
    ("award_rounds", "round"),
    ("award_criteria", "criterion"),
    ("award_entries", "entry"),
):
    for _view in ("history", "history_results", "usage"):
        if _viewset == "award_entries" and _view != "history_results":
            continue
        if _viewset == "award_categories" and _view == "usage":
            continue  # not routed (awards/wagtail_hooks.py)
        TABLE.append(
            (f"{_viewset}:{_view}", "get", (_object,), (200, 404, DENIED, 200, *_OUT))
        )


@pytest.fixture
def world(db):
    """Award A (its round, jury, entries, team) and award B with its own organiser."""
    round_, rubric, jurors, entries = jury_round(jurors=2, entries=1)
    award = round_.award
    admin = UserFactory(is_staff=True, is_superuser=True)
    other_round, _r, _j, other_entries = jury_round(jurors=2, entries=1)
    users = {
        "organiser": on_team(award),
        "other_organiser": on_team(other_round.award),
        "observer": on_team(award, role="observer"),
        "superuser": admin,
        "juror": jurors[0].user,
        "entrant": entries[0].owner,
        "anonymous": None,
    }
    colleague = UserFactory()
    objects = {
        "award": award.pk,
        "category": entries[0].category_id,
        "entry": entries[0].pk,
        "round": round_.pk,
        "criterion": rubric[0].pk,
        "juror": jurors[0].pk,
        "csv": "csv",
    }
    return {
        "users": users,
        "objects": objects,
        "award": award,
        "round": round_,
        "entries": entries,
        "jurors": jurors,
        "other_round": other_round,
        "other_entries": other_entries,
        "colleague": colleague,
    }


@pytest.mark.parametrize(("name", "method", "args", "expected"), TABLE)
def test_team_permission_table(client, world, name, method, args, expected):
    got = {}
    for role in ROLES:
        # Each role acts on a fresh target, so a removal by one leaves the next
        # something to remove.
        member = on_team(world["award"], role="observer")
        world["objects"]["member"] = AwardTeamMember.objects.get(user=member).pk
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        url = reverse(name, args=[world["objects"].get(a, a) for a in args])
        data = {"email": world["colleague"].email, "role": "observer", "seed": "1"}
        response = client.post(url, data) if method == "post" else client.get(url)
        got[role] = admin_answer(response)
    assert got == dict(zip(ROLES, expected, strict=True))


def test_an_organiser_sees_only_their_awards_in_every_listing(client, world):
    client.force_login(world["users"]["other_organiser"])
    mine = world["other_entries"][0]
    theirs = world["entries"][0]
    pages = {
        "award_entries:index": [mine.reference],
        "award_entries:eligibility": [],
        "award_editions:index": [world["other_round"].award.title],
        "award_categories:index": [mine.category.name],
        "award_rounds:index": [world["other_round"].name],
        "award_jurors:index": [],
        "award_criteria:index": [],
        "cms_results_publication": [world["other_round"].award.title],
    }
    for name, shown in pages.items():
        html = client.get(reverse(name)).content.decode()
        for text in shown:
            assert text in html, (name, text)
        for text in (
            theirs.reference,
            world["award"].title,
            world["round"].name,
            theirs.category.name,
            world["jurors"][0].email,
        ):
            assert text not in html, (name, text)
    # The award filter of the entries list offers only their own award.
    html = client.get(reverse("award_entries:index")).content.decode()
    (award_filter,) = re.findall(r'<select name="award".*?</select>', html, re.S)
    offered = set(re.findall(r'<option value="(\d+)"', award_filter))
    assert offered == {str(world["other_round"].award_id)}


def test_an_organiser_guessing_another_awards_ids_gets_404(client, world):
    client.force_login(world["users"]["other_organiser"])
    objects = world["objects"]
    for name, args in (
        ("award_rounds:manage", [objects["round"]]),
        ("award_entries:inspect", [objects["entry"]]),
        ("award_editions:edit", [objects["award"]]),
        ("award_editions:team", [objects["award"]]),
        ("award_jurors:edit", [objects["juror"]]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    # A filter by the other award's id shows nothing of it either.
    response = client.get(reverse("award_entries:index"), {"award": objects["award"]})
    assert world["entries"][0].reference not in response.content.decode()


def test_a_staff_user_cannot_put_themselves_on_another_awards_team(world):
    intruder = world["users"]["other_organiser"]
    with pytest.raises(PermissionDenied):
        services.team_member_add(
            award=world["award"], email=intruder.email, role="organiser", actor=intruder
        )
    observer = world["users"]["observer"]
    with pytest.raises(PermissionDenied):
        services.team_member_add(
            award=world["award"], email=observer.email, role="organiser", actor=observer
        )
    organiser = world["users"]["organiser"]
    with pytest.raises(ValidationError):
        services.team_member_add(
            award=world["award"],
            email=organiser.email,
            role="observer",
            actor=organiser,
        )
    assert (
        not selectors.awards_for_team(user=intruder)
        .filter(pk=world["award"].pk)
        .exists()
    )


def test_an_organiser_gives_a_colleague_the_award_and_takes_it_back(client, world):
    client.force_login(world["users"]["organiser"])
    colleague = world["colleague"]
    url = reverse("award_editions:team", args=[world["award"].pk])
    client.post(url, {"email": colleague.email.upper(), "role": "organiser"})
    member = AwardTeamMember.objects.get(user=colleague)
    assert (member.award, member.role) == (world["award"], "organiser")
    assert colleague.has_perm("wagtailadmin.access_admin")
    client.force_login(colleague)
    html = client.get(reverse("award_entries:index")).content.decode()
    assert world["entries"][0].reference in html
    client.force_login(world["users"]["organiser"])
    client.post(
        reverse("award_editions:team_remove", args=[world["award"].pk, member.pk])
    )
    assert not AwardTeamMember.objects.filter(user=colleague).exists()
    colleague.refresh_from_db()
    client.force_login(colleague)
    response = client.get(reverse("award_entries:index"))
    assert (response.status_code, response["Location"]) == (
        302,
        "/admin/login/?next=/admin/award_entries/",
    )


def test_an_observer_sees_everything_and_changes_nothing(client, world):
    client.force_login(world["users"]["observer"])
    entry = world["entries"][0]
    html = client.get(reverse("award_entries:index")).content.decode()
    assert entry.reference in html
    client.post(reverse("award_rounds:state", args=[world["round"].pk, "close"]))
    world["round"].refresh_from_db()
    assert world["round"].state == "open"
    client.post(
        reverse("award_rounds:edit", args=[world["round"].pk]),
        {"name": "Renamed by an observer"},
    )
    world["round"].refresh_from_db()
    assert world["round"].name != "Renamed by an observer"


def test_a_juror_of_one_award_gets_404_on_anothers_jury_pages(client, world):
    other = world["other_round"]
    assignment = Assignment.objects.create(
        round=other,
        juror=JurorFactory(award=other.award),
        entry=world["other_entries"][0],
    )
    client.force_login(world["jurors"][0].user)
    for name, args in (
        ("awards:jury_entry", [assignment.pk]),
        ("awards:jury_attachment", [assignment.pk, 1]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert (
        client.post(
            reverse("awards:jury_conflict", args=[assignment.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    html = client.get(reverse("awards:jury_dashboard")).content.decode()
    assert world["other_entries"][0].title not in html


def test_the_organisers_entry_list_runs_constant_queries(client, world):
    client.force_login(world["users"]["organiser"])
    category = world["entries"][0].category
    url = reverse("award_entries:index")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(20):
        EligibleEntryFactory(category=category)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)
