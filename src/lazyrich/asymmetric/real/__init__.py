"""Main paper (Caron et al.) on real data: UCI regression (E2), MNIST (E3), CIFAR-10 with frozen ResNet-18
features (E4), and the pruning and transfer evaluations (spec §1.6, §1.7, §2.2-§2.4).

Modules: :mod:`datasets` (prepared data -> splits), :mod:`train` (GD runs with the shared ensemble
trainer), :mod:`features` and :mod:`sgd` (CIFAR-10), :mod:`pruning`, :mod:`transfer`, :mod:`figures`,
:mod:`claims` (AS-C10..AS-C21).
"""
