import numpy as np
import pytest

torch = pytest.importorskip("torch")

from lazyrich.orthogonal.highdim import authors_construction  # noqa: E402


def test_authors_construction_is_deterministic_and_balanced():
    a = authors_construction(4, 75, 150, 6, 200, 1e-20)
    b = authors_construction(4, 75, 150, 6, 200, 1e-20)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    np.testing.assert_allclose(np.abs(a["a0"]), np.linalg.norm(a["W0"], axis=1))
    # reference draw of the spec (current PyTorch CPU RNG): L_0 = mean(y²) = 0.078072, 48% positive labels
    assert np.mean(a["y"] ** 2) == pytest.approx(0.078072, abs=2e-6)
    assert np.mean(a["y"] > 0) == pytest.approx(0.48, abs=0.01)
    np.testing.assert_allclose(a["teacher_out"], [-0.120, 0.101, 0.431, 0.678, -0.603, -0.538], atol=1e-3)


def test_global_torch_rng_is_left_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    authors_construction(4, 5, 6, 2, 3, 1.0)
    assert torch.equal(torch.rand(3), expected)
