"""Claims IP-C1 … IP-C32 of the integrable-parameterization spec (§4), evaluated from saved results.

Thresholds are the spec's, per profile; IP-C1 … IP-C8 must hold in every profile (IP-D7). Claims needing
the trained runs are also evaluated at ``smoke`` (with the default thresholds) but are not required there.
"""

from __future__ import annotations

import numpy as np

from lazyrich.claims.registry import claim
from lazyrich.integrable.aggregate import LN10, cell, final_loss, final_output, loglog_slope, window_means

ACTS = ("relu", "gelu", "elu", "tanh")
SMOOTH = ("gelu", "elu", "tanh")
ALL = ("smoke", "default", "paper")
DP = ("default", "paper")
CHECKS = "integrable/checks.json"
SCALES = "integrable/scales.npz"
RANKS = "integrable/ranks.npz"
DEPTH = "integrable/depth.npz"


def runs_file(dataset: str, act: str) -> str:
    return f"integrable/runs_{dataset}_{act}.npz"


def runs_inputs(datasets=("mnist",)):
    return [runs_file(d, a) for d in datasets for a in ACTS]


def _cell(ctx, dataset, act, model):
    return cell(ctx.load_npz(runs_file(dataset, act)), model)


def _r(x, nd=4):
    return float(np.round(float(x), nd))


def same_thresholds(value):
    return {p: value for p in ALL}


# ------------------------------------------------------------------------------------------ 4.1 checks
@claim(id="IP-C1", statement="Exponent tables (a, c(t=0), c(t>=1), eps, e = 2a + c) equal spec 1.4 for "
       "L in {1,2,3,4,6,8}, the authors' abc triples map onto them, Naive-IP's e equals muP's, and IP-LLR / "
       "IP-bias use their t = 0 rates for exactly one step",
       figure="IP-E6", paper_value="exact rational equality", inputs=[CHECKS],
       thresholds=same_thresholds(0), must_hold=ALL)
def ip_c1(ctx):
    chk = ctx.load_json(CHECKS)
    bad = chk["exponent_mismatches"] + chk["switch_mismatches"]
    return {"mismatches": len(bad), "first": bad[:3]}, len(bad) <= ctx.threshold


def _prop15(key):
    def fn(ctx):
        err = float(ctx.load_json(CHECKS)[key]["max_rel_err"])
        return err, err <= ctx.threshold
    return fn


claim(id="IP-C2", statement="Proposition 15 (uncalibrated): IP-LLR equals the muP hybrid HP at finite width; "
      "max over t = 1..21 of max|f_HP - f_IPLLR| / max|f_IPLLR| on held-out inputs (float64, ReLU, L = 6)",
      figure="IP-E6", paper_value="exact identity (independent check <= 3e-15)", inputs=[CHECKS],
      thresholds=same_thresholds(1e-9), must_hold=ALL)(_prop15("prop15_uncalibrated"))
claim(id="IP-C3", statement="Proposition 15, calibrated generalisation: same identity with IP-LLR's calibrated "
      "k_l as the first-step base rates of both models",
      figure="IP-E6", paper_value="exact identity (independent check <= 5e-16)", inputs=[CHECKS],
      thresholds=same_thresholds(1e-9), must_hold=ALL)(_prop15("prop15_calibrated"))


@claim(id="IP-C4", statement="Homogeneity is needed (negative control): the Proposition-15 comparison with tanh "
       "gives a large relative error", figure="IP-E6", paper_value="independent check 0.32 (GeLU 0.42)",
       inputs=[CHECKS], thresholds=same_thresholds(0.05), must_hold=ALL)
def ip_c4(ctx):
    err = float(ctx.load_json(CHECKS)["prop15_tanh_control"]["max_rel_err"])
    return err, err >= ctx.threshold


