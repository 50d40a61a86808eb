#!/usr/bin/env bash
# Bring up a real single-node SLURM on this machine (as root), for `make test-slurm`.
#
# This host (`hostname -s`) is the one node, with the CPU count and memory `slurmd -C` reports, in one
# Default partition. No cgroups (proctrack/linuxproc, task/none) and no slurmdbd: accounting is off
# (jobcomp/filetxt keeps a record of every finished job in $SLURM_TEST_DIR/jobcomp.txt), so the executor
# plugin polls job states with `squeue` instead of `sacct`; MinJobAge=3600 keeps finished jobs visible to
# `squeue` for an hour (docs/gpu_sessions.md, "SLURM").
#
# Every daemon it starts (munged unless one already serves the socket, slurmctld, slurmd) runs in the
# foreground of a background process whose pid goes to $SLURM_TEST_DIR/pids; .ci/slurm_down.sh stops
# exactly those. Installs the Debian packages slurm-wlm and munge first when they are missing.
set -euo pipefail

STATE=${SLURM_TEST_DIR:-/tmp/lazyrich-slurm}
CONF=/etc/slurm/slurm.conf
MUNGE_SOCKET=/run/munge/munge.socket.2

if [ "$(id -u)" -ne 0 ]; then
    echo "slurm_up.sh: must run as root (it writes $CONF and starts munged, slurmctld, slurmd)" >&2
    exit 1
fi
if [ -s "$STATE/pids" ]; then
    echo "slurm_up.sh: $STATE/pids exists: a test SLURM is up already (.ci/slurm_down.sh first)" >&2
    exit 1
fi

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends slurm-wlm munge
fi

rm -rf "$STATE"
mkdir -p "$STATE/ctld" "$STATE/spool"
: > "$STATE/pids"

start() {  # start NAME CMD...: run CMD in the background (foreground mode), record its pid
    local name=$1; shift
    setsid "$@" > "$STATE/$name.out" 2>&1 < /dev/null &
    echo "$name $!" >> "$STATE/pids"
}

# --- munge: a key owned by munge (mode 0400), munged running as the munge user
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; then
    echo "munged already serves $MUNGE_SOCKET: using it (not started here, not stopped by slurm_down.sh)"
else
    start munged setpriv --reuid=munge --regid=munge --clear-groups /usr/sbin/munged --foreground
    for _ in $(seq 50); do
        munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1 && break
        sleep 0.2
    done
fi
munge -n | unmunge > /dev/null

# --- slurm.conf: this host as the one node with its real CPUs and memory
HOST=$(hostname -s)
NODE_LINE=$(slurmd -C | head -1)  # NodeName=<host> CPUs=... RealMemory=...
if [ -e "$CONF" ] && [ ! -e "$CONF.lazyrich-backup" ]; then
    cp -p "$CONF" "$CONF.lazyrich-backup"
fi
mkdir -p /etc/slurm
cat > "$CONF" <<EOF
# Written by lazyrich .ci/slurm_up.sh (single-node test cluster); removed by .ci/slurm_down.sh.
ClusterName=lazyrich
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/jobcomp.txt
MinJobAge=3600
ReturnToService=2
SchedulerType=sched/backfill
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
$NODE_LINE State=UNKNOWN
PartitionName=main Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
echo "$CONF" > "$STATE/conf_written"

# --- the daemons, in the foreground of background processes (-D), state cleared (-c)
start slurmctld /usr/sbin/slurmctld -D -c -f "$CONF"
start slurmd /usr/sbin/slurmd -D -f "$CONF"

for _ in $(seq 90); do
    state=$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)
    if [ "$state" = "idle" ]; then
        sinfo
        echo "SLURM up (state in $STATE; pids: $(cut -d' ' -f2 "$STATE/pids" | tr '\n' ' '))"
        exit 0
    fi
    sleep 1
done
echo "slurm_up.sh: node $HOST not idle after 90 s (state '${state:-?}'); logs:" >&2
tail -n 20 "$STATE"/*.log "$STATE"/*.out >&2 || true
exit 1
