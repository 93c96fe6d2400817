"""The public site on a phone (390 px wide) with JavaScript off, in a real browser:
every page fits the screen's width (nothing to scroll sideways), its heading and
content are on screen, and the language switcher and the archive's filters work
without a script (the archive's filter form, the switcher's links)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "is_mobile": True,
        "has_touch": True,
        "java_script_enabled": False,
    }


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
    for prize in prizes:
        prize.refresh_from_db()
    return prizes


def overflow(page) -> list[str]:
    """Elements wider than the screen or reaching past its right edge."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [];
            if (document.documentElement.scrollWidth > width) wide.push('document');
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.width && box.right > width + 1) {
                    const name = el.className ? '.' + el.className : '';
                    wide.push(el.tagName.toLowerCase() + name);
                }
            }
            return wide.slice(0, 10);
        }"""
    )


def test_public_pages_fit_a_phone_without_javascript(page, live_server, published_site):
    prize = published_site[0]
    paths = [
        "/",
        "/winners/",
        "/caja-2025/",
        f"/caja-2025/entries/{prize.entry_id}/",
        f"/certificates/{prize.certificate.code}/",
    ]
    problems = {}
    for prefix in ("", "/ru", "/tg"):
        for path in paths:
            response = page.goto(f"{live_server.url}{prefix}{path}")
            assert response.status == 200, prefix + path
            heading = page.locator("h1").first
            assert heading.is_visible(), prefix + path
            box = heading.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            if found := overflow(page):
                problems[prefix + path] = found
    assert problems == {}


def test_filters_and_language_switch_work_without_javascript(
    page, live_server, published_site
):
    page.goto(f"{live_server.url}/winners/")
    page.select_option("#f-year", "2025")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/winners/?*year=2025*")
    expect(page.get_by_text("Secret winner title 0")).to_be_visible()
    # The switcher is plain links, on screen and working with scripts off.
    switcher = page.get_by_role("navigation", name="Language")
    russian = switcher.locator("a[hreflang='ru']")
    expect(russian).to_be_visible()
    box = russian.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    russian.click()
    page.wait_for_url("**/ru/winners/**")
    assert page.locator("html").get_attribute("lang") == "ru"