def _init_slopes(ctx, model):
    sc = ctx.load_npz(SCALES)
    models = [str(m) for m in sc["models"]]
    if model not in models:
        return None
    im = models.index(model)
    return {str(a): loglog_slope(sc["widths"], sc["R"][im, ia]) for ia, a in enumerate(sc["activations"])}


def _slope_claim(model, centre_fn):
    def fn(ctx):
        slopes = _init_slopes(ctx, model)
        if slopes is None:
            return "model not built", False
        L = int(ctx.load_npz(SCALES)["L"])
        centre = centre_fn(L)
        ok = all(abs(s - centre) <= ctx.threshold for s in slopes.values())
        return {a: _r(s, 3) for a, s in slopes.items()} | {"target": centre}, ok
    return fn


claim(id="IP-C5", statement="Scale at init, IP: least-squares slope of log R(m) vs log m for Naive-IP is -L/2 "
      "(each activation; target +- threshold)", figure="IP-X1", paper_value="-L/2 = -3 for L = 6 (App. F)",
      inputs=[SCALES], thresholds=same_thresholds(0.2), must_hold=ALL)(_slope_claim("naive_ip", lambda L: -L / 2))
claim(id="IP-C6", statement="Scale at init, muP: slope of log R(m) is -1/2 (each activation; target +- threshold)",
      figure="IP-X1", paper_value="-1/2", inputs=[SCALES], thresholds=same_thresholds(0.15),
      must_hold=ALL)(_slope_claim("mup", lambda L: -0.5))
claim(id="IP-C8", statement="NTK scale at init (extra baseline, not in the paper's experiments): slope of "
      "log R(m) is 0 (each activation)", figure="IP-X1", paper_value="0 (theory)", inputs=[SCALES],
      thresholds=same_thresholds(0.15), must_hold=ALL)(_slope_claim("ntk", lambda L: 0.0))


@claim(id="IP-C7", statement="Layer-wise scale at init, Naive-IP with ReLU: slope of log R_l(m) is -(l-1)/2 "
       "for l = 1..L", figure="IP-X1", paper_value="-(l-1)/2 (exact in expectation for ReLU)",
       inputs=[SCALES], thresholds=same_thresholds(0.2), must_hold=ALL)
def ip_c7(ctx):
    sc = ctx.load_npz(SCALES)
    slopes = [loglog_slope(sc["widths"], r) for r in sc["R_layers"]]
    dev = [abs(s + l / 2) for l, s in enumerate(slopes)]
    return {"slopes": [_r(s, 3) for s in slopes], "max_dev": _r(max(dev), 3)}, max(dev) <= ctx.threshold


def _step_slopes(ctx, im):
    sc = ctx.load_npz(SCALES)
    U = sc["U"]  # [model, act, width, init, layer]
    return {f"{a}/l{l + 1}": loglog_slope(sc["step_widths"], np.median(U[im, ia, :, :, l], axis=1))
            for ia, a in enumerate(sc["activations"]) for l in (0, 1)}, int(sc["L"])


@claim(id="IP-C9", statement="Beyond the paper (finite-width counterpart of Theorem 13): IP-LLR's first step is "
       "width-independent: |slope of log U_l(m)| for l = 1, 2 (uncalibrated, eta = 1), each activation",
       figure="IP-X1", paper_value="independent check -0.11 ... +0.04", inputs=[SCALES],
       thresholds=same_thresholds(0.2), must_hold=DP)
def ip_c9(ctx):
    slopes, _ = _step_slopes(ctx, 0)
    return {k: _r(v, 3) for k, v in slopes.items()}, all(abs(v) <= ctx.threshold for v in slopes.values())


@claim(id="IP-C10", statement="Naive-IP's first step vanishes: slope of log U_1(m) is -(L-1)/2 and of log "
       "U_2(m) is -(L-2)/2 (eta = 1), each activation", figure="IP-X1",
       paper_value="-2.5 and -2 for L = 6 (independent check -2.46..-2.55, -1.98..-2.13)", inputs=[SCALES],
       thresholds=same_thresholds(0.3), must_hold=DP)
