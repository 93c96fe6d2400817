"""Staff entry list with 3,000 entries: queries and time per page. Juries: results
of a round (3,000 entries × 60 jurors × 5 sheets each × 6 criteria) as a ratio to
one raw SQL GROUP BY over the same sheets, and the assignment of the 3,000 entries
to 60 jurors with 300 conflicts (time, load spread, violations).

Runs in a throw-away test database (created and destroyed here), so `make bench`
never touches the development data.
"""

import datetime
import statistics
import time
from collections.abc import Iterator

from bench import Figure

ENTRIES = 3000
RUNS = 5


def _populate() -> None:
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
            for n in range(1000)
        ]
    )
    now = timezone.now()
    Entry.objects.bulk_create(
        [
            Entry(
                category=categories[n % 6],
                owner=owners[n % 1000],
                title=f"Entry {n}",
                summary="A summary.",
                country=("KZ", "UZ", "KG", "TJ", "TM")[n % 5],
                language_id=("ru", "kk", "uz", "ky", "tg", "tk", "en")[n % 7],
                published_on=today - datetime.timedelta(days=60),
                publication_urls=["https://example.org/x"],
                ai_use="none",
                declares_original_work=True,
                declares_right_to_submit=True,
                consents_to_publish=True,
                state="submitted",
                reference=f"QB-{n:06d}",
                submitted_at=now,
            )
            for n in range(ENTRIES)
        ],
        batch_size=500,
    )


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
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from accounts.models import User

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _populate()
        staff = User.objects.create_superuser(email="bench-staff@example.org")
        client = Client()
        client.force_login(staff)
        client.get("/admin/award_entries/")  # warm up
        for page in (1, 30, 60):
            ms, queries = _measure(client, f"/admin/award_entries/?p={page}")
            yield Figure(
                f"awards.entry_list_{ENTRIES}.page_{page}.time",
                ms,
                "ms",
                "< 500 ms",
            )
            yield Figure(
                f"awards.entry_list_{ENTRIES}.page_{page}.queries",
                queries,
                "queries",
                "the same on every page",
            )
        ms, queries = _measure(
            client, "/admin/award_entries/?state=submitted&country=KZ&q=Entry+1"
        )
        yield Figure(
            f"awards.entry_list_{ENTRIES}.filtered_search.time",
            ms,
            "ms",
            "< 500 ms",
        )
        yield from _jury_figures(staff)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


JURORS = 60
PER_ENTRY = 5
CRITERIA = 6
CONFLICTS = 300


def _jury_setup(staff):
    """A round over the bench award: 60 jurors reading ru, en and two more."""
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
            for n in range(JURORS)
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
    while len(pairs) < CONFLICTS:
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
    """Submitted sheets for every assignment with six scores each, in bulk."""
    import random as _random
    from decimal import Decimal

    from django.utils import timezone

    from awards.jury.models import Assignment, Score, ScoreSheet

    rng = _random.Random(6)  # noqa: S311 - bench data
    now = timezone.now()
    weights = [c.weight for c in criteria]
    sheets = []
    values = []
    for assignment_id in Assignment.objects.filter(round=round_).values_list(
        "pk", flat=True
    ):
        marks = [Decimal(rng.randint(0, 10)) for _ in criteria]
        total = sum(w * m for w, m in zip(weights, marks, strict=True)) / sum(weights)
        sheets.append(
            ScoreSheet(
                assignment_id=assignment_id, total=round(total, 4), submitted_at=now
            )
        )
        values.append(marks)
    sheets = ScoreSheet.objects.bulk_create(sheets, batch_size=2000)
    Score.objects.bulk_create(
        [
            Score(sheet_id=sheet.pk, criterion_id=c.pk, value=m)
            for sheet, marks in zip(sheets, values, strict=True)
            for c, m in zip(criteria, marks, strict=True)
        ],
        batch_size=5000,
    )


def _jury_figures(staff) -> Iterator[Figure]:
    from django.db import connection

    from awards.jury.models import Assignment
    from awards.jury.selectors.results import round_results
    from awards.jury.services import assignment

    round_, criteria = _jury_setup(staff)
    start = time.perf_counter()
    plan = assignment.assignment_run(round=round_, actor=staff, seed=1)
    seconds = time.perf_counter() - start
    yield Figure("awards.assignment_3000x60.time", seconds, "s", "< 60 s")
    yield Figure(
        "awards.assignment_3000x60.load_spread", plan.spread, "entries", "<= 1"
    )
    yield Figure(
        "awards.assignment_3000x60.violations", _violations(round_), "violations", "0"
    )
    _sheets(round_, criteria)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    sheets = Assignment.objects.filter(round=round_).count()
    assert sheets == ENTRIES * PER_ENTRY  # noqa: S101
    # The baseline: one GROUP BY over the score table (one row per
    # criterion: 90,000 rows). A stricter one: the same over the sheets' stored
    # totals (15,000 rows), which is what the results actually read.
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
    for _ in range(RUNS):
        for name, sql in baselines.items():
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, [round_.pk])
                rows = cursor.fetchall()
            baseline[name].append(time.perf_counter() - start)
            assert len(rows) == ENTRIES  # noqa: S101
        start = time.perf_counter()
        results = round_results(round=round_, with_bins=False)
        ours.append(time.perf_counter() - start)
    assert len(results.entries) == ENTRIES  # noqa: S101
    median = statistics.median(ours)
    yield Figure("awards.results_3000x60.time", median * 1000, "ms", "-")
    yield Figure(
        "awards.results_3000x60.ratio",
        median / statistics.median(baseline["scores"]),
        "x raw GROUP BY over the score table",
        "<= 3",
    )
    yield Figure(
        "awards.results_3000x60.ratio_to_sheet_totals",
        median / statistics.median(baseline["sheets"]),
        "x raw GROUP BY over the sheet totals",
        "- (stricter baseline)",
    )
