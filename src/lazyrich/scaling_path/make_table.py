"""SP-T1: Table 2 as CSV (ours, paper, ratio) and a rendered markdown table with the paper's values beside ours.

python -m lazyrich.scaling_path.make_table --cross cross.npz --vp vp.npz --csv table2.csv --markdown table2.md

The markdown ends with the VP solver's status per alpha (iterations, stop reason, stationarity), because a VP
value from a stalled or capped solve is an upper bound on the grid-restricted optimum, not the optimum.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from lazyrich.io import load_npz, save_csv, save_text
from lazyrich.scaling_path.paper_values import paper_gd, paper_vp


def table_frame(cross: dict) -> pd.DataFrame:
    """Long table: one row per cell (row label VP or beta, alpha) with ours, paper and ratio."""
    rows = []
    for j, a in enumerate(cross["alphas"]):
        rows.append({"row": "VP", "beta": np.nan, "alpha": a, "ours": cross["V_vp"][j], "paper": paper_vp(a)})
    for i, b in enumerate(cross["betas"]):
        for j, a in enumerate(cross["alphas"]):
            rows.append({"row": f"{b:g}", "beta": b, "alpha": a, "ours": cross["V_gd"][i, j], "paper": paper_gd(a, b)})
    frame = pd.DataFrame(rows)
    frame["ratio"] = frame["ours"] / frame["paper"]
    return frame


def _fmt(v: float) -> str:
    if not np.isfinite(v):
        return "–"
    return f"{v:.3g}" if abs(v) < 1e3 else f"{v:.2e}"


def render_markdown(frame: pd.DataFrame, profile: str) -> str:
    alphas = sorted(frame["alpha"].unique())
    labels = list(dict.fromkeys(frame["row"]))
    head = "| β \\ α | " + " | ".join(f"{a:g}" for a in alphas) + " |\n|---|" + "---|" * len(alphas) + "\n"
    out = [f"# Table 2 (SP-T1), profile `{profile}`\n",
           "Cell (β, α) = V_GD(α, β) = (1+α²) S(ν̂*_β, α² μ̂₀); row VP = V_VP(α). Diagonal in bold. "
           "Each cell: **ours** / paper (ratio ours/paper); '–' where the paper has no value.\n\n", head]
    for label in labels:
        cells = []
        for a in alphas:
            row = frame[(frame["row"] == label) & (frame["alpha"] == a)].iloc[0]
            text = f"{_fmt(row.ours)} / {_fmt(row.paper)}"
            if np.isfinite(row.ratio):
                text += f" ({row.ratio:.3f})"
            if label != "VP" and abs(row.beta - a) < 1e-9:
                text = f"**{text}**"
            cells.append(text)
        out.append(f"| {label} | " + " | ".join(cells) + " |\n")
    ratios = frame["ratio"].to_numpy()
    ratios = ratios[np.isfinite(ratios)]
    if len(ratios):
        out.append(f"\nCells with a paper value: {len(ratios)}; median |log ratio| = {np.median(np.abs(np.log(ratios))):.3f}; "
                   f"ratio range [{ratios.min():.3f}, {ratios.max():.3f}].\n")
    return "".join(out)


def render_solver_status(vp: dict) -> str:
    """VP solves: iterations, S evaluations, stop reason and stationarity per alpha."""
    floor = f", projection floor {float(vp['floor']):g}" if "floor" in vp else ""
    out = [f"\n## VP solves (forward-backward, spec SP-D9{floor})\n\n",
           "A value from a solve that did not converge (stalled or capped) is an upper bound on the grid-restricted "
           "optimum. V_VP is the lowest value over all iterates (the non-monotone line search lets F rise for a while); "
           "'best iterate' is where it was reached. Stationarity = |mu - proj(mu - t grad)| / t there, at the median "
           "accepted step t.\n\n",
           "| α | V_VP | iterations | best iterate | S evaluations | converged | stop reason | stationarity |\n",
           "|---|---|---|---|---|---|---|---|\n"]
    n = len(vp["alphas"])
    stationarity = vp.get("stationarity", np.full(n, np.nan))
    best = vp.get("best_iteration", np.full(n, -1))
    for i, a in enumerate(vp["alphas"]):
        best_i = str(int(best[i])) if int(best[i]) >= 0 else "–"
        out.append(f"| {a:g} | {_fmt(float(vp['V'][i]))} | {int(vp['iterations'][i])} | {best_i} | "
                   f"{int(vp['evaluations'][i])} | {'yes' if bool(vp['converged'][i]) else 'no'} | {vp['reasons'][i]} | "
                   f"{float(stationarity[i]):.1e} |\n")
    return "".join(out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Table 2 (SP-T1)")
    for name in ("--cross", "--csv", "--markdown", "--profile"):
        parser.add_argument(name, required=True)
    parser.add_argument("--vp", help="vp.npz: adds the VP solver status per alpha to the markdown")
    args = parser.parse_args(argv)
    frame = table_frame(load_npz(args.cross))
    save_csv(args.csv, frame)
    status = render_solver_status(load_npz(args.vp)) if args.vp else ""
    save_text(args.markdown, render_markdown(frame, args.profile) + status)


if __name__ == "__main__":
    main()
