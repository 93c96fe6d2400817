"""axe-core (from npm, run inside chromium) finds no serious or critical violation
on the public pages, in English and Russian, and in Uzbek in dark mode."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline <script>, which the site's CSP refuses;
    # tests/e2e/test_csp.py checks the policy itself without this bypass.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def published_site(transactional_db):
    from accounts.models import Language
    from awards.services import publishing
    from demo.pages import seed_site
    from tests.cms.helpers import award_with_prizes, public_pages, staff_user

    for code in ("en", "ru", "kk", "uz", "ky", "tg", "tk"):
        Language.objects.get_or_create(code=code)  # a flushed transactional db
    home = seed_site()
    award, _category, _round, prizes = award_with_prizes(3, slug="caja-2025")
    public_pages(home, award)
    publishing.results_publish(award=award, actor=staff_user())
    return prizes


def violations(page, url: str) -> list[str]:
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [
        f"{item['id']} ({item['impact']}): {item['nodes'][:3]}"
        for item in found
        if item["impact"] in ("serious", "critical")
    ]


def test_public_pages_have_no_serious_accessibility_violation(
    page, live_server, published_site
):
    # One test for both languages: a transactional test flushes the languages the
    # migrations load, so a second one would start without them.
    assert AXE.exists(), "run `make test` (it installs axe-core with npm ci)"
    entry = published_site[0].entry_id
    paths = ["/", "/caja-2025/", "/winners/", f"/caja-2025/entries/{entry}/"]
    problems = {
        prefix + path: found
        for prefix in ("", "/ru")
        for path in paths
        if (found := violations(page, f"{live_server.url}{prefix}{path}"))
    }
    assert problems == {}
    assert page.locator("html").get_attribute("lang") == "ru"
    # Dark mode (the reader's system asks for it) keeps every contrast, too.
    page.emulate_media(color_scheme="dark")
    problems = {
        f"{path} (dark)": found
        for path in paths
        if (found := violations(page, f"{live_server.url}/uz{path}"))
    }
    assert problems == {}
    assert (
        page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        == "rgb(18, 20, 23)"
    )
