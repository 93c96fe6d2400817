"""Every URL is covered: each route the resolver knows has a permission row
(tests/permission_matrix.py), and the rows kept there are checked for real."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import permission_matrix as matrix
from tests.factories import UserFactory


def walk(patterns, prefix="", namespace=""):
    """(route, name, view path) of every pattern; namespaces joined as in reverse()."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            assert isinstance(pattern, URLPattern)
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern.lookup_str


def our_routes():
    """Routes whose permission is ours to state (see permission_matrix)."""
    for route, name, view in walk(get_resolver().url_patterns):
        if view.startswith(matrix.THIRD_PARTY_MODULES):
            continue
        ours = view.split(".", 1)[0] in matrix.OUR_PACKAGES
        if route.startswith("admin/") and not ours:
            continue  # Wagtail's own admin
        yield route, name, view


def test_the_walk_sees_every_part_of_the_site():
    names = {name for _route, name, _view in our_routes()}
    # i18n patterns, plain patterns and the admin screens of our hooks are all seen.
    assert {
        "healthz",
        "api_winners_json",
        "accounts:profile",
        "awards:entry_create",
        "investigations:board",
        "secure_docs:download",
        "award_rounds:manage",
        "cms_results_publication",
        "wagtail_serve",
    } <= names


def test_every_url_has_a_permission_row():
    registered = matrix.registered_names()
    missing = sorted(
        f"{route} ({view})"
        for route, name, view in our_routes()
        if name is None or name not in registered
    )
    assert missing == [], "add a row to tests/permission_matrix.py for each"


def test_the_registry_names_only_real_routes():
    known = {name for _route, name, _view in walk(get_resolver().url_patterns)}
    assert matrix.registered_names() - known == set()


@pytest.fixture
def visitors(db):
    """A client per kind of visitor of the matrix."""
    clients = {}
    for visitor in matrix.VISITORS:
        client = Client()
        if visitor == "user":
            client.force_login(UserFactory())
        elif visitor == "staff":
            client.force_login(UserFactory(is_staff=True, is_superuser=True))
        clients[visitor] = client
    return clients


@pytest.mark.parametrize(
    ("method", "name", "args", "statuses"),
    matrix.ROWS,
    ids=[f"{method}-{name}" for method, name, _args, _statuses in matrix.ROWS],
)
def test_route_answers_each_visitor_as_the_matrix_says(
    visitors, home_page, method, name, args, statuses
):
    url = reverse(name, args=args)
    answers, wanted = {}, {}
    for visitor, expected in zip(matrix.VISITORS, statuses, strict=True):
        client = visitors[visitor]
        response = client.get(url) if method == "GET" else client.post(url, {})
        location = response.get("Location", "")
        if expected == matrix.UP_OR_DOWN:
            up_or_down = response.status_code in (200, 503)
            answers[visitor] = matrix.UP_OR_DOWN if up_or_down else response.status_code
        elif expected == matrix.LOGIN:
            redirect = location.startswith(reverse("account_login"))
            answers[visitor] = matrix.LOGIN if redirect else response.status_code
        elif expected == matrix.ADMIN_LOGIN:
            redirect = location.startswith("/admin/login/")
            answers[visitor] = matrix.ADMIN_LOGIN if redirect else response.status_code
        else:
            answers[visitor] = response.status_code
        if answers[visitor] in (matrix.LOGIN, matrix.ADMIN_LOGIN):
            assert response.status_code == 302, (url, visitor)
        wanted[visitor] = expected
    assert answers == wanted, url
