import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db):
    from demo.pages import seed_site

    return seed_site()


def test_visitor_switches_the_home_page_to_russian(page, live_server, site, screenshot):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Independent journalism from Central Asia"
    )

    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Русский"
    ).click()

    expect(page).to_have_url(live_server.url + "/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Независимая журналистика из Центральной Азии"
    )
    expect(page.get_by_role("link", name="Войти")).to_be_visible()
    screenshot("home-ru")


def test_switching_language_keeps_the_page(page, live_server, site):
    page.goto(live_server.url + "/about/")
    page.get_by_role("link", name="Қазақша").click()
    expect(page).to_have_url(live_server.url + "/kk/about/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text("About Qalam")
