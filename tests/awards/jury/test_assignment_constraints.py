"""Assignment constraints a round sets: juror capacity, K juror countries per
entry, own-country exclusion; the solver against a brute-force oracle, then the
plan's reasons and the round's form."""

from collections import Counter
from itertools import combinations, product

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.jury import selectors, services
from awards.jury.models import Assignment
from awards.jury.selectors.assignment_flow import Unserved
from tests.awards.jury.test_assignment import load_cost
from tests.factories import (
    CategoryFactory,
    EligibleEntryFactory,
    JurorFactory,
    RoundFactory,
    UserFactory,
)

COUNTRIES = ["FR", "DE", "IT", ""]  # "": the juror's country is unknown


def holds(pairs, entries, eligible, k, countries, wanted, capacity) -> bool:
    """Every hard constraint, checked on a finished assignment."""
    per_entry: dict[int, list] = {e: [] for e in entries}
    for entry, juror in pairs:
        per_entry[entry].append(juror)
    loads = Counter(juror for _entry, juror in pairs)
    return (
        all(len(set(js)) == len(js) == k for js in per_entry.values())
        and all(j in eligible[e] for e, js in per_entry.items() for j in js)
        and all(
            wanted < 2 or len({countries[j] for j in js} - {""}) >= wanted
            for js in per_entry.values()
        )
        and all(capacity[j] is None or loads[j] <= capacity[j] for j in loads)
    )


def oracle(entries, jurors, eligible, k, countries, wanted, capacity, preference):
    """Brute force: the least load cost plus preference cost of any assignment
    meeting every constraint, or None if there is none."""
    best = None
    options = [list(combinations(sorted(eligible[e]), k)) for e in entries]
    for choice in product(*options):
        pairs = [(e, j) for e, js in zip(entries, choice, strict=True) for j in js]
        if not holds(pairs, entries, eligible, k, countries, wanted, capacity):
            continue
        loads = dict.fromkeys(jurors, 0)
        for _e, j in pairs:
            loads[j] += 1
        cost = load_cost(loads, len(pairs)) + wish_cost(pairs, preference)
        best = cost if best is None else min(best, cost)
    return best


def wish_cost(pairs, preference) -> int:
    return sum(preference.get(e, {}).get(j, 0) for e, j in pairs)


@st.composite
def constrained_instances(draw):
    jurors = list(range(1, draw(st.integers(2, 5)) + 1))
    k = draw(st.integers(1, min(3, len(jurors))))
    wanted = draw(st.integers(1, k))
    countries = {j: draw(st.sampled_from(COUNTRIES)) for j in jurors}
    capacity = {j: draw(st.none() | st.integers(1, 4)) for j in jurors}
    pool_count = draw(st.integers(1, 2))
    pools = [
        draw(st.lists(st.sampled_from(jurors), min_size=k, unique=True))
        for _ in range(pool_count)
    ]
    entries = list(range(100, 100 + draw(st.integers(1, 4))))
    eligible, pool_of = {}, {}
    for entry in entries:
        pool = draw(st.integers(0, pool_count - 1))
        barred = draw(st.lists(st.sampled_from(pools[pool]), max_size=1))
        free = [j for j in pools[pool] if j not in barred]
        eligible[entry] = free if len(free) >= k else pools[pool]
        pool_of[entry] = pool
    use_pools = draw(st.booleans())
    # Bids as plan() prices them: eager 0, willing (or none) 2, not 20.
    preference = {
        e: {j: draw(st.sampled_from((0, 2, 20))) for j in eligible[e]}
        for e in entries
        if draw(st.booleans())
    }
    return (
        entries,
        jurors,
        eligible,
        k,
        countries,
        wanted,
        capacity,
        pool_of if use_pools else None,
        preference,
        draw(st.integers(0, 3)),
    )