def ip_c10(ctx):
    slopes, L = _step_slopes(ctx, 1)
    target = {"l1": -(L - 1) / 2, "l2": -(L - 2) / 2}
    ok = all(abs(v - target[k.split("/")[1]]) <= ctx.threshold for k, v in slopes.items())
    return {k: _r(v, 3) for k, v in slopes.items()}, ok


# ------------------------------------------------------------------------------------------ 4.2 Naive-IP
@claim(id="IP-C11", statement="Naive-IP is stuck on MNIST: for every activation and trial, max_t |loss_t - ln 10| "
       "and max_t out_t are tiny", figure="IP-F1a, IP-F2a",
       paper_value="flat at 2.30, output 'exactly 0'", inputs=runs_inputs(),
       thresholds=same_thresholds({"loss": 1e-3, "out": 1e-4}), must_hold=DP)
def ip_c11(ctx):
    dl, do = 0.0, 0.0
    for a in ACTS:
        c = _cell(ctx, "mnist", a, "naive_ip")
        dl = max(dl, float(np.abs(c["loss"] - LN10).max()))
        do = max(do, float(c["out"].max()))
    return {"max_loss_dev": dl, "max_out": do}, dl <= ctx.threshold["loss"] and do <= ctx.threshold["out"]


@claim(id="IP-C12", statement="Naive-IP MNIST test accuracy (trial-mean per activation) is that of a constant "
       "classifier", figure="IP-T3", paper_value="0.098 for all four", inputs=runs_inputs(),
       thresholds=same_thresholds([0.07, 0.13]), must_hold=DP)
def ip_c12(ctx):
    acc = {a: _r(_cell(ctx, "mnist", a, "naive_ip")["test_acc"].mean()) for a in ACTS}
    lo, hi = ctx.threshold
    return acc, all(lo <= v <= hi for v in acc.values())


# ------------------------------------------------------------------------------------------ 4.3 IP-LLR
@claim(id="IP-C13", statement="IP-LLR final loss on MNIST (trial-median): GeLU/ELU/tanh learn, ReLU does not",
       figure="IP-F1b", paper_value="~0.15 / 0.1 / 0.7 / 2.0 (GeLU/ELU/tanh/ReLU, read off the figure)",
       inputs=runs_inputs(),
       thresholds={"smoke": {"gelu": 0.4, "elu": 0.4, "tanh": 1.6, "relu_min": 1.8},
                   "default": {"gelu": 0.4, "elu": 0.4, "tanh": 1.6, "relu_min": 1.8},
                   "paper": {"gelu": 0.35, "elu": 0.35, "tanh": 1.0, "relu_min": 1.8}}, must_hold=DP)
def ip_c13(ctx):
    fl = {a: _r(np.median(final_loss(_cell(ctx, "mnist", a, "ipllr")["loss"]))) for a in ACTS}
    th = ctx.threshold
    ok = all(fl[a] <= th[a] for a in SMOOTH) and fl["relu"] >= th["relu_min"]
    return fl, ok


@claim(id="IP-C14", statement="IP-LLR escapes the stationary point: out_0 tiny for every trial; final output "
       "(trial-median) large for GeLU/ELU, moderate for ReLU/tanh (MNIST)", figure="IP-F2b",
       paper_value="final ~3.3 / 3.0 / 0.9 / 1.0 (GeLU/ELU/ReLU/tanh, approx.)", inputs=runs_inputs(),
       thresholds=same_thresholds({"out0_max": 1e-4, "gelu_elu_min": 2.0, "relu_tanh": [0.3, 2.0]}),
       must_hold=DP)
