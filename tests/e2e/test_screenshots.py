"""Screenshots as a review artifact: the home, award, archive, winner, entry form
and jury pages in all seven languages at 390 px and 1366 px, saved under
var/screenshots/<language>-<width>-<page>.png. Each one fails the test if the page
scrolls sideways, if two pieces of text overlap, or if the chrome (navigation,
labels, buttons, badges, deadlines) of a page not in English shows one of our
English chrome strings or an English country name."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = (390, 1366)
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Strings of our own chrome that a page in another language must not show.
CHROME_WORDS = (
    "Sign in",
    "Sign up",
    "Sign out",
    "My entries",
    "Profile",
    "Security",
    "Enter the award",
    "Enter",
    "Closes",
    "left",
    "days",
    "In your time zone",
    "Categories",
    "Winners and finalists",
    "Latest winners",
    "Search",
    "Year",
    "Country",
    "Language",
    "Category",
    "All years",
    "All countries",
    "Show",
    "prizes",
    "Authors",
    "Outlet",
    "Jury citation",
    "Winner",
    "Finalist",
    "Special mention",
    "Title",
    "Summary",
    "Save",
    "Submit",
    "Kazakhstan",
    "Uzbekistan",
    "Kyrgyzstan",
    "Tajikistan",
    "Turkmenistan",
)
CHROME_PATTERN = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(word) for word in CHROME_WORDS) + r")(?![\w])"
)
# Where the chrome is: the header, footer, navigation and the page's own labels,
# buttons, badges and deadline lines. Text marked in another language (a work's
# title in its original language, say) is content, not chrome.
CHROME_TEXT = """(selector) => {
    const lang = document.documentElement.lang;
    const seen = [];
    for (const el of document.querySelectorAll(selector)) {
        const own = el.closest("[lang]");
        if (own && own.getAttribute("lang") !== lang) continue;
        if (el.closest(".language-switcher")) continue;  // each language in its own
        seen.push(el.innerText);
    }
    return seen.join("\\n");
}"""
CHROME_SELECTOR = (
    ".site-header, .site-footer, nav, label, legend, button, .button, .badge,"
    " .countdown, .deadline, .archive-count, th, dt, .winner__meta, option, h2"
)
# Pairs of text boxes that overlap by more than a sliver: neither inside the other.
OVERLAPS = """() => {
    const boxes = [];
    for (const el of document.body.querySelectorAll("*")) {
        const texts = [...el.childNodes].filter(n => n.nodeType === 3);
        if (!texts.some(n => n.textContent.trim())) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        if (r.width <= 2 || r.height <= 2) continue;  // visually hidden
        boxes.push([el, r]);
    }
    const found = [];
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            const [a, ra] = boxes[i], [b, rb] = boxes[j];
            if (a.contains(b) || b.contains(a)) continue;
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 3 && h > 3) {
                const name = el => el.textContent.trim().slice(0, 30);
                found.push(name(a) + " / " + name(b));
            }
        }
    }
    return found.slice(0, 5);
}"""
OVERFLOW = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


@pytest.fixture
def site(transactional_db):
    from accounts.models import Language
    from awards.jury.models import Assignment
    from awards.services import publishing
    from demo.pages import seed_site
    from tests.awards.jury.helpers import jury_round
    from tests.cms.helpers import award_with_prizes, public_pages, staff_user
    from tests.factories import AwardFactory, CategoryFactory, UserFactory

    for code in LANGUAGES:
        Language.objects.get_or_create(code=code)  # a flushed transactional db
    home = seed_site()
    award, _category, _round, prizes = award_with_prizes(3, slug="caja-2025")
    for prize, country in zip(prizes, ("UZ", "KZ", "KG"), strict=True):
        prize.entry.country = country
        prize.entry.outlet = "Vlast.kz"
        prize.entry.save()
    public_pages(home, award)
    publishing.results_publish(award=award, actor=staff_user())
    open_award = AwardFactory(title="Awards 2027", slug="awards-2027", year=2027)
    CategoryFactory(award=open_award, name="Data", slug="data")
    public_pages(home, open_award)
    round_, _rubric, jurors, entries = jury_round(jurors=1, entries=1, criteria=2)
    assignment = Assignment.objects.create(
        round=round_, juror=jurors[0], entry=entries[0]
    )
    return {
        "entry": prizes[0].entry_id,
        "open_award": open_award,
        "entrant": UserFactory(),
        "juror": jurors[0].user,
        "assignment": assignment,
    }


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def pages_of(site, language: str) -> list[tuple[str, str, str]]:
    """(name, path, who) of each page, in `language`."""
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    with translation.override(language):
        entry_form = reverse("awards:entry_create", args=[site["open_award"].slug])
        dashboard = reverse("awards:jury_dashboard")
        sheet = reverse("awards:jury_entry", args=[site["assignment"].pk])
    return [
        ("home", f"{prefix}/", "anonymous"),
        ("award", f"{prefix}/awards-2027/", "anonymous"),
        ("archive", f"{prefix}/winners/", "anonymous"),
        ("winner", f"{prefix}/caja-2025/entries/{site['entry']}/", "anonymous"),
        ("entry-form", entry_form, "entrant"),
        ("jury", dashboard, "juror"),
        ("jury-sheet", sheet, "juror"),
    ]


def test_every_page_in_every_language_at_both_widths(page, live_server, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for language in LANGUAGES:
            signed_in = None
            for name, path, who in pages_of(site, language):
                if who != signed_in:
                    if who == "anonymous":
                        page.context.clear_cookies()
                    else:
                        sign_in(page, live_server, site[who])
                    signed_in = who
                response = page.goto(f"{live_server.url}{path}")
                where = f"{language} {width}px {name} ({path})"
                if response.status != 200:
                    problems.append(f"{where}: status {response.status}")
                    continue
                page.screenshot(
                    path=str(SCREENSHOTS / f"{language}-{width}-{name}.png"),
                    full_page=True,
                )
                if (overflow := page.evaluate(OVERFLOW)) > 0:
                    problems.append(f"{where}: {overflow}px wider than the screen")
                if overlaps := page.evaluate(OVERLAPS):
                    problems.append(f"{where}: text overlaps: {overlaps}")
                if language != "en":
                    chrome = page.evaluate(CHROME_TEXT, CHROME_SELECTOR)
                    english = sorted(set(CHROME_PATTERN.findall(chrome)))
                    if english:
                        problems.append(f"{where}: English in the chrome: {english}")
    assert problems == [], "\n".join(problems)
    assert len(list(SCREENSHOTS.glob("*.png"))) >= len(WIDTHS) * len(LANGUAGES) * 7
