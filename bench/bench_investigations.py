"""Investigations: the board with 1,000 and with 10,000 cards (its first page, and
one column shown three pages long), a card move on each, and listing a user's
workspaces among 10,000 investigations. Each 10,000-card figure is also printed as
its growth over the 1,000-card one, measured in the same run.

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


def _big_board(cards: int = 1000, codename: str = "bench-board"):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.models import User
    from investigations import services
    from investigations.enums import Role
    from investigations.models import Task

    lead = User.objects.create_user(email=f"lead-{codename}@example.org", password=None)
    # Workspaces open only to members with a second factor.
    TOTP.activate(lead, generate_totp_secret())
    investigation = services.investigation_create(
        actor=lead, title="Bench board", codename=codename
    )
    people = [lead]
    for i in range(8):
        user = User.objects.create_user(
            email=f"{codename}-{i}@example.org", password=None
        )
        services.membership_add(
            actor=lead, investigation=investigation, user=user, role=Role.REPORTER
        )
        people.append(user)
    columns = list(investigation.columns.all())
    tasks = Task.objects.bulk_create(
        (
            Task(
                investigation=investigation,
                column=columns[i % len(columns)],
                title=f"Card {i}",
                description="Some *Markdown*",
                labels="money, land",
                position=1024.0 * (i + 1),
                created_by=lead,
            )
            for i in range(cards)
        ),
        batch_size=2000,
    )
    Task.assignees.through.objects.bulk_create(
        (
            Task.assignees.through(task_id=task.pk, user_id=people[i % len(people)].pk)
            for i, task in enumerate(tasks)
        ),
        batch_size=2000,
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


def _board_figures(cards: int, codename: str) -> dict[str, tuple[float, int]]:
    """Median time and queries of the board pages and a card move at `cards` cards."""
    from django.test import Client
    from django.urls import reverse

    from investigations import selectors, services
    from investigations.models import Task

    lead, investigation, columns, tasks = _big_board(cards, codename)
    client = Client(SERVER_NAME="localhost")
    client.force_login(lead)
    url = reverse("investigations:board", args=[investigation.codename])
    # "Show more" clicked twice on the first column: three pages of its cards.
    longer = f"{url}?show={columns[0].pk}:{3 * selectors.BOARD_PAGE}"

    def page(address: str, shown: int):
        def get():
            response = client.get(address)
            assert response.status_code == 200  # noqa: S101 - a broken page is no figure
            # A page that showed fewer cards than asked would be no figure either.
            assert response.content.count(b'class="card-task"') == shown  # noqa: S101

        return get

    first = selectors.BOARD_PAGE * len(columns)
    moves = iter(range(10_000))

    def move():
        i = next(moves)
        task = tasks[(i * 7919) % len(tasks)]
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

    return {
        "board": _timed(page(url, first)),
        "board_column_3_pages": _timed(page(longer, first + 2 * selectors.BOARD_PAGE)),
        "card_move": _timed(move, runs=25),
    }


GOALS = {
    "board": "< 300 ms",
    "board_column_3_pages": "< 300 ms",
    "card_move": "< 100 ms",
}


def _run() -> Iterator[Figure]:
    from django.test import Client
    from django.urls import reverse

    from investigations import selectors

    small = _board_figures(1000, "bench-board")
    large = _board_figures(10_000, "bench-board-10k")
    for name, goal in GOALS.items():
        (ms, queries), (ms_10k, queries_10k) = small[name], large[name]
        prefix = f"investigations.{name}"
        yield Figure(f"{prefix}_1000_cards.time", ms, "ms", goal)
        yield Figure(f"{prefix}_1000_cards.queries", queries, "queries", "flat")
        yield Figure(f"{prefix}_10000_cards.time", ms_10k, "ms", goal)
        yield Figure(
            f"{prefix}_10000_cards.queries", queries_10k, "queries", f"{queries}"
        )
        yield Figure(
            f"{prefix}.growth_10x_cards", ms_10k / ms, "x", "<= 10 (near 1: flat)"
        )

    from accounts.models import User

    lead = User.objects.get(email="lead-bench-board@example.org")
    client = Client(SERVER_NAME="localhost")
    client.force_login(lead)
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
