"""Card order: midpoint insertion and renumbering keep any sequence of moves exact."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from investigations import services
from investigations.models import Task
from investigations.positions import GAP, MIN_GAP, place


def apply_move(cards: list[tuple[float, str]], card: str, index: int) -> None:
    """Move `card` to `index` in the list, as task_move does in a column."""
    others = [entry for entry in cards if entry[1] != card]
    position, renumbered = place([p for p, _ in others], index)
    if renumbered is not None:
        others = [(p, name) for p, (_old, name) in zip(renumbered, others, strict=True)]
    cards[:] = sorted([*others, (position, card)])


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_ten_thousand_random_moves_keep_the_order_a_list_would_have(seed):
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    names = [f"card-{i}" for i in range(25)]
    cards = [(GAP * (i + 1), name) for i, name in enumerate(names)]
    expected = list(names)
    for _ in range(10_000):
        card = rng.choice(names)
        # Half the moves squeeze into the same gap, to force renumbering often.
        index = 1 if rng.random() < 0.5 else rng.randrange(len(names))
        apply_move(cards, card, index)
        expected.remove(card)
        expected.insert(index, card)
    assert [name for _, name in cards] == expected
    positions = [p for p, _ in cards]
    assert len(set(positions)) == len(positions)
    assert all(b - a >= MIN_GAP for a, b in zip(positions, positions[1:], strict=False))


def test_midpoint_insertion_between_two_cards():
    assert place([1024.0, 2048.0], 1) == (1536.0, None)


def test_top_bottom_and_empty_column():
    assert place([], 0) == (GAP, None)
    assert place([10.0, 20.0], 0) == (10.0 - GAP, None)
    assert place([10.0, 20.0], 2) == (20.0 + GAP, None)
    assert place([10.0, 20.0], 99) == (20.0 + GAP, None)


def test_a_gap_too_small_renumbers_the_column():
    position, renumbered = place([1.0, 1.0 + MIN_GAP, 5.0], 1)
    assert renumbered == [GAP, 3 * GAP, 4 * GAP]
    assert position == 2 * GAP


@pytest.mark.django_db
def test_three_hundred_random_moves_through_the_service_keep_the_board_exact(
    workspace,
):
    """The same property through task_move and the database (fewer moves: each is
    several queries)."""
    rng = random.Random(6)  # noqa: S311 - test data, not secrets
    investigation, lead = workspace.investigation, workspace.lead
    columns = workspace.columns[:3]
    expected = {column.pk: [] for column in columns}
    expected[workspace.task.column_id].append(workspace.task.pk)
    for i in range(11):
        task = services.task_create(
            actor=lead, investigation=investigation, column=columns[0], title=f"T{i}"
        )
        expected[columns[0].pk].insert(0, task.pk)
    for _ in range(300):
        column = rng.choice(columns)
        task_id = rng.choice([t for ids in expected.values() for t in ids])
        for ids in expected.values():
            if task_id in ids:
                ids.remove(task_id)
        index = rng.randint(0, len(expected[column.pk]))
        expected[column.pk].insert(index, task_id)
        services.task_move(
            actor=lead,
            investigation=investigation,
            task_id=task_id,
            column_id=column.pk,
            index=index,
            expected_version=Task.objects.get(pk=task_id).version,
        )
    for column in columns:
        actual = list(
            Task.objects.filter(column=column)
            .order_by("position", "id")
            .values_list("pk", flat=True)
        )
        assert actual == expected[column.pk]
