"""Places loaded from engagement/data: the Almaty region's districts and the 2022 transfer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from engagement.models import Place, PlaceKind, PlaceTransfer
from engagement.services.places import load_places, place_rows

from .helpers import district

pytestmark = pytest.mark.django_db

ZHETYSU_DAY = datetime.date(2022, 6, 8)


def canonical():
    return Place.objects.filter(locale__language_code="kk")


def test_the_region_has_seventeen_districts_and_three_cities():
    assert canonical().filter(kind=PlaceKind.DISTRICT).count() == 17
    assert canonical().filter(kind=PlaceKind.CITY).count() == 3
    assert set(canonical().filter(kind=PlaceKind.REGION).values_list("slug", flat=True)) == {
        "almaty-region", "zhetysu-region",
    }


def test_each_district_has_its_administrative_centre():
    talgar = district("talgar-district")

    centres = talgar.children.filter(locale=talgar.locale, kind=PlaceKind.SETTLEMENT)
    assert list(centres.values_list("name", flat=True)) == ["Талғар қаласы"]


def test_names_are_translated_into_russian_and_english():
    karasay = district("karasay-district")

    names = dict(
        Place.objects.filter(translation_key=karasay.translation_key).values_list(
            "locale__language_code", "name"
        )
    )
    assert names == {
        "kk": "Қарасай ауданы", "ru": "Карасайский район", "en": "Karasay District",
    }


@pytest.mark.parametrize(
    ("slug", "day", "region"),
    [
        # Aksu District went to the new Zhetysu region on 8 June 2022 ...
        ("aksu-district", ZHETYSU_DAY - datetime.timedelta(days=1), "almaty-region"),
        ("aksu-district", ZHETYSU_DAY, "zhetysu-region"),
        # ... and so did the city of Taldykorgan, the old regional centre ...
        ("taldykorgan", datetime.date(2021, 3, 1), "almaty-region"),
        ("taldykorgan", datetime.date(2024, 3, 1), "zhetysu-region"),
        # ... while Talgar District stayed in the Almaty region.
        ("talgar-district", datetime.date(2021, 3, 1), "almaty-region"),
        ("talgar-district", datetime.date(2024, 3, 1), "almaty-region"),
    ],
)
def test_a_place_keeps_its_history_across_the_2022_transfer(slug, day, region):
    assert district(slug).region_on(day).slug == region


def test_the_transfer_is_data_ten_rows_not_code():
    transfers = PlaceTransfer.objects.filter(place__locale__language_code="kk")

    assert transfers.count() == 10
    assert {transfer.date for transfer in transfers} == {ZHETYSU_DAY}
    assert {transfer.from_parent.slug for transfer in transfers} == {"almaty-region"}


def test_loading_again_creates_nothing():
    before = Place.objects.count()

    assert load_places(Place, PlaceTransfer, Locale) == 0
    assert Place.objects.count() == before
    # Regions, districts and cities, their centres, 18 rural districts with their centres.
    assert len(place_rows()) == 2 + 20 + 17 + 18 * 2


def test_a_kato_code_has_nine_digits():
    place = district("talgar-district")
    place.kato = "19A"

    with pytest.raises(ValidationError) as error:
        place.full_clean()

    assert "kato" in error.value.message_dict


def test_a_settlement_cannot_belong_to_a_region():
    region = canonical().get(slug="almaty-region")
    place = Place(kind=PlaceKind.SETTLEMENT, name="Ауыл", slug="auyl", parent=region,
                  locale=region.locale)

    with pytest.raises(ValidationError) as error:
        place.full_clean()

    assert "parent" in error.value.message_dict
