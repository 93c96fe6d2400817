"""Assignment: exact k per entry, no conflict, only languages read, even loads."""

from collections import Counter

import networkx as nx
import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards.jury import selectors, services
from awards.jury.models import Assignment, AuditRecord, Conflict
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EligibleEntryFactory,
    JurorFactory,
    RoundFactory,
    UserFactory,
)


def balanced_is_possible(entries, jurors, eligible, k) -> bool:
    """Independent oracle: can every juror get floor(N·k/m) or one more?"""
    total = len(entries) * k
    low = total // len(jurors)
    graph = nx.DiGraph()
    graph.add_node("s", demand=-total)
    graph.add_node("t", demand=total - low * len(jurors))
    for entry in entries:
        graph.add_edge("s", ("e", entry), capacity=k)
        for juror in eligible[entry]:
            graph.add_edge(("e", entry), ("j", juror), capacity=1)
    for juror in jurors:
        graph.add_node(("j", juror), demand=low)
        graph.add_edge(("j", juror), "t", capacity=1)
    try:
        nx.network_simplex(graph)
    except nx.NetworkXUnfeasible:
        return False
    return True


@st.composite
def instances(draw):
    jurors = list(range(1, draw(st.integers(1, 8)) + 1))
    k = draw(st.integers(1, min(3, len(jurors))))
    entries = list(range(100, 100 + draw(st.integers(1, 20))))
    eligible = {}
    for entry in entries:
        chosen = draw(st.lists(st.sampled_from(jurors), min_size=k, unique=True))
        eligible[entry] = chosen
    return entries, jurors, eligible, k, draw(st.integers(0, 5))


@settings(max_examples=150, deadline=None)
@given(instances())
def test_solve_properties_over_random_instances(instance):
    entries, jurors, eligible, k, seed = instance
    pairs, loads = selectors.solve(
        entries=[(e, str(e)) for e in entries],
        jurors=jurors,
        eligible=eligible,
        k=k,
        seed=seed,
    )
    per_entry = Counter(entry for entry, _juror in pairs)
    assert all(per_entry[entry] == k for entry in entries)
    assert len(set(pairs)) == len(pairs)
    assert all(juror in eligible[entry] for entry, juror in pairs)
    assert sum(loads.values()) == len(entries) * k
    if balanced_is_possible(entries, jurors, eligible, k):
        assert max(loads.values()) - min(loads.values()) <= 1
    again, _loads = selectors.solve(
        entries=[(e, str(e)) for e in entries],
        jurors=jurors,
        eligible=eligible,
        k=k,
        seed=seed,
    )
    assert sorted(again) == sorted(pairs)


@st.composite
def pooled_instances(draw):
    """Entries drawn from a few pools of jurors, each missing a few of its pool's
    jurors (conflicts), as plan() hands them to solve()."""
    jurors = list(range(1, draw(st.integers(2, 8)) + 1))
    k = draw(st.integers(1, min(3, len(jurors) - 1)))
    pools = draw(
        st.lists(
            st.lists(st.sampled_from(jurors), min_size=k + 1, unique=True),
            min_size=1,
            max_size=3,
        )
    )
    entries = list(range(100, 100 + draw(st.integers(1, 24))))
    eligible, pool_of = {}, {}
    for entry in entries:
        pool = draw(st.integers(0, len(pools) - 1))
        barred = draw(st.lists(st.sampled_from(pools[pool]), max_size=2, unique=True))
        free = [j for j in pools[pool] if j not in barred]
        if len(free) < k:
            free = pools[pool]
        eligible[entry], pool_of[entry] = free, pool
    return entries, jurors, eligible, k, pool_of, draw(st.integers(0, 5))


def load_cost(loads: dict, total: int) -> int:
    """The solver's objective: the n-th unit above the even share costs n², past
    the twelfth a flat 676 (selectors/assignment.py, _flow)."""
    floor = total // len(loads)
    return sum(
        n * n if n <= 12 else 676
        for load in loads.values()
        for n in range(1, load - floor + 1)
    )


