# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/ocop
REDIS ?= redis://127.0.0.1:6379/0

.PHONY: demo test lint format install lock

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Reinstall only when the dependency list changes; versions pinned by requirements.lock.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]" -c requirements.lock
	touch $(STAMP)

install: $(STAMP)

# Rewrite requirements.lock from a fresh resolution of pyproject.toml (newest allowed versions).
lock: | $(BIN)/python
	rm -rf .venv-lock && $(PY) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e ".[dev]"
	{ sed -n '1,2p' requirements.lock; .venv-lock/bin/pip freeze --exclude-editable | grep -v "^-e"; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock

demo: install
	DJANGO_SETTINGS_MODULE=marketplace.settings.dev $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=marketplace.settings.dev $(BIN)/python manage.py seed_demo
	DJANGO_SETTINGS_MODULE=marketplace.settings.dev $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m tests.setup_machine
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) CELERY_BROKER_URL=$(REDIS) CELERY_RESULT_BACKEND=$(REDIS) \
		$(BIN)/pytest --create-db $(PYTEST_ARGS)

# Import rules (pyproject.toml [tool.importlinter]); `make test` checks them too (tests/test_import_rules.py).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks against DESIGN §6 (on demand, ~5 min): fills its databases once, then measures.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/ocop_bench
BENCH_PROVINCE_DB ?= postgres://postgres@127.0.0.1:5432/ocop_bench_province
.PHONY: bench
bench: install
	BENCH_DATABASE_URL=$(BENCH_DB) $(BIN)/python -m benchmarks.make_catalogue
	BENCH_DATABASE_URL=$(BENCH_DB) REDIS_URL=$(REDIS) $(BIN)/python -m benchmarks.run $(BENCH_ARGS)
	# indicators: officials' dashboard on a 100,000-entity province (own database)
	BENCH_PROVINCE_URL=$(BENCH_PROVINCE_DB) $(BIN)/python -m benchmarks.make_province
	BENCH_PROVINCE_URL=$(BENCH_PROVINCE_DB) $(BIN)/python -m benchmarks.indicators
	# the OCOP register: a 10,000-row sheet imported, and the outreach worklist, on the same province
	BENCH_PROVINCE_URL=$(BENCH_PROVINCE_DB) $(BIN)/python -m benchmarks.register
