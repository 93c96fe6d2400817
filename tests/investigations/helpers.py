"""Who visits a workspace URL in the permission tables, and what each may expect.

Shared by every app whose URLs live inside an investigation (investigations,
secure_docs), so the rule "outsiders get 404, members their role's answer" is
written once.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from investigations.permissions import ROLE_PERMISSIONS
from tests.factories import UserFactory

VISITORS = (
    "anonymous",
    "non_member",
    "staff",
    "superuser",
    "viewer",
    "reporter",
    "editor",
    "lead",
)


def visitor_of(kind: str, workspace):
    """The user of this kind for the `workspace` fixture (None: anonymous)."""
    if kind == "anonymous":
        return None
    if kind in workspace.people:
        return workspace.people[kind]
    return UserFactory(
        is_staff=kind in ("staff", "superuser"), is_superuser=kind == "superuser"
    )


def expected_status(kind: str, method: str, permission: str | None) -> int:
    """Anonymous → sign-in redirect; outsiders (staff too) → 404; members → 403
    without the permission, else 200 for GET and a redirect after POST."""
    if kind == "anonymous":
        return 302
    if kind in ("non_member", "staff", "superuser"):
        return 404
    if permission is not None and permission not in ROLE_PERMISSIONS[kind]:
        return 403
    return 200 if method == "GET" else 302


@contextmanager
def as_visitor(client, kind: str, workspace) -> Iterator[object]:
    """The client signed in as the visitor of this kind (None: anonymous), inside
    a savepoint that is rolled back at the end.

    A permission table asks every visitor the same URL of one workspace: what one
    visitor's request wrote (a renamed task, a removed member) is gone before the
    next visitor asks, as if each had a workspace of their own, and the workspace
    is made once per URL instead of once per visitor.
    """
    with transaction.atomic():
        client.logout()
        visitor = visitor_of(kind, workspace)
        if visitor is not None:
            client.force_login(visitor)
        yield visitor
        transaction.set_rollback(True)
