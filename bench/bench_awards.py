"""Staff entry list with 3,000 entries: queries and time per page.

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
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
