"""Recall of the site's search over the demo content: what people type, before and after.

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL says so), loads the
demo site, and asks each query of :data:`QUERIES` the way the search page does (live public
pages of the language, then its live events) twice: with Wagtail's database backend and the
``simple`` configuration (the site's search before), and with ``engagement.textsearch.backend``
(the site's search now), rebuilding the index for each. A query counts as found when the page
or event it was meant for is among the results the search page shows (12 pages, 10 events).
Prints a Markdown table by kind of query and one row per query (``--queries``).

    .venv/bin/python bench/search_recall.py                  # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kksearch .venv/bin/python bench/search_recall.py

The test database (``test_<name>``) is created and destroyed by the script.
"""

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

# The project, not this folder, on the path: bench/calendar.py would hide the standard library's.
sys.path[:] = [str(Path(__file__).resolve().parents[1])] + [
    path for path in sys.path if Path(path or ".").resolve() != Path(__file__).resolve().parent
]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

#: (kind, language, query as typed, a title the result must include)
QUERIES = [
    # Kazakh letters typed on a Russian keyboard
    ("keyboard", "kk", "Талгар", "Талғар"),
    ("keyboard", "kk", "Каскелен", "Қаскелең қаласы"),
    ("keyboard", "kk", "Уйгыр", "Ұйғыр ауданы"),
    ("keyboard", "kk", "Енбекшиказак", "Еңбекшіқазақ"),
    ("keyboard", "kk", "Карасай", "Қарасай ауданы"),
    ("keyboard", "kk", "Кайырымдылык", "Қайырымдылық акциясы"),
    ("keyboard", "kk", "Бесагаш", "Бесағаш"),
    ("keyboard", "kk", "Отеген батыр", "Өтеген батыр"),
    ("keyboard", "kk", "Ащыбулак", "Ащыбұлақ"),
    ("keyboard", "kk", "Женис куни", "Жеңіс күні"),
    ("keyboard", "kk", "Мумкиндиги шектеули", "Мүмкіндігі шектеулі"),
    ("keyboard", "kk", "Иле ауданы", "Іле ауданы"),
    ("keyboard", "kk", "Бакытты отбасы", "Бақытты отбасы"),
    ("keyboard", "kk", "Кенес беру", "Кеңес беру"),
    ("keyboard", "kk", "Кедергисиз", "Кедергісіз"),
    ("keyboard", "kk", "Кедергiсiз", "Кедергісіз"),  # a Latin i typed for і
    # ё written as е
    ("ё/е", "ru", "молодежь", "Молодёжь"),
    ("ё/е", "ru", "отчетно-выборная", "отчётно-выборная"),
    ("ё/е", "ru", "почет ветеранам", "Почёт ветеранам"),
    ("ё/е", "ru", "озеленении сел", "сёл"),
    # case
    ("case", "kk", "ТАЛҒАР", "Талғар"),
    ("case", "ru", "МОЛОДЁЖЬ", "Молодёжь"),
    ("case", "en", "VETERANS", "Honouring veterans"),
    # the beginning of a word
    ("prefix", "kk", "конференц", "конференциясы"),
    ("prefix", "kk", "ардагер", "Ардагерлерге құрмет"),
    ("prefix", "kk", "көгалдан", "көгалдандыруға"),
    ("prefix", "ru", "конфер", "конференция"),
    ("prefix", "ru", "ветеран", "ветеранов"),
    ("prefix", "ru", "фестивал", "фестиваль"),
    ("prefix", "en", "celebrat", "celebration"),
    # Kazakh word forms
    ("kk forms", "kk", "конференция", "конференциясы"),
    ("kk forms", "kk", "ардагерлер", "Ардагерлерге құрмет"),
    ("kk forms", "kk", "ауылдарда", "ауылдарды"),
    ("kk forms", "kk", "Талғарда", "Талғар"),
    ("kk forms", "kk", "жастарға", "Жастар"),
    ("kk forms", "kk", "отбасылар", "Отбасылық"),
    ("kk forms", "kk", "балалардың", "Балаларды"),
    ("kk forms", "kk", "Еңбекшіқазақ ауданында", "Еңбекшіқазақ ауданы"),
    ("kk forms", "kk", "кездесуге", "кездесу"),
    ("kk forms", "kk", "семинарлар", "Семинар"),
    # Russian word forms
    ("ru forms", "ru", "молодежи", "Молодёжь"),
    ("ru forms", "ru", "ветераны", "ветеранов"),
    ("ru forms", "ru", "конференции", "конференция"),
    ("ru forms", "ru", "спортивная игра", "Спортивные игры"),
    ("ru forms", "ru", "семейные праздники", "Семейный праздник"),
    ("ru forms", "ru", "победе", "Победы"),
    ("ru forms", "ru", "фестивали", "фестиваль"),
    # English word forms
    ("en forms", "en", "village", "villages"),
    ("en forms", "en", "volunteering", "volunteers"),
    # typing mistakes (nothing here corrects them: the honest baseline of what is left)
    ("typos", "kk", "конференцыя", "конференциясы"),
    ("typos", "ru", "ветиранов", "ветеранов"),
    ("typos", "kk", "семенар", "Семинар"),
    ("typos", "en", "confrence", "conference"),
]

