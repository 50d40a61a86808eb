"""Figure style and atomic PDF + PNG output shared by every experiment."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from lazyrich.io import atomic_path  # noqa: E402

# The main paper's four configurations: order, labels and colours are fixed across all figures (spec §1.2).
AS_CONFIG_STYLE = {
    "g1": {"label": r"$\gamma=1.0$", "color": "C0"},
    "a07g05": {"label": r"$\alpha=0.7, \gamma=0.5$", "color": "C1"},
    "a05g02": {"label": r"$\alpha=0.5, \gamma=0.2$", "color": "C2"},
    "a04g0": {"label": r"$\alpha=0.4, \gamma=0.0$", "color": "C3"},
}

PAPER_FIGSIZE = (3.4, 2.6)  # one column of a two-column paper, in inches


def paper_style() -> None:
    """Seaborn paper context with a white grid; fonts readable at single-column size."""
    sns.set_theme(context="paper", style="whitegrid", font_scale=1.0)
    plt.rcParams.update({"figure.dpi": 150, "savefig.bbox": "tight", "pdf.fonttype": 42, "axes.titlesize": 9})


def new_figure(figsize=PAPER_FIGSIZE):
    paper_style()
    return plt.subplots(figsize=figsize, constrained_layout=True)


def save_figure(fig, stem: str | Path, dpi: int = 200) -> list[Path]:
    """Write ``stem.pdf`` (vector) and ``stem.png`` atomically and close the figure."""
    stem = Path(stem)
    written = []
    for ext in ("pdf", "png"):
        out = stem.with_suffix(f".{ext}")
        with atomic_path(out) as tmp:
            fig.savefig(tmp, format=ext, dpi=dpi)
        written.append(out)
    plt.close(fig)
    return written
