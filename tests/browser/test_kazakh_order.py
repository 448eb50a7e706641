"""Kazakh alphabetical order as people meet it (issue 13, points 2 and 7).

An administrator who works in Kazakh opens the places from the admin menu and sees each
district once, in Kazakh, in the order of the Kazakh alphabet (Қ after К, Ұ after У, І after Ы);
a reader of the public calendar finds the districts of its filter in Kazakh order on the Kazakh
site and in Russian order on the Russian one, and filters by one of them.
"""

import re

from tests.engagement.helpers import make_user
from tests.engagement.test_collation import DISTRICTS
from tests.engagement.test_reference_listings import districts_only

from .conftest import assert_no_axe_violations

LISTED = "table.listing tbody td.title .title-wrapper a, table.listing tbody td.title a"


def test_an_admin_in_kazakh_sees_each_district_once_in_kazakh_order(browser_session):
    make_user("kk-admin", superuser=True, language="kk")
    tab = browser_session("kk-admin")

    tab.goto_path("/admin/")
    tab.get_by_role("button", name=re.compile("Белсенділік")).click()
    tab.get_by_role("link", name=re.compile("Орындар")).click()
    tab.wait_for_url(re.compile(r"/admin/snippets/engagement/place/"))
    tab.goto_path("/admin/snippets/engagement/place/?kind=district")

    names = [name.strip() for name in tab.locator(LISTED).all_inner_texts()]
    assert names == districts_only("kk")
    assert len(set(names)) == len(names)
    assert not any("район" in name or "District" in name for name in names)


def test_the_calendars_district_filter_follows_each_languages_alphabet(page):
    for path, language in (("/events/", "kk"), ("/ru/events/", "ru")):
        page.goto_path(path)
        options = page.locator("#id_district option").all_inner_texts()
        assert [option.strip() for option in options[1:]] == DISTRICTS[language], path

    page.goto_path("/events/")
    page.locator("#id_district").select_option(label="Іле ауданы")
    page.locator("form:has(#id_district) [type=submit]").click()
    page.wait_for_url(re.compile(r"district=ile-district"))
    assert page.locator("#id_district option:checked").inner_text().strip() == "Іле ауданы"
    assert_no_axe_violations(page)
