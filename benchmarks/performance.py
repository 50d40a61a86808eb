"""Each trainer's speed as a fraction of this machine's GEMM peak at the trainer's own shapes (issue 17).

    make bench                                   # = python -m benchmarks.performance --out docs/performance.md
    python -m benchmarks.performance --threads 2 --repeats 7

For every trainer it measures (1) torch's fp32 and fp64 GEMM rate at the matrix shapes the trainer
multiplies (each shape timed alone as ``torch.matmul(A, B, out=C)``; the "peak" of a trainer is its GEMM
FLOP divided by the summed time of its GEMMs, i.e. how fast its step would run if it were nothing but
those GEMMs at the machine's GEMM rate), and (2) the trainer's achieved GFLOP/s on its own step, with the
FLOP count stated. Every time is the minimum over ``--repeats`` repetitions (the machine may be shared:
the load average before and after is written down). Not a test: CI does not run it.

Trainers: main paper GD step (one run, and the 20-run E1 ensemble), integrable SGD step (IP-E1 MNIST
ensemble), scaling-path Sinkhorn evaluation (default lattice), orthogonal GD step (E4 shapes, numpy).
Reuses the existing benchmarks' set-ups (``benchmarks/asymmetric_speed.py``,
``benchmarks/integrable_ensemble.py``).

The page ``--out`` is regenerated above the marker line ``NOTES_MARKER``; what follows the marker
(hand-written notes) is kept.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")


def _threads_in_argv(argv: list[str], default: int = 1) -> int:
    """``--threads N`` read before numpy loads, so that numpy's BLAS (the orthogonal trainer's) gets it too."""
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return int(argv[i + 1])
        if arg.startswith("--threads="):
            return int(arg.split("=", 1)[1])
    return default


for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, str(_threads_in_argv(sys.argv)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

NOTES_MARKER = "<!-- hand-written notes below: kept when benchmarks/performance.py rewrites this page -->"


# ---------------------------------------------------------------------------------------------- timing
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]  # --clock cpu: this process's CPU time, for a machine shared with other work


def best_seconds(fn, repeats: int, min_seconds: float = 0.05) -> float:
    """Minimum over ``repeats`` of the mean time of one call (each repetition lasts at least ``min_seconds``)."""
    fn()  # warm-up
    t0 = clock()
    fn()
    once = max(clock() - t0, 1e-6)
    calls = max(1, int(min_seconds / once))
    best = float("inf")
    for _ in range(repeats):
        t0 = clock()
        for _ in range(calls):
            fn()
        best = min(best, (clock() - t0) / calls)
    return best


# ---------------------------------------------------------------------------------------------- GEMM peak
@dataclass
class Gemm:
    """C[M, N] = A[M, K] B[K, N], ``count`` times per step."""

    M: int
    K: int
    N: int
    count: int = 1

    @property
    def flop(self) -> float:
        return 2.0 * self.M * self.K * self.N * self.count


def _orientations(g: Gemm):
    """C = A B and its transpose C^T = B^T A^T: the same products; a trainer may use either layout."""
    return ((g.M, g.K, g.N), (g.N, g.K, g.M))


def gemm_seconds(g: Gemm, dtype: torch.dtype, repeats: int) -> float:
    """Best time of the product over both layouts (contiguous operands, ``torch.matmul(A, B, out=C)``)."""
    gen = torch.Generator().manual_seed(0)
    best = float("inf")
    for M, K, N in _orientations(g):
        A = torch.randn(M, K, generator=gen, dtype=dtype)
        B = torch.randn(K, N, generator=gen, dtype=dtype)
        C = torch.empty(M, N, dtype=dtype)
        best = min(best, best_seconds(lambda: torch.matmul(A, B, out=C), repeats))
    return best * g.count


def numpy_gemm_seconds(g: Gemm, dtype, repeats: int) -> float:
    """The same with numpy's BLAS (``np.matmul(A, B, out=C)``)."""
    rng = np.random.default_rng(0)
    best = float("inf")
    for M, K, N in _orientations(g):
        A = rng.standard_normal((M, K)).astype(dtype)
        B = rng.standard_normal((K, N)).astype(dtype)
        C = np.empty((M, N), dtype=dtype)
        best = min(best, best_seconds(lambda: np.matmul(A, B, out=C), repeats))
    return best * g.count


def peak_gflops(gemms: list[Gemm], dtype, repeats: int, numpy_blas: bool = False) -> float:
    """GEMM FLOP of the shapes over their summed best times, in GFLOP/s."""
    timer = numpy_gemm_seconds if numpy_blas else gemm_seconds
    seconds = sum(timer(g, dtype, repeats) for g in gemms)
    return sum(g.flop for g in gemms) / seconds / 1e9


# ---------------------------------------------------------------------------------------------- trainers
@dataclass
class Trainer:
    name: str
    shapes: str            # the shapes in words, for the table
    flop_note: str         # how the step's FLOP are counted
    flop: float            # FLOP of one (run-)step
    dtype: str             # "fp32" | "fp64": the peak the fraction is taken against
    gemms: list[Gemm]
    seconds: float = 0.0   # best time of one (run-)step
    numpy_blas: bool = False
    peaks: dict = field(default_factory=dict)


