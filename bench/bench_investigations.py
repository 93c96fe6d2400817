"""Investigations: the board with 1,000 cards, a card move, and listing a user's
workspaces among 10,000 investigations.

Runs in a throwaway test database (created and destroyed here), so `make bench`
never touches the development data.
"""

import statistics
import time
from collections.abc import Iterator

from bench import Figure

RUNS = 7


def _timed(call, runs: int = RUNS) -> tuple[float, int]:
    """Median milliseconds of `runs` calls, and the queries of one call."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    call()  # warm caches
    reset_queries()  # the log holds at most 9,000 queries; start from empty
    with CaptureQueriesContext(connection) as queries:
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def _big_board():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.models import User
    from investigations import services
    from investigations.enums import Role
    from investigations.models import Task

    lead = User.objects.create_user(email="bench-lead@example.org", password=None)
    # Workspaces open only to members with a second factor.
    TOTP.activate(lead, generate_totp_secret())
    investigation = services.investigation_create(
        actor=lead, title="Bench board", codename="bench-board"
    )
    people = [lead]
    for i in range(8):
        user = User.objects.create_user(email=f"bench{i}@example.org", password=None)
        services.membership_add(
            actor=lead, investigation=investigation, user=user, role=Role.REPORTER
        )
        people.append(user)
    columns = list(investigation.columns.all())
    tasks = Task.objects.bulk_create(
        Task(
            investigation=investigation,
            column=columns[i % len(columns)],
            title=f"Card {i}",
            description="Some *Markdown*",
            labels="money, land",
            position=1024.0 * (i + 1),
            created_by=lead,
        )
        for i in range(1000)
    )
    Task.assignees.through.objects.bulk_create(
        Task.assignees.through(task_id=task.pk, user_id=people[i % len(people)].pk)
        for i, task in enumerate(tasks)
    )
    return lead, investigation, columns, tasks


def _many_investigations(owner):
    from accounts.models import User
    from investigations.enums import Role
    from investigations.models import Investigation, Membership

    others = User.objects.bulk_create(
        User(email=f"other{i}@example.org", password="!")  # noqa: S106 - unusable
        for i in range(50)
    )
    investigations = Investigation.objects.bulk_create(
        Investigation(title=f"Investigation {i}", codename=f"inv-{i}")
        for i in range(10_000)
    )
    rows = []
    for i, investigation in enumerate(investigations):
        rows.append(
            Membership(investigation=investigation, user=others[i % 50], role=Role.LEAD)
        )
        rows.append(
            Membership(
                investigation=investigation, user=others[(i + 7) % 50], role=Role.VIEWER
            )
        )
        if i % 500 == 0:
            rows.append(
                Membership(investigation=investigation, user=owner, role=Role.EDITOR)
            )
    Membership.objects.bulk_create(rows, batch_size=2000)


def run() -> Iterator[Figure]:
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield from _run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def _run() -> Iterator[Figure]:
    from django.test import Client
    from django.urls import reverse

    from investigations import selectors, services
    from investigations.models import Task

    lead, investigation, columns, tasks = _big_board()
    client = Client(SERVER_NAME="localhost")
    client.force_login(lead)
    url = reverse("investigations:board", args=[investigation.codename])

    def board():
        response = client.get(url)
        assert response.status_code == 200  # noqa: S101 - a broken page is no figure

    ms, queries = _timed(board)
    yield Figure("investigations.board_1000_cards.time", ms, "ms", "< 1000 ms")
    yield Figure("investigations.board_1000_cards.queries", queries, "queries", "flat")

    moves = iter(range(10_000))

    def move():
        i = next(moves)
        task = tasks[i % len(tasks)]
        services.task_move(
            actor=lead,
            investigation=investigation,
            task_id=task.pk,
            column_id=columns[(i + 1) % len(columns)].pk,
            index=(i * 37) % 150,
            expected_version=Task.objects.values_list("version", flat=True).get(
                pk=task.pk
            ),
        )

    ms, queries = _timed(move, runs=25)
    yield Figure("investigations.card_move.time", ms, "ms", "< 100 ms")
    yield Figure("investigations.card_move.queries", queries, "queries", "flat")

    _many_investigations(lead)

    def listing():
        return list(selectors.investigations_for_user(user=lead))

    assert len(listing()) == 21  # noqa: S101 - 20 of 10,000, plus the bench board
    ms, queries = _timed(listing)
    yield Figure("investigations.list_among_10000.time", ms, "ms", "< 50 ms")
    yield Figure("investigations.list_among_10000.queries", queries, "queries", "1")
    page = reverse("investigations:list")

    def listing_page():
        client.get(page)

    ms, queries = _timed(listing_page)
    yield Figure("investigations.list_page_among_10000.time", ms, "ms", "< 200 ms")
