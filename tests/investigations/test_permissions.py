"""The permission matrix of docs/permissions.md: every URL × every kind of visitor."""

import pytest
from django.urls import reverse

from investigations import permissions, services
from investigations.enums import Role
from investigations.models import (
    ActivityEvent,
    InvestigationUserObjectPermission,
    Membership,
)
from investigations.permissions import ROLE_PERMISSIONS
from tests.factories import UserFactory
from tests.investigations.helpers import VISITORS, as_visitor, expected_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


# (method, url name, arguments, permission needed, POST data). None as the
# permission: any member. Arguments name objects of the `workspace` fixture.
WORKSPACE_URLS = [
    ("GET", "home", (), None, None),
    ("GET", "board", (), None, None),
    ("GET", "members", (), None, None),
    ("GET", "activity", (), None, None),
    ("GET", "task_detail", ("task",), None, None),
    ("GET", "settings", (), permissions.CHANGE_SETTINGS, None),
    (
        "POST",
        "settings",
        (),
        permissions.CHANGE_SETTINGS,
        {"title": "Renamed", "summary": "s"},
    ),
    ("POST", "archive", (), permissions.ARCHIVE, {}),
    (
        "POST",
        "invite",
        (),
        permissions.MANAGE_MEMBERS,
        {"email": "new@example.org", "role": "reporter", "language": "ru"},
    ),
    (
        "POST",
        "member_role",
        ("target",),
        permissions.MANAGE_MEMBERS,
        {"role": "editor"},
    ),
    ("POST", "member_remove", ("target",), permissions.MANAGE_MEMBERS, {}),
    ("POST", "invitation_revoke", ("invitation",), permissions.MANAGE_MEMBERS, {}),
    ("POST", "column_create", (), permissions.MANAGE_BOARD, {"name": "Archive"}),
    ("POST", "column_rename", ("column",), permissions.MANAGE_BOARD, {"name": "Tips"}),
    (
        "POST",
        "column_shift",
        ("column",),
        permissions.MANAGE_BOARD,
        {"direction": "right"},
    ),
    ("GET", "task_create", (), permissions.EDIT_TASKS, None),
    (
        "POST",
        "task_create",
        (),
        permissions.EDIT_TASKS,
        {"title": "Call the ministry", "column": "column"},
    ),
    ("GET", "task_edit", ("task",), permissions.EDIT_TASKS, None),
    (
        "POST",
        "task_edit",
        ("task",),
        permissions.EDIT_TASKS,
        {"title": "Edited", "version": "1"},
    ),
    (
        "POST",
        "task_move",
        ("task",),
        permissions.EDIT_TASKS,
        {"column": "second_column", "index": "0", "version": "1"},
    ),
    ("POST", "comment_create", ("task",), permissions.COMMENT, {"body": "Checked."}),
    ("POST", "checklist_add", ("task",), permissions.EDIT_TASKS, {"text": "Call"}),
    ("POST", "checklist_toggle", ("task", "item"), permissions.EDIT_TASKS, {}),
]


@pytest.fixture
def objects(workspace):
    """What the URLs point at: a task with a checklist item, a member to change,
    a pending invitation."""
    lead = workspace.lead
    target = UserFactory(email="target@example.org")
    membership = services.membership_add(
        actor=lead, investigation=workspace.investigation, user=target, role="viewer"
    )
    invitation, _token = services.invitation_create(
        actor=lead,
        investigation=workspace.investigation,
        email="pending@example.org",
        role="viewer",
    )
    item = services.checklist_item_add(actor=lead, task=workspace.task, text="Item")
    return {
        "task": workspace.task.pk,
        "target": membership.pk,
        "invitation": invitation.pk,
        "column": workspace.columns[0].pk,
        "second_column": workspace.columns[1].pk,
        "item": item.pk,
    }


@pytest.mark.parametrize(
    ("method", "name", "args", "permission", "data"),
    WORKSPACE_URLS,
    ids=[f"{m}-{n}" for m, n, *_ in WORKSPACE_URLS],
)
def test_workspace_url_answers_each_visitor_as_the_matrix_says(
    client, workspace, objects, method, name, args, permission, data
):
    url = reverse(
        f"investigations:{name}",
        args=[workspace.investigation.codename, *(objects[a] for a in args)],
    )
    post = {k: str(objects.get(v, v)) for k, v in (data or {}).items()}
    answers, written = {}, {}
    for kind in VISITORS:
        with as_visitor(client, kind, workspace):
            events_before = ActivityEvent.objects.count()
            response = client.get(url) if method == "GET" else client.post(url, post)
            answers[kind] = response.status_code
            if kind == "anonymous":
                assert response["Location"].startswith(reverse("account_login"))
            written[kind] = ActivityEvent.objects.count() - events_before

    expected = {kind: expected_status(kind, method, permission) for kind in VISITORS}
    assert answers == expected
    # A change is logged once, and a refused request changes nothing.
    assert written == {
        kind: int(expected[kind] == 302 and kind != "anonymous") for kind in VISITORS
    }


