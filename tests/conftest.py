import copy
import os

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from config.celery import app as celery_app
from tests.services import S3Server, seaweedfs

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}
# Modules whose every database test asks for home_page, none of them transactional:
# only there is the public site made once for the module (module_site).
SHARED_SITE_MODULES: set[str] = set()


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data from Django's snapshot.

    A transactional test ends with a flush. Without serialized rollback the flush
    re-runs post_migrate, which recreates content types and permissions with new
    primary keys; a serialized-rollback test that came later in the run then loads
    its snapshot over those rows and fails with `UNIQUE constraint failed:
    django_content_type`. With every transactional test serialized, the flush leaves
    the tables empty and the next test loads the same snapshot, in any order.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        transactional = (
            kwargs.get("transaction")
            or kwargs.get("reset_sequences")
            or TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        if transactional and not kwargs.get("serialized_rollback"):
            kwargs.update(transaction=True, serialized_rollback=True)
            args = marker.args if marker else ()
            item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)
    _find_shared_site_modules(items)


def _find_shared_site_modules(items):
    """A module shares one public site only if none of its tests commits
    (module_transaction), and each asks for the site or is marked `shared_site`:
    one that does not ask must not mind the site being there."""
    eligible: dict[str, bool] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        names = set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("django_db")
        uses_db = marker is not None or "django_db_setup" in names
        if not uses_db:
            continue
        transactional = marker is not None and marker.kwargs.get("transaction")
        asks = "home_page" in names or item.get_closest_marker("shared_site")
        fits = bool(asks) and not transactional
        eligible[module.__name__] = eligible.get(module.__name__, True) and fits
    SHARED_SITE_MODULES.update(name for name, fits in eligible.items() if fits)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Every connection object finds the migrated-data snapshot, not only the one
    that took it.

    Django keeps the snapshot on the connection object, and connection objects are
    per context: Playwright's event loop gets a new one, which would find no snapshot
    and start its test on the empty tables the last flush left.
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and used TOTP codes live in the cache; no test sees another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request activates its language in the thread; reset it around each test."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks in the test's own process, even when a broker is configured.

    For tests of a flow whose outcome needs a task's effect (an email in the outbox);
    the broker path itself is tested with a real worker in tests/config/test_celery.py.
    """
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture(scope="session")
def s3_server() -> S3Server:
    """A real S3 server (SeaweedFS) on loopback for the whole test session."""
    with seaweedfs() as server:
        yield server


@pytest.fixture(scope="module")
def module_transaction(request, django_db_setup, django_db_blocker):
    """A transaction around the rest of a module, rolled back after its last test.

    For data that many tests of a module read and that is slow to make (the public
    site: over a thousand queries). Each test's own transaction nests in it as a
    savepoint, as with Django's TestCase.setUpTestData, so what a test writes is
    gone at its end and the next test finds the data as it was made. None unless
    every database test of the module asks for the shared data and none commits
    (SHARED_SITE_MODULES): another test would see rows it did not ask for.
    """
    if request.module.__name__ not in SHARED_SITE_MODULES:
        yield None
        return
    outer = transaction.atomic()
    # Django lets a durable block open inside a test's transaction, not others'.
    outer._from_testcase = True
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        yield outer
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_site(module_transaction, django_db_blocker) -> int | None:
    """The public site made once per module (see module_transaction): its home's id."""
    if module_transaction is None:
        return None
    from demo.pages import seed_site

    with django_db_blocker.unblock():
        return seed_site().pk


@pytest.fixture
def home_page(module_site, db):
    """The public site as `make run` has it: locales, home (en, ru, kk), about.

    A fresh instance for each test; the rows are the module's (module_site) where
    every database test of the module uses them, otherwise made for this test.
    """
    from cms.models import HomePage
    from demo.pages import seed_site

    if module_site is None:
        return seed_site()
    return HomePage.objects.get(pk=module_site)


@pytest.fixture(scope="module")
def _module_data(request, module_site, django_db_blocker):
    """What the module's `make_module_data(home_page)` makes, made once for the
    module where it shares its site (module_site); None elsewhere."""
    if module_site is None:
        return None
    from cms.models import HomePage

    with django_db_blocker.unblock():
        return request.module.make_module_data(HomePage.objects.get(pk=module_site))


@pytest.fixture
def module_data(request, _module_data, home_page):
    """The module's shared data (make_module_data), as Django's setUpTestData
    gives it: what a test writes is rolled back after it, and the objects in
    memory are this test's own copies. Made for this test alone where the module
    does not share its site."""
    if _module_data is None:
        return request.module.make_module_data(home_page)
    return copy.deepcopy(_module_data)


@pytest.fixture
def subprocess_env() -> dict[str, str]:
    """A clean environment for running Qalam in a child process."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")
    return {key: os.environ[key] for key in keep if key in os.environ}