def asymmetric_trainers(repeats: int, steps: int) -> list[Trainer]:
    """Main paper E1: n = 100, d = 50, m = 2000, K = 1, fp32; one run, and the 20-run ensemble (per run-step)."""
    from benchmarks.asymmetric_speed import CONFIGS
    from lazyrich.asymmetric.ensemble import GDSettings, train_gd
    from lazyrich.asymmetric.runs import build_run_grid
    from lazyrich.asymmetric.simulated_data import make_dataset

    n, d, m, K = 100, 50, 2000, 1
    data = make_dataset(0, d, n, n, 0.1)
    X, Y = (torch.as_tensor(data[k], dtype=torch.float32) for k in ("x_train", "y_train"))
    grid = build_run_grid(CONFIGS, [0, 1, 2, 3, 4], m, d, K)
    gd = GDSettings(lr=1.0, steps=steps, log_every=steps)
    gemms = [Gemm(m, d, n), Gemm(m, n, d)]  # pre^T = W Xs^T and grad = g_pre^T Xs; the K = 1 products are GEMVs
    flop = 4.0 * n * m * d + 4.0 * n * m * K
    note = "4·n·m·d + 4·n·m·K (two GEMMs, two GEMVs)"
    one = Trainer("main paper GD step, one run", "n=100, d=50, m=2000, K=1", note, flop, "fp32", gemms)
    one.seconds = best_seconds(lambda: train_gd(X, Y, grid.W0[:1], grid.a[:1], grid.lam[:1], gd), repeats, 0) / steps
    ens = Trainer(f"main paper GD step, {grid.size}-run ensemble (per run-step)", "same, R=20", note, flop, "fp32", gemms)
    ens.seconds = best_seconds(lambda: train_gd(X, Y, grid.W0, grid.a, grid.lam, gd), repeats, 0) / steps / grid.size
    return [one, ens]