PERSONAL_URLS = [
    ("investigations:list", ()),
    ("investigations:create", ()),
    ("investigations:notifications", ()),
    ("investigations:mfa_required", ()),
]


@pytest.mark.parametrize(("name", "args"), PERSONAL_URLS)
def test_personal_urls_need_only_a_login(client, workspace, name, args):
    answers = {}
    for kind in VISITORS:
        with as_visitor(client, kind, workspace):
            answers[kind] = client.get(reverse(name, args=args)).status_code
    assert answers == {kind: 302 if kind == "anonymous" else 200 for kind in VISITORS}


def test_list_shows_only_the_visitors_own_investigations(client, workspace):
    outsider = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(outsider)
    response = client.get(reverse("investigations:list"))
    assert "Water rights" not in response.content.decode()
    client.force_login(workspace.people["viewer"])
    response = client.get(reverse("investigations:list"))
    assert "Water rights" in response.content.decode()


@pytest.mark.parametrize("role", list(Role.values))
def test_each_role_holds_exactly_its_guardian_permissions(workspace, role):
    user = workspace.people[role]
    held = set(
        InvestigationUserObjectPermission.objects.filter(
            user=user, content_object=workspace.investigation
        ).values_list("permission__codename", flat=True)
    )
    assert held == set(ROLE_PERMISSIONS[role])


def test_role_change_swaps_the_permissions_and_removal_drops_them(workspace):
    viewer = workspace.people["viewer"]
    membership = Membership.objects.get(user=viewer)
    services.membership_change_role(
        actor=workspace.lead, membership=membership, role=Role.EDITOR
    )
    assert permissions.object_permissions(
        user=viewer, investigation=workspace.investigation
    ) == set(ROLE_PERMISSIONS[Role.EDITOR])
    services.membership_remove(actor=workspace.lead, membership=membership)
    assert (
        permissions.object_permissions(
            user=viewer, investigation=workspace.investigation
        )
        == frozenset()
    )


def test_the_last_lead_cannot_step_down_or_be_removed(workspace):
    from django.core.exceptions import ValidationError

    lead_membership = Membership.objects.get(user=workspace.lead)
    with pytest.raises(ValidationError, match="at least one lead"):
        services.membership_change_role(
            actor=workspace.lead, membership=lead_membership, role=Role.VIEWER
        )
    with pytest.raises(ValidationError, match="at least one lead"):
        services.membership_remove(actor=workspace.lead, membership=lead_membership)


def test_removed_member_gets_404_at_once(client, workspace):
    reporter = workspace.people["reporter"]
    services.membership_remove(
        actor=workspace.lead, membership=Membership.objects.get(user=reporter)
    )
    client.force_login(reporter)
    response = client.get(reverse("investigations:board", args=["water"]))
    assert response.status_code == 404


def test_expired_guest_membership_gets_404(client, workspace):
    import datetime

    from django.utils import timezone

    guest = UserFactory()
    services.membership_add(
        actor=workspace.lead,
        investigation=workspace.investigation,
        user=guest,
        role=Role.VIEWER,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    client.force_login(guest)
    response = client.get(reverse("investigations:board", args=["water"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "name", "args", "data"),
    [
        ("POST", "task_create", (), {"title": "New", "column": "column"}),
        ("POST", "comment_create", ("task",), {"body": "Late"}),
        ("POST", "column_create", (), {"name": "Late"}),
        ("POST", "invite", (), {"email": "x@example.org", "role": "viewer"}),
        ("POST", "settings", (), {"title": "Late"}),
    ],
)
def test_archived_workspace_is_read_only_even_for_its_lead(
    client, workspace, objects, method, name, args, data
):
    services.investigation_set_archived(
        actor=workspace.lead, investigation=workspace.investigation, archived=True
    )
    client.force_login(workspace.lead)
    events_before = ActivityEvent.objects.count()
    url = reverse(
        f"investigations:{name}",
        args=[workspace.investigation.codename, *(objects[a] for a in args)],
    )
    response = client.post(url, {k: str(objects.get(v, v)) for k, v in data.items()})
    assert response.status_code == 403
    assert ActivityEvent.objects.count() == events_before
    assert (
        client.get(reverse("investigations:board", args=["water"])).status_code == 200
    )


def test_docs_matrix_matches_the_code():
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "permissions.md").read_text()
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| `") and line.count("|") == 7 and "yes" in line
    ]
    documented = {
        role: {row[0].strip("`") for row in rows if row[2 + i] == "yes"}
        for i, role in enumerate(("lead", "editor", "reporter", "viewer"))
    }
    assert len(rows) == 9
    assert documented == {role: set(p) for role, p in ROLE_PERMISSIONS.items()}
