# One-command entry points. Each target installs what it needs first (into .venv) and is idempotent.
VENV ?= .venv
PY := $(VENV)/bin/python
SNAKEMAKE := $(VENV)/bin/snakemake
PROFILE ?= default

.PHONY: install test test-all test-slurm jobs run smoke report rulegraph status bench clean-profile

install: $(VENV)/.installed

$(VENV)/.installed: envs/requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r envs/requirements.txt
	$(PY) -m pip install --no-deps -e .
	touch $@

test: install            ## the test suite (fast tests + the smoke pipeline end to end)
	$(PY) -m pytest

test-all: install        ## also the tests marked slow
	$(PY) -m pytest -m "slow or not slow"

test-slurm: install      ## the smoke profile through a real single-node SLURM (as root: brings it up, tests, brings it down)
	.ci/test_slurm.sh $(PY)

jobs: install            ## every job of PROFILE with its estimated cost, the total and the critical path
	$(PY) -m lazyrich.jobs --profile $(PROFILE)

run: install             ## every figure and the claims report of PROFILE (default: default)
	$(PY) -m lazyrich.stale_lock --config profile=$(PROFILE)
	$(SNAKEMAKE) --cores all --config profile=$(PROFILE)

smoke: install
	$(PY) -m lazyrich.stale_lock --config profile=smoke
	$(SNAKEMAKE) --cores all --config profile=smoke

report: install          ## self-contained HTML report of PROFILE (after `make run`)
	$(SNAKEMAKE) --config profile=$(PROFILE) --report report-$(PROFILE).html

status: install          ## docs/replication_status.md and the README's summary, from docs/results/*/*/claims.json
	$(PY) -m lazyrich.claims.status docs/results/*/*/claims.json --readme README.md > docs/replication_status.md.tmp
	mv docs/replication_status.md.tmp docs/replication_status.md

bench: install           ## each trainer against this machine's GEMM peak; rewrites docs/performance.md (not a test, CI skips it)
	$(PY) -m benchmarks.performance --out docs/performance.md $(BENCH_ARGS)

rulegraph: install
	$(SNAKEMAKE) --config profile=smoke --rulegraph mermaid-js > docs/rulegraph.mmd
