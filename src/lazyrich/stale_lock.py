"""Clear the directory lock left by a killed Snakemake run, and only when no run of that directory is alive.

CLI (``make run`` calls it before Snakemake): python -m lazyrich.stale_lock [--directory DIR] [SNAKEMAKE ARGS...]

A run stopped by Ctrl-C or ``kill`` (SIGINT / SIGTERM) removes its lock itself; one killed by SIGKILL, the OOM
killer or a power loss leaves ``DIR/.snakemake/locks/`` behind, and the next run stops with a LockException.
The lock is stale when no live process works in DIR as part of a run: none whose working directory (or
``--directory`` argument) is DIR and whose command line names ``snakemake`` or ``lazyrich`` (a job of a killed
run can outlive it and still be writing; another user's such process, whose directory cannot be read, counts too). Then ``snakemake --unlock`` (with the given arguments) removes it;
otherwise the lock is left alone and the live processes are named. Linux only (``/proc``); elsewhere nothing
is unlocked and the message says what to check by hand.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

RUN_MARKERS = ("snakemake", "lazyrich")  # a command line naming one of these may belong to a run


def lock_files(directory: Path) -> list[Path]:
    """Snakemake's lock files in ``directory`` (empty when it is not locked)."""
    return sorted((directory / ".snakemake" / "locks").glob("*.lock"))


def _ancestors(pid: int) -> set[int]:
    """``pid`` and its parents (the make / shell that started this check must not count as a live run)."""
    seen = set()
    while pid > 0 and pid not in seen:
        seen.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return seen


def _directories(cwd: Path, argv: list[str]) -> set[Path]:
    """The directories a process works in: its own and any ``--directory`` / ``-d`` argument."""
    dirs = {cwd}
    for flag, value in zip(argv, argv[1:]):
        if flag in ("--directory", "-d"):
            dirs.add((cwd / value).resolve())
    dirs.update((cwd / a.split("=", 1)[1]).resolve() for a in argv if a.startswith("--directory="))
    return dirs


def live_runs(directory: Path, proc: Path = Path("/proc")) -> list[tuple[int, str]]:
    """``(pid, command line)`` of every live process that may belong to a run in ``directory``."""
    directory = directory.resolve()
    own = _ancestors(os.getpid())
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) in own:
            continue
        try:
            argv = [a for a in (entry / "cmdline").read_bytes().decode(errors="replace").split("\0") if a]
        except OSError:  # gone meanwhile
            continue
        if not any(m in " ".join(argv) for m in RUN_MARKERS):
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
        except PermissionError:  # another user's run: where it works is unknown, so it may be this directory
            found.append((int(entry.name), " ".join(argv) + " (working directory unreadable)"))
            continue
        except OSError:  # gone meanwhile
            continue
        if directory in _directories(cwd, argv):
            found.append((int(entry.name), " ".join(argv)))
    return found


def clear_stale_lock(directory: Path, snakemake_args: list[str]) -> str:
    """Unlock ``directory`` if its lock is stale; returns what was done (one line)."""
    locks = lock_files(directory)
    if not locks:
        return "not locked"
    if not Path("/proc").is_dir():
        return (f"{directory} is locked; if no snakemake run of it is alive any more, "
                "run `snakemake --unlock` once (this check needs /proc)")
    alive = live_runs(directory)
    if alive:
        who = "; ".join(f"pid {pid}: {cmd[:120]}" for pid, cmd in alive)
        return f"{directory} is locked by a live run, left alone ({who})"
    unlock = subprocess.run([sys.executable, "-m", "snakemake", "--unlock", "--directory", str(directory),
                             *snakemake_args], capture_output=True, text=True)
    if unlock.returncode != 0:
        raise SystemExit(f"`snakemake --unlock` failed in {directory}:\n{unlock.stdout[-2000:]}{unlock.stderr[-2000:]}")
    return f"removed the stale lock of a killed run in {directory} (no snakemake process of it is alive)"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     allow_abbrev=False)
    parser.add_argument("--directory", type=Path, default=Path.cwd(), help="Snakemake's working directory")
    args, snakemake_args = parser.parse_known_args(argv)
    print(f"lazyrich.stale_lock: {clear_stale_lock(args.directory, snakemake_args)}")


if __name__ == "__main__":
    main()
