# The two commands of the quick start: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The main job: the web app on ./jihua.sqlite with the bundled example and demo users.
run: $(VENV)/.installed
	scripts/system-deps run
	$(VENV)/bin/jihua serve --demo

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(VENV)/.installed
	scripts/system-deps
	$(MAKE) --no-print-directory lint
	@url="$${JIHUA_TEST_POSTGRES_URL:-$$(scripts/start-postgres || true)}"; \
	if [ -n "$${CI:-}" ] && [ -z "$$url" ]; then echo "CI 需要 PostgreSQL，但 scripts/start-postgres 未能启动" >&2; exit 1; fi; \
	echo "JIHUA_TEST_POSTGRES_URL=$$url"; \
	JIHUA_TEST_POSTGRES_URL="$$url" $(VENV)/bin/pytest

bench: $(VENV)/.installed
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
