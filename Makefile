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

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Regenerate the .po catalogues after changing translatable strings (needs GNU gettext).
messages: install
	$(MANAGE) makemessages -l kk -l ru --ignore=.venv --ignore=tests --ignore=bench --ignore=node_modules --no-obsolete

# Every benchmark script in bench/ on the database DATABASE_URL names (SQLite by default).
bench: setup
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 media tests/browser/node_modules