@settings(max_examples=300, deadline=None)
@given(constrained_instances())
def test_solve_with_constraints_matches_the_brute_force_oracle(instance):
    (entries, jurors, eligible, k, countries, wanted, capacity, pools, wishes, seed) = (
        instance
    )
    best = oracle(entries, jurors, eligible, k, countries, wanted, capacity, wishes)
    arguments = {
        "entries": [(e, str(e)) for e in entries],
        "jurors": jurors,
        "eligible": eligible,
        "k": k,
        "seed": seed,
        "pools": pools,
        "countries": countries,
        "min_countries": wanted,
        "capacity": capacity,
        "preference": wishes,
    }
    if best is None:
        with pytest.raises(Unserved):
            selectors.solve(**arguments)
        return
    pairs, loads = selectors.solve(**arguments)
    assert holds(pairs, entries, eligible, k, countries, wanted, capacity)
    assert load_cost(loads, len(pairs)) + wish_cost(pairs, wishes) == best
    again, _loads = selectors.solve(**arguments)
    assert sorted(again) == sorted(pairs)


def test_k_countries_equal_to_k_gives_each_entry_one_juror_per_country():
    countries = {1: "FR", 2: "FR", 3: "DE", 4: "DE"}
    pairs, loads = selectors.solve(
        entries=[(e, str(e)) for e in (10, 11, 12, 13)],
        jurors=[1, 2, 3, 4],
        eligible={e: [1, 2, 3, 4] for e in (10, 11, 12, 13)},
        k=2,
        countries=countries,
        min_countries=2,
    )
    for entry in (10, 11, 12, 13):
        assert sorted(countries[j] for e, j in pairs if e == entry) == ["DE", "FR"]
    assert loads == {1: 2, 2: 2, 3: 2, 4: 2}


def test_jurors_without_a_country_never_count_towards_k():
    with pytest.raises(Unserved) as raised:
        selectors.solve(
            entries=[(10, "10")],
            jurors=[1, 2, 3],
            eligible={10: [1, 2, 3]},
            k=2,
            countries={1: "FR", 2: "", 3: ""},
            min_countries=2,
        )
    assert raised.value.groups == [([10], 1, 0)]


def test_capacity_is_a_hard_cap_and_a_full_jury_is_unserved():
    pairs, loads = selectors.solve(
        entries=[(e, str(e)) for e in (10, 11, 12)],
        jurors=[1, 2],
        eligible={e: [1, 2] for e in (10, 11, 12)},
        k=1,
        capacity={1: 1, 2: None},
    )
    assert loads == {1: 1, 2: 2}
    with pytest.raises(Unserved) as raised:
        selectors.solve(
            entries=[(e, str(e)) for e in (10, 11, 12)],
            jurors=[1, 2],
            eligible={e: [1, 2] for e in (10, 11, 12)},
            k=1,
            capacity={1: 1, 2: 1},
        )
    assert raised.value.groups == [([10, 11, 12], 0, 1)]


# --- the plan on a round -------------------------------------------------------


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _juror(round_, country, **kwargs):
    return JurorFactory(award=round_.award, user__country=country, **kwargs)


def _round(**kwargs):
    category = CategoryFactory()
    round_ = RoundFactory(award=category.award, jurors_per_entry=2, **kwargs)
    round_.categories.add(category)
    return round_, category


def test_plan_excludes_own_country_and_mixes_countries(staff):
    round_, category = _round(min_juror_countries=2, exclude_own_country=True)
    jurors = [_juror(round_, c) for c in ("FR", "FR", "DE", "DE", "IT", "IT")]
    entries = [
        EligibleEntryFactory(category=category, country=c)
        for c in ("FR", "DE", "IT", "FR")
    ]
    country_of = {j.pk: str(j.user.country) for j in jurors}
    services.assignment_run(round=round_, actor=staff)
    for entry in entries:
        got = [
            country_of[juror_id]
            for juror_id in Assignment.objects.filter(
                round=round_, entry=entry
            ).values_list("juror_id", flat=True)
        ]
        assert len(got) == 2
        assert len(set(got)) == 2
        assert str(entry.country) not in got


