"""Time ``manage.py seed_engagement`` at full scale on a fresh database.

    .venv/bin/python bench/seed_engagement.py                      # SQLite (a temporary file)
    .venv/bin/python bench/seed_engagement.py --database-url postgres://postgres@127.0.0.1:5432/engagement_events_bench

The database is migrated and given the demo site first (load_demo), then the generator runs
twice with ``--reset`` (the second run shows that a reset run costs the same). Figures are
printed; nothing here is part of the test run. With ``--keep`` the SQLite file is kept (its
path is printed) for ``bench/event_listing.py``.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    started = time.perf_counter()
    completed = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if completed.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{completed.stderr}")
    return elapsed, completed.stdout


def reset_postgres(database_url):
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL (dropped and recreated!)")
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--participants", type=int, default=1_200_000)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    options = parser.parse_args()

    if options.database_url:
        reset_postgres(options.database_url)
        database_url, label = options.database_url, "PostgreSQL"
    else:
        path = Path(tempfile.mkdtemp(prefix="engagement-bench-")) / "bench.sqlite3"
        database_url, label = f"sqlite:///{path}", "SQLite"

    migrate, _ = manage(database_url, "migrate", "--noinput", "-v0")
    demo, _ = manage(database_url, "load_demo", "-v0")
    args = ["seed_engagement", "--events", str(options.events), "--participants",
            str(options.participants), "--random-seed", "1", "--reset", "--no-progress"]
    first, summary = manage(database_url, *args)
    second, _ = manage(database_url, *args)

    print(f"seed_engagement on {label} ({os.cpu_count()} CPUs)")
    print(f"  migrate: {migrate:.1f} s, load_demo: {demo:.1f} s")
    print(f"  {options.events} events / {options.participants} participants:")
    print(f"    first run (wall clock, incl. Django start-up): {first:.1f} s")
    print(f"    second run with --reset:                      {second:.1f} s")
    print("  summary of the run:")
    for line in summary.strip().splitlines():
        print(f"    {line}")
    if not options.database_url:
        if options.keep:
            print(f"  database kept: DATABASE_URL={database_url}")
        else:
            path.unlink()


if __name__ == "__main__":
    main()
