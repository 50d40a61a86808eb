"""Claims AS-C10..AS-C21 of the main paper on real data (spec §4), read from saved results only.

Claims that the spec states "on all six datasets" are split by data family (``-UCI``, ``-MNIST``,
``-CIFAR``) so that a profile without CIFAR-10 (no offline copy) still reports the others; the spec's
statement is the conjunction. Thresholds are the spec's, per profile; ``smoke`` (stand-in data, tiny
sizes) evaluates every claim but none must hold there.
"""

from __future__ import annotations

import math

import numpy as np

from lazyrich.asymmetric.summary import CONFIG_ORDER as ORDER
from lazyrich.asymmetric.summary import by_config, final_means, strictly_increasing, wdiff
from lazyrich.claims.registry import claim

UCI = ("airfoil", "concrete", "energy", "plant")
ALL = ("smoke", "default", "paper")
REDUCED = ("default", "paper")


def _f(rel_exp, what):
    return f"asymmetric_real/{rel_exp}/{what}.npz"


def _uci_inputs(what=("runs",)):
    return [_f(d, w) for d in UCI for w in what]


def _means(per_run: np.ndarray, rec: dict) -> dict[str, np.ndarray]:
    return {c: v.mean(axis=0) for c, v in by_config(rec, per_run).items()}


def _ordered(d: dict) -> list:
    return [d[c] for c in ORDER]


def _r(x, digits=4):
    return float(f"{float(x):.{digits}g}")


# ---------------------------------------------------------------- E2 dynamics (AS-C10..AS-C14)

@claim(id="AS-C10", statement="UCI: final mean train risk strictly increasing in gamma-order on every dataset",
       figure="AS-F2", paper_value="e.g. airfoil 0.0976 < 0.109 < 0.144 < 0.248 at 1e5",
       inputs=_uci_inputs(), thresholds={p: "strict order" for p in ALL}, must_hold=REDUCED)
def uci_train_risk_order(ctx):
    vals, ok = {}, True
    for d in UCI:
        m = final_means(ctx.load_npz(_f(d, "runs")), "train_risk")
        vals[d] = {c: _r(m[c]) for c in ORDER}
        ok &= strictly_increasing(_ordered(m))
    return vals, bool(ok)


@claim(id="AS-C11", statement="UCI: wdiff(T) of g1 below both mixed configs, both below a04g0, a04g0/g1 >= 3",
       figure="AS-F2", paper_value="ratios a04g0/g1 6.0, 8.3, 8.5, 5.5", inputs=_uci_inputs(),
       thresholds={p: {"ratio": 3.0} for p in ALL}, must_hold=REDUCED)
def uci_wdiff_order(ctx):
    vals, ok = {}, True
    for d in UCI:
        runs = ctx.load_npz(_f(d, "runs"))
        m = {c: float(v[-1]) for c, v in _means(wdiff(runs), runs).items()}
        ratio = m["a04g0"] / m["g1"]
        vals[d] = {**{c: _r(m[c]) for c in ORDER}, "ratio": _r(ratio)}
        ok &= m["g1"] < min(m["a07g05"], m["a05g02"]) and max(m["a07g05"], m["a05g02"]) < m["a04g0"]
        ok &= ratio >= ctx.threshold["ratio"]
    return vals, bool(ok)


@claim(id="AS-C12", statement="UCI: kernel change D_c = ||NTG_T - NTG_0||_2 strictly increasing in gamma-order, "
       "D_a04g0 >= 10 D_g1", figure="AS-F2", paper_value="ratios 75, 87, 63, 154", inputs=_uci_inputs(),
       thresholds={p: {"ratio": 10.0} for p in ALL}, must_hold=REDUCED)
def uci_kernel_order(ctx):
    vals, ok = {}, True
    for d in UCI:
        m = final_means(ctx.load_npz(_f(d, "runs")), "ntg_change")
        ratio = m["a04g0"] / m["g1"]
        vals[d] = {**{c: _r(m[c]) for c in ORDER}, "ratio": _r(ratio)}
        ok &= strictly_increasing(_ordered(m)) and ratio >= ctx.threshold["ratio"]
    return vals, bool(ok)


