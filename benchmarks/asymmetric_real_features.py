"""Benchmark: ResNet-18 feature throughput (images/s) at 224x224 on this machine, with a randomly initialised
backbone (the cost does not depend on the weights or the image content). Sizes the CIFAR-10 default profile.
Usage: python benchmarks/asymmetric_real_features.py [--images 128 --batch 64 --threads 2]"""

import argparse
import tempfile
import time

import numpy as np
import torch
from torchvision.models import resnet18

from lazyrich.asymmetric.real.features import extract

ap = argparse.ArgumentParser()
ap.add_argument("--images", type=int, default=128)
ap.add_argument("--batch", type=int, default=64)
ap.add_argument("--threads", type=int, default=2)
args = ap.parse_args()
torch.set_num_threads(args.threads)
net = resnet18(weights=None)
net.fc = torch.nn.Identity()
net.eval()
images = np.random.default_rng(0).integers(0, 256, (args.images, 32, 32, 3), dtype=np.uint8)
with tempfile.TemporaryDirectory() as cache:
    t = time.perf_counter()
    feats = extract(images, net, cache, "bench", args.batch)
    dt = time.perf_counter() - t
print(f"{args.images} images -> {feats.shape} in {dt:.1f} s: {args.images / dt:.1f} img/s; "
      f"default profile (5000 + 2000 images) ~ {7000 / (args.images / dt) / 60:.1f} min; "
      f"all 60000 images ~ {60000 / (args.images / dt) / 60:.0f} min")
