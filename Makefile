# The one entry point: `make run` to see the portal, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Throw-away settings for commands that need a key but serve nothing.
TOOL_ENV := DEBUG=off SECRET_KEY=build-only-not-secret-$(shell date +%s)

.PHONY: run install test check test-deps lint format messages demo clean backup restore lock

# Installs requirements.lock, every package with the hashes of its files: a file that is
# not the one locked, or a package nobody locked, stops the install. The lock must agree
# with requirements*.txt (scripts/lock.py check); after changing them, run `make lock`.
$(VENV)/.installed: requirements.lock requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' \
		|| { echo "Python 3.12 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) scripts/lock.py check
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

# A local .env for development: DEBUG on, a generated key, the demo admin's and the demo
# partner's passwords and a backup key. Secrets: readable by its owner only (umask 077 makes it 0600 from the start).
.env:
	@echo "Writing .env (DEBUG on, generated SECRET_KEY, demo admin password and BACKUP_KEY)"
	@umask 077; { echo "DEBUG=on"; \
	   echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	   echo "DEMO_ADMIN_PASSWORD=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(12))')"; \
	   echo "DEMO_PARTNER_PASSWORD=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(12))')"; \
	   echo "BACKUP_KEY=$$($(PYTHON) -c 'import base64, secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())')"; \
	 } > .env

demo: install .env
	@# A .env written before the partners' workspace existed gets the demo partner's password.
	@grep -q '^DEMO_PARTNER_PASSWORD=' .env || { umask 077; \
	   echo "DEMO_PARTNER_PASSWORD=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(12))')" >> .env; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py demo_admin

# The task worker (mail, the press kit) beside the server; both stop together.
run: demo
	trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(PY) manage.py runserver 127.0.0.1:8000

STATIC_ROOT ?= staticfiles

# Everything the suite needs beside Python packages: Debian's Chromium, gettext,
# Java for the HTML checker, and axe-core / vnu-jar from npm (no browser downloads).
test-deps: install $(STATIC_ROOT)/staticfiles.json
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	test -f node_modules/.package-lock.json -a node_modules/.package-lock.json -nt package-lock.json \
		|| npm ci --ignore-scripts --no-audit --no-fund

# Collected again only when something in static/ (or an installed package) changed, so
# two `make test` at once (.ci/run) never write the folder while the other reads it.
$(STATIC_ROOT)/staticfiles.json: $(VENV)/.installed $(shell find static)
	$(TOOL_ENV) $(PY) manage.py collectstatic --noinput -v0

# The suite in parallel (pytest-xdist): one worker per core, each with its own test
# database, live server, Chromium and gunicorn ports. WORKERS=0 runs it in one process.
# loadgroup: a module's tests stay on one worker (conftest.py says how they are grouped).
WORKERS ?= auto
PYTEST_PARALLEL = -n $(WORKERS) --dist loadgroup

test: test-deps
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The quick loop: lint, then every test but the browser and the slow ones (pytest.ini).
check: lint test-deps
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser and not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Known vulnerabilities in every package of requirements.lock, the ones they pull in
# included (PyPI's lists): fails on one, and when a package could not be checked.
audit: install
	$(PY) scripts/audit.py requirements.lock

# requirements.lock from requirements.txt and requirements-dev.txt: every package and its
# dependencies, pinned, with the SHA-256 of each of its files on PyPI, for CPython 3.12 on
# x86_64 Linux. Run it after changing a pin; it keeps the versions already locked that
# still fit (uv pip compile; --upgrade-package NAME via LOCK_ARGS to move one on).
# uv itself comes from the lock, hash-checked, so this works while the lock is stale.
LOCK_ARGS ?=
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || { $(PYTHON) scripts/lock.py entry uv > $(VENV)/uv.lock \
		&& $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/uv.lock; }
	$(BIN)/uv pip compile requirements.txt requirements-dev.txt --generate-hashes \
		--python-version 3.12 --python-platform x86_64-unknown-linux-gnu --native-tls \
		--custom-compile-command "make lock" --quiet --output-file requirements.lock $(LOCK_ARGS)

# The Mozilla HTTP Observatory's grade of the demo site served over TLS (fails below A+).
observatory: test-deps
	$(PY) scripts/observatory.py

.PHONY: audit observatory

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Danish catalogue after changing interface texts, then translate
# the new entries in locale/da/LC_MESSAGES/django.po and run this again.
messages: install
	$(TOOL_ENV) $(PY) manage.py makemessages -l da --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*'
	$(TOOL_ENV) $(PY) manage.py compilemessages -l da --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules staticfiles

# The whole site (database rows and MEDIA_ROOT) into BACKUP_DIR/symbiosis-<UTC time>.tar.gz.enc,
# encrypted and signed with BACKUP_KEY; archives past BACKUP_KEEP_DAYS are deleted.
backup: install
	$(PY) manage.py backup

# Into a fresh installation: make restore ARCHIVE=backups/symbiosis-….tar.gz.enc
# (BACKUP_KEY the key it was made with; FORCE=1 replaces a site that has content).
restore: install
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=backups/symbiosis-<time>.tar.gz.enc [FORCE=1]"; exit 2; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py restore $(if $(FORCE),--force) "$(ARCHIVE)"

# Load test: a large generated symbiosis (500 partners, 5,000 flows, 20 years of figures, and the demo)
# in its own database, served by gunicorn with production settings, measured with wrk
# beside a minimal Django view (method and figures: docs/performance.md). E.g.
#   make bench PAGES=directory,diagram DURATION=5 SOAK=0
#   make bench BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/symbiosis_bench
# BENCH_ARGS passes any other option of `$(PY) -m bench.run --help` (e.g. --fresh).
CONNECTIONS ?= 64
DURATION ?= 10
WARMUP ?= 3
# Seconds of the load run over every page at once (memory sampled); 0 skips it.
SOAK ?= 60
PAGES ?=
BENCH_ARGS ?=

.PHONY: bench
bench: install
	@command -v wrk >/dev/null || { echo "Installing wrk from Debian"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	$(PY) -m bench.run --connections $(CONNECTIONS) --duration $(DURATION) --warmup $(WARMUP) --soak $(SOAK) \
		$(if $(PAGES),--pages $(PAGES)) $(BENCH_ARGS)
	$(TOOL_ENV) $(PY) -m bench.matching
