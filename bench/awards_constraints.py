"""The cross-border assignment (issue 18): the bench award's 3,000 entries (from 5
countries) to its 60 jurors, now from the same 5 countries, with each juror's
capacity, K = 2 juror countries per entry and own-country exclusion, through the
whole service (plan() reads the database, the flow solves, the rows are written).
Violations are counted by reading the written rows back, independently of the
solver. Called by bench_awards.py inside its throw-away database, after the plain
jury figures (their 300 conflicts still apply)."""

import datetime
import time
from collections import Counter
from collections.abc import Iterator

from bench import Figure

COUNTRIES = ("KZ", "UZ", "KG", "TJ", "TM")  # the bench entries' countries
PER_ENTRY = 5
MIN_COUNTRIES = 2


def constrained_figures(staff) -> Iterator[Figure]:
    from awards.jury.services import assignment

    round_ = _setup()
    start = time.perf_counter()
    plan = assignment.assignment_run(round=round_, actor=staff, seed=1)
    seconds = time.perf_counter() - start
    name = "awards.assignment_3000x60_k2_own_country_capacity"
    yield Figure(f"{name}.time", seconds, "s", "< 10 s")
    yield Figure(f"{name}.violations", _violations(round_), "violations", "0")
    yield Figure(f"{name}.load_spread", plan.spread, "entries", "-")


def _setup():
    """A second round over the same entries; jurors get a country that does not
    follow their regional languages (juror n: country n // 5 mod 5), a capacity of
    280 (every tenth: 150; the mean load is 250)."""
    from django.utils import timezone

    from accounts.models import User
    from awards.jury.models import Juror, Round
    from awards.models import Award, Entry

    award = Award.objects.get(slug="bench")
    now = timezone.now()
    Entry.objects.filter(category__award=award).update(state="shortlisted")
    round_ = Round.objects.create(
        award=award,
        name="Bench cross-border round",
        position=2,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=9),
        jurors_per_entry=PER_ENTRY,
        min_juror_countries=MIN_COUNTRIES,
        exclude_own_country=True,
        state="open",
    )
    round_.categories.set(award.categories.all())
    jurors = list(Juror.objects.filter(award=award).order_by("pk"))
    for n, juror in enumerate(jurors):
        juror.max_entries = 150 if n % 10 == 9 else 280
        User.objects.filter(pk=juror.user_id).update(country=COUNTRIES[n // 5 % 5])
    Juror.objects.bulk_update(jurors, ["max_entries"])
    return round_


def _violations(round_) -> int:
    """Every broken rule, counted on the written rows: a conflict, a language the
    juror does not read, a juror from the entry's country, fewer than K juror
    countries or not k jurors on an entry, a juror over capacity."""
    from accounts.models import User
    from awards.jury.models import Assignment, Juror
    from awards.jury.selectors.conflicts import conflict_map
    from awards.jury.selectors.rounds import entries_for_round

    entries = {e.pk: e for e in entries_for_round(round_)}
    jurors = {j.pk: j for j in Juror.objects.filter(award_id=round_.award_id)}
    country = dict(User.objects.values_list("pk", "country"))
    conflicted = conflict_map(
        jurors=list(jurors.values()), entries=list(entries.values())
    )
    reads: dict[int, set] = {}
    for user_id, code in User.languages.through.objects.values_list(
        "user_id", "language_id"
    ):
        reads.setdefault(user_id, set()).add(code)
    rows = list(
        Assignment.objects.filter(round=round_).values_list("entry_id", "juror_id")
    )
    bad = 0
    countries_of: dict[int, set] = {}
    for entry_id, juror_id in rows:
        entry, user_id = entries[entry_id], jurors[juror_id].user_id
        bad += (juror_id, entry_id) in conflicted
        bad += entry.language_id not in reads.get(user_id, set())
        bad += str(country[user_id]) == str(entry.country)
        countries_of.setdefault(entry_id, set()).add(str(country[user_id]))
    counts = Counter(entry_id for entry_id, _j in rows)
    bad += sum(counts[e] != PER_ENTRY for e in entries)
    bad += sum(len(countries_of.get(e, set())) < MIN_COUNTRIES for e in entries)
    loads = Counter(juror_id for _e, juror_id in rows)
    bad += sum(loads[j] > jurors[j].max_entries for j in loads)
    return bad
