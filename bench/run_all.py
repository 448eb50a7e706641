"""Run every benchmark in bench/ (``make bench``): the seed, the listing on it, then the others."""

import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    seed = subprocess.run(
        [sys.executable, HERE / "seed_engagement.py", "--keep"], capture_output=True, text=True
    )
    print(seed.stdout, end="")
    if seed.returncode:
        sys.exit(seed.stderr)
    database_url = re.search(r"DATABASE_URL=(\S+)", seed.stdout).group(1)
    subprocess.run([sys.executable, HERE / "event_listing.py"], check=True,
                   env={**os.environ, "DATABASE_URL": database_url})
    # Benchmarks that build their own database.
    for script in ("news.py", "stats.py", "calendar.py", "legacy_import.py"):
        print(f"\n== {script}", flush=True)
        subprocess.run([sys.executable, HERE / script], check=True)


if __name__ == "__main__":
    main()
