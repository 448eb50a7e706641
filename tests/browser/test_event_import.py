"""A Kazakh organiser imports a spreadsheet: a bad row is shown with its number, column and
reason and nothing is saved; the fixed file is previewed, confirmed and saved; the same file
again leaves every event unchanged."""

from pathlib import Path

from engagement.models import Event
from tests.engagement.helpers import make_organiser
from tests.engagement.imports.helpers import csv_bytes, good_rows, happy_family, talgar

SHOTS = Path("/tmp/bulkimport-shots")
URL = "/admin/engagement/import/"


def shot(tab, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def choose_and_check(tab, path):
    tab.get_by_label("Кесте (CSV немесе XLSX)").set_input_files(str(path))
    tab.get_by_role("button", name="Файлды тексеру").click()
    tab.locator("[data-import-counts]").wait_for()


def test_a_kk_organiser_fixes_a_bad_row_then_imports_and_imports_again(browser_session,
                                                                       tmp_path):
    make_organiser(projects=[happy_family()], districts=[talgar()], username="aigerim",
                   language="kk")
    tab = browser_session("aigerim")
    tab.goto_path("/admin/")
    tab.get_by_role("button", name="Белсенділік").click()
    tab.get_by_role("link", name="Іс-шараларды жүктеу").click()
    tab.wait_for_url(f"**{URL}")

    rows = good_rows()
    rows[1][5] = "31.02.2024"
    bad = tmp_path / "іс-шаралар.csv"
    bad.write_bytes(csv_bytes(rows, "kk", delimiter=";", bom=True))
    choose_and_check(tab, bad)
    error = tab.locator("[data-import-errors] tbody tr")
    assert error.count() == 1
    assert error.locator("td").all_inner_texts() == [
        "3", "Басталуы", "31.02.2024",
        "Мұндай күн жоқ: 31.02.2024. Күн мен айды тексеріңіз."]
    assert tab.locator('[data-count="failing"]').inner_text() == "1"
    assert tab.get_by_role("button", name="Растау және сақтау").count() == 0
    shot(tab, "import-kk-bad-row-1280")
    tab.set_viewport_size({"width": 390, "height": 844})
    shot(tab, "import-kk-bad-row-390")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.set_viewport_size({"width": 1280, "height": 900})
    assert not Event.objects.filter(source_key__startswith="import").exists()

    good = tmp_path / "іс-шаралар-түзетілген.csv"
    good.write_bytes(csv_bytes(good_rows(), "kk", delimiter=";", bom=True))
    choose_and_check(tab, good)
    assert tab.locator('[data-count="create"]').inner_text() == "3"
    shot(tab, "import-kk-preview-1280")
    tab.get_by_role("button", name="Растау және сақтау").click()
    tab.locator(".messages .success").wait_for()
    assert "3 іс-шара қосылды" in tab.locator(".messages").inner_text()
    shot(tab, "import-kk-saved-1280")
    assert sorted(Event.objects.filter(source_key__startswith="import")
                  .values_list("title", flat=True)) == ["Family day", "День семьи", "Отбасы күні"]

    choose_and_check(tab, good)
    assert tab.locator('[data-count="unchanged"]').inner_text() == "3"
    assert tab.locator('[data-count="create"]').inner_text() == "0"
    shot(tab, "import-kk-again-1280")
