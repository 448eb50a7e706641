# Kazakh (Cyrillic) formats. Django ships translations for "kk" but no formats module.
# The syntax is Django's date-format syntax: https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date
# Month names come from the "alt. month" context, overridden in cms/locale/kk to the lower case
# used in running Kazakh text ("2021 ж. 5 наурыз").

DATE_FORMAT = "Y ж. j E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y ж. j E, H:i"
YEAR_MONTH_FORMAT = "Y ж. E"  # "2021 ж. қаңтар": lower case, as in running text
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first format is the one used for rendering in forms.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '05.03.2021'
    "%d.%m.%y",  # '05.03.21'
    "%Y-%m-%d",  # '2021-03-05' (ISO, what <input type="date"> sends)
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
