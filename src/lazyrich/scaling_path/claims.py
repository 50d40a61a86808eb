"""Claims SP-C1 .. SP-C14 of the scaling-path spec (§4), evaluated on results/<profile>/scaling_path/.

Thresholds per profile follow the spec's paper-profile and reduced ("default") tolerances; a claim without
a threshold for a profile is NOT_RUN there. ``smoke`` (N = 100) checks only what does not depend on the
lattice size: interpolation (C10), the lazy-GD closed form (C11), the beta = 66 GD mass (C12 i) and the
exact-HK diagnostic (C14). Tolerances marked provisional in the spec are not required to hold (must_hold
excludes them) but are evaluated and reported.
"""

from __future__ import annotations

import numpy as np

from lazyrich.claims.registry import claim
from lazyrich.scaling_path.metrics import rmse, smoothness
from lazyrich.scaling_path.paper_values import paper_gd, paper_vp

E, G, V, X, T = ("scaling_path/endpoints.npz", "scaling_path/gd.npz", "scaling_path/vp.npz",
                 "scaling_path/cross.npz", "scaling_path/table2.csv")


def _at(values, target):
    hits = np.flatnonzero(np.isclose(values, target, rtol=1e-9, atol=0))
    return int(hits[0]) if len(hits) else None


def _vp_value(ctx, alpha):
    vp = ctx.load_npz(V)
    i = _at(vp["alphas"], alpha)
    return None if i is None else float(vp["V"][i])


def _cross(ctx):
    c = ctx.load_npz(X)
    return c["alphas"], c["betas"], c["V_gd"], c["V_vp"]


@claim(id="SP-C1", statement="The alpha = infinity endpoint value kappa_NTK = y^T K^-1 y equals the paper's NTK optimum",
       figure="SP-F2", paper_value=283.0, inputs=[E],
       thresholds={"default": [240.0, 326.0], "paper": [268.0, 298.0]}, must_hold=("default", "paper"))
def ntk_value(ctx):
    kappa = float(ctx.load_npz(E)["kappa"])
    lo, hi = ctx.threshold
    return kappa, lo <= kappa <= hi


@claim(id="SP-C2", statement="At alpha = 0 the path is TV minimisation: a sparse ReLU network (<= 10 atoms) with a "
       "large saturated region", figure="SP-F2", paper_value="tau0 76.60 (independent check), 10 atoms, max f0 9.27",
       inputs=[E], thresholds={"default": {"tau0": [70.0, 85.0]}, "paper": {"tau0": [70.0, 80.0]}},
       must_hold=("default", "paper"))
def tv_endpoint(ctx):
    e = ctx.load_npz(E)
    tau0, active, fmax = float(e["tau0"]), int((e["lp_weights"] > 1e-8).sum()), float(e["f0"].max())
    lo, hi = ctx.threshold["tau0"]
    return {"tau0": tau0, "active": active, "max_f0": fmax, "lp_q": float(e["lp_q_value"])}, \
        lo <= tau0 <= hi and active <= 10 and fmax > 2


@claim(id="SP-C3", statement="V_VP goes from the TV value (alpha -> 0) to the NTK value (alpha -> inf) with a hump",
       figure="SP-F5", paper_value="(a) -2%, -3%; (b) -1.4%; (c) argmax 6.6, max/V(0.1) = 10.3", inputs=[E, V],
       thresholds={t: {"a": 0.10, "b": 0.10, "argmax": [3.3, 16.0], "ratio": 2.0} for t in ("default", "paper")},
       must_hold=("default", "paper"))
def path_shape(ctx):
    e, vp = ctx.load_npz(E), ctx.load_npz(V)
    th = ctx.threshold
    a = {f"{al:g}": abs(_vp_value(ctx, al) / float(e["tau0"]) - 1) for al in (0.1, 0.33) if _vp_value(ctx, al)}
    v66 = _vp_value(ctx, 66.0)
    b = None if v66 is None else abs(v66 / float(e["kappa"]) - 1)
    argmax = float(vp["alphas"][int(np.argmax(vp["V"]))])
    v01 = _vp_value(ctx, 0.1)
    ratio = None if v01 is None else float(vp["V"].max() / v01)
    ok = (bool(a) and max(a.values()) <= th["a"] and b is not None and b <= th["b"]
          and th["argmax"][0] <= argmax <= th["argmax"][1] and ratio is not None and ratio >= th["ratio"])
    return {"a_rel_dev": a, "b_rel_dev_66": b, "argmax": argmax, "max_over_V01": ratio}, ok


