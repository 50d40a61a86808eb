"""Registry of the raw data files: where each lives under ``data_dir``, where it comes from, its SHA-256.

Paths are relative to the configured ``data_dir``: UCI files under ``uci/`` (file names of the spec),
MNIST and CIFAR-10 in torchvision's layout (``MNIST/raw/...``, ``cifar-10-python.tar.gz``), the CIFAR-10
JPEG stand-in under ``cifar10-jpeg-standin/`` and the ResNet-18 weights in torch.hub's layout.

Every accepted file has a ``kind``: ``official`` (the published file), ``real-image stand-in`` (real
images, but not the paper's files: the MNIST test-set stand-in, the JPEG CIFAR-10) or ``synthetic
stand-in`` (smoke and tests). Results carry the kind of the data they were computed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UCI_BASE = "https://archive.ics.uci.edu/ml/machine-learning-databases"


@dataclass(frozen=True)
class RawFile:
    """One raw file: its path under data_dir, download URL(s) and the SHA-256 it must have."""

    relpath: str
    urls: tuple[str, ...]
    sha256: str
    note: str = ""
    member: str | None = None  # file inside a downloaded zip archive (CCPP.zip)
    extra: dict = field(default_factory=dict)


OFFICIAL, REAL_IMAGE_STANDIN, SYNTHETIC_STANDIN = "official", "real-image stand-in", "synthetic stand-in"
DATA_KINDS = (OFFICIAL, REAL_IMAGE_STANDIN, SYNTHETIC_STANDIN)


UCI_FILES: dict[str, RawFile] = {
    "airfoil": RawFile(
        "uci/airfoil_self_noise.dat",
        (f"{UCI_BASE}/00291/airfoil_self_noise.dat",),
        "74c75fd71783f1e6b71f8a622b993dc592897a97cd689c5090a07147a1b097b3",
        "UCI Airfoil Self-Noise (dataset id 291)",
    ),
    "concrete": RawFile(
        "uci/Concrete_Data.xls",
        (f"{UCI_BASE}/concrete/compressive/Concrete_Data.xls",),
        "0233dedd4c6f36b73ce7ffe2dd607eb5373ea74de1fe2a88c1b69fd69fabfad3",
        "UCI Concrete Compressive Strength (dataset id 165)",
    ),
    "energy": RawFile(
        "uci/ENB2012_data.xlsx",
        (f"{UCI_BASE}/00242/ENB2012_data.xlsx",),
        "ce80fba0fdf4be0e2f2e709fd01ff9c807246947fe666e18710d5105af7970b6",
        "UCI Energy Efficiency (dataset id 242)",
    ),
    "plant": RawFile(
        "uci/Folds5x2_pp.xlsx",
        (f"{UCI_BASE}/00294/CCPP.zip",),
        "8bdd33bad258ae5feb345ea1ac8b38a63ba1f0d858e3b9623df4edc1016bcd2c",
        "UCI Combined Cycle Power Plant (dataset id 294), single-sheet workbook (Sheet1)",
        member="CCPP/Folds5x2_pp.xlsx",
    ),
}

MNIST_MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/")

# Official gzip files as torchvision downloads them into MNIST/raw/.
MNIST_FILES: dict[str, RawFile] = {
    name: RawFile(f"MNIST/raw/{name}", tuple(m + name for m in MNIST_MIRRORS), sha, "MNIST (official file)")
    for name, sha in {
        "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    }.items()
}

# The same official files uncompressed, as torchvision leaves them in MNIST/raw/ after extracting (the
# decompressed bytes of the gzip files above; published MD5s 6bbc9ace..., a25bea73..., 2646ac64..., 27ae3e4e...).
MNIST_UNCOMPRESSED_FILES: dict[str, RawFile] = {
    name: RawFile(f"MNIST/raw/{name}", (), sha, "MNIST (official file, uncompressed)")
    for name, sha in {
        "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    }.items()
}

# The offline stand-in written by shared/tools/make_offline_mnist.py (default --n-train 5000): real digits,
# but its "train" split is the first 5000 images of the official *test* set and its "test" split the rest.
# Accepted only under mnist_variant auto / offline_t10k_standin, and always labelled as such.
MNIST_OFFLINE_T10K_FILES: dict[str, RawFile] = {
    name: RawFile(f"MNIST/raw/{name}", (), sha, "offline MNIST stand-in from the official test set (make_offline_mnist.py)")
    for name, sha in {
        "train-images-idx3-ubyte": "118ae22e5d4e94bb7f7335211629ca4da103e2b74481bd772edf32b2aff5970f",
        "train-labels-idx1-ubyte": "24f8aa7197fa0ee1ceb43e0809492febb35d3bdb1d1c31379ca14bd851f82ba7",
        "t10k-images-idx3-ubyte": "5ebba3e2f0454338aff820e76c13518d6af9427501f6c2ad21b42e97b4faa9a8",
        "t10k-labels-idx1-ubyte": "3010d51f202e831c2c3fcbcefb47d04a950b9fc520e5b6ee009c8b24307b91ec",
    }.items()
}

CIFAR10_ARCHIVE = RawFile(
    "cifar-10-python.tar.gz",
    ("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",),
    "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
    "CIFAR-10 python version (torchvision layout)",
)

# Real CIFAR-10 images re-encoded as JPEG (quality 75) by a third party, decoded back into the official python
# format (fixed shuffled order) by a deterministic tool; real images, lossy pixels: never the paper's CIFAR-10.
CIFAR10_JPEG_STANDIN = RawFile(
    "cifar10-jpeg-standin/cifar-10-python.tar.gz",
    (),
    "facf703acf766a6779c705c3bb7b29386d90796e08bb85844a8e2e17d49fd138",
    "CIFAR-10 JPEG stand-in: the 60,000 real images JPEG-compressed (quality 75), in the official python "
    "format, fixed shuffled order (built offline from the JPEG copy; no download)",
)

# torchvision's ResNet18_Weights.IMAGENET1K_V1; torch.hub names the file by the first 8 hex digits of its
# SHA-256, and that prefix is what torch.hub itself checks (check_hash=True).
RESNET18_WEIGHTS = RawFile(
    "torch_hub/checkpoints/resnet18-f37072fd.pth",
    ("https://download.pytorch.org/models/resnet18-f37072fd.pth",),
    "f37072fd",
    "torchvision ResNet18_Weights.IMAGENET1K_V1 (SHA-256 prefix, as torch.hub checks it)",
)