def test_plan_names_the_own_country_exclusion(staff):
    round_, category = _round(exclude_own_country=True)
    for country in ("FR", "FR", "DE"):
        _juror(round_, country)
    EligibleEntryFactory(category=category, country="FR")
    result = selectors.plan(round=round_)
    assert [s.reason for s in result.shortfalls] == [
        "own-country exclusion leaves 1 eligible jurors"
    ]


def test_plan_names_too_few_juror_countries(staff):
    round_, category = _round(min_juror_countries=2)
    for country in ("FR", "FR", ""):
        _juror(round_, country)
    EligibleEntryFactory(category=category, country="DE")
    result = selectors.plan(round=round_)
    assert [s.reason for s in result.shortfalls] == [
        "only 1 juror countries are eligible (needs 2)"
    ]


def test_plan_names_full_capacities_and_writes_nothing(staff):
    round_, category = _round()
    _juror(round_, "FR", max_entries=1)
    _juror(round_, "DE", max_entries=1)
    _juror(round_, "IT", max_entries=1)
    EligibleEntryFactory(category=category)
    EligibleEntryFactory(category=category)
    with pytest.raises(ValidationError) as raised:
        services.assignment_run(round=round_, actor=staff)
    assert "jurors' capacities are full" in str(raised.value)
    assert not Assignment.objects.filter(round=round_).exists()


def test_round_refuses_more_countries_than_jurors(db):
    round_, _category = _round()
    round_.min_juror_countries = 3
    with pytest.raises(ValidationError) as raised:
        round_.full_clean()
    assert raised.value.message_dict["min_juror_countries"] == [
        "An entry has 2 jurors, so they cannot come from 3 countries."
    ]


def test_juror_capacity_zero_is_refused(db):
    round_, _category = _round()
    juror = _juror(round_, "FR", max_entries=1)
    juror.max_entries = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        juror.save()
    with pytest.raises(ValidationError) as raised:
        juror.full_clean()
    assert raised.value.message_dict["max_entries"] == [
        "A juror judges at least one entry: leave it empty for no limit, or "
        "remove the juror from the jury."
    ]