def ip_c14(ctx):
    th = ctx.threshold
    out0, fo = 0.0, {}
    for a in ACTS:
        c = _cell(ctx, "mnist", a, "ipllr")
        out0 = max(out0, float(c["out"][:, 0].max()))
        fo[a] = _r(np.median(final_output(c["out"])), 3)
    lo, hi = th["relu_tanh"]
    ok = (out0 <= th["out0_max"] and all(fo[a] >= th["gelu_elu_min"] for a in ("gelu", "elu"))
          and all(lo <= fo[a] <= hi for a in ("relu", "tanh")))
    return {"max_out0": out0, "final_output": fo}, ok


@claim(id="IP-C15", statement="IP-LLR MNIST test accuracy: trial-median for GeLU/ELU/tanh high, trial-mean for "
       "ReLU at the constant-classifier level", figure="IP-T3",
       paper_value="0.956 / 0.964 / 0.932 / 0.113 (GeLU/ELU/tanh/ReLU)", inputs=runs_inputs(),
       thresholds={"smoke": {"gelu": 0.85, "elu": 0.85, "tanh": 0.85, "relu_max": 0.20},
                   "default": {"gelu": 0.85, "elu": 0.85, "tanh": 0.85, "relu_max": 0.20},
                   "paper": {"gelu": 0.90, "elu": 0.90, "tanh": 0.85, "relu_max": 0.20}}, must_hold=DP)
def ip_c15(ctx):
    acc = {a: _r(np.median(_cell(ctx, "mnist", a, "ipllr")["test_acc"])) for a in SMOOTH}
    acc["relu"] = _r(_cell(ctx, "mnist", "relu", "ipllr")["test_acc"].mean())
    th = ctx.threshold
    return acc, all(acc[a] >= th[a] for a in SMOOTH) and acc["relu"] <= th["relu_max"]


def _mean_acc(ctx, dataset, model):
    return {a: float(_cell(ctx, dataset, a, model)["test_acc"].mean()) for a in ACTS}


@claim(id="IP-C16", statement="ReLU is the outlier of IP-LLR: min over GeLU/ELU/tanh of the trial-mean test "
       "accuracy minus ReLU's", figure="IP-T3, IP-T5", paper_value="MNIST 0.819, CIFAR-10 0.184",
       inputs=runs_inputs(("mnist", "cifar10")),
       thresholds={"smoke": {"mnist": 0.5}, "default": {"mnist": 0.5}, "paper": {"mnist": 0.5, "cifar10": 0.10}},
       must_hold=DP)
def ip_c16(ctx):
    out, ok = {}, True
    for ds, thr in ctx.threshold.items():
        acc = _mean_acc(ctx, ds, "ipllr")
        gap = min(acc[a] for a in SMOOTH) - acc["relu"]
        out[ds] = _r(gap)
        ok &= gap >= thr
    return out, ok


# ------------------------------------------------------------------------------------------ 4.4 muP vs IP-LLR
@claim(id="IP-C17", statement="muP learns on MNIST with every activation: trial-mean test accuracy each high and "
       "spread (max - min over activations) small", figure="IP-T4",
       paper_value="0.954 / 0.975 / 0.928 / 0.905, spread 0.070", inputs=runs_inputs(),
       thresholds={"smoke": {"min": 0.85, "spread": 0.10}, "default": {"min": 0.85, "spread": 0.10},
                   "paper": {"min": 0.88, "spread": 0.10}}, must_hold=DP)
def ip_c17(ctx):
    acc = _mean_acc(ctx, "mnist", "mup")
    spread = max(acc.values()) - min(acc.values())
    ok = min(acc.values()) >= ctx.threshold["min"] and spread <= ctx.threshold["spread"]
    return {**{a: _r(v) for a, v in acc.items()}, "spread": _r(spread)}, ok


@claim(id="IP-C18", statement="muP CIFAR-10 (grayscale) test accuracy, trial-mean, each activation",
       figure="IP-T5", paper_value="0.407 / 0.419 / 0.356 / 0.304", inputs=runs_inputs(("cifar10",)),
       thresholds=same_thresholds([0.28, 0.45]), must_hold=DP)
