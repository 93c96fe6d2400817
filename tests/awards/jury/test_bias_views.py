"""The national-bias report's screen and exports, and the results' notice of the
own-country option."""

import csv
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from awards.jury.selectors.bias import bias_report
from tests.awards.jury.helpers import jury_round, score
from tests.factories import EligibleEntryFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db

COUNTRIES = ("KZ", "KG", "UZ")


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def biased_round(*, jurors_per_country=2, entries_per_country=5, bias=3):
    """Every juror scores every entry: its worth plus noise, plus `bias` when a
    KZ juror scores a KZ entry (scores 0–10, whole points)."""
    round_, _rubric, _jurors, _entries = jury_round(jurors=0, entries=0)
    category = round_.categories.get()
    rng = random.Random(5)  # noqa: S311 -- simulated scores
    jurors = [
        JurorFactory(award=round_.award, user__country=country)
        for country in COUNTRIES
        for _ in range(jurors_per_country)
    ]
    entries = [
        (EligibleEntryFactory(category=category, outlet="", country=c), rng.gauss(5, 1))
        for c in COUNTRIES
        for _ in range(entries_per_country)
    ]
    for juror in jurors:
        country = juror.user.country.code
        for entry, worth in entries:
            extra = bias if country == entry.country.code == "KZ" else 0
            value = round(worth + rng.gauss(0, 0.7) + extra)
            score(round_, juror, entry, min(max(value, 0), 10))
    return round_


def test_the_report_shows_a_chart_and_a_table_with_every_number(client, staff):
    round_ = biased_round()
    report = {line.country: line for line in bias_report(round=round_)}
    kz = report["KZ"]
    assert kz.is_biased
    page = client.get(reverse("award_rounds:bias", args=[round_.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg role="img" aria-label="Mean difference own − other' in html
    assert f"Kazakhstan (KZ): {round(kz.difference, 4)}" in html
    row = (
        f'<th scope="row">Kazakhstan (KZ)</th>\n            <td>2</td>'
        f"<td>{kz.own_scores}</td><td>{kz.other_scores}</td><td>5</td><td>10</td>"
        f"\n            <td>{kz.difference:.4f}</td><td>{kz.p_value:.4f}</td>"
        "\n            <td><strong>bias: own-country entries scored differently"
    )
    assert row in html
    assert (kz.own_scores, kz.other_scores) == (10, 20)
    assert "no evidence of bias" in html  # KG and UZ
    assert reverse("award_rounds:bias_export", args=[round_.pk, "csv"]) in html


def test_the_report_without_countries_says_so(client, staff):
    round_, _rubric, jurors, entries = jury_round(jurors=2, entries=2)
    score(round_, jurors[0], entries[0], 5)
    html = client.get(reverse("award_rounds:bias", args=[round_.pk])).content.decode()
    assert "Nothing to report" in html
    assert 'role="img"' not in html
    assert "bias_export" not in html and ".csv" not in html


def test_the_exports_carry_the_table(client, staff):
    round_ = biased_round()
    kz = {line.country: line for line in bias_report(round=round_)}["KZ"]
    answer = client.get(reverse("award_rounds:bias_export", args=[round_.pk, "csv"]))
    assert answer["Content-Disposition"] == (
        f'attachment; filename="round-{round_.pk}-national-bias.csv"'
    )
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Juror country",
        "Jurors",
        "Own-country scores",
        "Other-country scores",
        "Own-country entries compared",
        "Other-country entries compared",
        "Mean difference (own − other)",
        "p-value",
        "Verdict",
    ]
    assert [r[0] for r in rows[1:]] == [
        "Kyrgyzstan (KG)",
        "Kazakhstan (KZ)",
        "Uzbekistan (UZ)",
    ]
    assert rows[2] == [
        "Kazakhstan (KZ)",
        "2",
        "10",
        "20",
        "5",
        "10",
        str(round(kz.difference, 4)),
        str(round(kz.p_value, 4)),
        "bias: own-country entries scored differently",
    ]
    answer = client.get(reverse("award_rounds:bias_export", args=[round_.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(answer.content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "national bias"
    assert cells[0] == rows[0]
    assert cells[2][:6] == ["Kazakhstan (KZ)", 2, 10, 20, 5, 10]
    assert cells[2][6:8] == [round(kz.difference, 4), round(kz.p_value, 4)]


def test_the_report_page_runs_the_same_queries_for_more_jurors(client, staff):
    def count(round_):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("award_rounds:bias", args=[round_.pk]))
        assert page.status_code == 200
        return len(queries)

    small = biased_round(jurors_per_country=1, entries_per_country=2)
    large = biased_round(jurors_per_country=3, entries_per_country=3)
    assert count(small) == count(large)


def test_the_results_say_when_own_country_effects_are_removed(client, staff):
    round_, _rubric, _jurors, _entries = jury_round()
    url = reverse("award_rounds:results", args=[round_.pk])
    notice = "own-country effect is removed"
    html = client.get(url).content.decode()
    assert notice not in html
    assert reverse("award_rounds:bias", args=[round_.pk]) in html
    round_.results_remove_own_country = True
    round_.save()
    assert notice in client.get(url).content.decode()


def test_too_little_data_is_said_not_flagged(client, staff):
    round_ = biased_round(jurors_per_country=1, entries_per_country=2, bias=6)
    html = client.get(reverse("award_rounds:bias", args=[round_.pk])).content.decode()
    assert html.count("<td>too little data</td>") == 3
    assert "<strong>bias" not in html
    assert 'role="img"' in html


def test_the_chart_draws_negative_bars_left_of_zero():
    from awards.jury.admin_bias import bias_chart
    from awards.jury.selectors.bias import country_bias

    lines = [country_bias("KZ", []), country_bias("KG", [])]
    lines[0].difference, lines[1].difference = -2.0, 1.0
    chart = bias_chart(lines)
    left, right = chart["bars"]
    assert chart["zero"] == 380
    assert (left["x"], left["width"], left["anchor"]) == (224.0, 156.0, "end")
    assert (right["x"], right["width"], right["anchor"]) == (380, 78.0, "start")
    assert left["value_x"] == 220.0 and right["value_x"] == 462.0