def test_the_round_form_refuses_more_countries_than_jurors(client, staff):
    round_, category = _round()
    client.force_login(staff)
    data = {
        "award": round_.award_id,
        "name": round_.name,
        "kind": round_.kind,
        "position": round_.position,
        "categories": [category.pk],
        "opens_at": round_.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": round_.closes_at.strftime("%Y-%m-%d %H:%M"),
        "jurors_per_entry": 2,
        "min_juror_countries": 3,
        "exclude_own_country": "on",
        "expertise_weight": 0,
        "is_blind": "on",
        "score_visibility": round_.score_visibility,
        "disagreement_threshold": "2.00",
    }
    url = reverse("award_rounds:edit", args=[round_.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["min_juror_countries"] == [
        "An entry has 2 jurors, so they cannot come from 3 countries."
    ]
    response = client.post(url, {**data, "min_juror_countries": 2})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.min_juror_countries, round_.exclude_own_country) == (2, True)


# --- results: each entry's juror countries and whether the constraints held ----


def test_results_show_juror_countries_and_a_broken_constraint(client, staff):
    round_, category = _round(min_juror_countries=2, exclude_own_country=True)
    fr, _fr2, de, _de2, it, _it2 = (
        _juror(round_, c) for c in ("FR", "FR", "DE", "DE", "IT", "IT")
    )
    entry = EligibleEntryFactory(category=category, country="FR")
    services.assignment_run(round=round_, actor=staff)
    checks = selectors.round_constraint_checks(round=round_)
    assert [(c.entry_id, c.all_hold) for c in checks] == [(entry.pk, True)]
    assert sorted(set(checks[0].countries)) == ["DE", "IT"]
    # Staff replace both jurors by French ones, by hand: two rules break.
    Assignment.objects.filter(round=round_).delete()
    Assignment.objects.create(round=round_, entry=entry, juror=fr)
    Assignment.objects.create(round=round_, entry=entry, juror=_fr2)
    check = selectors.round_constraint_checks(round=round_)[0]
    assert check.countries == ["FR", "FR"]
    assert (
        check.has_enough_jurors,
        check.has_enough_countries,
        check.has_no_own_country,
        check.has_jurors_within_capacity,
    ) == (True, False, False, True)
    client.force_login(staff)
    html = client.get(reverse("award_rounds:results", args=[round_.pk])).content
    html = html.decode()
    assert "1 entry breaks a constraint." in html
    assert "<td>FR, FR</td>" in html
    assert "too few juror countries" in html
    assert "a juror from its own country" in html
    assert de.pk and it.pk


def test_constraint_checks_run_a_fixed_number_of_queries(staff):
    round_, category = _round()
    jurors = [_juror(round_, c, max_entries=30) for c in ("FR", "DE", "")]
    EligibleEntryFactory(category=category)
    services.assignment_run(round=round_, actor=staff)
    with CaptureQueriesContext(connection) as small:
        selectors.round_constraint_checks(round=round_)
    for _ in range(19):
        EligibleEntryFactory(category=category)
    services.assignment_run(round=round_, actor=staff)
    with CaptureQueriesContext(connection) as large:
        checks = selectors.round_constraint_checks(round=round_)
    assert len(small) == len(large) == 3
    assert len(checks) == 20
    assert all(c.all_hold for c in checks)
    assert {"", "DE", "FR"} >= {c for check in checks for c in check.countries}
    assert len(jurors) == 3


def test_kept_jurors_count_towards_countries_and_capacity():
    countries = {1: "FR", 2: "FR", 3: "DE"}
    # Entry 10 keeps a French juror: its second must be German; juror 3 has
    # room for one more entry only (capacity 2, one kept).
    pairs, loads = selectors.solve(
        entries=[(10, "10"), (11, "11")],
        jurors=[1, 2, 3],
        eligible={10: [1, 2, 3], 11: [1, 2, 3]},
        k=2,
        kept=[(10, 1), (11, 3)],
        countries=countries,
        min_countries=2,
        capacity={1: None, 2: None, 3: 2},
    )
    (first, second) = sorted(pairs)
    assert first == (10, 3)
    assert second in {(11, 1), (11, 2)}
    assert loads[3] == 2


def test_a_swap_keeps_the_rounds_constraints(staff):
    """Staff swaps obey what the plan obeys: no juror from the entry's country,
    none past capacity, no swap that leaves too few countries."""
    round_, category = _round(min_juror_countries=2, exclude_own_country=True)
    fr, de = _juror(round_, "FR"), _juror(round_, "DE")
    entry = EligibleEntryFactory(category=category, country="KZ")
    busy = EligibleEntryFactory(category=category, country="KZ")
    Assignment.objects.create(round=round_, entry=entry, juror=fr)
    row = Assignment.objects.create(round=round_, entry=entry, juror=de)
    kazakh = _juror(round_, "KZ")
    with pytest.raises(ValidationError, match="their own country"):
        services.assignment_swap(assignment=row, juror=kazakh, actor=staff)
    full = _juror(round_, "IT", max_entries=1)
    Assignment.objects.create(round=round_, entry=busy, juror=full)
    with pytest.raises(ValidationError, match="no capacity left"):
        services.assignment_swap(assignment=row, juror=full, actor=staff)
    with pytest.raises(ValidationError, match="fewer than 2 countries"):
        services.assignment_swap(
            assignment=row, juror=_juror(round_, "FR"), actor=staff
        )
    services.assignment_swap(assignment=row, juror=_juror(round_, "IT"), actor=staff)
    row.refresh_from_db()
    assert str(row.juror.user.country) == "IT"
