"""The national-bias report's statistics: planted bias is found, noise is not
called bias, the same seed gives the same answer; the report read from a round,
and the results' optional removal of jurors' own-country effect."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.jury.selectors.bias import (
    MIN_ENTRIES,
    Sheet,
    bias_report,
    country_bias,
    juror_effects,
    own_country_effects,
    permutation_test,
)
from awards.jury.selectors.results import round_results
from tests.awards.jury.helpers import jury_round, score
from tests.factories import EligibleEntryFactory, JurorFactory

COUNTRIES = ("KZ", "KG", "UZ")


def simulated_round(seed, *, bias=0.0, countries=COUNTRIES, entries=60):
    """12 jurors evenly from `countries`, `entries` entries evenly from the same,
    4 random jurors per entry; a score is the entry's worth plus noise, plus
    `bias` when a KZ juror scores a KZ entry."""
    rng = random.Random(seed)  # noqa: S311 -- simulated scores
    panel = [(j, countries[j % len(countries)]) for j in range(12)]
    sheets = []
    for entry in range(entries):
        country = countries[entry % len(countries)]
        worth = rng.gauss(5, 1.5)
        for juror, juror_country in rng.sample(panel, 4):
            extra = bias if juror_country == country == "KZ" else 0.0
            value = worth + rng.gauss(0, 1) + extra
            sheets.append(Sheet(juror, juror_country, entry, country, value))
    return sheets


def test_planted_bias_is_detected():
    line = country_bias("KZ", simulated_round(1, bias=2))
    assert line.is_enough_data
    assert line.is_biased
    assert line.p_value < 0.05
    assert 1.2 < line.difference < 2.8
    assert line.jurors == 4


@pytest.mark.parametrize("seed", range(10))
def test_planted_bias_is_detected_in_every_seed(seed):
    assert country_bias("KZ", simulated_round(seed, bias=2)).is_biased


def test_no_bias_is_not_flagged_in_most_seeds():
    flagged = [
        country_bias("KZ", simulated_round(seed)).is_biased for seed in range(40)
    ]
    # At the 5 % level about 2 of 40; at least 90 % must pass.
    assert sum(flagged) <= 4


def test_one_countrys_bias_does_not_flag_its_neighbours():
    flagged = [
        country_bias(country, simulated_round(seed, bias=2)).is_biased
        for seed in range(20)
        for country in ("KG", "UZ")
    ]
    assert sum(flagged) <= 4  # of 40 lines, as for no bias at all


def test_the_same_seed_gives_the_same_p_value():
    sheets = simulated_round(7, bias=0.5)
    first = country_bias("KZ", sheets, seed=3)
    again = country_bias("KZ", sheets, seed=3)
    other_seed = country_bias("KZ", sheets, seed=4)
    assert (first.difference, first.p_value) == (again.difference, again.p_value)
    assert first.difference == other_seed.difference
    assert abs(first.p_value - other_seed.p_value) < 0.05


def test_permutation_test_matches_a_hand_count():
    # Own 4.5 against 3 and −3: of the 3 ways to pick one "own" value, 4.5 (4.5)
    # and −3 (−6.75) are at least as far from zero, 3 (2.25) is not: p → 2/3.
    difference, p = permutation_test([4.5], [3.0, -3.0], permutations=20000)
    assert difference == 4.5
    assert abs(p - 2 / 3) < 0.02


def test_permutation_test_needs_both_sides():
    assert permutation_test([], [1.0, 2.0]) == (None, None)


def test_too_few_entries_are_never_flagged():
    # 9 entries: 3 from KZ, below the minimum, however strong the bias.
    line = country_bias("KZ", simulated_round(1, bias=6, entries=9))
    assert line.own_entries < MIN_ENTRIES
    assert (line.is_enough_data, line.is_biased) == (False, False)


def test_with_two_countries_there_is_no_neutral_juror():
    line = country_bias("KZ", simulated_round(1, bias=2, countries=("KZ", "KG")))
    assert line.other_entries == 0
    assert (line.difference, line.is_biased) == (None, False)


def test_juror_effects_compare_with_neutral_jurors():
    sheets = [
        Sheet(1, "KZ", 10, "KZ", 8.0),
        Sheet(2, "KG", 10, "KZ", 2.0),
        Sheet(3, "UZ", 10, "KZ", 5.0),
        Sheet(1, "KZ", 11, "KG", 5.0),
        Sheet(2, "KG", 11, "KG", 8.0),
        Sheet(3, "UZ", 11, "KG", 2.0),
        Sheet(1, "KZ", 12, "UZ", 2.0),
        Sheet(2, "KG", 12, "UZ", 5.0),
        Sheet(3, "UZ", 12, "UZ", 8.0),
    ]
    # Juror 1 on entry 10: 8 − mean(2, 5) = 4.5; on 11: 5 − 2 (juror 3 only, as
    # juror 2 is from KG) = 3; on 12: 2 − 5 = −3. Effect 4.5 − 0 = 4.5.
    assert juror_effects(sheets) == {1: ("KZ", 4.5), 2: ("KG", 4.5), 3: ("UZ", 4.5)}


# --- from the database ----------------------------------------------------------------


def three_country_round(values, entry_countries=COUNTRIES):
    """An open round with jurors A (KZ), B (KG), C (UZ) and entries from
    `entry_countries` (K, G, U: one from each); `values` maps juror letter → their
    scores of the entries."""
    round_, _rubric, _jurors, _entries = jury_round(jurors=0, entries=0)
    category = round_.categories.get()
    jurors = {
        letter: JurorFactory(award=round_.award, user__country=country)
        for letter, country in zip("ABC", COUNTRIES, strict=True)
    }
    entries = [
        EligibleEntryFactory(category=category, outlet="", country=country)
        for country in entry_countries
    ]
    for letter, scores in values.items():
        for entry, value in zip(entries, scores, strict=True):
            score(round_, jurors[letter], entry, value)
    return round_, jurors, entries


@pytest.mark.django_db
def test_bias_report_reads_a_round():
    # Every juror gives 8, 5 and 2, so normalised totals equal raw ones.
    round_, jurors, _entries = three_country_round(
        {"A": (8, 5, 2), "B": (2, 8, 5), "C": (5, 2, 8)}
    )
    report = bias_report(round=round_)
    assert [line.country for line in report] == ["KG", "KZ", "UZ"]
    kz = report[1]
    assert (kz.country_name, kz.jurors, kz.own_scores, kz.other_scores) == (
        "Kazakhstan",
        1,
        1,
        2,
    )
    assert (kz.own_entries, kz.other_entries) == (1, 2)
    assert kz.difference == pytest.approx(4.5)
    assert abs(kz.p_value - 2 / 3) < 0.05
    assert (kz.is_enough_data, kz.is_biased) == (False, False)


@pytest.mark.django_db
def test_bias_report_without_countries_or_sheets_is_empty():
    round_, _rubric, jurors, entries = jury_round(jurors=2, entries=2)
    assert bias_report(round=round_) == []
    for juror in jurors:
        for entry in entries:
            score(round_, juror, entry, 5)
    assert bias_report(round=round_) == []  # jurors have no country


@pytest.mark.django_db
def test_bias_report_runs_one_query_whatever_the_size():
    small, _j, _e = three_country_round({"A": (8, 5, 2)})
    with CaptureQueriesContext(connection) as few:
        bias_report(round=small, permutations=10)
    large, _j, entries = three_country_round(
        {"A": (8, 5, 2), "B": (2, 8, 5), "C": (5, 2, 8)}
    )
    for n in range(6):
        extra = JurorFactory(award=large.award, user__country=COUNTRIES[n % 3])
        for value, entry in enumerate(entries):
            score(large, extra, entry, value + n)
    with CaptureQueriesContext(connection) as many:
        bias_report(round=large, permutations=10)
    assert len(few) == len(many) == 1


@pytest.mark.django_db
def test_removing_own_country_effect_changes_the_ranking():
    # Entries K (KZ), G (KG), U (UZ), G2 (KG). A (KZ) gives K their top score
    # where the neutral B and C are lukewarm; B and C barely favour their own.
    round_, jurors, (k, g, u, g2) = three_country_round(
        {"A": (8, 2, 3, 5), "B": (5, 9, 10, 3), "C": (7, 6, 7, 7)},
        entry_countries=("KZ", "KG", "UZ", "KG"),
    )
    before = {r.entry_id: r for r in round_results(round=round_).entries}
    ranks = [(e.pk, before[e.pk].rank) for e in (k, u, g2, g)]
    assert ranks == [(k.pk, 1), (u.pk, 2), (g2.pk, 3), (g.pk, 4)]
    effects = own_country_effects(round_)
    assert effects[jurors["A"].pk][0] == "KZ"
    assert effects[jurors["A"].pk][1] == pytest.approx(4.874, abs=1e-3)
    assert abs(effects[jurors["B"].pk][1]) < 0.2
    assert abs(effects[jurors["C"].pk][1]) < 0.1
    round_.results_remove_own_country = True
    round_.save()
    with CaptureQueriesContext(connection) as queries:
        after = {r.entry_id: r for r in round_results(round=round_).entries}
    assert len(queries) == 6  # the effects' one query on top of the results' 5
    ranks = [(e.pk, after[e.pk].rank) for e in (u, g2, k, g)]
    assert ranks == [(u.pk, 1), (g2.pk, 2), (k.pk, 3), (g.pk, 4)]
    assert (before[k.pk].normalised, after[k.pk].normalised) == (7.1849, 5.5602)
    # K loses A's effect on one of its three sheets; raw means are untouched.
    drop = before[k.pk].normalised - after[k.pk].normalised
    assert drop == pytest.approx(effects[jurors["A"].pk][1] / 3, abs=2e-4)
    assert after[k.pk].raw == before[k.pk].raw