@claim(id="AS-C13", statement="UCI: eig_min at t=0 g1 > a05g02 > a04g0 with a05g02 >= 10 a04g0; at every t "
       "a04g0 <= 0.1 g1", figure="AS-F2", paper_value="g1/a05g02 at t=0: 4.2, 4.3, 2.8, 4.1", inputs=_uci_inputs(),
       thresholds={p: {"a05g02_over_a04g0": 10.0, "a04g0_over_g1": 0.1} for p in ALL}, must_hold=REDUCED)
def uci_eigmin(ctx):
    vals, ok = {}, True
    for d in UCI:
        runs = ctx.load_npz(_f(d, "runs"))
        m = _means(runs["ntg_eigmin"], runs)
        e0 = {c: float(m[c][0]) for c in ORDER}
        worst = float(np.max(m["a04g0"] / m["g1"]))
        vals[d] = {"t0": {c: _r(e0[c]) for c in ORDER}, "max_t a04g0/g1": _r(worst)}
        ok &= e0["g1"] > e0["a05g02"] > e0["a04g0"]
        ok &= e0["a05g02"] >= ctx.threshold["a05g02_over_a04g0"] * e0["a04g0"]
        ok &= worst <= ctx.threshold["a04g0_over_g1"]
    return vals, bool(ok)


@claim(id="AS-C14", statement="UCI: partial asymmetry costs little: test risk a07g05 <= 1.15 x g1 on every dataset",
       figure="AS-F2", paper_value="ratios 1.063, 0.969, 0.736, 0.9995", inputs=_uci_inputs(),
       thresholds={p: 1.15 for p in ALL}, must_hold=REDUCED)
def uci_partial_asymmetry(ctx):
    vals, ok = {}, True
    for d in UCI:
        m = final_means(ctx.load_npz(_f(d, "runs")), "test_risk")
        vals[d] = _r(m["a07g05"] / m["g1"])
        ok &= vals[d] <= ctx.threshold
    return vals, bool(ok)


# ---------------------------------------------------------------- pruning (AS-C15..AS-C17)

def _level_index(levels: np.ndarray, frac: float) -> int:
    m = levels[-1]
    return int(np.flatnonzero(levels == round(frac * m))[0])


def _pruning_insensitive(prune: dict, metric: str, thr: dict) -> tuple[dict, bool]:
    lv = prune["levels"]
    i5, i90, i95 = (_level_index(lv, f) for f in (0.05, 0.90, 0.95))
    v = _means(prune[f"test_{metric}"], prune)["a04g0"]
    if metric == "risk":
        c90, c95 = v[i90] / v[i5] - 1, v[i95] / v[i5] - 1
        ok = c90 <= thr["rel90"] and c95 <= thr["rel95"]
    else:
        c90, c95 = v[i5] - v[i90], v[i5] - v[i95]
        ok = c90 <= thr["drop90"] and c95 <= thr["drop95"]
    return {"at_5%": _r(v[i5]), "change_90%": _r(c90), "change_95%": _r(c95)}, bool(ok)


_C15 = dict(statement="gamma = 0 is insensitive to pruning the small nodes: vs 5% pruned, test risk at 90% "
            "within +3% and at 95% within +10% (classification: accuracy drop <= 0.01 / 0.02)", figure="AS-F3/F6/F9")
_C15_THR = {"rel90": 0.03, "rel95": 0.10, "drop90": 0.01, "drop95": 0.02}


@claim(id="AS-C15-UCI", paper_value="airfoil +0.2%/+0.9%, concrete -0.2%/+0.2%, energy +1.3%/+5.3%, plant +0.3%/+0.6%",
       inputs=_uci_inputs(("prune",)), thresholds={p: _C15_THR for p in ALL}, must_hold=REDUCED, **_C15)
def prune_insensitive_uci(ctx):
    vals, ok = {}, True
    for d in UCI:
        vals[d], o = _pruning_insensitive(ctx.load_npz(_f(d, "prune")), "risk", ctx.threshold)
        ok &= o
    return vals, bool(ok)


@claim(id="AS-C15-MNIST", paper_value="acc -0.003 / -0.006", inputs=[_f("mnist", "prune")],
       thresholds={p: _C15_THR for p in ALL}, must_hold=REDUCED, **_C15)
def prune_insensitive_mnist(ctx):
    return _pruning_insensitive(ctx.load_npz(_f("mnist", "prune")), "acc", ctx.threshold)


