# One entry point for people and CI. Every target bootstraps .venv from the lock file first,
# so a fresh clone needs nothing installed by hand beyond Python 3.11.
PYTHON ?= python3
# The site builder: mkdocs (MkDocs 1.6.1) or properdocs (ProperDocs, a drop-in fork of MkDocs
# 1.6), each in its own venv from its own lock file: `make site BUILDER=properdocs`.
BUILDER ?= mkdocs
ifeq ($(BUILDER),mkdocs)
VENV := .venv
LOCK := requirements/requirements.txt
else ifeq ($(BUILDER),properdocs)
VENV := .venv-properdocs
LOCK := requirements/properdocs.txt
else
$(error BUILDER must be mkdocs or properdocs, not '$(BUILDER)')
endif
# Read by healthsite.adapters.mkdocs.builder: which builder `healthsite check` and `healthsite build` run (in
# their own process); `make serve` runs its command.
export HEALTHSITE_BUILDER := $(BUILDER)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# Silence Material's end-of-life banner in build logs (ENGINEERING.md, "Builders", covers the plan).
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site test test-generator verify test-properdocs test-builder check serve reviews \
	zensical sign-off library-path \
	lint types audit bench bench-checks clean lock system-deps dist new-clinic

help:
	@echo "make site    build the site into site/ (checks content first)"
	@echo "make serve   live preview on http://$(HOST), reloads on changes"
	@echo "make check   check content/ only (fast)"
	@echo "make reviews list the pages due for review soon (or overdue)"
	@echo "make test    the whole test suite, with lint and types"
	@echo "make verify  only the site checks, on this project's own site (real date)"
	@echo "make test-properdocs   the generator tests with ProperDocs in place of MkDocs"
	@echo "make zensical  the site built with Zensical into .site-zensical/ (an early warning)"
	@echo "make audit   Lighthouse scores for three pages into reports/"
	@echo "make bench   build speed, memory and size against plain Material (a few minutes)"
	@echo "make bench-checks  time the checks on hostile input at the size limits"
	@echo "make dist    build the wheel and the sdist into dist/"
	@echo "make new-clinic  a new site from the wheel, made a clinic's own, then its make test"
	@echo "make clean   remove site/, .venv/ and caches"

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/healthsite check

reviews: $(STAMP)
	$(BIN)/healthsite reviews

# Record that someone at the clinic read the library's pages: make sign-off BY=<id in clinic.yml>
sign-off: $(STAMP)
	@test -n "$(BY)" || { echo "Say who read them: make sign-off BY=<their id in content/clinic.yml>"; exit 2; }
	$(BIN)/healthsite sign-off --by "$(BY)"

# Where the content library's pages are, to copy one into content/ and make it your own.
library-path: $(STAMP)
	@$(BIN)/healthsite library-path

site: $(STAMP)
	$(BIN)/healthsite build --site-dir site

serve: $(STAMP)
	$(BIN)/$(BUILDER) serve --config-file mkdocs.yml --dev-addr $(HOST) --livereload

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

types: $(STAMP)
	$(BIN)/mypy

system-deps:
	bash scripts/install_system_deps.sh

# `make test` is `lint`, `types`, `test-generator` and `verify`; CI runs the same targets in two
# parallel jobs, with `verify` on the site it deploys (.github/workflows/ci.yml). The two kinds
# of tests are explained in tests/conftest.py.
test: $(STAMP) system-deps lint types test-generator verify

# pytest-xdist processes for test-generator and verify: more than the 2 cores of the machines
# this runs on, since much of a browser test is waiting on Chromium. `make test WORKERS=1` for
# one process (a failure's output in order), WORKERS=auto for one per core.
WORKERS ?= 3

# The generator's own tests, on fixture sites under tests/ with a fixed date.
test-generator: $(STAMP) system-deps
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

