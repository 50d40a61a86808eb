"""The scaling path of 2-layer ReLU networks (Neumayer, Chizat, Unser, JMLR 2024; spec: scaling-path.md).

Modules, one job each:

- :mod:`.data` — the 10 labelled points of the paper's Figure 1 (shipped as ``points.csv``), bias-padded.
- :mod:`.grids` — Fibonacci lattice, the supports P and Q, the 201x201 function grid.
- :mod:`.features` — feature matrix A_kj = phi(theta_j, x_k) and function evaluation of measures/networks.
- :mod:`.divergence` — the debiased unbalanced Sinkhorn divergence with the HK cost (GeomLoss).
- :mod:`.projection` — exact projection onto {mu >= 0, A mu = y} through its 10-dimensional dual.
- :mod:`.fb_solver` — forward-backward solver (Barzilai-Borwein steps, non-monotone Armijo backtracking).
- :mod:`.endpoints` — alpha = 0 (linear program, scipy HiGHS) and alpha = infinity (NTK interpolation).
- :mod:`.exact_hk` — the exact-HK dual lower bound of diagnostic S5 / claim SP-C14.
- :mod:`.gd` — batched float64 gradient descent of all initial scales beta at once.
- :mod:`.metrics` — clipping, RMSE and the smoothness proxy on the function grid.
- scripts called by ``workflow/rules/scaling_path.smk``: :mod:`.run_endpoints`, :mod:`.run_vp`,
  :mod:`.run_gd`, :mod:`.run_cross`, :mod:`.make_figures`, :mod:`.make_table`.
"""
