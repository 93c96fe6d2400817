"""Staff entry list with 3,000 entries: queries and time per page. Juries: results
of a round (3,000 entries × 60 jurors × 5 sheets each × 6 criteria) as a ratio to
one raw SQL GROUP BY over the same sheets, and the assignment of the 3,000 entries
to 60 jurors with 300 conflicts (time, load spread, violations); then the same
entries to the same jurors from 5 countries with capacities, K = 2 juror countries
and own-country exclusion (issue 18; bench/awards_constraints.py).

Then the same at ten times the demo (issue 16): 30,000 entries × 300 jurors with
3,000 conflicts (150,000 assignments and sheets, 900,000 scores), each figure also
as its growth: time at 30,000 ÷ time at 3,000, measured in the same run. Set
BENCH_AWARDS_10X=0 to skip the 10× part (it adds a few minutes).

Each size runs in its own throw-away test database (created and destroyed here),
so `make bench` never touches the development data. Pages are fetched without
Django's test-time template instrumentation (which copies every template's
context for the test client, and is no part of what production renders).
"""

import datetime
import os
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass

from bench import Figure

RUNS = 5
PER_PAGE = 50
GROWTH_GOAL = "<= 10x (not super-linear)"


@dataclass(frozen=True)
class Size:
    entries: int
    jurors: int
    conflicts: int

    @property
    def owners(self) -> int:
        return self.entries // 3

    @property
    def label(self) -> str:
        return f"{self.entries}x{self.jurors}"

    @property
    def pages(self) -> tuple[int, int, int]:
        last = -(-self.entries // PER_PAGE)
        return 1, last // 2, last


DEMO = Size(entries=3000, jurors=60, conflicts=300)
TEN_X = Size(entries=30000, jurors=300, conflicts=3000)

# The results are one GROUP BY and a sort in the database, which grow as n log n
# (PostgreSQL 10.6x for 10x the sheets) or worse (SQLite's sort spills past its page
# cache): the results' growth is judged against the database's own, measured in the
# same run (the ratio to a raw GROUP BY at 10x over the same at 1x).
GROWTHS = {
    "results": (
        "growth",
        f"x the {DEMO.label} figure",
        "- (the database's GROUP BY and sort: see growth_vs_database)",
    ),
    "results_vs_database": (
        "growth_vs_database",
        "x the growth of a raw GROUP BY over the score table",
        "<= 1.2",
    ),
}


def ten_x_enabled() -> bool:
    return os.environ.get("BENCH_AWARDS_10X", "1") not in ("0", "", "no", "false")


def _populate(size: Size = DEMO) -> None:
    from django.utils import timezone

    from accounts.models import User
    from awards.models import Award, Category, Entry

    today = timezone.now().date()
    award = Award.objects.create(
        title="Bench Award",
        slug="bench",
        year=today.year,
        timezone="Asia/Almaty",
        opens_date=today - datetime.timedelta(days=30),
        closes_date=today + datetime.timedelta(days=30),
    )
    categories = [
        Category.objects.create(award=award, name=f"Category {n}", slug=f"c{n}")
        for n in range(6)
    ]
    owners = User.objects.bulk_create(
        [
            User(email=f"bench{n}@example.org", display_name=f"B {n}")
            for n in range(size.owners)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    Entry.objects.bulk_create(
        (
            Entry(
                category=categories[n % 6],
                owner=owners[n % size.owners],
                title=f"Entry {n}",
                summary="A summary.",
                country=("KZ", "UZ", "KG", "TJ", "TM")[n % 5],
                language_id=("ru", "kk", "uz", "ky", "tg", "tk", "en")[n % 7],
                published_on=today - datetime.timedelta(days=60),
                publication_urls=["https://example.org/x"],
                ai_use="none",
                licence="contact-outlet",
                declares_original_work=True,
                declares_right_to_submit=True,
                consents_to_publish=True,
                state="submitted",
                reference=f"QB-{n:06d}",
                submitted_at=now,
            )
            for n in range(size.entries)
        ),
        batch_size=1000,
    )
    _analyze()


def _analyze() -> None:
    """As autovacuum (or a deployment's ANALYZE) would after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code  # noqa: S101
        queries = len(captured)
    return statistics.median(times) * 1000, queries


def run() -> Iterator[Figure]:
    from django.test.utils import override_settings

    sizes = [DEMO, TEN_X] if ten_x_enabled() else [DEMO]
    baseline: dict[str, float] = {}
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        for size in sizes:
            for figure, key in _size_figures(size):
                yield figure
                if key is None:
                    continue
                if size is DEMO:
                    baseline[key] = figure.value
                elif key in baseline and baseline[key]:
                    name, unit, goal = GROWTHS.get(
                        key, ("growth", f"x the {DEMO.label} figure", GROWTH_GOAL)
                    )
                    yield Figure(
                        f"{figure.name.rsplit('.', 1)[0]}.{name}",
                        figure.value / baseline[key],
                        unit,
                        goal,
                    )


def _size_figures(size: Size) -> Iterator[tuple[Figure, str | None]]:
    """Every figure at one size, each with the key its growth is matched by
    (None: no growth figure)."""
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _populate(size)
        staff = User.objects.create_superuser(email="bench-staff@example.org")
        client = Client(SERVER_NAME="localhost")
        client.force_login(staff)
        client.get("/admin/award_entries/")  # warm up
        goal = "< 300 ms" if size is DEMO else "-"
        for place, page in zip(("first", "middle", "last"), size.pages, strict=True):
            ms, queries = _measure(client, f"/admin/award_entries/?p={page}")
            name = f"awards.entry_list_{size.entries}.page_{page}"
            yield Figure(f"{name}.time", ms, "ms", goal), f"list.{place}"
            yield (
                Figure(f"{name}.queries", queries, "queries", "the same on every page"),
                None,
            )
        ms, queries = _measure(
            client, "/admin/award_entries/?state=submitted&country=KZ&q=Entry+1"
        )
        yield (
            Figure(
                f"awards.entry_list_{size.entries}.filtered_search.time", ms, "ms", goal
            ),
            "list.search",
        )
        yield from _jury_figures(staff, size)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


PER_ENTRY = 5
CRITERIA = 6


def _jury_setup(staff, size: Size):
    """A round over the bench award: its jurors read ru, en and two more."""
    import random as _random

    from django.utils import timezone

    from accounts.models import Language, User
    from awards.jury.models import Conflict, Criterion, Juror, Round
    from awards.models import Award, Entry

    rng = _random.Random(3000)  # noqa: S311 - bench data
    award = Award.objects.get(slug="bench")
    Entry.objects.filter(category__award=award).update(state="eligible", outlet="")
    criteria = Criterion.objects.bulk_create(
        [
            Criterion(award=award, name=f"C{n}", weight=1 + n % 2)
            for n in range(CRITERIA)
        ]
    )
    now = timezone.now()
    round_ = Round.objects.create(
        award=award,
        name="Bench round",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=9),
        jurors_per_entry=PER_ENTRY,
        state="open",
    )
    round_.categories.set(award.categories.all())
    users = User.objects.bulk_create(
        [
            User(email=f"juror{n}@example.org", display_name=f"J {n}")
            for n in range(size.jurors)
        ]
    )
    regional = ["kk", "uz", "ky", "tg", "tk"]
    through = User.languages.through
    rows = []
    for n, user in enumerate(users):
        for code in ("ru", "en", regional[n % 5], regional[(n + 2) % 5]):
            rows.append(through(user_id=user.pk, language_id=code))
    through.objects.bulk_create(rows)
    jurors = Juror.objects.bulk_create(
        [
            Juror(
                award=award,
                email=user.email,
                user=user,
                token_hash=f"{n:064d}",
                invited_at=now,
                accepted_at=now,
            )
            for n, user in enumerate(users)
        ]
    )
    entry_ids = list(
        Entry.objects.filter(category__award=award).values_list("pk", flat=True)
    )
    pairs = set()
    while len(pairs) < size.conflicts:
        pairs.add((rng.choice(jurors).pk, rng.choice(entry_ids)))
    Conflict.objects.bulk_create(
        [
            Conflict(
                juror_id=j, entry_id=e, source="staff", reason="bench", created_by=staff
            )
            for j, e in pairs
        ]
    )
    assert Language.objects.filter(code__in=regional).count() == 5  # noqa: S101
    return round_, criteria


def _violations(round_) -> int:
    from collections import Counter

    from accounts.models import User
    from awards.jury.models import Assignment, Juror
    from awards.jury.selectors.conflicts import conflict_map
    from awards.jury.selectors.rounds import entries_for_round

    entries = list(entries_for_round(round_))
    jurors = list(Juror.objects.filter(award_id=round_.award_id))
    conflicted = conflict_map(jurors=jurors, entries=entries)
    reads = {}
    for user_id, code in User.languages.through.objects.values_list(
        "user_id", "language_id"
    ):
        reads.setdefault(user_id, set()).add(code)
    user_of = {j.pk: j.user_id for j in jurors}
    language = {e.pk: e.language_id for e in entries}
    rows = list(
        Assignment.objects.filter(round=round_).values_list("entry_id", "juror_id")
    )
    bad = sum(
        1
        for entry_id, juror_id in rows
        if (juror_id, entry_id) in conflicted
        or language[entry_id] not in reads.get(user_of[juror_id], set())
    )
    counts = Counter(entry_id for entry_id, _j in rows)
    bad += sum(1 for e in entries if counts[e.pk] != round_.jurors_per_entry)
    return bad


def _sheets(round_, criteria) -> None:
    """A submitted sheet for every assignment with a score per criterion, written
    by the database itself (INSERT … SELECT): 900,000 scores at the 10× size would
    take minutes as model instances. Scores are 0–10, spread by assignment, juror
    and criterion; each sheet's total is their weighted mean, as sheet_submit
    stores it."""
    from django.db import connection
    from django.utils import timezone

    from awards.jury.models import Assignment, Criterion, Score, ScoreSheet

    sheet = ScoreSheet._meta.db_table
    score = Score._meta.db_table
    assignment = Assignment._meta.db_table
    criterion = Criterion._meta.db_table
    ids = ", ".join(str(c.pk) for c in criteria)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {sheet} (assignment_id, total, comment, feedback, "  # noqa: S608 - table names from the models
            "feedback_edited, feedback_withheld, submitted_at, updated_at) "
            f"SELECT a.id, 0, '', '', '', %s, %s, %s FROM {assignment} a "
            "WHERE a.round_id = %s",
            [False, now, now, round_.pk],
        )
        cursor.execute(
            f"INSERT INTO {score} (sheet_id, criterion_id, value) "  # noqa: S608
            "SELECT s.id, c.id, (a.id * 7 + c.id * 13 + a.juror_id * 3) %% 11 "
            f"FROM {sheet} s JOIN {assignment} a ON a.id = s.assignment_id "
            f"CROSS JOIN {criterion} c WHERE a.round_id = %s AND c.id IN ({ids})",
            [round_.pk],
        )
        cursor.execute(
            f"UPDATE {sheet} SET total = (SELECT ROUND(SUM(v.value * c.weight) "  # noqa: S608
            f"* 1.0 / SUM(c.weight), 4) FROM {score} v JOIN {criterion} c "
            f"ON c.id = v.criterion_id WHERE v.sheet_id = {sheet}.id) "
            f"WHERE assignment_id IN (SELECT id FROM {assignment} WHERE round_id = %s)",
            [round_.pk],
        )


def _jury_figures(staff, size: Size) -> Iterator[tuple[Figure, str | None]]:
    from django.db import connection

    from awards.jury.models import Assignment
    from awards.jury.selectors.results import round_results
    from awards.jury.services import assignment

    round_, criteria = _jury_setup(staff, size)
    _analyze()
    start = time.perf_counter()
    plan = assignment.assignment_run(round=round_, actor=staff, seed=1)
    seconds = time.perf_counter() - start
    name = f"awards.assignment_{size.label}"
    yield Figure(f"{name}.time", seconds, "s", "< 60 s"), "assignment"
    yield Figure(f"{name}.load_spread", plan.spread, "entries", "<= 1"), None
    yield Figure(f"{name}.violations", _violations(round_), "violations", "0"), None
    _sheets(round_, criteria)
    _analyze()
    sheets = Assignment.objects.filter(round=round_).count()
    assert sheets == size.entries * PER_ENTRY  # noqa: S101
    # The baseline: one GROUP BY over the score table (one row per
    # criterion: 90,000 rows at 3,000 entries). A stricter one: the same over the
    # sheets' stored totals (15,000 rows), which is what the results actually read.
    baselines = {
        "scores": (
            "SELECT a.entry_id, AVG(c.value), COUNT(*) FROM awards_score c "
            "JOIN awards_scoresheet s ON s.id = c.sheet_id "
            "JOIN awards_assignment a ON a.id = s.assignment_id "
            "WHERE a.round_id = %s AND s.submitted_at IS NOT NULL GROUP BY a.entry_id"
        ),
        "sheets": (
            "SELECT a.entry_id, AVG(s.total), COUNT(*) FROM awards_scoresheet s "
            "JOIN awards_assignment a ON a.id = s.assignment_id "
            "WHERE a.round_id = %s AND s.submitted_at IS NOT NULL GROUP BY a.entry_id"
        ),
    }
    ours = []
    baseline = {name: [] for name in baselines}
    for _ in range(RUNS if size is DEMO else 3):
        for key, sql in baselines.items():
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, [round_.pk])
                rows = cursor.fetchall()
            baseline[key].append(time.perf_counter() - start)
            assert len(rows) == size.entries  # noqa: S101
        start = time.perf_counter()
        results = round_results(round=round_, with_bins=False)
        ours.append(time.perf_counter() - start)
    assert len(results.entries) == size.entries  # noqa: S101
    median = statistics.median(ours)
    name = f"awards.results_{size.label}"
    yield Figure(f"{name}.time", median * 1000, "ms", "-"), "results"
    yield (
        Figure(
            f"{name}.ratio",
            median / statistics.median(baseline["scores"]),
            "x raw GROUP BY over the score table",
            "<= 3",
        ),
        "results_vs_database",
    )
    yield (
        Figure(
            f"{name}.ratio_to_sheet_totals",
            median / statistics.median(baseline["sheets"]),
            "x raw GROUP BY over the sheet totals",
            "- (stricter baseline)",
        ),
        None,
    )
    if size is DEMO:
        from bench.awards_constraints import constrained_figures

        for figure in constrained_figures(staff):
            yield figure, None
