"""Orthogonal-input experiments (Boursier, Pillaud-Vivien, Flammarion, NeurIPS 2022).

Spec: shared/specs/orthogonal-inputs.md. Modules:

- ``schedule``      snapshot iterations (geometric schedule of the authors' code)
- ``data``          the data sets E1/E2/E3 (1-D, bias-augmented) and X1 (n-point orthogonal)
- ``highdim``       E4: the authors' seeded teacher/student construction (torch RNG)
- ``model``         balanced initialisation, forward pass, loss (batched over runs)
- ``trainer``       full-batch GD of a batch of runs with a hand-written gradient
- ``closed_forms``  g_±, β_±, h*, V*, escape times, loss levels, dual certificate, neuron classes
- ``diagnostics``   drop times, plateaus, norms, kinks, PCA, ... computed from run outputs
- ``experiments``   one function per experiment (E1, E1-LR, E1-S, E2, E3, E4, X1, X1-C)
- ``train``         CLI: run one experiment, write its ``.npz``
- ``theory``        CLI: write the closed forms of every orthogonal data set as JSON
- ``figures``       CLI: draw the OI-F* figures
- ``claims``        OI-C1 ... OI-C21 for the claims registry
"""
