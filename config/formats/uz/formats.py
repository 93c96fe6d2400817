"""Uzbek (Latin) (uz) formats from CLDR: see config/formats/__init__.py."""

# Django reads the module's names: the shared ones count as its own.
from config.formats.shared import *  # noqa: F403

DATE_FORMAT = "j-E, Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j-E, Y, H:i"
YEAR_MONTH_FORMAT = "E, Y"
MONTH_DAY_FORMAT = "j-E"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y, H:i"
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 25/10/2006
    "%d.%m.%Y",  # 25.10.2006
    "%d/%m/%y",  # 25/10/06
    "%Y-%m-%d",  # 2006-10-25
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",  # 25/10/2006 14:30
    "%d/%m/%Y %H:%M:%S",  # 25/10/2006 14:30:59
    "%d.%m.%Y %H:%M",  # 25.10.2006 14:30
    "%d.%m.%Y %H:%M:%S",  # 25.10.2006 14:30:59
    "%d/%m/%y %H:%M",  # 25/10/06 14:30
    "%d/%m/%y %H:%M:%S",  # 25/10/06 14:30:59
    "%Y-%m-%d %H:%M",  # 2006-10-25 14:30
    "%Y-%m-%d %H:%M:%S",  # 2006-10-25 14:30:59
]