@claim(id="SP-C3d", statement="(provisional) V_VP(alpha) matches the paper's VP row of Table 2 at every alpha",
       figure="SP-T1", paper_value="Table 2 VP row", inputs=[V],
       thresholds={"default": 0.20, "paper": 0.15}, must_hold=())
def vp_row(ctx):
    vp = ctx.load_npz(V)
    dev = {f"{a:g}": float(v / paper_vp(a) - 1) for a, v in zip(vp["alphas"], vp["V"]) if np.isfinite(paper_vp(a))}
    return dev, bool(dev) and max(abs(d) for d in dev.values()) <= ctx.threshold


@claim(id="SP-C4", statement="GD is never better than VP: V_GD(alpha, beta) / V_VP(alpha) >= 0.99 in every cell",
       figure="SP-F4", paper_value="min ratio 1.029 (alpha = beta = 66)", inputs=[X],
       thresholds={"default": 0.99, "paper": 0.99}, must_hold=("default", "paper"))
def gd_not_better(ctx):
    alphas, betas, vgd, vvp = _cross(ctx)
    ratio = vgd / vvp[None, :]
    i, j = np.unravel_index(np.argmin(ratio), ratio.shape)
    return {"min_ratio": float(ratio.min()), "at_beta": float(betas[i]), "at_alpha": float(alphas[j])}, \
        float(ratio.min()) >= ctx.threshold


@claim(id="SP-C5", statement="For large alpha, beta = alpha minimises V_GD(alpha, .); for small alpha it is close to optimal",
       figure="SP-T1", paper_value="argmin on the diagonal for alpha >= 6.6; excess <= 10.9% for alpha <= 3.3",
       inputs=[X], thresholds={t: {"excess_small": 0.15, "excess_6.6": 0.05} for t in ("default", "paper")},
       must_hold=("default", "paper"))
def diagonal_optimal(ctx):
    alphas, betas, vgd, _ = _cross(ctx)
    out, ok = {}, True
    for j, a in enumerate(alphas):
        i = _at(betas, a)
        if i is None:
            continue
        argmin = float(betas[int(np.argmin(vgd[:, j]))])
        excess = float(vgd[i, j] / vgd[:, j].min() - 1)
        out[f"{a:g}"] = {"argmin_beta": argmin, "excess": excess}
        if a >= 10:
            ok &= abs(argmin - a) < 1e-9
        elif abs(a - 6.6) < 1e-9:
            ok &= excess <= ctx.threshold["excess_6.6"]
        elif a <= 3.3:
            ok &= excess <= ctx.threshold["excess_small"]
    return out, bool(out) and ok


@claim(id="SP-C6", statement="VP and GD values agree increasingly well at large alpha = beta",
       figure="SP-F5", paper_value="r(66) = 1.029, r(48) = 1.085, r(42) = 1.149; r(16) = 1.665, r(24) = 1.698",
       inputs=[X], thresholds={t: {"66": 1.15, "48": 1.25, "42": 1.35} for t in ("default", "paper")},
       must_hold=("default", "paper"))
def diagonal_ratio(ctx):
    alphas, betas, vgd, vvp = _cross(ctx)
    r = {}
    for j, a in enumerate(alphas):
        i = _at(betas, a)
        if i is not None:
            r[f"{a:g}"] = float(vgd[i, j] / vvp[j])
    if "66" not in r:
        return r, False
    ok = all(r[k] <= lim for k, lim in ctx.threshold.items() if k in r)
    mids = [r[k] for k in ("16", "24") if k in r]
    ok &= bool(mids) and r["66"] < min(mids)
    return r, ok


def _grid_fn(ctx, kind, scale):
    data = ctx.load_npz(V if kind == "vp" else G)
    i = _at(data["alphas"] if kind == "vp" else data["betas"], scale)
    return None if i is None else data["f_grid"][i]


@claim(id="SP-C7", statement="(provisional) VP and GD functions become alike as alpha = beta grows; at alpha = 24 GD keeps "
       "a larger saturated region", figure="SP-F3", paper_value="independent check: RMSE 0.63, 0.45, 0.24; max 5.52 vs 3.28",
       inputs=[V, G], thresholds={t: {"rmse66": 0.35} for t in ("default", "paper")}, must_hold=())