def ip_c18(ctx):
    acc = _mean_acc(ctx, "cifar10", "mup")
    lo, hi = ctx.threshold
    return {a: _r(v) for a, v in acc.items()}, all(lo <= v <= hi for v in acc.values())


@claim(id="IP-C19", statement="IP-LLR CIFAR-10 test accuracy, trial-mean: ReLU at chance, the others learn",
       figure="IP-T5", paper_value="0.100 / 0.329 / 0.383 / 0.284 (ReLU/GeLU/ELU/tanh)",
       inputs=runs_inputs(("cifar10",)),
       thresholds=same_thresholds({"relu_max": 0.12, "others": [0.22, 0.42]}), must_hold=DP)
def ip_c19(ctx):
    acc = _mean_acc(ctx, "cifar10", "ipllr")
    lo, hi = ctx.threshold["others"]
    ok = acc["relu"] <= ctx.threshold["relu_max"] and all(lo <= acc[a] <= hi for a in SMOOTH)
    return {a: _r(v) for a, v in acc.items()}, ok


@claim(id="IP-C20", statement="Best results are comparable: |best-activation muP - best-activation IP-LLR| "
       "trial-mean test accuracy, per dataset", figure="IP-T6", paper_value="MNIST 0.011, CIFAR-10 0.036",
       inputs=runs_inputs(("mnist", "cifar10")), thresholds=same_thresholds({"mnist": 0.05, "cifar10": 0.08}),
       must_hold=DP)
def ip_c20(ctx):
    out, ok = {}, True
    for ds, thr in ctx.threshold.items():
        gap = abs(max(_mean_acc(ctx, ds, "mup").values()) - max(_mean_acc(ctx, ds, "ipllr").values()))
        out[ds] = _r(gap)
        ok &= gap <= thr
    return out, ok


@claim(id="IP-C21", statement="muP is consistent across activations: spread of muP accuracies < spread of IP-LLR "
       "accuracies, per dataset", figure="IP-T4, IP-T5", paper_value="MNIST 0.070 < 0.851; CIFAR-10 0.115 < 0.283",
       inputs=runs_inputs(("mnist", "cifar10")), thresholds=same_thresholds("strict inequality"), must_hold=DP)
def ip_c21(ctx):
    out, ok = {}, True
    for ds in ("mnist", "cifar10"):
        s = {mod: max(v.values()) - min(v.values())
             for mod, v in (("mup", _mean_acc(ctx, ds, "mup")), ("ipllr", _mean_acc(ctx, ds, "ipllr")))}
        out[ds] = {k: _r(v) for k, v in s.items()}
        ok &= s["mup"] < s["ipllr"]
    return out, ok


# ------------------------------------------------------------------------------------------ 4.5 ranks
def _median_ranks(ctx, model, kind="rank_h"):
    rk = ctx.load_npz(RANKS)
    sel = rk["model"][0] == model
    return {str(a): np.median(rk[kind][ia][sel], axis=0) for ia, a in enumerate(rk["activations"])}, rk


@claim(id="IP-C22", statement="ReLU IP-LLR rank collapse after one step (trial-median rank of h^l_1)",
       figure="IP-F3", paper_value="rank(h^4) 2-3, rank(h^5) = rank(h^6) = 1",
       inputs=[RANKS],
       thresholds={"smoke": {"h6_max": 3, "ratio": 1 / 3}, "default": {"h6_max": 3, "ratio": 1 / 3},
                   "paper": {"h4_max": 3, "h5_h6": 1}}, must_hold=DP)
def ip_c22(ctx):
    med, _ = _median_ranks(ctx, "ipllr")
    relu = med["relu"]
    th = ctx.threshold
    value = {a: [int(x) for x in v] for a, v in med.items()}
    if "h4_max" in th:
        return value, relu[3] <= th["h4_max"] and relu[4] == th["h5_h6"] and relu[5] == th["h5_h6"]
    ok = relu[5] <= th["h6_max"] and all(relu[l] <= th["ratio"] * med[a][l] for a in SMOOTH if a in med for l in (4, 5))
    return value, bool(ok)