@claim(id="AS-C15-CIFAR", paper_value="acc -0.0003 / -0.0012", inputs=[_f("cifar10", "prune")],
       thresholds={p: _C15_THR for p in ALL}, must_hold=REDUCED, **_C15)
def prune_insensitive_cifar(ctx):
    return _pruning_insensitive(ctx.load_npz(_f("cifar10", "prune")), "acc", ctx.threshold)


def _prunability(prune: dict, metric: str, check_b: bool) -> tuple[dict, bool]:
    """P_c = mean test metric over the levels 5%..95% (all but the last record)."""
    P = {c: float(v[:-1].mean()) for c, v in _means(prune[f"test_{metric}"], prune).items()}
    better = (lambda x, y: x < y) if metric == "risk" else (lambda x, y: x > y)
    ok_a = all(better(P["a04g0"], P[c]) for c in ORDER[:3])
    best_mixed = min(P["a07g05"], P["a05g02"]) if metric == "risk" else max(P["a07g05"], P["a05g02"])
    ok_b = better(best_mixed, P["g1"])
    return {**{c: _r(P[c]) for c in ORDER}, "a": ok_a, "b": ok_b}, bool(ok_a and (ok_b or not check_b))


_C16 = dict(statement="asymmetry improves prunability: (a) a04g0 has the best mean test risk (accuracy) over "
            "pruning levels 5%..95%; (b) g1 is worse than the better mixed configuration [(b) paper profile only]",
            figure="AS-F3/F6/F9")
_C16_THR = {"smoke": {"check_b": False}, "default": {"check_b": False}, "paper": {"check_b": True}}


@claim(id="AS-C16-UCI", paper_value="P: airfoil 0.819/0.674/0.738/0.337 ...", inputs=_uci_inputs(("prune",)),
       thresholds=_C16_THR, must_hold=REDUCED, **_C16)
def prunability_uci(ctx):
    vals, ok = {}, True
    for d in UCI:
        vals[d], o = _prunability(ctx.load_npz(_f(d, "prune")), "risk", ctx.threshold["check_b"])
        ok &= o
    return vals, bool(ok)


@claim(id="AS-C16-MNIST", paper_value="mean acc 0.591/0.705/0.712/0.759", inputs=[_f("mnist", "prune")],
       thresholds=_C16_THR, must_hold=REDUCED, **_C16)
def prunability_mnist(ctx):
    p = ctx.load_npz(_f("mnist", "prune"))
    va, oa = _prunability(p, "acc", ctx.threshold["check_b"])
    vr, orr = _prunability(p, "risk", ctx.threshold["check_b"])
    return {"acc": va, "mse": vr}, bool(oa and orr)


@claim(id="AS-C16-CIFAR", paper_value="mean acc 0.723/0.750/0.736/0.828", inputs=[_f("cifar10", "prune")],
       thresholds=_C16_THR, must_hold=REDUCED, **_C16)
def prunability_cifar(ctx):
    return _prunability(ctx.load_npz(_f("cifar10", "prune")), "acc", ctx.threshold["check_b"])


UCI_ENDPOINT_REF = {"airfoil": 1.014, "concrete": 1.021, "energy": 0.9606, "plant": 0.9597}


@claim(id="AS-C17-UCI", statement="all-pruned endpoint: outputs 0, so train MSE = mean(y_train^2) (= 1 on the full "
       "standardised split) and test MSE = mean(y_test^2), which matches the reference read off the authors' figures",
       figure="AS-F3", paper_value=UCI_ENDPOINT_REF,
       inputs=_uci_inputs(("prune",)) + [f"data/uci_{d}.npz" for d in UCI],
       thresholds={p: {"exact": 1e-5, "reference": 0.002} for p in ALL}, must_hold=ALL)
