"""Shared data preparation: download, SHA-256 check, parsing and splitting of UCI, MNIST and CIFAR-10.

Modules (one job each):

- :mod:`sources`  -- the registry of raw files (name, where it lives under ``data_dir``, URL, SHA-256);
- :mod:`fetch`    -- locate / download a raw file and verify its checksum, with clear offline errors;
- :mod:`uci`      -- parse the four UCI files and build the main paper's splits (spec §2.2);
- :mod:`mnist`    -- load MNIST through torchvision from verified files;
- :mod:`cifar10`  -- load CIFAR-10 through torchvision from the verified archive;
- :mod:`resnet`   -- the frozen ResNet-18 backbone weights (verified file, or a stand-in);
- :mod:`standins` -- stand-in files in the real formats for the smoke profile and the tests;
- :mod:`prepare`  -- the command line the data rules call.
"""
