"""A reader finds an old event in Konaev through the calendar's filter: the place reads
«город Конаев (бывш. Капшагай)»; a state programme is never among the projects offered."""

import re

from wagtail.models import Locale

from engagement.models import Place, Project, ProjectKind
from tests.browser.conftest import assert_no_axe_violations
from tests.engagement.helpers import almaty, make_event, project


def test_a_reader_filters_by_konaev_and_sees_the_former_name_of_an_old_event(page):
    konaev = Place.objects.get(slug="kapshagay", locale__language_code="kk")
    village = Place.objects.get(slug="zarechnoye-village", locale__language_code="kk")
    make_event(project("kedergisiz-keleshek"), konaev, title="Ауыл тұрғындарымен кездесу",
               settlement=village, start=almaty(2021, 9, 1, 11), venue_address="Ауылдық клуб",
               live=True)
    Project.objects.create(slug="enbek-old", name="«Еңбек» мемлекеттік бағдарламасы",
                           kind=ProjectKind.STATE_PROGRAMME,
                           locale=Locale.objects.get(language_code="kk"))

    page.goto_path("/ru/events/")
    projects = page.locator("#id_project option").all_inner_texts()
    assert "«Кедергісіз келешек» («Будущее без барьеров»)" in projects
    assert not any("Еңбек" in name for name in projects)
    page.locator("#id_district").select_option(label="город Конаев")
    page.locator("form:has(#id_district) [type=submit]").click()
    page.wait_for_url(re.compile(r"district=kapshagay"))
    page.get_by_role("link", name="Ауыл тұрғындарымен кездесу").click()
    page.wait_for_url(re.compile(r"/ru/events/[0-9a-f]+-"))

    where = page.locator(".eg-event__facts dd").nth(1).inner_text()
    assert "село Заречное" in where
    assert "город Конаев (бывш. Капшагай)" in where
    assert_no_axe_violations(page)