def endpoint_uci(ctx):
    cfg = ctx.load_json("configs/asymmetric_real.json")
    vals, ok = {}, True
    for d in UCI:
        p, data = ctx.load_npz(_f(d, "prune")), ctx.load_npz(f"data/uci_{d}.npz")
        rows = cfg["uci"]["max_train_rows"].get(d, 0) or len(data["y_train"])
        exp_tr, exp_te = float(np.mean(data["y_train"][:rows] ** 2)), float(np.mean(data["y_test"] ** 2))
        tr, te = float(np.abs(p["train_risk"][:, -1] - exp_tr).max()), float(np.abs(p["test_risk"][:, -1] - exp_te).max())
        ok &= tr <= ctx.threshold["exact"] and te <= ctx.threshold["exact"]
        vals[d] = {"train_mse": _r(p["train_risk"][:, -1].mean(), 6), "test_mse": _r(p["test_risk"][:, -1].mean(), 6)}
        if rows == len(data["y_train"]):
            ok &= abs(exp_tr - 1.0) <= ctx.threshold["exact"]
        else:
            vals[d]["note"] = f"train split reduced to {rows} rows"
        if "STAND-IN" not in str(data["source"]):
            ok &= abs(exp_te - UCI_ENDPOINT_REF[d]) <= ctx.threshold["reference"]
    return vals, bool(ok)


def _endpoint_class(prune, labels_train, labels_test, loss, tol):
    vals, ok = {}, True
    for split, labels in (("train", labels_train), ("test", labels_test)):
        exp_risk = 0.1 if loss == "mse" else math.log(10)
        exp_acc = float(np.mean(labels == 0))  # argmax of all-zero outputs is class 0
        r, a = prune[f"{split}_risk"][:, -1], prune[f"{split}_acc"][:, -1]
        ok &= float(np.abs(r - exp_risk).max()) <= tol and float(np.abs(a - exp_acc).max()) <= 1e-12
        vals[split] = {"risk": _r(r.mean(), 7), "acc": _r(a.mean(), 5), "share_of_class_0": _r(exp_acc, 5)}
    return vals, bool(ok)


@claim(id="AS-C17-MNIST", statement="all-pruned endpoint MNIST: MSE = 0.1, accuracy = share of digit 0 "
       "(0.0958 train, 0.092 test on the paper's slices)", figure="AS-F6", paper_value={"mse": 0.1, "acc": [0.0958, 0.092]},
       inputs=[_f("mnist", "prune"), "data/mnist.npz"], thresholds={p: 1e-7 for p in ALL}, must_hold=ALL)
def endpoint_mnist(ctx):
    cfg = ctx.load_json("configs/asymmetric_real.json")["mnist"]["ranges"]
    data = ctx.load_npz("data/mnist.npz")
    ltr = data["train_labels"][cfg["train"][0]:cfg["train"][1]]
    lte = data["test_labels"][cfg["test"][0]:cfg["test"][1]]
    return _endpoint_class(ctx.load_npz(_f("mnist", "prune")), ltr, lte, "mse", ctx.threshold)


@claim(id="AS-C17-CIFAR", statement="all-pruned endpoint CIFAR-10: CE = ln 10, accuracy = share of class 0 "
       "(0.1 on the full test set)", figure="AS-F9", paper_value={"ce": math.log(10), "acc": 0.1},
       inputs=[_f("cifar10", "prune"), _f("cifar10", "features")], thresholds={p: 1e-5 for p in ALL}, must_hold=ALL)
def endpoint_cifar(ctx):
    f = ctx.load_npz(_f("cifar10", "features"))
    return _endpoint_class(ctx.load_npz(_f("cifar10", "prune")), f["train_labels"], f["test_labels"], "ce", ctx.threshold)


# ---------------------------------------------------------------- transfer (AS-C18, AS-C19)

@claim(id="AS-C18-UCI", statement="large-lambda features transfer better: at k = 10, mean g1 transfer test risk "
       ">= 1.1 x the max over gamma < 1 configs, on every UCI dataset", figure="AS-F4",
       paper_value="ratios 1.89, 1.33, 3.3, 2.0", inputs=_uci_inputs(("transfer",)),
       thresholds={p: 1.1 for p in ALL}, must_hold=REDUCED)
def transfer_uci(ctx):
    vals, ok = {}, True
    for d in UCI:
        t = ctx.load_npz(_f(d, "transfer"))
        i = int(np.flatnonzero(t["ks"] == 10)[0]) if 10 in t["ks"] else 0
        m = {c: float(v[i]) for c, v in _means(t["test_risk"], t).items()}
        vals[d] = {**{c: _r(m[c]) for c in ORDER}, "ratio": _r(m["g1"] / max(m[c] for c in ORDER[1:]))}
        ok &= vals[d]["ratio"] >= ctx.threshold
    return vals, bool(ok)


