"""Tajik (tg) formats from CLDR: see config/formats/__init__.py."""

# Django reads the module's names: the shared ones count as its own.
from config.formats.shared import *  # noqa: F403

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y H:i"
YEAR_MONTH_FORMAT = "E Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
DATE_INPUT_FORMATS = DOTTED_DATE_INPUT_FORMATS  # noqa: F405
DATETIME_INPUT_FORMATS = DOTTED_DATETIME_INPUT_FORMATS  # noqa: F405