def integrable_trainer(repeats: int, steps: int) -> Trainer:
    """IP-E1 MNIST: L = 6, width 256, B = 512, d = 784, the 13 runs of one activation as one ensemble, fp32."""
    from benchmarks.integrable_ensemble import MODELS
    from lazyrich.integrable.cost import K, step_flop
    from lazyrich.integrable.network import IPEnsemble, RunSpec

    L, m, B, d, R = 6, 256, 512, 784, 13
    specs = [RunSpec(MODELS[i % len(MODELS)], "relu", i // len(MODELS)) for i in range(R)]
    # per run: forward and weight gradient of every layer, input gradient of layers 2..L+1
    gemms = ([Gemm(B, d, m), Gemm(m, B, d)] + [Gemm(B, m, m, 3 * (L - 1))]
             + [Gemm(B, m, K), Gemm(K, B, m), Gemm(B, K, m)])
    t = Trainer(f"integrable SGD step, {R}-run ensemble (per run-step)", "L=6, m=256, B=512, d=784",
                "B·(4(d+1)m + 6(L−1)m² + 6Km) (`integrable.cost.step_flop`)", step_flop(B, d, m, L), "fp32", gemms)
    net = IPEnsemble(specs, L, m, d, seed=0, dataset="bench", dtype=torch.float32)  # as integrable_ensemble.py
    gen = torch.Generator().manual_seed(0)
    x, y = torch.randn(B, d, generator=gen), torch.randint(0, 10, (B,), generator=gen)

    def run():
        for _ in range(steps):
            net.sgd_step(x, y)

    t.seconds = best_seconds(run, repeats, 0) / steps / R
    return t


def sinkhorn_trainer(repeats: int) -> Trainer:
    """Scaling path: one debiased Sinkhorn evaluation S(mu0, mu0) on the default lattice (2·600 atoms), fp64."""
    from lazyrich.scaling_path.divergence import SinkhornDivergence, SinkhornSettings
    from lazyrich.scaling_path.grids import initial_weights, support_p

    P = support_p(600)
    N = len(P)
    div = SinkhornDivergence(P, P, SinkhornSettings(blur=0.01, reach=1.0, scaling=0.5))
    mu = torch.as_tensor(initial_weights(N))
    softmins = 4 * (div.n_updates + 2)  # 4 before the annealing loop, 4 per temperature, 4 in the final step
    t = Trainer("scaling-path Sinkhorn evaluation (VP objective)", f"N=M={N} atoms, {div.n_updates} temperatures",
                f"6·N·M per soft-min (exp counted as one FLOP) × {softmins} soft-mins; exp/logsumexp-bound, no GEMM",
                6.0 * N * N * softmins, "fp64", [Gemm(N, N, N)])
    t.seconds = best_seconds(lambda: div.value(mu, mu), repeats, 0)
    return t


def orthogonal_trainer(repeats: int, steps: int) -> Trainer:
    """Orthogonal E4 shapes: n = 75, D = 151, m = 200, one run, fp32, numpy trainer."""
    import contextlib
    import io

    from lazyrich.orthogonal.trainer import train_gd

    n, D, m = 75, 151, 200
    rng = np.random.default_rng(0)
    xt = rng.standard_normal((n, D)).astype(np.float32)
    y = rng.standard_normal(n).astype(np.float32)
    W0 = (1e-3 * rng.standard_normal((1, m, D))).astype(np.float32)
    a0 = (1e-3 * rng.standard_normal((1, m))).astype(np.float32)

    def run():
        with contextlib.redirect_stderr(io.StringIO()):
            train_gd(xt, y, W0, a0, 1e-3, steps)

    t = Trainer("orthogonal GD step (numpy)", "n=75, D=151, m=200, one run", "4·n·m·D + 4·n·m (two GEMMs, two GEMVs)",
                4.0 * n * m * D + 4.0 * n * m, "fp32", [Gemm(m, D, n), Gemm(m, n, D)], numpy_blas=True)
    t.seconds = best_seconds(run, repeats, 0) / steps
    return t


# ---------------------------------------------------------------------------------------------- page
def machine() -> dict:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "torch": torch.__version__, "threads": torch.get_num_threads(),
            "numpy": np.__version__, "python": platform.python_version(), "host": platform.node(),
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "load": _loadavg()}


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def table(trainers: list[Trainer], info: dict) -> str:
    lines = [
        "# Performance: each trainer against this machine's GEMM peak at its shapes",
        "",
        "Generated by `make bench` (`python -m benchmarks.performance`); do not edit above the notes marker.",
        "",
        f"- measured: {info['date']} on `{info['host']}`: {info['cpu']}, {info['cores']} cores",
        f"- torch {info['torch']} with {info['threads']} thread(s), numpy {info['numpy']}, Python {info['python']}",
        f"- load average (1, 5, 15 min) before: {info['load']}, after: {info['load_after']}; "
        f"every time is the minimum of {info['repeats']} repetitions, clock: {info['clock']} "
        f"({'CPU time of the benchmark process: excludes waiting for a core on a shared machine' if info['clock'] == 'cpu' else 'wall time'})",
        "",
        "| trainer | shapes | FLOP per (run-)step | counted as | time per (run-)step | achieved GFLOP/s "
        "| GEMM peak fp32 / fp64 at its shapes, GFLOP/s | fraction of peak |",
        "|---|---|---:|---|---:|---:|---:|---:|",
    ]
    for t in trainers:
        rate = t.flop / t.seconds / 1e9
        peak = t.peaks[t.dtype]
        peaks = f"{t.peaks['fp32']:.1f} / {t.peaks['fp64']:.1f}"
        if t.numpy_blas:
            peaks += f" (numpy: {t.peaks['numpy_fp32']:.1f} fp32)"
        lines.append(f"| {t.name} | {t.shapes} | {t.flop:.3g} | {t.flop_note} | {t.seconds * 1e3:.3f} ms "
                     f"| {rate:.1f} | {peaks} | **{100 * rate / peak:.0f} %** of {t.dtype} |")
    lines += [
        "",
        "GEMM peak of a trainer: its GEMM shapes (listed in `benchmarks/performance.py`) each timed alone with "
        "`torch.matmul(A, B, out=C)` in the faster of its two layouts (C = AB or C^T = B^T A^T), FLOP over summed time. The fraction is the trainer's achieved rate over "
        "the peak of its own dtype. The Sinkhorn evaluation does no GEMM (its cost matrices are built once); "
        "its row compares it with an fp64 N×N×N GEMM only to place it on the same scale.",
    ]
    return "\n".join(lines)


def write_page(path: Path, generated: str) -> None:
    notes = ""
    if path.exists():
        text = path.read_text()
        if NOTES_MARKER in text:
            notes = text.split(NOTES_MARKER, 1)[1]
    path.write_text(f"{generated}\n\n{NOTES_MARKER}{notes if notes else chr(10)}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1: one job per core)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--steps", type=int, default=100, help="GD/SGD steps per timed call")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time, or this process's CPU time (for a machine other work is using)")
    parser.add_argument("--out", default=None, help="write the Markdown page here (e.g. docs/performance.md)")
    args = parser.parse_args(argv)
    global clock
    torch.set_num_threads(args.threads)
    clock = CLOCKS[args.clock]
    info = machine()
    trainers = asymmetric_trainers(args.repeats, args.steps)
    trainers.append(integrable_trainer(args.repeats, max(3, args.steps // 20)))
    trainers.append(sinkhorn_trainer(args.repeats))
    trainers.append(orthogonal_trainer(args.repeats, args.steps * 10))
    for t in trainers:
        t.peaks = {"fp32": peak_gflops(t.gemms, torch.float32, args.repeats),
                   "fp64": peak_gflops(t.gemms, torch.float64, args.repeats)}
        if t.numpy_blas:
            t.peaks["numpy_fp32"] = peak_gflops(t.gemms, np.float32, args.repeats, numpy_blas=True)
    info.update(load_after=_loadavg(), repeats=args.repeats, clock=args.clock)
    page = table(trainers, info)
    print(page)
    if args.out:
        write_page(Path(args.out), page)


if __name__ == "__main__":
    main()
