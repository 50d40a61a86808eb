"""UCI regression data of the main paper (spec §2.2): parse, permute, split 40/40/20, standardise.

Reproduces the authors' preprocessing exactly: ``numpy.random.RandomState(10).permutation(N)`` (legacy
Mersenne Twister), ``n_tr = n_va = int(0.4 N)``, train mean and population std (ddof = 0) applied to
every split, and transfer splits taken from the "valid" block (first ``int(0.5 n_va)`` rows / the rest).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .fetch import DataFormatError

# name -> (rows N, number of feature columns d)
UCI_SHAPES = {"airfoil": (1503, 5), "concrete": (1030, 8), "energy": (768, 8), "plant": (9568, 4)}
UCI_NAMES = tuple(UCI_SHAPES)


def _drop_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop fully empty trailing rows and columns (some copies of the workbooks have them)."""
    return frame.dropna(axis=0, how="all").dropna(axis=1, how="all")


def _read(name: str, path: Path) -> tuple[np.ndarray, np.ndarray]:
    if name == "airfoil":  # whitespace separated, no header, CRLF
        frame = pd.read_csv(path, sep=r"\s+", header=None, engine="python")
        frame = _drop_empty(frame)
        if frame.shape[1] != 6:
            raise ValueError(f"expected 6 columns, found {frame.shape[1]}")
        x, y = frame.iloc[:, :5], frame.iloc[:, 5]
    elif name == "concrete":  # Excel 97 .xls, one header row
        frame = _drop_empty(pd.read_excel(path, engine="xlrd", header=0))
        if frame.shape[1] != 9:
            raise ValueError(f"expected 9 columns, found {frame.shape[1]}")
        x, y = frame.iloc[:, :8], frame.iloc[:, 8]
    elif name == "energy":  # .xlsx, header X1..X8, Y1, Y2; target Y1
        frame = _drop_empty(pd.read_excel(path, engine="openpyxl", header=0))
        missing = [c for c in [f"X{i}" for i in range(1, 9)] + ["Y1"] if c not in frame.columns]
        if missing:
            raise ValueError(f"missing columns {missing}; found {list(frame.columns)}")
        x, y = frame[[f"X{i}" for i in range(1, 9)]], frame["Y1"]
    elif name == "plant":  # .xlsx, first sheet Sheet1, header AT, V, AP, RH and the target (named EP in
        # the distributed file, PE in the UCI description): read by position, like the authors' loader
        frame = _drop_empty(pd.read_excel(path, engine="openpyxl", sheet_name="Sheet1", header=0))
        if frame.shape[1] != 5 or list(frame.columns[:4]) != ["AT", "V", "AP", "RH"]:
            raise ValueError(f"expected columns AT, V, AP, RH, PE/EP; found {list(frame.columns)}")
        x, y = frame.iloc[:, :4], frame.iloc[:, 4]
    else:
        raise ValueError(f"unknown UCI dataset '{name}'; allowed: {list(UCI_NAMES)}")
    return x.to_numpy(dtype=np.float64), y.to_numpy(dtype=np.float64)


def parse_uci(name: str, path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """Features ``x`` [N, d] and target ``y`` [N] (float64) of a UCI file, with the spec's shape checks."""
    path = Path(path)
    try:
        x, y = _read(name, path)
    except DataFormatError:
        raise
    except Exception as exc:
        raise DataFormatError(f"cannot parse UCI '{name}' file {path}: {type(exc).__name__}: {exc}") from exc
    n_rows, d = UCI_SHAPES[name]
    if x.shape != (n_rows, d):
        raise DataFormatError(f"UCI '{name}' file {path}: expected {n_rows} rows x {d} features, got {x.shape}")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise DataFormatError(f"UCI '{name}' file {path}: non-numeric or missing values in the data rows")
    return x, y


def split_sizes(n: int) -> tuple[int, int, int]:
    n_tr = int(0.4 * n)
    n_va = int(0.4 * n)
    return n_tr, n_va, n - n_tr - n_va


def make_splits(x: np.ndarray, y: np.ndarray, permutation_seed: int = 10) -> dict[str, np.ndarray]:
    """The authors' permutation, 40/40/20 split, train standardisation and transfer splits.

    Targets are returned as [n, 1] (K = 1 outputs). Keys: ``x_train, y_train, x_valid, y_valid, x_test,
    y_test, x_transfer_train, y_transfer_train, x_transfer_test, y_transfer_test``, plus ``permutation``,
    ``x_mean, x_std, y_mean, y_std``.
    """
    n = len(x)
    perm = np.random.RandomState(permutation_seed).permutation(n)
    x, y = x[perm], y[perm]
    n_tr, n_va, _ = split_sizes(n)
    x_mean, x_std = x[:n_tr].mean(axis=0), x[:n_tr].std(axis=0)
    y_mean, y_std = y[:n_tr].mean(), y[:n_tr].std()
    xs = np.nan_to_num((x - x_mean) / x_std)
    ys = np.nan_to_num((y - y_mean) / y_std)[:, None]
    blocks = {"train": slice(0, n_tr), "valid": slice(n_tr, n_tr + n_va), "test": slice(n_tr + n_va, n)}
    out = {}
    for split, sl in blocks.items():
        out[f"x_{split}"], out[f"y_{split}"] = xs[sl], ys[sl]
    n_tt = int(0.5 * n_va)
    out["x_transfer_train"], out["y_transfer_train"] = out["x_valid"][:n_tt], out["y_valid"][:n_tt]
    out["x_transfer_test"], out["y_transfer_test"] = out["x_valid"][n_tt:], out["y_valid"][n_tt:]
    out.update(permutation=perm, x_mean=x_mean, x_std=x_std, y_mean=np.float64(y_mean), y_std=np.float64(y_std))
    return out