@settings(max_examples=200, deadline=None)
@given(pooled_instances())
def test_solve_with_pools_finds_the_same_optimum(instance):
    entries, jurors, eligible, k, pool_of, seed = instance
    labelled = [(e, str(e)) for e in entries]
    pairs, loads = selectors.solve(
        entries=labelled,
        jurors=jurors,
        eligible=eligible,
        k=k,
        seed=seed,
        pools=pool_of,
    )
    per_entry = Counter(entry for entry, _juror in pairs)
    assert all(per_entry[entry] == k for entry in entries)
    assert len(set(pairs)) == len(pairs)
    assert all(juror in eligible[entry] for entry, juror in pairs)
    _pairs, exact = selectors.solve(
        entries=labelled, jurors=jurors, eligible=eligible, k=k, seed=seed
    )
    total = len(entries) * k
    assert load_cost(loads, total) == load_cost(exact, total)


def test_solve_balances_where_a_greedy_pass_would_not():
    # Entry 1 can go to A or B, entries 2 and 3 only to A: balanced is B for 1.
    pairs, loads = selectors.solve(
        entries=[(1, "1"), (2, "2"), (3, "3"), (4, "4")],
        jurors=["A", "B"],
        eligible={1: ["A", "B"], 2: ["A", "B"], 3: ["A"], 4: ["A"]},
        k=1,
    )
    assert loads == {"A": 2, "B": 2}
    assert sorted(pairs) == [(1, "B"), (2, "B"), (3, "A"), (4, "A")]


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    languages=st.lists(
        st.lists(st.sampled_from(["ru", "kk", "en"]), min_size=1, unique=True),
        min_size=3,
        max_size=6,
    ),
    entry_languages=st.lists(
        st.sampled_from(["ru", "kk", "en"]), min_size=1, max_size=8
    ),
    conflicts=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 7)), max_size=6),
    seed=st.integers(0, 3),
)
def test_assignment_run_respects_languages_and_conflicts(
    staff, languages, entry_languages, conflicts, seed
):
    with transaction.atomic():
        category = CategoryFactory()
        award = category.award
        round_ = RoundFactory(award=award, categories=[category], jurors_per_entry=2)
        jurors = [JurorFactory(award=award, languages=langs) for langs in languages]
        entries = [
            EligibleEntryFactory(category=category, language_id=code, outlet="")
            for code in entry_languages
        ]
        for juror_index, entry_index in conflicts:
            if juror_index < len(jurors) and entry_index < len(entries):
                Conflict.objects.get_or_create(
                    juror=jurors[juror_index],
                    entry=entries[entry_index],
                    defaults={"source": "staff", "reason": "r", "created_by": staff},
                )
        try:
            services.assignment_run(round=round_, actor=staff, seed=seed)
        except ValidationError:
            assert Assignment.objects.filter(round=round_).count() == 0
        else:
            rows = list(
                Assignment.objects.filter(round=round_).select_related("juror__user")
            )
            assert Counter(a.entry_id for a in rows) == {e.pk: 2 for e in entries}
            conflicted = set(Conflict.objects.values_list("juror_id", "entry_id"))
            for row in rows:
                assert (row.juror_id, row.entry_id) not in conflicted
                entry = next(e for e in entries if e.pk == row.entry_id)
                assert entry.language_id in {
                    lang.code for lang in row.juror.user.languages.all()
                }
        transaction.set_rollback(True)


@pytest.fixture
def setup(db, staff):
    category = CategoryFactory()
    award = category.award
    CriterionFactory(award=award)
    round_ = RoundFactory(award=award, categories=[category], jurors_per_entry=2)
    return award, category, round_


def test_infeasible_round_reports_each_entry_and_writes_nothing(setup, staff):
    award, category, round_ = setup
    JurorFactory(award=award, languages=["ru"])
    JurorFactory(award=award, languages=["ru"])
    fine = EligibleEntryFactory(category=category, language_id="ru", outlet="")
    kazakh = EligibleEntryFactory(category=category, language_id="kk", outlet="")
    with pytest.raises(ValidationError) as caught:
        services.assignment_run(round=round_, actor=staff)
    assert caught.value.messages == [
        f"{kazakh.reference} needs 2 jurors, 0 available: only 0 jurors read kk."
    ]
    assert not Assignment.objects.filter(round=round_).exists()
    assert fine.pk  # the feasible entry was not assigned either: all or nothing


