# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: run test setup install translations migrate demo lint pytest browser-deps messages bench clean

run: setup demo
	@echo ""
	@echo "  Site:  http://127.0.0.1:8000/  (ru: /ru/, en: /en/)"
	@echo "  Admin: http://127.0.0.1:8000/admin/  user: admin  password: admin"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:8000

test: setup browser-deps lint pytest

setup: install translations migrate

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

translations: install
	$(MANAGE) compiletranslations

migrate: install
	$(MANAGE) migrate --noinput

demo: setup
	$(MANAGE) load_demo

lint: install
	$(BIN)/ruff check .

# axe-core for the accessibility tests, at the version pinned in tests/browser/package-lock.json.
# Without npm the browser tests skip (and fail under CI=true).
browser-deps:
	@if [ -f $(AXE) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm not found: browser tests will be skipped"; fi

# The suite in PYTEST_WORKERS processes (pytest-xdist; each has its own test database, cache
# database, media folder and live server). `--dist load` hands out tests in pytest-django's
# order, so each worker still runs its database tests before its transactional ones (which
# empty the database); `loadfile` would run a file's transactional tests before other files'
# database tests. PYTEST_WORKERS=0 runs the suite in this one process.
PYTEST_WORKERS ?= 2

pytest: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

# Regenerate the .po catalogues after changing translatable strings (needs GNU gettext).
messages: install
	$(MANAGE) makemessages -l kk -l ru --ignore=.venv --ignore=tests --ignore=bench --ignore=node_modules --no-obsolete

# Every benchmark in bench/ (bench/run_all.py lists them), on SQLite unless DATABASE_URL is set.
bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) db.sqlite3 media tests/browser/node_modules
