import numpy as np
import pytest

from gametheory_re.solvers.bimatrix import bimatrix_equilibria
from gametheory_re.solvers.bimatrix_batch import batch_bimatrix_supports, support_pairs
from gametheory_re.solvers.regret import default_tol


def supports_of(result):
    return {(tuple(np.flatnonzero(x)), tuple(np.flatnonzero(y))) for x, y in result.equilibria}


@pytest.mark.parametrize("m, n, integer", [(2, 2, False), (3, 3, False), (2, 4, False), (4, 3, False), (3, 3, True), (2, 3, True)])
def test_batch_equals_the_one_game_solver_wherever_it_resolves(m, n, integer):
    rng = np.random.default_rng(m * 10 + n + integer)
    games = rng.integers(-4, 5, (300, 2, m, n)).astype(float) if integer else rng.normal(size=(300, 2, m, n))
    tol = np.array([default_tol(g) for g in games])
    found = batch_bimatrix_supports(games, tol)
    resolved = 0
    for b, game in enumerate(games):
        reference = bimatrix_equilibria(game[0], game[1])
        if found.unresolved[b]:
            continue
        resolved += 1
        assert not reference.degenerate
        assert {support for support, _ in found.at(b)} == supports_of(reference)
        # The same mixes, too (labels print them).
        mixes = sorted(np.round(p, 9).tolist() for _, p in found.at(b))
        assert mixes == sorted(np.round(np.concatenate([x, y]), 9).tolist() for x, y in reference.equilibria)
    assert resolved > (0 if integer else 290)


def test_degenerate_points_are_left_to_the_one_game_solver():
    zero = np.zeros((1, 2, 2, 2))
    assert batch_bimatrix_supports(zero, np.array([1e-9])).unresolved.all()


def test_singular_but_inconsistent_systems_do_not_block_the_batch():
    # Rows differ by a constant: the row player is never indifferent (a singular,
    # inconsistent system), yet the game is not degenerate.
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = np.array([[1.0, 0.0], [0.0, 1.0]])
    found = batch_bimatrix_supports(np.stack([a, b])[None], np.array([1e-9]))
    assert not found.unresolved[0]
    assert [support for support, _ in found.at(0)] == [((1,), (1,))]
    assert found.at(0)[0][1].tolist() == [0.0, 1.0, 0.0, 1.0]


def test_support_pairs_count():
    assert len(support_pairs(3, 3)) == 9 + 9 + 1