#: The two backends compared: the site's search before and now.
BACKENDS = {
    "before": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    "default": {
        "BACKEND": "engagement.textsearch.backend",
        "SEARCH_CONFIG": "simple",
        "LANGUAGE_CONFIGS": {"ru": "russian", "en": "english"},
    },
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", action="store_true", help="also print one row per query")
    return parser.parse_args()


def found(backend, language, query, title):
    """Whether the search page of ``language`` would show something titled like ``title``."""
    from wagtail.models import Locale, Page

    from engagement.models import Event
    from engagement.services.search import clean_search_query

    terms = clean_search_query(query)
    locale = Locale.objects.get(language_code=language)
    pages = Page.objects.live().public().filter(locale=locale)
    events = Event.objects.filter(locale=locale, live=True)
    shown = [page.title for page in backend.search(terms, pages)[:12]]
    shown += [event.title for event in backend.search(terms, events)[:10]]
    return any(title.lower() in shown_title.lower() for shown_title in shown)


def measure(name):
    """``{query row: bool}`` with the index rebuilt for backend ``name``."""
    from django.core.management import call_command
    from tqdm import tqdm
    from wagtail.search.backends import get_search_backend

    call_command("update_index", backend_name=name, verbosity=0)
    backend = get_search_backend(name)
    return {row: found(backend, *row[1:]) for row in tqdm(QUERIES, desc=name, unit="query")}


def main():
    options = parse_args()
    import django
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS = BACKENDS
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("load_demo", verbosity=0)
        results = {name: measure(name) for name in BACKENDS}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    totals = Counter(kind for kind, *_ in QUERIES)
    hits = defaultdict(Counter)
    for name, answers in results.items():
        for row, hit in answers.items():
            hits[name][row[0]] += hit
    print(f"\nRecall on {vendor}, {len(QUERIES)} queries over the demo content:\n")
    print("| queries | n | before | now |")
    print("| --- | ---: | ---: | ---: |")
    for kind, total in totals.items():
        print(f"| {kind} | {total} | {hits['before'][kind]} | {hits['default'][kind]} |")
    before, now = sum(hits["before"].values()), sum(hits["default"].values())
    print(f"| **all** | {len(QUERIES)} | {before} ({before / len(QUERIES):.0%}) "
          f"| {now} ({now / len(QUERIES):.0%}) |")
    if options.queries:
        print("\n| kind | language | query | meant | before | now |")
        print("| --- | --- | --- | --- | :---: | :---: |")
        for row in QUERIES:
            marks = ["✓" if results[name][row] else "✗" for name in BACKENDS]
            print(f"| {row[0]} | {row[1]} | {row[2]} | {row[3]} | {marks[0]} | {marks[1]} |")


if __name__ == "__main__":
    main()
