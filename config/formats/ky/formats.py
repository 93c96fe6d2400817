"""Kyrgyz (ky) formats from CLDR: see config/formats/__init__.py."""

# Django reads the module's names: the shared ones count as its own.
from config.formats.shared import *  # noqa: F403

DATE_FORMAT = "Y-ж. j-E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y-ж. j-E H:i"
YEAR_MONTH_FORMAT = "Y-ж., E"
MONTH_DAY_FORMAT = "j-E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = DOTTED_DATE_INPUT_FORMATS  # noqa: F405
DATETIME_INPUT_FORMATS = DOTTED_DATETIME_INPUT_FORMATS  # noqa: F405
