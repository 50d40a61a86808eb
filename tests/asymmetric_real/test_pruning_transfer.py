"""Pruning order and records, transfer feature selection, batched == per-run (transfer MLPs, SGD)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lazyrich.asymmetric.real.pruning import prune_order, prune_reference, prune_runs, pruning_levels
from lazyrich.asymmetric.real.sgd import logged_steps, train_sgd
from lazyrich.asymmetric.real.transfer import init_mlp, node_features, top_k_nodes, train_mlps, transfer_runs
from lazyrich.asymmetric.runs import build_run_grid
from lazyrich.asymmetric.scalings import node_scalings

CONFIGS = [{"id": "g1", "gamma": 1.0}, {"id": "a04g0", "alpha": 0.4, "gamma": 0.0}]


def test_prune_order_ascending_lambda_with_seeded_ties():
    lam = np.array([0.3, 0.1, 0.2, 0.1, 0.3, 0.0])
    order = prune_order(lam, seed=3)
    assert list(lam[order]) == sorted(lam)                      # ascending lambda
    assert order[0] == 5 and set(order[1:3]) == {1, 3} and set(order[4:]) == {0, 4}
    assert np.array_equal(order, prune_order(lam, seed=3))      # deterministic per seed
    uniform = np.full(200, 1 / 200)
    a, b = prune_order(uniform, 0), prune_order(uniform, 1)
    assert sorted(a) == list(range(200)) and not np.array_equal(a, b)  # gamma = 1: a seeded random order
    zipf = node_scalings(100, 0.4, 0.0)
    assert np.array_equal(prune_order(zipf, 0), np.arange(100)[::-1])  # smallest (largest rank) first


def test_pruning_levels():
    assert list(pruning_levels(2000)[:3]) == [100, 200, 300] and pruning_levels(2000)[-1] == 2000
    with pytest.raises(ValueError, match="multiple of 20"):
        pruning_levels(110)


@pytest.mark.parametrize("K", [1, 3])
def test_one_pass_pruning_equals_node_by_node(K):
    rng = np.random.default_rng(0)
    X, m = rng.normal(size=(30, 6)), 60
    Y = rng.normal(size=(30, K)) if K == 1 else np.eye(K)[rng.integers(0, K, 30)]
    grid = build_run_grid(CONFIGS + [{"id": "a05g02", "alpha": 0.5, "gamma": 0.2}], [0, 1], m, 6, K, "float64")
    W = grid.W0.numpy() + 0.3 * rng.normal(size=grid.W0.shape)
    res = prune_runs({"test": (X, Y)}, W, grid.a.numpy(), grid.lam.numpy(), grid.seeds)
    for r in range(grid.size):
        ref = prune_reference(X, Y, W[r], grid.a.numpy()[r], grid.lam.numpy()[r], res["orders"][r], res["levels"])
        np.testing.assert_allclose(res["test_risk"][r], ref["risk"], rtol=1e-10, atol=1e-12)
        if K > 1:
            np.testing.assert_array_equal(res["test_acc"][r], ref["acc"])
    np.testing.assert_allclose(res["test_risk"][:, -1], np.mean(Y ** 2))  # all pruned: output 0


def test_transfer_selects_top_lambda_nodes_pruned_last():
    lam = node_scalings(100, 0.5, 0.2)
    order = prune_order(lam, 0)
    top = top_k_nodes(order, 10)
    assert np.array_equal(top, np.arange(10))  # rank 1..10 = largest lambda, largest first
    uniform = np.full(40, 1 / 40)
    o = prune_order(uniform, 2)
    assert np.array_equal(top_k_nodes(o, 5), o[::-1][:5])  # ties: the nodes pruned last
    X, W = np.random.default_rng(1).normal(size=(7, 3)), np.random.default_rng(2).normal(size=(40, 3))
    phi = node_features(X, W, uniform, top_k_nodes(o, 5))
    np.testing.assert_allclose(phi, np.sqrt(1 / 40) * np.maximum(X @ W[o[::-1][:5]].T / np.sqrt(3), 0))


def test_batched_padded_transfer_equals_separate_torch_mlps():
    rng = np.random.default_rng(0)
    n, m, d, hidden, iters, lr = 25, 40, 4, 8, 30, 0.1
    splits = {"x_transfer_train": rng.normal(size=(n, d)), "y_transfer_train": rng.normal(size=(n, 1)),
              "x_transfer_test": rng.normal(size=(n, d)), "y_transfer_test": rng.normal(size=(n, 1))}
    grid = build_run_grid(CONFIGS, [0, 1], m, d, 1, "float64")
    W, lam = grid.W0.numpy(), grid.lam.numpy()
    orders = np.stack([prune_order(lam[r], s) for r, s in enumerate(grid.seeds)])
    ks = [3, 7]
    res = transfer_runs(splits, W, lam, orders, grid.seeds, ks, hidden, lr, iters, dtype=torch.float64)
    for r in range(grid.size):
        for j, k in enumerate(ks):
            nodes = top_k_nodes(orders[r], k)
            Xtr = torch.as_tensor(node_features(splits["x_transfer_train"], W[r], lam[r], nodes))
            Xte = torch.as_tensor(node_features(splits["x_transfer_test"], W[r], lam[r], nodes))
            net = torch.nn.Sequential(torch.nn.Linear(k, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden),
                                      torch.nn.ReLU(), torch.nn.Linear(hidden, 1)).double()
            params = init_mlp(k, hidden, 1, grid.seeds[r], torch.float64)
            with torch.no_grad():
                for layer, (w, b) in zip([net[0], net[2], net[4]], zip(params[::2], params[1::2])):
                    layer.weight.copy_(w)
                    layer.bias.copy_(b)
            opt = torch.optim.SGD(net.parameters(), lr=lr)
            Ytr = torch.as_tensor(splits["y_transfer_train"])
            for _ in range(iters):
                opt.zero_grad()
                torch.nn.functional.mse_loss(net(Xtr), Ytr).backward()
                opt.step()
            with torch.no_grad():
                te = torch.nn.functional.mse_loss(net(Xte), torch.as_tensor(splits["y_transfer_test"])).item()
            np.testing.assert_allclose(res["test_risk"][r, j], te, rtol=1e-9)


def test_init_mlp_matches_nn_linear_bounds():
    p = init_mlp(10, 64, 1, 0, torch.float64)
    assert p[0].shape == (64, 10) and float(p[0].abs().max()) <= 1 / np.sqrt(10)
    assert float(p[2].abs().max()) <= 1 / np.sqrt(64) and p[4].shape == (1, 64)
    assert not torch.equal(init_mlp(10, 64, 1, 1, torch.float64)[0], p[0])


def test_cifar_log_schedule_matches_spec():
    steps = logged_steps(78200)
    assert steps[:6] == [0, 200, 400, 600, 800, 1200]
    assert 4000 in steps and 4800 in steps and 11200 in steps and 22400 in steps and 76800 in steps
    assert len([s for s in steps if s != 78199]) == 44  # the authors' 44 logs (+ the final step)


def test_batched_sgd_equals_separate_runs():
    rng = np.random.default_rng(0)
    n, d, m = 40, 5, 20
    X = torch.as_tensor(rng.normal(size=(n, d)))
    labels = rng.integers(0, 10, n)
    Xte, lte = torch.as_tensor(rng.normal(size=(15, d))), rng.integers(0, 10, 15)
    grid = build_run_grid(CONFIGS, [0, 1], m, d, 10, "float64")
    kw = dict(lr=0.5, batch_size=16, epochs=2, data_seed=0, thinning_start=2, thinning_double_at=(3,))
    batch = lambda idx: X[torch.as_tensor(idx)]  # noqa: E731
    full = train_sgd(batch, labels, Xte, lte, grid.W0, grid.a, grid.lam, **kw)
    for r in range(grid.size):
        one = train_sgd(batch, labels, Xte, lte, grid.W0[r:r + 1], grid.a[r:r + 1], grid.lam[r:r + 1], **kw)
        for key in ("test_risk", "test_acc", "train_risk", "disp2"):
            np.testing.assert_allclose(full[key][r], one[key][0], rtol=1e-9, atol=1e-12)