@claim(id="IP-C23", statement="IP-LLR with GeLU/ELU/tanh: rank(h^l_1) for l = 3..6 is small (paper profile only)",
       figure="IP-F3", paper_value="~9-20", inputs=[RANKS], thresholds={"paper": [5, 40]}, must_hold=("paper",))
def ip_c23(ctx):
    med, _ = _median_ranks(ctx, "ipllr")
    lo, hi = ctx.threshold
    vals = {a: [int(x) for x in med[a][2:6]] for a in SMOOTH if a in med}
    return vals, all(lo <= x <= hi for v in vals.values() for x in v)


@claim(id="IP-C24", statement="muP keeps high rank after one step (rank(h^l_1), l = 2..6, >= 0.5 min(n, m)); "
       "IP-LLR's rank(h^l_1), l = 4..6, is a small fraction of muP's (same activation)", figure="IP-F3",
       paper_value="muP 800-960 of 1024; IP-LLR 1-20", inputs=[RANKS],
       thresholds={"smoke": {"mup_frac": 0.5, "ipllr_ratio": 0.6}, "default": {"mup_frac": 0.5, "ipllr_ratio": 0.6},
                   "paper": {"mup_frac": 0.5, "ipllr_ratio": 0.1}}, must_hold=DP)
def ip_c24(ctx):
    mup, rk = _median_ranks(ctx, "mup")
    ipl, _ = _median_ranks(ctx, "ipllr")
    full = min(int(rk["n_inputs"]), int(rk["width"]))
    th = ctx.threshold
    mup_min = min(float(v[1:6].min()) for v in mup.values())
    ratio = max(float(ipl[a][l] / mup[a][l]) for a in mup for l in (3, 4, 5))
    return ({"mup_min_rank_l2_6": mup_min, "min(n,m)": full, "max_ipllr_over_mup_l4_6": _r(ratio, 3)},
            mup_min >= th["mup_frac"] * full and ratio <= th["ipllr_ratio"])


# ------------------------------------------------------------------------------------------ 4.6 alternatives
BOTH = runs_inputs(("mnist", "cifar10"))


@claim(id="IP-C25", statement="IP-bias starts at its output bias and decays: per run |out_0 - mean_k|b^{L+1}_k(0)||; "
       "per activation, trial-mean final output / out_0 (both datasets)", figure="IP-F4a,b",
       paper_value="start ~0.8 = E|N(0,1)|, end ~0.2-0.35", inputs=BOTH,
       thresholds=same_thresholds({"start_dev": 0.1, "ratio": 0.6}), must_hold=DP)
def ip_c25(ctx):
    dev, ratios = 0.0, {}
    for ds in ("mnist", "cifar10"):
        for a in ACTS:
            c = _cell(ctx, ds, a, "ip_bias")
            dev = max(dev, float(np.abs(c["out"][:, 0] - c["out_bias0"]).max()))
            ratios[f"{ds}/{a}"] = _r(final_output(c["out"]).mean() / c["out"][:, 0].mean(), 3)
    th = ctx.threshold
    return {"max_start_dev": _r(dev), "ratio": ratios}, dev <= th["start_dev"] and max(ratios.values()) <= th["ratio"]


@claim(id="IP-C26", statement="IP-bias loss starts high, returns to ln 10 and never learns (trial-means; both "
       "datasets, every activation)", figure="IP-F5a,b, IP-T6",
       paper_value="loss_0 ~2.75, final ~2.30 (tanh 2.36), accuracy <= 0.113", inputs=BOTH,
       thresholds=same_thresholds({"loss0": [LN10 + 0.1, 3.3], "final_dev": 0.1, "min_loss": 2.2, "acc_max": 0.13}),
       must_hold=DP)
