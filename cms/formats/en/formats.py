# English as read in Kazakhstan: only what differs from Django's "en" formats. Dates are typed
# day first with dots, as in Kazakh and Russian ("28.11.2026 10:00"), or as ISO; the American
# "11/28/2026" is not read (it would be taken for the 11th of the 28th month). Weeks start on
# Monday.
FIRST_DAY_OF_WEEK = 1

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '28.11.2026'
    "%Y-%m-%d",  # '2026-11-28'
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