def functions_alike(ctx):
    vals = {}
    for a in (10.0, 24.0, 66.0):
        f, g = _grid_fn(ctx, "vp", a), _grid_fn(ctx, "gd", a)
        if f is not None and g is not None:
            vals[f"{a:g}"] = rmse(f, g)
    f24, g24 = _grid_fn(ctx, "vp", 24.0), _grid_fn(ctx, "gd", 24.0)
    seq = list(vals.values())
    ok = len(seq) == 3 and all(x > y for x, y in zip(seq, seq[1:])) and vals["66"] < ctx.threshold["rmse66"]
    maxima = None if f24 is None or g24 is None else {"gd24": float(g24.max()), "vp24": float(f24.max())}
    ok &= maxima is not None and maxima["gd24"] > maxima["vp24"]
    return {"rmse": vals, "max": maxima}, ok


@claim(id="SP-C8", statement="(provisional) The path converges at both ends in function space (Theorem 13)",
       figure="SP-F2", paper_value="independent check (N = 1000): RMSE to f_inf 0.76, 0.40, 0.28 (alpha = 10, 24, 66)",
       inputs=[E, V], thresholds={t: {"rmse100": 0.30, "rmse01": 0.20} for t in ("default", "paper")}, must_hold=())
def path_converges(ctx):
    e = ctx.load_npz(E)
    to_inf = {}
    for a in (10.0, 24.0, 66.0, 100.0):
        f = _grid_fn(ctx, "vp", a)
        if f is not None:
            to_inf[f"{a:g}"] = rmse(f, e["finf"])
    f01 = _grid_fn(ctx, "vp", 0.1)
    to_zero = None if f01 is None else rmse(f01, e["f0"])
    seq = list(to_inf.values())
    ok = (len(seq) == 4 and all(x > y for x, y in zip(seq, seq[1:])) and to_inf["100"] < ctx.threshold["rmse100"]
          and to_zero is not None and to_zero < ctx.threshold["rmse01"])
    return {"rmse_to_inf": to_inf, "rmse_01_to_0": to_zero}, ok


@claim(id="SP-C9", statement="Larger alpha gives smoother solutions (Figure 2): smoothness proxy E(f) along "
       "alpha = 0, 0.1, 1, 10, 100, inf", figure="SP-F2", paper_value="independent check (N = 2502): E(f0) 45.0, E(f_inf) 5.74",
       inputs=[E, V], thresholds={t: {"inf_vs_0": 0.25, "100_vs_small": 0.5, "step": 1.15} for t in ("default", "paper")},
       must_hold=("default", "paper"))
def smoother(ctx):
    e = ctx.load_npz(E)
    size = len(e["grid_axis"])
    spacing, step = float(e["grid_axis"][1] - e["grid_axis"][0]), int(e["smoothness_step"])
    en = lambda f: smoothness(f.reshape(size, size), spacing, step)  # noqa: E731
    seq = {"0": en(e["f0"])}
    for a in (0.1, 1.0, 10.0, 100.0):
        f = _grid_fn(ctx, "vp", a)
        if f is None:
            return {"missing_alpha": a}, False
        seq[f"{a:g}"] = en(f)
    seq["inf"] = en(e["finf"])
    th = ctx.threshold
    vals = list(seq.values())
    ok = (seq["inf"] <= th["inf_vs_0"] * seq["0"] and seq["100"] <= th["100_vs_small"] * min(seq["0.1"], seq["1"])
          and all(b <= th["step"] * a for a, b in zip(vals, vals[1:])))
    return seq, ok


@claim(id="SP-C10", statement="All reported solutions interpolate the data (VP |A mu - y| <= 1e-6; GD loss < 1e-10)",
       figure="SP-F3", paper_value="interpolation constraint of (71); GD run to convergence", inputs=[V, G],
       thresholds={t: {"vp": 1e-6, "gd": 1e-10, "gd_capped": 1e-8} for t in ("smoke", "default", "paper")},
       must_hold=("smoke", "default", "paper"))
def interpolation(ctx):
    vp, gd = ctx.load_npz(V), ctx.load_npz(G)
    th = ctx.threshold
    gd_ok = all((loss < th["gd_capped"]) if cap else (loss < th["gd"]) for loss, cap in zip(gd["loss"], gd["reached_cap"]))
    return {"vp_max_err": float(vp["interp_err"].max()), "gd_max_loss": float(gd["loss"].max()),
            "gd_max_iterations": int(gd["iterations"].max()), "gd_capped": int(gd["reached_cap"].sum())}, \
        float(vp["interp_err"].max()) <= th["vp"] and gd_ok


@claim(id="SP-C11", statement="Pipeline normalisation: for lazy GD, V_GD(alpha, beta) ~ (1 + alpha^2)(beta - alpha)^2",
       figure="SP-T1", paper_value="paper cells: 0.992-1.001 for beta >= 42, 0.987-1.034 for beta = 24", inputs=[X],
       thresholds={t: {"large": [0.97, 1.03], "24": [0.95, 1.05]} for t in ("smoke", "default", "paper")},
       must_hold=("smoke", "default", "paper"))
