"""Deadlines in words the reader's language owns, rendered by the server.

`{% time_left award.deadline %}` reads "40 days left", "3 hours left" or "Closed"
with the catalogue's plural forms, so it needs no JavaScript. `{% local_time when %}`
writes the time in UTC with the active language's DATETIME_FORMAT and hands
static/js/qalam.js that same format and the month names from our catalogue, so the
browser shows the reader's own zone in the page's language: browsers without
CLDR data for uz, tk, ky… print "2027 M01 14" through Intl, so Intl is not asked.
"""

import datetime
import json
import math

from django import template
from django.utils import dates, timezone
from django.utils.formats import date_format, get_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

register = template.Library()

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)

# Django's month names by the format character that prints them (dateformat.py).
MONTH_NAMES = {
    "E": dates.MONTHS_ALT,
    "F": dates.MONTHS,
    "N": dates.MONTHS_AP,
    "b": dates.MONTHS_3,
}


def time_left_text(deadline: datetime.datetime, *, now: datetime.datetime) -> str:
    """How long until `deadline`, in whole days from two days on, else whole hours
    from two hours on, else minutes (rounded up, so the last minute still counts);
    "Closed" once it has passed."""
    left = deadline - now
    if left <= datetime.timedelta(0):
        return gettext("Closed")
    if left >= 2 * DAY:
        days = left // DAY
        return ngettext("%(count)d day left", "%(count)d days left", days) % {
            "count": days
        }
    if left >= 2 * HOUR:
        hours = left // HOUR
        return ngettext("%(count)d hour left", "%(count)d hours left", hours) % {
            "count": hours
        }
    minutes = math.ceil(left / MINUTE)
    return ngettext("%(count)d minute left", "%(count)d minutes left", minutes) % {
        "count": minutes
    }


@register.simple_tag
def time_left(deadline: datetime.datetime) -> str:
    """The countdown to `deadline` from now (see `time_left_text`)."""
    return time_left_text(deadline, now=timezone.now())


@register.simple_tag
def local_time(when: datetime.datetime) -> str:
    """A <time> showing `when` in UTC that qalam.js rewrites in the reader's zone."""
    pattern = get_format("DATETIME_FORMAT")
    names = {
        char: [str(months[number]) for number in range(1, 13)]
        for char, months in MONTH_NAMES.items()
        if char in pattern
    }
    if "M" in pattern:
        names["M"] = [str(dates.MONTHS_3[number]).title() for number in range(1, 13)]
    # The words Django's dateformat prints for a, A and P (from its catalogue).
    hours = {hour: datetime.time(hour) for hour in (0, 1, 12, 13)}
    names["a"] = [time_format(hours[1], "a"), time_format(hours[13], "a")]
    names["A"] = [time_format(hours[1], "A"), time_format(hours[13], "A")]
    names["P"] = [time_format(hours[0], "P"), time_format(hours[12], "P")]
    utc = timezone.localtime(when, datetime.UTC)
    return format_html(
        '<time class="js-local-time" datetime="{}" data-format="{}" '
        'data-names="{}">{} UTC</time>',
        utc.isoformat(),
        pattern,
        json.dumps(names, ensure_ascii=False),
        date_format(utc, "DATETIME_FORMAT"),
    )