@claim(id="AS-C18-MNIST", statement="MNIST transfer at k = 10: g1 test acc + 0.10 <= min over gamma < 1, and g1 "
       "test MSE >= 1.1 x max over gamma < 1 [expected, not verified, at the reduced profile]", figure="AS-F7",
       paper_value="acc 0.272 vs >= 0.477; MSE ratio 1.29", inputs=[_f("mnist", "transfer")],
       thresholds={p: {"acc_margin": 0.10, "mse_ratio": 1.1} for p in ALL}, must_hold=("paper",))
def transfer_mnist(ctx):
    t = ctx.load_npz(_f("mnist", "transfer"))
    i = int(np.flatnonzero(t["ks"] == 10)[0]) if 10 in t["ks"] else 0
    acc = {c: float(v[i]) for c, v in _means(t["test_acc"], t).items()}
    mse = {c: float(v[i]) for c, v in _means(t["test_risk"], t).items()}
    ratio = mse["g1"] / max(mse[c] for c in ORDER[1:])
    ok = acc["g1"] + ctx.threshold["acc_margin"] <= min(acc[c] for c in ORDER[1:]) and ratio >= ctx.threshold["mse_ratio"]
    return {"acc": {c: _r(acc[c]) for c in ORDER}, "mse_ratio": _r(ratio)}, bool(ok)


@claim(id="AS-C19", statement="pure Zipf gives the best MNIST transfer: a04g0 has the highest mean transfer test "
       "accuracy for every k (reduced profiles: k <= 50, expected only)", figure="AS-F7",
       paper_value="0.849-0.904 vs at most 0.861", inputs=[_f("mnist", "transfer")],
       thresholds={"smoke": {"k_max": 50}, "default": {"k_max": 50}, "paper": {"k_max": 100}}, must_hold=("paper",))
def zipf_best_transfer(ctx):
    t = ctx.load_npz(_f("mnist", "transfer"))
    m = _means(t["test_acc"], t)
    sel = t["ks"] <= ctx.threshold["k_max"]
    best = [ORDER[int(np.argmax([m[c][j] for c in ORDER]))] for j in np.flatnonzero(sel)]
    return {"best_config_per_k": dict(zip(t["ks"][sel].tolist(), best)),
            "a04g0": [_r(x) for x in m["a04g0"][sel]]}, all(b == "a04g0" for b in best)


# ---------------------------------------------------------------- final performance (AS-C20)

@claim(id="AS-C20-MNIST", statement="MNIST final orderings. Paper: test acc g1 >= a07g05 - 0.01 and a07g05 > a05g02 > "
       "a04g0; train risk, wdiff and D strictly increasing in gamma-order; eig_min(T) g1 highest, a04g0 lowest; test acc "
       "within 0.02 of 0.889/0.884/0.860/0.760. Reduced: wdiff and D strictly increasing, a04g0 lowest test acc.",
       figure="AS-F5", paper_value={"test_acc": [0.889, 0.884, 0.860, 0.760]}, inputs=[_f("mnist", "runs")],
       thresholds={"smoke": "reduced", "default": "reduced", "paper": "full"}, must_hold=REDUCED)
def mnist_final(ctx):
    runs = ctx.load_npz(_f("mnist", "runs"))
    acc, tr = final_means(runs, "test_acc"), final_means(runs, "train_risk")
    wd = {c: float(v[-1]) for c, v in _means(wdiff(runs), runs).items()}
    D, eig = final_means(runs, "ntg_change"), final_means(runs, "ntg_eigmin")
    checks = {"wdiff_increasing": strictly_increasing(_ordered(wd)), "D_increasing": strictly_increasing(_ordered(D)),
              "a04g0_lowest_acc": all(acc["a04g0"] < acc[c] for c in ORDER[:3])}
    if ctx.threshold == "full":
        ref = dict(zip(ORDER, (0.889, 0.884, 0.860, 0.760)))
        checks.update(acc_order=acc["g1"] >= acc["a07g05"] - 0.01 and acc["a07g05"] > acc["a05g02"] > acc["a04g0"],
                      train_risk_increasing=strictly_increasing(_ordered(tr)),
                      eig_extremes=max(eig, key=eig.get) == "g1" and min(eig, key=eig.get) == "a04g0",
                      acc_values=all(abs(acc[c] - ref[c]) <= 0.02 for c in ORDER))
    vals = {"test_acc": {c: _r(acc[c]) for c in ORDER}, "wdiff": {c: _r(wd[c]) for c in ORDER},
            "D": {c: _r(D[c]) for c in ORDER}, "checks": checks}
    return vals, all(checks.values())


