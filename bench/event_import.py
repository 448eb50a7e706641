"""Benchmark of the bulk event import: 3,000 and 20,000 rows, CSV and XLSX.

Run from the project folder:

    .venv/bin/python bench/event_import.py [--rows 3000 20000] [--trace]

It runs on a fresh SQLite database in a temporary folder, or on ``DATABASE_URL`` (give it a
throw-away database). For each size and format it checks the file (the preview), saves it
(confirm) and imports it again (all rows unchanged), printing wall time, rows per second and
the process's peak resident set size so far; with ``--trace`` also the peak Python heap of
checking the file (tracemalloc, a separate pass: tracing slows the run down).
"""

import argparse
import csv
import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/calendar.py would shadow the standard library's calendar module.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

WORK = Path(tempfile.mkdtemp(prefix="event-import-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

HEADINGS = ["External ID", "Title", "Project", "District or city", "Start", "End",
            "Participants", "How participants were counted", "Of whom young people"]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_rows(count, run):
    from engagement.models import DISTRICT_KINDS, Place, Project

    projects = list(Project.objects.party().filter(locale__language_code="ru")
                    .values_list("name", flat=True))
    districts = list(Place.objects.filter(locale__language_code="kk", kind__in=DISTRICT_KINDS)
                     .values_list("name", flat=True))
    rng = random.Random(count)
    rows = []
    for number in range(count):
        day = rng.randrange(1, 29)
        month = rng.randrange(1, 13)
        year = rng.choice((2021, 2022, 2023))
        hour = rng.randrange(9, 18)
        participants = rng.randrange(5, 2000)
        rows.append([
            f"{run}-{number}", f"Кездесу №{number}", rng.choice(projects),
            rng.choice(districts), f"{day:02d}.{month:02d}.{year} {hour}:00",
            f"{day:02d}.{month:02d}.{year} {hour + 2}:00", f"{participants:,}".replace(",", " "),
            "registered", str(participants // 3),
        ])
    return rows


def csv_file(rows):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return output.getvalue().encode("utf-8-sig")


def xlsx_file(rows):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def measure(label, count, name, data, user, trace):
    from engagement.imports import service

    print(f"\n{label}: {count:,} rows, file {len(data) / 1_000_000:.2f} MB")
    started, cpu = time.monotonic(), time.process_time()
    result = service.preview(name, data, user)
    checked, checked_cpu = time.monotonic() - started, time.process_time() - cpu
    assert result.ok, (result.refused, result.errors[:3])
    started, cpu = time.monotonic(), time.process_time()
    record = service.confirm(result.record, user, result.file_hash)
    saved, saved_cpu = time.monotonic() - started, time.process_time() - cpu
    assert record.created == count, record.created
    # CPU time of this process as well: on a shared machine the wall time includes waiting.
    print(f"  check  {checked:6.1f} s  {count / checked:8,.0f} rows/s  (CPU {checked_cpu:.1f} s)")
    print(f"  save   {saved:6.1f} s  {count / saved:8,.0f} rows/s  (CPU {saved_cpu:.1f} s)")
    total = checked + saved
    print(f"  total  {total:6.1f} s  {count / total:8,.0f} rows/s  (limit: 60 s at 20,000 rows)")
    started = time.monotonic()
    again = service.preview(name, data, user)
    service.confirm(again.record, user, again.file_hash)
    repeat = time.monotonic() - started
    assert len(again.plan.create) == 0 and again.plan.unchanged == count
    print(f"  again  {repeat:6.1f} s  {count / repeat:8,.0f} rows/s  (all unchanged)")
    print(f"  peak RSS so far {peak_rss_mb():.0f} MB")
    if trace:
        tracemalloc.start()
        service.check_file(name, data, user)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  peak Python heap while checking: {peak / 1_000_000:.0f} MB")
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[3000, 20000])
    parser.add_argument("--trace", action="store_true")
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    user = get_user_model().objects.get(username="admin")
    print(f"Database: {django.db.connection.vendor}; work folder {WORK}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"Peak RSS after setup: {peak_rss_mb():.0f} MB")
    for count in options.rows:
        for kind, writer in (("csv", csv_file), ("xlsx", xlsx_file)):
            rows = make_rows(count, f"{kind}{count}")
            measure(f"{kind.upper()}", count, f"events.{kind}", writer(rows), user,
                    options.trace)


if __name__ == "__main__":
    main()
