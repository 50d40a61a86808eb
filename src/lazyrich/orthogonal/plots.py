"""Drawing helpers shared by the OI-F* figures (authors' colours, spec §3)."""
from __future__ import annotations

import numpy as np
from matplotlib.offsetbox import AnchoredOffsetbox, HPacker, TextArea

from lazyrich.orthogonal.data import augment
from lazyrich.orthogonal.diagnostics import kinks
from lazyrich.orthogonal.model import forward
from lazyrich.orthogonal.schedule import snapshot_index  # noqa: F401  (re-exported for figures)

GREEN = "tab:green"        # function, data, left axis
BLUE = "tab:blue"          # neuron stars, right axis
POS, NEG, ZERO = "darkviolet", "firebrick", "black"   # E4 neuron signs
TIME_NOTE = "t = lr × iteration (code units; paper units: 2t)"


def two_colour_xlabel(ax, parts, colours):
    boxes = [TextArea(t, textprops=dict(color=c)) for t, c in zip(parts, colours)]
    box = HPacker(children=boxes, align="center", pad=0, sep=12)
    ax.add_artist(AnchoredOffsetbox(loc="upper center", child=box, pad=0, frameon=False,
                                    bbox_to_anchor=(0.5, -0.1), bbox_transform=ax.transAxes, borderpad=0))


def state_panel(ax, x, y, W, a, xlim, ylim, alim, title, h_star=None):
    """Paper Fig. 2 style: h on the left axis (green, data as dots), one star per neuron at
    (kink −w_{j,2}/w_{j,1}, a_j) on the right axis (blue). Stars outside xlim are not drawn (quirk 6)."""
    z = np.linspace(xlim[0], xlim[1], 100)
    h = forward(augment(z, True), W[None].astype(np.float64), a[None].astype(np.float64))[0]
    ax.plot(z, h, color=GREEN, lw=1.5)
    ax.scatter(x, y, color=GREEN, s=18, zorder=3)
    if h_star is not None:
        ax.plot(z, h_star(z), color="0.5", lw=0.8, ls="-", zorder=1, label="h*")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.tick_params(axis="y", colors=GREEN)
    ax.set_title(title)
    tw = ax.twinx()
    k = kinks(W.astype(np.float64))
    inside = np.isfinite(k) & (k >= xlim[0]) & (k <= xlim[1])
    tw.scatter(k[inside], a[inside], marker="*", color=BLUE, s=22, zorder=4)
    tw.axhline(0.0, color=BLUE, ls="--", alpha=0.5, lw=0.8)
    tw.set_ylim(*alim)
    tw.tick_params(axis="y", colors=BLUE)
    tw.grid(False)
    two_colour_xlabel(ax, ["x", r"$-w_{j,2}/w_{j,1}$"], [GREEN, BLUE])
    return tw


def right_limits(a_list) -> tuple[float, float]:
    """1.1 × [min a_j, max a_j] over all panels (spec §3, OI-F2)."""
    lo = min(float(np.min(a)) for a in a_list)
    hi = max(float(np.max(a)) for a in a_list)
    if hi - lo < 1e-12:
        lo, hi = lo - 1.0, hi + 1.0
    return 1.1 * min(lo, 0.0) - 1e-3, 1.1 * max(hi, 0.0) + 1e-3