@claim(id="AS-C20-CIFAR", statement="CIFAR-10 final orderings. Paper: |acc g1 - a07g05| <= 0.01, a05g02 < g1, a04g0 "
       "lowest by >= 0.01; test CE strictly increasing; wdiff strictly increasing with a04g0/g1 >= 5; acc within 0.015 "
       "of 0.862/0.859/0.851/0.829. Reduced: wdiff strictly increasing, a04g0 lowest test acc.", figure="AS-F8",
       paper_value={"test_acc": [0.862, 0.859, 0.851, 0.829], "wdiff_ratio": 12.8}, inputs=[_f("cifar10", "runs")],
       thresholds={"smoke": "reduced", "default": "reduced", "paper": "full"}, must_hold=REDUCED)
def cifar_final(ctx):
    runs = ctx.load_npz(_f("cifar10", "runs"))
    acc, ce = final_means(runs, "test_acc"), final_means(runs, "test_risk")
    wd = {c: float(v[-1]) for c, v in _means(wdiff(runs), runs).items()}
    checks = {"wdiff_increasing": strictly_increasing(_ordered(wd)),
              "a04g0_lowest_acc": all(acc["a04g0"] < acc[c] for c in ORDER[:3])}
    if ctx.threshold == "full":
        ref = dict(zip(ORDER, (0.862, 0.859, 0.851, 0.829)))
        checks.update(near_tie=abs(acc["g1"] - acc["a07g05"]) <= 0.01, a05g02_below_g1=acc["a05g02"] < acc["g1"],
                      a04g0_margin=all(acc[c] - acc["a04g0"] >= 0.01 for c in ORDER[:3]),
                      ce_increasing=strictly_increasing(_ordered(ce)), wdiff_ratio=wd["a04g0"] / wd["g1"] >= 5,
                      acc_values=all(abs(acc[c] - ref[c]) <= 0.015 for c in ORDER))
    return {"test_acc": {c: _r(acc[c]) for c in ORDER}, "wdiff": {c: _r(wd[c]) for c in ORDER},
            "checks": checks}, all(checks.values())


# ---------------------------------------------------------------- reference agreement (AS-C21, paper only)

# AS-F2 final values at t = 1e5: train risk, test risk, wdiff, sqrt(ntg_change), eig_min(0)
UCI_REF = {
    "airfoil": {"train_risk": (0.0976, 0.109, 0.144, 0.248), "test_risk": (0.233, 0.248, 0.273, 0.337),
                "wdiff": (4.6, 15.5, 18.5, 27.6), "sqrt_ntg_change": (0.39, 1.47, 2.60, 3.35),
                "eigmin0": (2.1e-3, 1.4e-3, 5.1e-4, 3.7e-6)},
    "concrete": {"train_risk": (0.00995, 0.0139, 0.0265, 0.101), "test_risk": (0.163, 0.158, 0.157, 0.176),
                 "wdiff": (3.0, 9.0, 13.2, 25.0), "sqrt_ntg_change": (0.29, 1.13, 1.98, 2.68),
                 "eigmin0": (8.2e-3, 7.4e-3, 1.9e-3, 1.2e-4)},
    "energy": {"train_risk": (6.0e-5, 2.2e-4, 2.4e-3, 0.021), "test_risk": (0.0318, 0.0234, 0.0237, 0.0301),
               "wdiff": (2.7, 10.0, 13.4, 23.2), "sqrt_ntg_change": (0.37, 1.27, 2.44, 2.93),
               "eigmin0": (1.8e-2, 1.3e-2, 6.4e-3, 2.7e-4)},
    "plant": {"train_risk": (0.0478, 0.0491, 0.0514, 0.0572), "test_risk": (0.0595, 0.0595, 0.0601, 0.0616),
              "wdiff": (1.26, 2.5, 3.7, 6.9), "sqrt_ntg_change": (0.26, 1.02, 2.52, 3.27),
              "eigmin0": (9.3e-4, 5.9e-4, 2.3e-4, 6.3e-6)},
}
MNIST_REF = {"train_risk": (0.0213, 0.0233, 0.0288, 0.0509), "test_risk": (0.0328, 0.0337, 0.0378, 0.0571),
             "train_acc": (0.957, 0.947, 0.921, 0.827), "test_acc": (0.889, 0.884, 0.860, 0.760),
             "wdiff": (3.1, 10.1, 15.0, 22.3), "sqrt_ntg_change": (0.281, 0.531, 0.864, 0.944),
             "eigmin0": (3.3e-3, 3.4e-3, 1.5e-3, 6.7e-4)}