def lazy_closed_form(ctx):
    alphas, betas, vgd, _ = _cross(ctx)
    out, ok, n = {}, True, 0
    for i, b in enumerate(betas):
        if b < 24:
            continue
        lo, hi = ctx.threshold["24"] if abs(b - 24) < 1e-9 else ctx.threshold["large"]
        ratios = [vgd[i, j] / ((1 + a * a) * (b - a) ** 2) for j, a in enumerate(alphas) if abs(a - b) > 1e-9]
        if ratios:
            out[f"{b:g}"] = [float(min(ratios)), float(max(ratios))]
            ok &= lo <= min(ratios) and max(ratios) <= hi
            n += 1
    return out, n > 0 and ok


@claim(id="SP-C12", statement="Large beta is lazy (mass beta^2), small beta rich; GD masses match those implied by "
       "the paper's alpha = 0.1 column", figure="SP-T1", paper_value="M(66) = 4356; M_paper(beta) = V_paper(0.1, beta)/1.01",
       inputs=[G], thresholds={"smoke": {"i": 1e-3, "ii": None}, "default": {"i": 1e-3, "ii": [0.90, 1.15]},
                               "paper": {"i": 1e-3, "ii": [0.97, 1.05]}}, must_hold=("smoke", "default", "paper"))
def gd_masses(ctx):
    gd = ctx.load_npz(G)
    i66 = _at(gd["betas"], 66.0)
    if i66 is None:
        return {"missing": "beta = 66"}, False
    dev = float(abs(gd["mass"][i66] / 66.0 ** 2 - 1))
    ok = dev <= ctx.threshold["i"]
    ratios = {}
    if ctx.threshold["ii"] is not None:
        lo, hi = ctx.threshold["ii"]
        for b, m in zip(gd["betas"], gd["mass"]):
            if b <= 24:
                ratios[f"{b:g}"] = float(m / (paper_gd(0.1, b) / 1.01))
        ok &= bool(ratios) and all(lo <= r <= hi for r in ratios.values())
    return {"M66_rel_dev": dev, "M_over_paper": ratios, "masses": {f"{b:g}": float(m) for b, m in zip(gd["betas"], gd["mass"])}}, ok


@claim(id="SP-C13", statement="(provisional) The package reproduces Table 2 cellwise", figure="SP-T1",
       paper_value="Table 2", inputs=[T], thresholds={"paper": {"close": 0.05, "factor": 1.5, "median_log": 0.1823}},
       must_hold=())
def table_cells(ctx):
    import pandas as pd

    frame = pd.read_csv(ctx.path(T))
    gdc = frame[(frame["row"] != "VP") & np.isfinite(frame["ratio"])]
    th = ctx.threshold
    col01 = gdc[np.isclose(gdc["alpha"], 0.1)]["ratio"]
    big = gdc[gdc["beta"] >= 24]["ratio"]
    rest = gdc[~np.isclose(gdc["alpha"], 0.1) & (gdc["beta"] < 24)]["ratio"]
    med = float(np.median(np.abs(np.log(rest)))) if len(rest) else float("nan")
    ok = (len(gdc) > 0 and (np.abs(col01 - 1) <= th["close"]).all() and (np.abs(big - 1) <= th["close"]).all()
          and (np.abs(np.log(rest)) <= np.log(th["factor"])).all() and med <= th["median_log"])
    return {"cells": int(len(gdc)), "col01_max_dev": float(np.abs(col01 - 1).max()) if len(col01) else None,
            "beta_ge_24_max_dev": float(np.abs(big - 1).max()) if len(big) else None, "rest_median_abs_log": med}, bool(ok)


@claim(id="SP-C14", statement="(diagnostic) On the fixed grid P the exact-HK scaling path stays far above kappa_NTK: "
       "V_exact(66) >= 3 kappa_NTK", figure="SP-F5", paper_value="independent check: >= 1491 (N = 2502), >= 2269 (N = 1000)",
       inputs=[E], thresholds={t: 3.0 for t in ("smoke", "default", "paper")}, must_hold=("smoke", "default", "paper"))
def exact_hk_gap(ctx):
    e = ctx.load_npz(E)
    i = _at(e["exact_alphas"], 66.0)
    if i is None:
        return {"missing": "exact_hk_alphas lacks 66"}, False
    ratio = float(e["exact_values"][i] / e["kappa"])
    return {"V_exact_66": float(e["exact_values"][i]), "kappa": float(e["kappa"]), "ratio": ratio}, ratio >= ctx.threshold
