"""Dates and times typed as in Kazakhstan (``engagement.dates``) in every date field touched:
the event's start and end, the listing and report period filters, the live-figures block, and
the site's model date fields (the news date)."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from engagement.blocks import LiveFiguresBlock
from engagement.dates import DayField, DayRangeField, DayTimeField
from engagement.filters import EventFilterSet
from engagement.forms import VenueDateTimeField
from engagement.stats.filters import StatisticsReportFilterSet

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
UTC = datetime.UTC

GOOD_DATETIMES = [
    ("28.11.2026 10:00", datetime.datetime(2026, 11, 28, 5, 0, tzinfo=UTC)),  # UTC+5
    ("28.11.2026 10:00:30", datetime.datetime(2026, 11, 28, 5, 0, 30, tzinfo=UTC)),
    ("2026-11-28 10:00", datetime.datetime(2026, 11, 28, 5, 0, tzinfo=UTC)),
    ("2026-11-28T10:00", datetime.datetime(2026, 11, 28, 5, 0, tzinfo=UTC)),
    ("  28.11.2026 10:00 ", datetime.datetime(2026, 11, 28, 5, 0, tzinfo=UTC)),
    ("29.02.2024 10:00", datetime.datetime(2024, 2, 29, 4, 0, tzinfo=UTC)),  # UTC+6
    ("01.03.2024 10:00", datetime.datetime(2024, 3, 1, 5, 0, tzinfo=UTC)),  # UTC+5
    ("25.07.2021 10:00", datetime.datetime(2021, 7, 25, 4, 0, tzinfo=UTC)),
]
BAD_DATETIMES = [
    "31.02.2026 10:00", "29.02.2026 10:00", "28.11.2026 24:00", "28.13.2026 10:00",
    "завтра", "28.11.2026", "2026-11-28", "11/28/2026 10:00", "28/11/2026 10:00", "10:00",
    "28.11.2026 10", "x" * 500,
]
GOOD_DATES = [
    ("28.11.2026", datetime.date(2026, 11, 28)),
    ("2026-11-28", datetime.date(2026, 11, 28)),
    ("29.02.2024", datetime.date(2024, 2, 29)),
    ("01.03.2024", datetime.date(2024, 3, 1)),
    (" 05.03.2021 ", datetime.date(2021, 3, 5)),
]
BAD_DATES = ["31.02.2026", "29.02.2026", "32.01.2026", "28.11.2026 10:00", "завтра",
             "11/28/2026", "2026-02-30", "28.11"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize(("typed", "utc"), GOOD_DATETIMES)
def test_the_venue_field_reads_almaty_time_in_any_admin_zone_and_language(language, typed, utc):
    field = VenueDateTimeField()
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo("Europe/Moscow")):
        value = field.clean(typed)

    assert value == utc
    assert value.astimezone(ALMATY).hour == 10


@pytest.mark.parametrize(("language", "message"), [
    ("kk", "Күн мен уақытты 28.11.2026 10:00 түрінде енгізіңіз."),
    ("ru", "Введите дату и время в виде 28.11.2026 10:00."),
    ("en", "Enter a date and time like 28.11.2026 10:00."),
])
@pytest.mark.parametrize("typed", BAD_DATETIMES)
def test_an_unreadable_time_is_refused_in_the_users_language(language, message, typed):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            VenueDateTimeField().clean(typed)

        assert refused.value.messages == [message]


def test_a_time_that_happened_twice_in_almaty_is_refused():
    # 1 March 2024, 00:00 to 01:00 happened twice in Almaty: the clocks went back an hour.
    with pytest.raises(ValidationError):
        VenueDateTimeField().clean("29.02.2024 23:30")


def test_the_venue_field_shows_almaty_time_and_the_format_hint():
    field = VenueDateTimeField(help_text="Local time in the region.")
    value = datetime.datetime(2026, 11, 28, 5, 0, tzinfo=UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Moscow")):
        shown = field.widget.format_value(field.prepare_value(value))

    assert shown == "28.11.2026 10:00"
    with translation.override("kk"):
        assert str(field.help_text) == "Local time in the region. Пішімі: 28.11.2026 10:00"
    with translation.override("ru"):
        assert str(field.help_text).endswith("Формат: 28.11.2026 10:00")


def test_the_pickers_do_not_rewrite_typed_text_on_blur():
    date_time, day = DayTimeField().widget, DayField().widget

    assert date_time.get_config()["validateOnBlur"] is False
    assert date_time.get_config()["format"] == "d.m.Y H:i"
    assert day.get_config()["validateOnBlur"] is False
    assert day.get_config()["format"] == "d.m.Y"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize(("typed", "day"), GOOD_DATES)
def test_a_day_is_read(language, typed, day):
    with translation.override(language):
        assert DayField().clean(typed) == day


@pytest.mark.parametrize("typed", BAD_DATES)
def test_an_unreadable_day_is_refused_in_the_users_language(typed):
    with translation.override("kk"):
        with pytest.raises(ValidationError) as refused:
            DayField().clean(typed)

        assert refused.value.messages == ["Күнді 28.11.2026 түрінде енгізіңіз."]


@pytest.mark.parametrize(("typed", "day"), GOOD_DATES)
def test_the_period_filters_read_days(typed, day):
    for filterset in (EventFilterSet, StatisticsReportFilterSet):
        field = filterset.base_filters[
            "start" if filterset is EventFilterSet else "period"
        ].field
        assert isinstance(field, DayRangeField)
        period = field.clean([typed, typed])
        assert period.start.date() == period.stop.date() == day


@pytest.mark.django_db
@pytest.mark.parametrize("typed", BAD_DATES)
def test_an_unreadable_filter_day_is_a_form_error(rf, typed):
    request = rf.get("/", {"start_from": typed})
    from tests.engagement.helpers import make_user

    request.user = make_user(superuser=True)
    filterset = EventFilterSet(request.GET, request=request)

    assert not filterset.form.is_valid()
    assert "start" in filterset.form.errors


@pytest.mark.parametrize(("typed", "day"), GOOD_DATES)
def test_the_live_figures_block_reads_days(typed, day):
    block = LiveFiguresBlock()
    value = block.clean(block.to_python({"start_date": None, "end_date": None}))
    assert value["start_date"] is None
    field = block.child_blocks["start_date"].field

    assert field.clean(typed) == day


@pytest.mark.parametrize("typed", BAD_DATES)
def test_the_live_figures_block_refuses_an_unreadable_day(typed):
    field = LiveFiguresBlock().child_blocks["end_date"].field

    with pytest.raises(ValidationError):
        field.clean(typed)


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "day"), GOOD_DATES)
def test_the_news_date_of_the_admin_form_reads_days(typed, day):
    from home.models import NewsPage

    form_class = NewsPage.get_edit_handler().get_form_class()
    field = form_class.base_fields["date"]

    assert isinstance(field, DayField)
    assert field.clean(typed) == day


@pytest.mark.django_db
def test_the_news_date_of_the_admin_form_refuses_an_impossible_day():
    from home.models import NewsPage

    field = NewsPage.get_edit_handler().get_form_class().base_fields["date"]
    with translation.override("ru"):
        with pytest.raises(ValidationError) as refused:
            field.clean("31.02.2026")

        assert refused.value.messages == ["Введите дату в виде 28.11.2026."]
