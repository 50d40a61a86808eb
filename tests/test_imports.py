"""Job start-up: the scripts the rules run import only what they use (issue 17).

Importing torch costs 1-2 s per job and torchvision several more, so every CLI module (a module the
rules call as ``python -m lazyrich...``) that does not train or evaluate a torch model must import
without torch, and only the modules that read images through torchvision may load it. The claims
registry imports every ``claims`` module, so those must be torch-free too. Each check runs in a fresh
interpreter (this test process has torch loaded already).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# CLI modules that train or evaluate with torch: they may import it at module level
NEEDS_TORCH = {
    "lazyrich.asymmetric.checks",
    "lazyrich.asymmetric.train",
    "lazyrich.asymmetric.real.cifar",
    "lazyrich.asymmetric.real.evaluate",
    "lazyrich.asymmetric.real.train",
    "lazyrich.integrable.checks",
    "lazyrich.integrable.run_depth",
    "lazyrich.integrable.run_ranks",
    "lazyrich.integrable.run_scales",
    "lazyrich.integrable.train",
    "lazyrich.scaling_path.run_cross",
    "lazyrich.scaling_path.run_gd",
    "lazyrich.scaling_path.run_vp",
}
# CLI modules that read images through torchvision (ResNet-18 features of CIFAR-10)
READS_IMAGES = {"lazyrich.asymmetric.real.cifar"}


def cli_modules() -> list[str]:
    """Every module under src/lazyrich with a ``__main__`` block."""
    mods = []
    for path in sorted((SRC / "lazyrich").rglob("*.py")):
        if 'if __name__ == "__main__":' in path.read_text():
            mods.append(".".join(path.relative_to(SRC).with_suffix("").parts))
    return mods


def _run(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(SRC), "LAZYRICH_NO_PROGRESS": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _first_importer(modules: list[str], heavy: str, after: str = "") -> dict:
    """Import ``modules`` in order in one fresh interpreter; name the first one after which ``heavy`` is loaded."""
    code = (
        "import importlib, json, sys\n"
        f"{after}\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"    if {heavy!r} in sys.modules:\n"
        "        print(json.dumps({'culprit': name})); break\n"
        "else:\n"
        "    print(json.dumps({'culprit': None}))\n"
    )
    return _run(code)


def test_the_torch_lists_name_existing_cli_modules():
    mods = set(cli_modules())
    assert NEEDS_TORCH <= mods and READS_IMAGES <= mods
    assert len(mods - NEEDS_TORCH) >= 15  # figures, tables, claims, data and numpy-only scripts


def test_figure_claims_and_data_scripts_import_without_torch():
    torch_free = [m for m in cli_modules() if m not in NEEDS_TORCH]
    result = _first_importer(torch_free, "torch")
    assert result["culprit"] is None, f"importing {result['culprit']} loads torch (move the import into the function that needs it)"


def test_claims_registry_imports_every_claims_module_without_torch():
    code = ("import json, sys\nfrom lazyrich.claims.registry import all_claims\nn = len(all_claims())\n"
            "print(json.dumps({'n': n, 'torch': 'torch' in sys.modules}))")
    result = _run(code)
    assert result["n"] > 0
    assert not result["torch"], "a claims module imports torch at module level"


def test_only_image_readers_import_torchvision():
    others = [m for m in cli_modules() if m not in READS_IMAGES]
    result = _first_importer(others, "torchvision")
    assert result["culprit"] is None, f"importing {result['culprit']} loads torchvision"
