"""IP-T3 … IP-T6: test-accuracy tables (CSV, Markdown and a rendered PNG/PDF) with the paper's numbers.

CLI: ``python -m lazyrich.integrable.tables --runs RUN_FILES... --profile P --outdir RESULTS_DIR --figdir FIGDIR``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from lazyrich.integrable.aggregate import cell, load_runs
from lazyrich.integrable.exponents import MODEL_LABELS_PLAIN
from lazyrich.integrable.paper_values import PAPER_ACC, PAPER_ACC_SOURCE, PAPER_BEST, TABLES
from lazyrich.io import save_csv, save_text
from lazyrich.plotting import paper_style, save_figure

ACT_LABELS = {"relu": "ReLU", "gelu": "GeLU", "elu": "ELU", "tanh": "tanh"}


def accuracy_frame(run_files, profile: str) -> pd.DataFrame:
    """One row per (dataset, model, activation): trial-mean ± std, trial-median, trials, paper value."""
    rows = []
    for path in run_files:
        runs = load_runs(path)
        dataset, act = str(runs["dataset"]), str(runs["activation"])
        for model in dict.fromkeys(runs["model"].tolist()):
            c = cell(runs, model)
            acc = c["test_acc"]
            paper = PAPER_ACC.get((dataset, model), {}).get(act, np.nan)
            rows.append({
                "dataset": dataset, "model": model, "activation": act,
                "paper": paper, "paper_source": PAPER_ACC_SOURCE.get((dataset, model), "paper") if np.isfinite(paper) else "",
                "mean": float(acc.mean()), "std": float(acc.std(ddof=1)) if len(acc) > 1 else float("nan"),
                "median": float(np.median(acc)), "trials": len(acc),
                "constant_classifier_trials": int(c["constant"].sum()), "profile": profile,
            })
    order = {m: i for i, m in enumerate(MODEL_LABELS_PLAIN)}
    acts = {a: i for i, a in enumerate(ACT_LABELS)}
    df = pd.DataFrame(rows)
    df["_o"] = df["model"].map(order) * 10 + df["activation"].map(acts)
    return df.sort_values(["dataset", "_o"]).drop(columns="_o").reset_index(drop=True)


def _fmt(row) -> str:
    s = f"{row['mean']:.3f}"
    if np.isfinite(row["std"]):
        s += f" ± {row['std']:.3f}"
    if row["constant_classifier_trials"]:
        s += f" (const. classifier in {row['constant_classifier_trials']}/{row['trials']})"
    return s


def table_rows(df: pd.DataFrame, table_id: str) -> pd.DataFrame:
    spec = TABLES[table_id]
    sub = df[(df["dataset"] == spec["dataset"]) & df["model"].isin(spec["models"])].copy()
    sub["model"] = sub["model"].map(MODEL_LABELS_PLAIN)
    sub["activation"] = sub["activation"].map(ACT_LABELS)
    sub["reproduced (mean ± std)"] = sub.apply(_fmt, axis=1)
    sub = sub.rename(columns={"paper": "paper value", "trials": "trials"})
    return sub[["model", "activation", "paper value", "reproduced (mean ± std)", "trials", "profile"]]


def best_rows(df: pd.DataFrame) -> pd.DataFrame:
    """IP-T6: best activation (highest trial-mean) per model and dataset."""
    rows = []
    for (dataset, model), (pval, pact) in PAPER_BEST.items():
        sub = df[(df["dataset"] == dataset) & (df["model"] == model)]
        if sub.empty:
            continue
        best = sub.loc[sub["mean"].idxmax()]
        rows.append({"dataset": dataset, "model": MODEL_LABELS_PLAIN[model],
                     "paper value": f"{pval:.3f} ({ACT_LABELS[pact]})",
                     "reproduced (mean ± std)": f"{_fmt(best)} ({ACT_LABELS[best['activation']]})",
                     "trials": int(best["trials"]), "profile": best["profile"]})
    return pd.DataFrame(rows)


def markdown(frame: pd.DataFrame, title: str, note: str) -> str:
    cols = list(frame.columns)
    lines = [f"### {title}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for _, r in frame.iterrows():
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in r.tolist()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines + ["", note, ""])


def render(frame: pd.DataFrame, title: str, stem: Path) -> None:
    import matplotlib.pyplot as plt

    paper_style()
    text = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in r] for r in frame.itertuples(index=False)]
    fig, ax = plt.subplots(figsize=(7.5, 0.35 * (len(text) + 2)))
    ax.axis("off")
    tab = ax.table(cellText=text, colLabels=list(frame.columns), loc="center", cellLoc="center")
    tab.auto_set_font_size(False)
    tab.set_fontsize(7)
    tab.auto_set_column_width(list(range(len(frame.columns))))
    ax.set_title(title, fontsize=9)
    save_figure(fig, stem)


NOTE = ("Test accuracy of the final model on the test split, trial-mean ± standard deviation over trials "
        "(spec IP-D19). 'const. classifier' marks trials whose final model predicts one class for every "
        "test input (accuracy = that class's share).")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", nargs="+", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--figdir", required=True)
    args = ap.parse_args(argv)
    out, figs = Path(args.outdir), Path(args.figdir)
    df = accuracy_frame(args.runs, args.profile)
    save_csv(out / "accuracy_all.csv", df)
    md = [f"# Test accuracy, integrable parameterizations (profile `{args.profile}`)", ""]
    for tid, spec in TABLES.items():
        frame = table_rows(df, tid)
        save_csv(out / f"{tid}.csv", frame)
        md.append(markdown(frame, f"{tid}: {spec['title']}", NOTE))
        render(frame, f"{tid}: {spec['title']} — profile {args.profile}", figs / tid)
    best = best_rows(df)
    save_csv(out / "IP-T6.csv", best)
    md.append(markdown(best, "IP-T6: best activation per model and dataset (paper Table 6)", NOTE))
    render(best, f"IP-T6: best activation per model (paper Table 6) — profile {args.profile}", figs / "IP-T6")
    save_text(out / "accuracy_tables.md", "\n".join(md))
    save_text(figs / "accuracy_tables.md", "\n".join(md))


if __name__ == "__main__":
    main()
