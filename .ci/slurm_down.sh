#!/usr/bin/env bash
# Stop the single-node test SLURM of .ci/slurm_up.sh: only the processes it recorded in
# $SLURM_TEST_DIR/pids (slurmd, slurmctld, then munged), by pid; then remove the slurm.conf it wrote
# (restoring a backed-up one). Safe to run twice or when nothing is up.
set -uo pipefail

STATE=${SLURM_TEST_DIR:-/tmp/lazyrich-slurm}
PIDS="$STATE/pids"

if [ -s "$PIDS" ]; then
    # cancel what is still queued (it is this test cluster's queue) while slurmctld is up
    squeue -h -o %i 2>/dev/null | xargs -r scancel >/dev/null 2>&1 || true
    for name in slurmd slurmctld munged; do
        pid=$(awk -v n="$name" '$1 == n {print $2}' "$PIDS")
        [ -n "$pid" ] || continue
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        fi
        echo "stopped $name (pid $pid)"
    done
    mv "$PIDS" "$PIDS.stopped"
fi

if [ -e "$STATE/conf_written" ]; then
    conf=$(cat "$STATE/conf_written")
    if [ -e "$conf.lazyrich-backup" ]; then
        mv "$conf.lazyrich-backup" "$conf"
    else
        rm -f "$conf"
    fi
    rm -f "$STATE/conf_written"
fi
exit 0
