"""Concurrent moves against PostgreSQL: one wins, the other is told, order holds."""

import threading

import pytest
from django.db import connection, connections

from investigations import services
from investigations.models import Task
from tests.services import service_missing

pytestmark = [pytest.mark.services, pytest.mark.usefixtures("tasks_in_process")]


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        service_missing("concurrent moves need PostgreSQL (set DATABASE_URL)")


def _run_together(calls):
    """Run each call in its own thread and connection, released at one instant."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = ("ok", call())
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[i] = ("error", error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_members_moving_the_same_card_at_once_one_wins_one_is_told(
    postgres, workspace
):
    task = workspace.task
    editor, reporter = workspace.people["editor"], workspace.people["reporter"]
    targets = {editor.pk: workspace.columns[2].pk, reporter.pk: workspace.columns[3].pk}

    def mover(user):
        return lambda: services.task_move(
            actor=user,
            investigation=workspace.investigation,
            task_id=task.pk,
            column_id=targets[user.pk],
            index=0,
            expected_version=1,
        )

    for _round in range(5):
        Task.objects.filter(pk=task.pk).update(
            version=1, column=workspace.columns[0], position=1024.0
        )
        results = _run_together([mover(editor), mover(reporter)])
        outcomes = sorted(kind for kind, _value in results)
        assert outcomes == ["error", "ok"]
        error = next(value for kind, value in results if kind == "error")
        assert isinstance(error, services.StaleTaskError)
        winner = next(value for kind, value in results if kind == "ok")
        task.refresh_from_db()
        assert (task.column_id, task.version) == (winner.column_id, 2)


def test_many_cards_dropped_into_one_gap_at_once_keep_distinct_positions(
    postgres, workspace
):
    lead = workspace.lead
    column = workspace.columns[1]
    cards = [
        services.task_create(
            actor=lead,
            investigation=workspace.investigation,
            column=workspace.columns[0],
            title=f"Card {i}",
        )
        for i in range(8)
    ]
    anchors = [
        services.task_create(
            actor=lead, investigation=workspace.investigation, column=column, title=t
        )
        for t in ("B", "A")
    ]
    calls = [
        (
            lambda card=card: services.task_move(
                actor=lead,
                investigation=workspace.investigation,
                task_id=card.pk,
                column_id=column.pk,
                index=1,
                expected_version=1,
            )
        )
        for card in cards
    ]
    results = _run_together(calls)
    assert [kind for kind, _value in results] == ["ok"] * 8
    rows = list(
        Task.objects.filter(column=column)
        .order_by("position", "id")
        .values_list("title", "position")
    )
    positions = [p for _t, p in rows]
    assert len(set(positions)) == len(positions) == 10
    titles = [t for t, _p in rows]
    assert (titles[0], titles[-1]) == (anchors[1].title, anchors[0].title)
