from dataclasses import dataclass

import pytest

from accounts.models import User
from investigations import services
from investigations.enums import Role
from investigations.models import Column, Investigation, Task
from tests.factories import InvestigationFactory, UserFactory, mfa_on

ROLES = ("lead", "editor", "reporter", "viewer")


@dataclass
class Workspace:
    investigation: Investigation
    people: dict[str, User]
    columns: list[Column]
    task: Task

    @property
    def lead(self) -> User:
        return self.people["lead"]


@pytest.fixture
def workspace(db) -> Workspace:
    """An investigation with one member per role, six columns and one task."""
    lead = mfa_on(UserFactory(email="lead@example.org", display_name="Lead"))
    investigation = InvestigationFactory(
        created_by=lead, title="Water rights", codename="water"
    )
    people = {"lead": lead}
    for role in (Role.EDITOR, Role.REPORTER, Role.VIEWER):
        people[role] = mfa_on(
            UserFactory(email=f"{role}@example.org", display_name=role)
        )
        services.membership_add(
            actor=lead, investigation=investigation, user=people[role], role=role
        )
    columns = list(investigation.columns.order_by("position"))
    task = services.task_create(
        actor=lead, investigation=investigation, column=columns[0], title="First"
    )
    return Workspace(investigation, people, columns, task)