def test_conflict_shortfall_is_named(setup, staff):
    award, category, round_ = setup
    owner = UserFactory()
    JurorFactory(award=award, user=owner)
    JurorFactory(award=award)
    entry = EligibleEntryFactory(category=category, owner=owner, outlet="")
    with pytest.raises(ValidationError) as caught:
        services.assignment_run(round=round_, actor=staff)
    assert caught.value.messages == [
        f"{entry.reference} needs 2 jurors, 1 available: "
        "1 of the 2 jurors who could judge it have a conflict."
    ]


def test_same_outlet_and_declared_relation_are_conflicts(setup):
    award, category, _round = setup
    relative = UserFactory()
    juror = JurorFactory(award=award, user=UserFactory(outlet="The Kloop.kg"))
    juror.related_people.add(relative)
    same_outlet = EligibleEntryFactory(category=category, outlet="KLOOP")
    related = EligibleEntryFactory(category=category, owner=relative, outlet="")
    other = EligibleEntryFactory(category=category, outlet="Vlast")
    found = selectors.conflict_map(
        jurors=[juror], entries=[same_outlet, related, other]
    )
    assert found == {
        (juror.pk, same_outlet.pk): "outlet",
        (juror.pk, related.pk): "relation",
    }


def test_rerun_keeps_submitted_sheets_and_is_deterministic(setup, staff):
    award, category, round_ = setup
    jurors = [JurorFactory(award=award) for _ in range(4)]
    entries = [EligibleEntryFactory(category=category, outlet="") for _ in range(6)]
    services.assignment_run(round=round_, actor=staff, seed=7)
    first = sorted(Assignment.objects.values_list("entry_id", "juror_id"))
    kept = Assignment.objects.filter(juror=jurors[0]).first()
    criterion = award.criteria.get()
    services.sheet_save(
        assignment=kept,
        actor=jurors[0].user,
        scores={criterion.pk: "7"},
        submit=True,
    )
    Assignment.objects.exclude(pk=kept.pk).delete()
    services.assignment_run(round=round_, actor=staff, seed=7)
    assert Assignment.objects.filter(pk=kept.pk).exists()
    assert Counter(Assignment.objects.values_list("entry_id", flat=True)) == {
        e.pk: 2 for e in entries
    }
    loads = Counter(Assignment.objects.values_list("juror_id", flat=True))
    assert max(loads.values()) - min(loads.values()) <= 1
    Assignment.objects.exclude(pk=kept.pk).delete()
    services.assignment_run(round=round_, actor=staff, seed=7)
    second = sorted(Assignment.objects.values_list("entry_id", "juror_id"))
    Assignment.objects.exclude(pk=kept.pk).delete()
    services.assignment_run(round=round_, actor=staff, seed=7)
    assert sorted(Assignment.objects.values_list("entry_id", "juror_id")) == second
    assert len(first) == 12
    assert AuditRecord.objects.filter(action="assign").count() == 4


def test_swap_is_conflict_checked(setup, staff):
    award, category, round_ = setup
    owner = UserFactory()
    a, b = JurorFactory(award=award), JurorFactory(award=award)
    conflicted = JurorFactory(award=award, user=owner)
    reads_kazakh_only = JurorFactory(award=award, languages=["kk"])
    EligibleEntryFactory(category=category, owner=owner, outlet="")
    services.assignment_run(round=round_, actor=staff)
    row = Assignment.objects.filter(juror=a).first()
    with pytest.raises(ValidationError, match="has a conflict"):
        services.assignment_swap(assignment=row, juror=conflicted, actor=staff)
    with pytest.raises(ValidationError, match="does not read"):
        services.assignment_swap(assignment=row, juror=reads_kazakh_only, actor=staff)
    with pytest.raises(ValidationError, match="already assigned"):
        services.assignment_swap(assignment=row, juror=b, actor=staff)
    services.juror_remove(juror=b, actor=staff)
    fresh = JurorFactory(award=award)
    swapped = services.assignment_swap(assignment=row, juror=fresh, actor=staff)
    assert swapped.juror_id == fresh.pk
