# Satu Pintu — two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
REFERENCE_DATA ?= data/balikpapan
export PYTHONPATH := src
export PYTHONDONTWRITEBYTECODE := 1

# The venv is rebuilt only when the pins change, so re-running is fast.
$(VENV)/.installed: requirements.txt pyproject.toml
	@python=$$(scripts/find-python); \
	if [ ! -x $(PY) ]; then echo "Membuat $(VENV) dengan $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# Local development secrets: generated once, never committed.
var/dev.env: | $(VENV)/.installed
	@mkdir -p var
	$(PY) scripts/make_dev_env.py > $@

.PHONY: setup
setup: $(VENV)/.installed

.PHONY: run
run: $(VENV)/.installed var/dev.env
	@set -a; . var/dev.env; set +a; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py import_reference_data $(REFERENCE_DATA); \
	$(PY) manage.py import_city_config $(REFERENCE_DATA); \
	$(PY) manage.py load_demo_data; \
	HOST=$(HOST) PORT=$(PORT) scripts/serve-dev.sh

.PHONY: system-packages
system-packages:
	scripts/system-packages --with-redis

.PHONY: test
test: system-packages $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=satupintu.settings_test
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: lint
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# A local cluster on loopback (scripts/cluster.py, docs/deploy.md): PostgreSQL, Redis, an
# S3-compatible server, two gunicorn nodes, two workers, the scheduler, nginx on :58080.
.PHONY: cluster cluster-down cluster-test
cluster: $(VENV)/.installed
	scripts/system-packages --with-postgresql --with-redis
	$(PY) scripts/cluster.py up

cluster-down: $(VENV)/.installed
	$(PY) scripts/cluster.py down

# The fault suite (tests/cluster/) against a fresh cluster, torn down afterwards.
cluster-test: $(VENV)/.installed
	scripts/system-packages --with-postgresql --with-redis
	$(PY) scripts/cluster.py down >/dev/null
	$(PY) scripts/cluster.py up
	SP_CLUSTER_STATE=var/cluster $(PY) -m pytest tests/cluster -p no:cacheprovider -v -s; \
		status=$$?; $(PY) scripts/cluster.py down; exit $$status

.PHONY: bench
bench: $(VENV)/.installed
	scripts/system-packages --with-wrk
	$(PY) bench/run.py $(BENCH_ARGS)

# One app node against two through nginx, and a node killed under load (bench/nodes.py):
# a fresh cluster, torn down afterwards.
.PHONY: bench-nodes
bench-nodes: $(VENV)/.installed
	scripts/system-packages --with-postgresql --with-redis --with-wrk
	$(PY) scripts/cluster.py down >/dev/null
	$(PY) scripts/cluster.py up
	$(PY) bench/nodes.py $(BENCH_ARGS); status=$$?; $(PY) scripts/cluster.py down; exit $$status

# Pictures of the real screens for the guides (/panduan/): a throwaway demo site, Debian's
# Chromium through Playwright, small WebP files in src/satupintu/static/guides/ (commit them).
.PHONY: guides
guides: $(VENV)/.installed
	$(PY) scripts/make_guides.py $(GUIDES_ARGS)

# Translators: source strings are Indonesian; refresh the English catalogue (needs GNU
# gettext), translate the new entries, then commit .po and .mo.
.PHONY: messages
messages: $(VENV)/.installed
	cd src/satupintu && export DJANGO_SETTINGS_MODULE=satupintu.settings_test && \
		../../$(PY) ../../manage.py makemessages -l en --no-obsolete \
		--ignore 'tests/*' --ignore 'testing/*' --ignore 'settings_test.py' && \
		../../$(PY) ../../manage.py compilemessages -l en

.PHONY: clean
clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