def ip_c26(ctx):
    th = ctx.threshold
    vals, ok = {}, True
    for ds in ("mnist", "cifar10"):
        for a in ACTS:
            c = _cell(ctx, ds, a, "ip_bias")
            curve = c["loss"].mean(axis=0)
            v = {"loss0": _r(curve[0]), "final": _r(final_loss(c["loss"]).mean()), "min": _r(curve.min()),
                 "acc": _r(c["test_acc"].mean())}
            vals[f"{ds}/{a}"] = v
            ok &= (th["loss0"][0] <= v["loss0"] <= th["loss0"][1] and abs(v["final"] - LN10) <= th["final_dev"]
                   and v["min"] >= th["min_loss"] and v["acc"] <= th["acc_max"])
    return vals, bool(ok)


@claim(id="IP-C27", statement="IP-non-centered output at init (trial-mean out_0), both datasets",
       figure="IP-F4c,d", paper_value="~0.77 / 0.25 / 0.25 / ~0 (ReLU/GeLU/ELU/tanh)", inputs=BOTH,
       thresholds=same_thresholds({"relu": [0.6, 1.0], "gelu": [0.1, 0.45], "elu": [0.1, 0.45], "tanh": [0.0, 0.06]}),
       must_hold=DP)
def ip_c27(ctx):
    vals, ok = {}, True
    for ds in ("mnist", "cifar10"):
        for a in ACTS:
            v = float(_cell(ctx, ds, a, "ip_noncentered")["out"][:, 0].mean())
            vals[f"{ds}/{a}"] = _r(v)
            lo, hi = ctx.threshold[a]
            ok &= lo <= v <= hi
    return vals, bool(ok)


@claim(id="IP-C28", statement="IP-non-centered learns late and slowly: trial-mean loss_t within 0.01 of ln 10 for "
       "t = 0..49; final loss (trial-median) barely below ln 10", figure="IP-F5c,d",
       paper_value="flat ~100 steps; final ~2.0-2.2 (MNIST), ~2.2-2.27 (CIFAR-10)", inputs=BOTH,
       thresholds=same_thresholds({"flat_dev": 0.01, "flat_steps": 50, "mnist": [1.7, 2.31], "cifar10": [2.1, 2.31]}),
       must_hold=DP)
def ip_c28(ctx):
    th = ctx.threshold
    vals, ok = {}, True
    for ds in ("mnist", "cifar10"):
        for a in ACTS:
            c = _cell(ctx, ds, a, "ip_noncentered")
            flat = float(np.abs(c["loss"].mean(axis=0)[: th["flat_steps"]] - LN10).max())
            fin = float(np.median(final_loss(c["loss"])))
            vals[f"{ds}/{a}"] = {"flat_dev": _r(flat), "final": _r(fin)}
            lo, hi = th[ds]
            ok &= flat <= th["flat_dev"] and lo <= fin <= hi
    return vals, bool(ok)


@claim(id="IP-C29", statement="IP-non-centered test accuracy (trial-mean, each activation) stays low",
       figure="IP-T6", paper_value="best 0.209 (MNIST), 0.154 (CIFAR-10)", inputs=BOTH,
       thresholds=same_thresholds({"mnist": 0.30, "cifar10": 0.20}), must_hold=DP)
def ip_c29(ctx):
    vals = {ds: {a: _r(v) for a, v in _mean_acc(ctx, ds, "ip_noncentered").items()} for ds in ("mnist", "cifar10")}
    return vals, all(max(vals[ds].values()) <= ctx.threshold[ds] for ds in vals)


@claim(id="IP-C30", statement="Table 6 ordering: min(best IP-LLR, best muP) - max(best IP-bias, best "
       "IP-non-centered), best-activation trial-mean accuracies, per dataset", figure="IP-T6",
       paper_value="MNIST 0.755, CIFAR-10 0.229", inputs=BOTH,
       thresholds=same_thresholds({"mnist": 0.5, "cifar10": 0.15}), must_hold=DP)
