"""E1 data (spec §2.1): x uniform on the sphere S^{d-1}, y = (1/d) sum_k 5 sin(pi x_k) + N(0, noise_std^2).

CLI: python -m lazyrich.asymmetric.simulated_data --config CFG --out data.npz --meta data.json
"""

from __future__ import annotations

import argparse
import hashlib

import numpy as np

from lazyrich.config import load_section
from lazyrich.io import file_sha256, save_json, save_npz
from lazyrich.seeding import numpy_rng


def target(x: np.ndarray) -> np.ndarray:
    return (5.0 * np.sin(np.pi * x)).mean(axis=1)


def draw_split(rng: np.random.Generator, d: int, n: int, noise_std: float):
    """Draw a d x n standard normal matrix, normalise its columns, transpose; then the n noise values."""
    g = rng.standard_normal((d, n))
    x = (g / np.linalg.norm(g, axis=0, keepdims=True)).T
    y = target(x) + rng.normal(0.0, noise_std, size=n)
    return x, y


def make_dataset(data_seed: int, d: int, n_train: int, n_test: int, noise_std: float) -> dict[str, np.ndarray]:
    """Train split first, test split second, from one stream (spec §2.1, D2)."""
    rng = numpy_rng(data_seed, "simulated_data")
    x_train, y_train = draw_split(rng, d, n_train, noise_std)
    x_test, y_test = draw_split(rng, d, n_test, noise_std)
    return {"x_train": x_train, "y_train": y_train[:, None], "x_test": x_test, "y_test": y_test[:, None]}


def content_hash(arrays: dict[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for key in sorted(arrays):
        digest.update(key.encode())
        digest.update(np.ascontiguousarray(arrays[key]).tobytes())
    return digest.hexdigest()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--meta", required=True)
    args = parser.parse_args(argv)
    cfg = load_section(args.config)["simulated"]
    data = make_dataset(cfg["data_seed"], cfg["d"], cfg["n_train"], cfg["n_test"], cfg["noise_std"])
    save_npz(args.out, **data)
    meta = {
        "data_seed": cfg["data_seed"], "content_sha256": content_hash(data), "file_sha256": file_sha256(args.out),
        "var_y_train": float(data["y_train"].var()), "var_y_test": float(data["y_test"].var()),
        "shapes": {k: list(v.shape) for k, v in data.items()},
    }
    save_json(args.meta, meta)
    print(meta)


if __name__ == "__main__":
    main()
