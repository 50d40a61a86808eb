#!/usr/bin/env bash
# `make test-slurm`: bring up the single-node test SLURM (.ci/slurm_up.sh), run the tests marked `slurm`
# (tests/slurm/: the smoke profile through --executor slurm, and the scancel-and-rerun test), and bring SLURM
# down again (.ci/slurm_down.sh) whatever happens, also on failure or Ctrl-C. Up and down run as root (sudo
# when the caller is not root).
# Usage: .ci/test_slurm.sh [PYTHON] [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
shift || true
SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)  # bringing SLURM up and down needs root; the tests do not
if [ -s "${SLURM_TEST_DIR:-/tmp/lazyrich-slurm}/pids" ]; then
    echo "test SLURM already up (${SLURM_TEST_DIR:-/tmp/lazyrich-slurm}/pids): using it, leaving it up"
else
    trap '$SUDO .ci/slurm_down.sh' EXIT
    $SUDO .ci/slurm_up.sh
fi
export LAZYRICH_NO_PROGRESS=1
"$PY" -m pytest -m slurm tests/slurm -v "$@"
