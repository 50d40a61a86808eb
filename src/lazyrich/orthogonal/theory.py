"""CLI: closed forms of the orthogonal data sets (E1 and X1) as JSON, plus L_0 of the E2/E3 data.

    python -m lazyrich.orthogonal.theory --config results/<P>/configs/orthogonal.json \
        --out results/<P>/orthogonal/closed_forms.json
"""
from __future__ import annotations

import argparse

import numpy as np

from lazyrich.config import load_section
from lazyrich.io import save_json
from lazyrich.orthogonal import closed_forms as cf
from lazyrich.orthogonal import data


def closed_forms(cfg: dict) -> dict:
    _, xt1, y1 = data.one_d("e1")
    e1_lams = sorted({cfg["e1"]["lam"], *cfg["e1s"]["lams"]}, reverse=True)
    xt8, y8 = data.x1_data()
    x1_lams = sorted({*cfg["x1"]["lams"], cfg["x1c"]["lam"]}, reverse=True)
    _, _, y2 = data.one_d("e2")
    b_pos, b_neg = cf.limit_vectors(xt1, y1)
    out = {
        "e1": {**cf.summary(xt1, y1, e1_lams),
               "kink_pos": float(-b_pos[1] / b_pos[0]), "kink_neg": float(-b_neg[1] / b_neg[0]),
               "t_align": 0.3 * float(np.log(1.0 / cfg["e1"]["lam"]))},
        "x1": cf.summary(xt8, y8, x1_lams),
        "e2": {"L0": cf.initial_loss(y2)},
    }
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    save_json(args.out, closed_forms(load_section(args.config)))


if __name__ == "__main__":
    main()