CIFAR_REF = {"test_acc": (0.862, 0.859, 0.851, 0.829), "test_risk": (0.400, 0.408, 0.429, 0.510),
             "wdiff": (9.2, 52, 66, 118)}
# AS-F1 (E1, simulated) at t = 5e4 (eig_min at t = 0); its data draw differs from the authors', hence the
# spec's own E1 tolerances for the risks (E1_TOLERANCE) and eig_min(0)
E1_RUNS = "asymmetric/simulated/runs.npz"
E1_REF = {"train_risk": (1.2e-6, 4.3e-6, 1.4e-4, 3.1e-3), "test_risk": (0.0377, 0.0414, 0.0424, 0.0476),
          "wdiff": (0.92, 7.4, 11.5, 24.4), "sqrt_ntg_change": (0.028, 0.104, 0.179, 0.222),
          "eigmin0": (3.75e-3, 3.14e-3, 1.61e-3, 3.4e-4)}
E1_TOLERANCE = {"train_risk": lambda got, ref: 1 / 5 <= got / ref <= 5,
                "test_risk": lambda got, ref: abs(got / ref - 1) <= 0.30,
                "eigmin0": lambda got, ref: abs(got / ref - 1) <= 0.35}


def _agrees(key: str, got: float, ref: float, experiment: str = "") -> bool:
    if experiment == "simulated" and key in E1_TOLERANCE:
        return E1_TOLERANCE[key](got, ref)
    if key.endswith("acc"):
        return abs(got - ref) <= 0.02
    if key in ("wdiff", "sqrt_ntg_change"):
        return abs(got / ref - 1) <= 0.35
    if key == "eigmin0":
        return abs(got / ref - 1) <= 0.35 if ref >= 1e-4 else 1 / 3 <= got / ref <= 3
    return abs(got / ref - 1) <= 0.15 if ref >= 0.01 else 1 / 3 <= got / ref <= 3


def _final_stats(runs: dict) -> dict[str, dict[str, float]]:
    out = {}
    for key in ("train_risk", "test_risk", "train_acc", "test_acc"):
        if key in runs:
            out[key] = final_means(runs, key)
    out["wdiff"] = {c: float(v[-1]) for c, v in _means(wdiff(runs), runs).items()}
    if "ntg_change" in runs:
        out["sqrt_ntg_change"] = {c: float(v[-1]) for c, v in _means(np.sqrt(runs["ntg_change"]), runs).items()}
        out["eigmin0"] = {c: float(v[0]) for c, v in _means(runs["ntg_eigmin"], runs).items()}
    return out


@claim(id="AS-C21", statement="final per-configuration means agree with the authors' figures (AS-F1, AS-F2, AS-F5, "
       "AS-F8; eig_min at t=0) within the spec's tolerances; CIFAR in reduced feature mode excluded",
       figure="AS-F1/F2/F5/F8", paper_value="spec §3 tables",
       inputs=[E1_RUNS] + _uci_inputs() + [_f("mnist", "runs"), _f("cifar10", "runs")],
       thresholds={"paper": "spec §4 AS-C21 tolerances"}, must_hold=("paper",))
def reference_agreement(ctx):
    tables = {"simulated": E1_REF, **{d: UCI_REF[d] for d in UCI}, "mnist": MNIST_REF, "cifar10": CIFAR_REF}
    failures = []
    for exp, ref in tables.items():
        runs = ctx.load_npz(E1_RUNS if exp == "simulated" else _f(exp, "runs"))
        if exp == "cifar10" and str(runs.get("feature_mode", "cached")) == "cached":
            continue
        stats = _final_stats(runs)
        for key, refs in ref.items():
            for c, r in zip(ORDER, refs):
                if not _agrees(key, stats[key][c], r, exp):
                    failures.append(f"{exp}.{key}.{c}: {_r(stats[key][c])} vs {r}")
    return {"disagreements": failures}, not failures
