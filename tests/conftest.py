import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT
