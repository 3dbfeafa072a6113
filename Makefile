# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEV_SETTINGS := portal.settings.dev
TEST_SETTINGS := portal.settings.test
HOST ?= 127.0.0.1
PORT ?= 8000
# Apps (and the project's templates) with an English catalogue of their Dutch source strings.
LOCALISED := accounts partners brand training materials tools voice journeys recognition home portal

# The suite runs on every core (pytest-xdist); tests that share one outside service stay on one worker.
PARALLEL ?= --numprocesses=auto --dist=loadgroup

.PHONY: run serve install install-dev install-bench browser lint format test test-fast bench bench-cluster messages clean backup restore audit

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install only when a requirements file changed.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: requirements.txt requirements-bench.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

install-bench: $(VENV)/.installed-bench

run: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py seed_demo
	@echo "Het portaal draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl+C)"
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver $(HOST):$(PORT)

# The browser tests need Debian's chromium (installed when this machine allows apt) and axe-core from npm.
browser: node_modules/.installed
	@scripts/ensure-chromium

# Re-install the npm packages only when the lock file changed.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install-dev browser lint
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -m "not redis" $(PARALLEL)

# Benchmarks (not timed tests): each prints its numbers and fails when it misses its target.
# bench.pages builds the large data set (PostgreSQL when DATABASE_URL is set, else SQLite under .bench/),
# serves it with gunicorn and the production settings and loads the main pages with locust.
bench: install-bench
	$(PY) -m bench.formulas
	$(PY) -m bench.voice
	$(PY) -m bench.pages

# Two gunicorn servers sharing PostgreSQL and Redis (DATABASE_URL and REDIS_URL, else the local ones).
bench-cluster: install-bench
	$(PY) -m bench.cluster

# Known vulnerabilities in the installed dependencies (pip-audit); CI runs it after the tests.
audit: install-dev
	scripts/audit-dependencies

# Translations: English for the Dutch source strings; .mo files are committed so no gettext is needed to run.
messages: install-dev
	for app in $(LOCALISED); do mkdir -p $$app/locale && (cd $$app && ../$(PY) ../manage.py makemessages -l en --no-obsolete) || exit 1; done
	$(PY) manage.py compilemessages --ignore=.venv

# Back-up and restore with the environment's settings (production sets DJANGO_SETTINGS_MODULE), else dev.
backup restore: export DJANGO_SETTINGS_MODULE ?= $(DEV_SETTINGS)

backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "Gebruik: make restore FILE=backups/portal-<datum>-<tijd>.tar.gz (FORCE=1 vervangt een database die al gegevens heeft)"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media .bench