def ip_c30(ctx):
    vals, ok = {}, True
    for ds, thr in ctx.threshold.items():
        best = {m: max(_mean_acc(ctx, ds, m).values()) for m in ("ipllr", "mup", "ip_bias", "ip_noncentered")}
        gap = min(best["ipllr"], best["mup"]) - max(best["ip_bias"], best["ip_noncentered"])
        vals[ds] = _r(gap)
        ok &= gap >= thr
    return vals, bool(ok)


# ------------------------------------------------------------------------------------------ 4.7 beyond the paper
@claim(id="IP-C31", statement="Beyond the paper (authors' repository / Proposition 5): Naive-IP depth threshold "
       "on MNIST: (a) L = 2 learns (final <= 1.0), (b) L in {4, 5} stays stuck (every window >= 2.25), (c) L = 3 "
       "learns less as m grows (final non-decreasing in m within 0.05, largest - smallest m >= 0.5)",
       figure="IP-X2", paper_value="independent check, ReLU: L=3 finals 0.42 / 0.59 / 1.09 at m = 64 / 128 / 256",
       inputs=[DEPTH],
       thresholds=same_thresholds({"l2_final_max": 1.0, "stuck_min": 2.25, "l3_tol": 0.05, "l3_gap": 0.5}),
       must_hold=DP)
def ip_c31(ctx):
    dp = ctx.load_npz(DEPTH)
    th = ctx.threshold
    window = int(dp["window"])
    final = dp["loss"][..., -window:].mean(axis=-1).mean(axis=-1)  # [act, depth, width] trial-mean
    wm = window_means(dp["loss"], window).mean(axis=3)  # trial-mean windows [act, depth, width, windows]
    depths = [int(x) for x in dp["depths"]]
    vals, ok = {}, True
    for ia, a in enumerate(dp["activations"]):
        for iL, L in enumerate(depths):
            key = f"{a}/L{L}"
            if L == 2:
                vals[key] = {"final": [_r(x, 3) for x in final[ia, iL]]}
                ok &= bool((final[ia, iL] <= th["l2_final_max"]).all())
            elif L == 3:
                f = final[ia, iL]
                vals[key] = {"final": [_r(x, 3) for x in f]}
                ok &= bool((np.diff(f) >= -th["l3_tol"]).all()) and f[-1] - f[0] >= th["l3_gap"]
            elif L >= 4:
                vals[key] = {"min_window": _r(wm[ia, iL].min(), 4)}
                ok &= bool(wm[ia, iL].min() >= th["stuck_min"])
    return vals, bool(ok)


@claim(id="IP-C32", statement="Beyond the paper (authors' repository): ranks of the first IP-LLR update dW^l: "
       "rank(dW^{L+1}) <= 9 (structural); ReLU rank(dW^l) >= 0.5 min(B, m) for l = 2..5; smooth activations "
       "rank(dW^l) <= 12 for l = 4..7 (paper profile only)", figure="IP-X3",
       paper_value="ReLU ~512 (= B) in layers 2-5, 9 at the output; GeLU 9 from layer 4 on",
       inputs=[RANKS],
       thresholds={"smoke": {"out_max": 9, "relu_frac": 0.5}, "default": {"out_max": 9, "relu_frac": 0.5},
                   "paper": {"out_max": 9, "relu_frac": 0.5, "smooth_max": 12}}, must_hold=DP)
def ip_c32(ctx):
    med, rk = _median_ranks(ctx, "ipllr", "rank_dW")
    th = ctx.threshold
    full = min(int(rk["batch_size"]), int(rk["width"]))
    ok = all(v[-1] <= th["out_max"] for v in med.values())
    if "relu" in med:
        ok &= bool((med["relu"][1:5] >= th["relu_frac"] * full).all())
    if "smooth_max" in th:
        ok &= all(bool((med[a][3:7] <= th["smooth_max"]).all()) for a in SMOOTH if a in med)
    return {a: [int(x) for x in v] for a, v in med.items()}, bool(ok)
