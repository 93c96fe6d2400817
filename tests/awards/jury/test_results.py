"""Results: raw and normalised scores against hand-computed values, ties, spread."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.jury import services
from awards.jury.selectors.results import round_results
from tests.awards.jury.helpers import jury_round, score
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_normalisation_matches_hand_computed_values():
    # Juror A is generous (8, 6, 4), B harsh (5, 4, 3), C extreme (–, 10, 2).
    # Overall mean 5.25, sd √6.1875 = 2.48747; A: mean 6 sd 1.63299; B: mean 4
    # sd 0.81650; C: mean 6 sd 4. E1 = 5.25 + 1.224745·2.48747 = 8.2965, etc.
    round_, _rubric, (a, b, c), (e1, e2, e3) = jury_round(disagreement_threshold=2)
    for juror, values in ((a, (8, 6, 4)), (b, (5, 4, 3))):
        for entry, value in zip((e1, e2, e3), values, strict=True):
            score(round_, juror, entry, value)
    score(round_, c, e2, 10)
    score(round_, c, e3, 2)
    results = round_results(round=round_)
    rows = {r.entry_id: r for r in results.entries}
    assert (rows[e1.pk].raw, rows[e1.pk].normalised, rows[e1.pk].spread) == (
        6.5,
        8.2965,
        1.5,
    )
    assert (rows[e2.pk].raw, rows[e2.pk].normalised, rows[e2.pk].spread) == (
        6.6667,
        6.0792,
        2.4944,
    )
    assert (rows[e3.pk].raw, rows[e3.pk].normalised, rows[e3.pk].spread) == (
        3.0,
        2.3898,
        0.8165,
    )
    # E2 has the higher raw mean, but E1 ranks first once harshness is removed.
    assert [(r.entry_id, r.rank) for r in results.entries] == [
        (e1.pk, 1),
        (e2.pk, 2),
        (e3.pk, 3),
    ]
    assert [r.sheets for r in results.entries] == [2, 3, 3]
    assert [r.is_disputed for r in results.entries] == [False, True, False]
    assert round(results.mean, 4) == 5.25
    assert round(results.sd, 4) == 2.4875
    by_juror = {s.juror_id: s for s in results.jurors}
    assert (by_juror[a.pk].mean, round(by_juror[a.pk].sd, 4)) == (6.0, 1.633)
    assert by_juror[c.pk].bins == {10: 1, 2: 1}


def test_ties_are_marked_not_broken():
    round_, _rubric, (a, b, _c), (e1, e2, e3) = jury_round()
    for juror in (a, b):
        score(round_, juror, e1, 7)
        score(round_, juror, e2, 7)
        score(round_, juror, e3, 3)
    results = round_results(round=round_)
    assert [(r.rank, r.is_tie) for r in results.entries] == [
        (1, True),
        (1, True),
        (3, False),
    ]


def test_weighted_total_uses_the_weights():
    round_, rubric, (a, *_), (e1, *_) = jury_round(criteria=2)
    rubric[0].weight = 3
    rubric[0].save()
    sheet = score(round_, a, e1, (8, 4), criteria=rubric)
    assert str(sheet.total) == "7.0000"  # (3·8 + 1·4) / 4


def test_removed_juror_sheets_are_kept_and_flagged():
    staff = UserFactory(is_staff=True, is_superuser=True)
    round_, _rubric, (a, b, _c), (e1, *_rest) = jury_round()
    score(round_, a, e1, 6)
    score(round_, b, e1, 8)
    services.juror_remove(juror=b, actor=staff)
    results = round_results(round=round_)
    row = results.entries[0]
    assert (row.sheets, row.raw, row.removed_sheets) == (2, 7.0, 1)
    assert [s.is_removed for s in results.jurors] == [False, True]


def test_results_run_a_fixed_number_of_queries():
    round_, _rubric, jurors, entries = jury_round(jurors=2, entries=1)
    score(round_, jurors[0], entries[0], 5)
    with CaptureQueriesContext(connection) as small:
        round_results(round=round_)
    round2, _rubric, jurors2, entries2 = jury_round(jurors=3, entries=6)
    for juror in jurors2:
        for n, entry in enumerate(entries2):
            score(round2, juror, entry, n)
    with CaptureQueriesContext(connection) as large:
        round_results(round=round2)
    assert len(small) == len(large) == 5


def test_a_round_without_sheets_has_empty_results():
    round_, _rubric, _jurors, _entries = jury_round()
    results = round_results(round=round_)
    assert (results.entries, results.jurors, results.mean) == ([], [], 0.0)
