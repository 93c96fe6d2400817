"""What the five languages' formats share (CLDR): numbers with a decimal comma and
no-break-space thousands, weeks from Monday, and dotted day-month-year input."""

FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # no-break space
NUMBER_GROUPING = 3
DOTTED_DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 25.10.2006
    "%d.%m.%y",  # 25.10.06
    "%Y-%m-%d",  # 2006-10-25
]
DOTTED_DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",  # 25.10.2006 14:30
    "%d.%m.%Y %H:%M:%S",  # 25.10.2006 14:30:59
    "%d.%m.%y %H:%M",  # 25.10.06 14:30
    "%d.%m.%y %H:%M:%S",  # 25.10.06 14:30:59
    "%Y-%m-%d %H:%M",  # 2006-10-25 14:30
    "%Y-%m-%d %H:%M:%S",  # 2006-10-25 14:30:59
]
