"""Dates, numbers and the deadline countdown in each of the seven languages: our
CLDR formats (config/formats/) and the server-rendered countdown and reader's-zone
time (awards/templatetags/awards_time.py)."""

import datetime
import json
import re

import pytest
from django.template import Context, Template
from django.utils import dates, formats, translation

from awards.templatetags.awards_time import time_left_text
from tests.factories import AwardFactory

pytestmark = pytest.mark.django_db

# 23:59 in Tashkent on 14 January is 18:59 UTC.
CLOSES = {"closes_date": datetime.date(2099, 1, 14), "timezone": "Asia/Tashkent"}
WHEN = datetime.datetime(2099, 1, 14, 18, 59, tzinfo=datetime.UTC)

# Each language's DATETIME_FORMAT from CLDR, "{month}" standing for the month as
# the catalogue names it after a day ("alt. month").
DATETIME_PATTERNS = {
    "en": "Jan. 14, 2099, 6:59 p.m.",
    "ru": "14 {month} 2099 г. 18:59",
    "kk": "2099\u202fж. 14 {month}, 18:59",
    "uz": "14-{month}, 2099, 18:59",
    "ky": "2099-ж. 14-{month} 18:59",
    "tg": "14 {month} 2099 18:59",
    "tk": "14 {month} 2099 18:59",
}
SHORT_DATES = {
    "en": "01/14/2099",
    "ru": "14.01.2099",
    "kk": "14.01.2099",
    "uz": "14/01/2099",
    "ky": "14.01.2099",
    "tg": "14.1.2099",
    "tk": "14.01.2099",
}
# CLDR's format-wide January (babel 2.19), as /work/notes/formats-msgids.json gives
# it for our catalogue ("alt. month"): Django's own differs in case for most.
CLDR_JANUARY = {
    "ru": "января",
    "kk": "қаңтар",
    "uz": "yanvar",
    "ky": "январь",
    "tg": "Январ",
    "tk": "ýanwar",
}
PLACEHOLDER = re.compile(r"\bM\d\d\b|\+\d+ ?d\b")


def in_language(language: str, template: str, **context) -> str:
    with translation.override(language):
        return Template(template).render(Context(context))


@pytest.mark.parametrize("language", list(DATETIME_PATTERNS))
def test_datetime_format_follows_cldr(language):
    with translation.override(language):
        month = str(dates.MONTHS_ALT[1])
        assert formats.date_format(WHEN, "DATETIME_FORMAT") == DATETIME_PATTERNS[
            language
        ].format(month=month)
        assert formats.date_format(WHEN, "SHORT_DATE_FORMAT") == SHORT_DATES[language]


@pytest.mark.parametrize("language", ["ru", "kk", "uz", "ky", "tg", "tk"])
def test_numbers_use_a_comma_and_a_no_break_space(language):
    with translation.override(language):
        assert formats.number_format(12345.5, 1, force_grouping=True) == "12\xa0345,5"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize("language", list(CLDR_JANUARY))
def test_month_after_a_day_is_cldrs(language):
    """Passes once the catalogue carries /work/notes/formats-msgids.json."""
    with translation.override(language):
        assert str(dates.MONTHS_ALT[1]) == CLDR_JANUARY[language]


@pytest.mark.parametrize("language", list(DATETIME_PATTERNS))
def test_local_time_hands_the_browser_the_pages_format_and_month_names(language):
    html = in_language(
        language, "{% load awards_time %}{% local_time when %}", when=WHEN
    )
    with translation.override(language):
        month = str(dates.MONTHS_ALT[1])
        pattern = formats.get_format("DATETIME_FORMAT")
    text = DATETIME_PATTERNS[language].format(month=month)
    assert re.fullmatch(
        r'<time class="js-local-time" datetime="2099-01-14T18:59:00\+00:00" '
        r'data-format="[^"]+" data-names="[^"]+">(.+) UTC</time>',
        html,
    ).group(1) == text.replace("&", "&amp;")
    names = json.loads(
        re.search(r'data-names="([^"]+)"', html).group(1).replace("&quot;", '"')
    )
    assert re.search(r'data-format="([^"]+)"', html).group(1) == pattern
    month_char = "N" if language == "en" else "E"
    assert len(names[month_char]) == 12
    assert names["P"] and names["a"]


@pytest.mark.parametrize("language", list(DATETIME_PATTERNS))
def test_award_page_deadline_has_no_placeholder_in_any_language(
    client, home_page, language
):
    from demo.public import public_pages

    award = AwardFactory(slug="formats", **CLOSES)
    public_pages(home_page, award)
    prefix = "" if language == "en" else f"/{language}"
    html = client.get(f"{prefix}/formats/").content.decode()
    with translation.override(language):
        month = str(dates.MONTHS_ALT[1])
    assert DATETIME_PATTERNS[language].format(month=month) + " UTC</time>" in html
    assert not PLACEHOLDER.search(html)
    assert re.search(r'class="countdown"[^>]*>[^<]*\d[^<]*<', html)


def test_award_page_countdown_reads_days_left(client, home_page):
    from demo.public import public_pages

    award = AwardFactory(slug="countdown")
    public_pages(home_page, award)
    html = client.get("/countdown/").content.decode()
    days = re.search(r'class="countdown"[^>]*>(\d+) days left</p>', html)
    assert days and 29 <= int(days.group(1)) <= 31
    assert 'data-closed="Closed"' in html


NOW = datetime.datetime(2099, 1, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("left", "text"),
    [
        (datetime.timedelta(days=40, hours=5), "40 days left"),
        (datetime.timedelta(days=2), "2 days left"),
        (datetime.timedelta(days=1, hours=23, minutes=59), "47 hours left"),
        (datetime.timedelta(hours=3), "3 hours left"),
        (datetime.timedelta(hours=1, minutes=59), "119 minutes left"),
        (datetime.timedelta(seconds=30), "1 minute left"),
        (datetime.timedelta(0), "Closed"),
        (-datetime.timedelta(days=3), "Closed"),
    ],
)
def test_time_left_counts_down_in_words(left, text):
    with translation.override("en"):
        assert time_left_text(NOW + left, now=NOW) == text


def test_time_left_uses_the_languages_plural_forms():
    """Russian has three forms for whole numbers: one, few and many."""
    with translation.override("ru"):
        one, few, many = (
            time_left_text(NOW + datetime.timedelta(days=days, hours=1), now=NOW)
            for days in (21, 22, 25)
        )
    assert (one, few, many) == (
        "Остался 21 день",
        "Осталось 22 дня",
        "Осталось 25 дней",
    )
    with translation.override("kk"):
        assert time_left_text(NOW + datetime.timedelta(hours=3), now=NOW) == (
            "3 сағат қалды"
        )
