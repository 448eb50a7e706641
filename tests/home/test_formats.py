"""Kazakh formats (cms/formats/kk) and the Asia/Almaty time zone."""

import datetime as dt
import zoneinfo

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, timezone, translation


@pytest.fixture
def kazakh():
    with translation.override("kk"):
        yield


def test_kazakh_long_date(kazakh):
    assert formats.date_format(dt.date(2021, 3, 5)) == "2021 ж. 5 наурыз"


def test_kazakh_short_date(kazakh):
    assert formats.date_format(dt.date(2021, 3, 5), "SHORT_DATE_FORMAT") == "05.03.2021"


def test_kazakh_number_has_non_breaking_space_groups_and_decimal_comma(kazakh):
    assert formats.number_format(1234567.5, decimal_pos=1, force_grouping=True) == (
        "1\xa0234\xa0567,5"
    )


def test_kazakh_date_and_number_in_a_template(kazakh):
    template = Template("{% load humanize %}{{ day|date }} · {{ day|date:'SHORT_DATE_FORMAT' }}"
                        " · {{ total|intcomma }}")
    rendered = template.render(Context({"day": dt.date(2021, 12, 1), "total": 1200000}))

    assert rendered == "2021 ж. 1 желтоқсан · 01.12.2021 · 1\xa0200\xa0000"


def test_kazakh_week_starts_on_monday(kazakh):
    assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize("value", ["05.03.2021", "2021-03-05"])
def test_kazakh_date_input_accepts_day_month_year(kazakh, value):
    form = forms.Form()
    field = forms.DateField()
    form.fields["day"] = field

    assert field.clean(value) == dt.date(2021, 3, 5)


def test_russian_number_uses_its_own_separators():
    with translation.override("ru"):
        assert formats.number_format(1200000, force_grouping=True) == "1\xa0200\xa0000"


def test_time_zone_settings():
    assert settings.TIME_ZONE == "Asia/Almaty"
    assert settings.USE_TZ is True


@pytest.mark.parametrize(
    ("utc", "local", "offset_hours"),
    [
        # The last day of UTC+6: 29 February 2024, noon UTC.
        (dt.datetime(2024, 2, 29, 12, 0, tzinfo=dt.UTC), dt.datetime(2024, 2, 29, 18, 0), 6),
        # 1 March 2024, 00:00 local: Asia/Almaty had just moved to UTC+5.
        (dt.datetime(2024, 2, 29, 19, 0, tzinfo=dt.UTC), dt.datetime(2024, 3, 1, 0, 0), 5),
        # A summer 2021 event, when the whole region was on UTC+6.
        (dt.datetime(2021, 7, 25, 4, 0, tzinfo=dt.UTC), dt.datetime(2021, 7, 25, 10, 0), 6),
    ],
)
def test_almaty_offset_on_both_sides_of_the_2024_change(utc, local, offset_hours):
    converted = timezone.localtime(utc)

    assert converted.replace(tzinfo=None) == local
    assert converted.utcoffset() == dt.timedelta(hours=offset_hours)


def test_time_zone_rules_come_from_the_tzdata_package():
    assert zoneinfo.TZPATH == ()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_language_reads_dates_typed_day_first_and_iso(language):
    # Wagtail's own date filters use plain Django fields: they read what people type, too.
    with translation.override(language):
        for typed in ("28.11.2026", "2026-11-28"):
            assert forms.DateField().clean(typed) == dt.date(2026, 11, 28)
        moment = forms.DateTimeField().clean("28.11.2026 10:00")
    assert moment == dt.datetime(2026, 11, 28, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty"))


def test_the_admin_pickers_use_the_kazakhstan_convention():
    assert settings.WAGTAIL_DATE_FORMAT == "%d.%m.%Y"
    assert settings.WAGTAIL_DATETIME_FORMAT == "%d.%m.%Y %H:%M"
    for language in ("kk", "ru", "en"):
        assert settings.WAGTAIL_DATE_FORMAT in formats.get_format("DATE_INPUT_FORMATS", language)
        assert settings.WAGTAIL_DATETIME_FORMAT in formats.get_format(
            "DATETIME_INPUT_FORMATS", language
        )