# The site checks (`healthsite verify`, shipped in the package: src/healthsite/site_checks/) on
# the example site with the real date, as a clinic's `make test` runs them on theirs. On the site
# in $$HEALTHSITE_SITE_DIR when set (CI passes the folder it deploys), otherwise on the current
# content built afresh into .site-checks/. Never builds into site/.
verify: $(STAMP) system-deps
	$(BIN)/healthsite verify -n $(WORKERS)

# The generator tests with ProperDocs as the builder (CI runs it; ENGINEERING.md, "Switching the
# builder to ProperDocs"), less those no builder takes part in: the browser ones, the workflow
# lint and the timing of the checks on hostile input.
test-properdocs:
	$(MAKE) --no-print-directory BUILDER=properdocs test-builder

test-builder: $(STAMP)
	$(BIN)/python -m pytest --ignore=tests/test_workflows.py \
		--ignore=tests/test_adversarial.py -m "not browser"

# The example site built with Zensical, Material for MkDocs' successor, which runs no plugin of
# ours: healthsite's steps write a plain project, Zensical (from its own venv and lock) builds
# it, and healthsite's last step finishes the HTML (scripts/zensical_build.py; ENGINEERING.md,
# "MkDocs 2 and Zensical", says what that site lacks). Into .site-zensical/; CI runs it as an
# early warning that may fail.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed

$(ZENSICAL_STAMP): requirements/zensical.txt
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		--no-deps -r requirements/zensical.txt
	touch $(ZENSICAL_STAMP)

zensical: $(STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python scripts/zensical_build.py --site-dir .site-zensical \
		--zensical $(ZENSICAL_VENV)/bin/zensical

audit: site system-deps
	$(BIN)/python scripts/audit.py

# Not part of `make test`: timings depend on the machine. BENCH_ARGS="--sizes 10,50 --repeat 5"
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Times every content check on hostile input at the size limits and prints the worst case; a
# case over 60 s fails it. Minutes of CPU: a CI job of its own, not part of `make test` (whose
# tests/test_adversarial.py times every case at two small sizes for growth faster than linear).
bench-checks: $(STAMP)
	$(BIN)/python scripts/bench_adversarial.py --limit 60

# Re-pin every dependency after editing requirements/requirements.in or zensical.in (see ENGINEERING.md, "Upgrading dependencies").
# The ProperDocs lock leaves out mkdocs and what only it needs: ProperDocs provides `mkdocs.*`.
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes \
		requirements/requirements.in -o requirements/requirements.txt
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes \
		--no-emit-package mkdocs --no-emit-package mkdocs-get-deps --no-emit-package mergedeep \
		requirements/properdocs.in -o requirements/properdocs.txt
	# What a clinic's site installs (healthsite new writes it as requirements.txt): the package's
	# own dependencies, at the versions of the lock above, without the engine's dev tools.
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes \
		pyproject.toml -c requirements/requirements.txt -o requirements/site.txt
	# Zensical's own venv (make zensical): nothing in it has to agree with the locks above.
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes \
		requirements/zensical.in -o requirements/zensical.txt

# The wheel and the sdist of the engine (with the example site, which setup.py adds), as a
# release publishes them; `pip install` finds them with PIP_FIND_LINKS=dist.
dist: $(STAMP)
	rm -rf dist build
	$(BIN)/uv build --quiet --no-build-isolation --python $(BIN)/python --out-dir dist
	rm -rf build
	@ls dist/*.whl dist/*.tar.gz

# What a new clinic does, from the wheel alone, outside this repository: `healthsite new`, the
# edits a clinic makes (tests/fixtures/new_clinic/), then that site's own `make test` (the site
# checks on the customised site). Minutes: a CI job of its own, not part of `make test`.
new-clinic: dist
	$(BIN)/python -m scripts.new_clinic_trial --wheel-dir dist

clean:
	rm -rf site .site-* .site*.lock .cache .venv .venv-properdocs .venv-zensical .pytest_cache \
		.mypy_cache .ruff_cache .hypothesis reports dist build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
