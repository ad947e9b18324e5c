"""Every public entry that takes ``tol`` resolves it through ``regret.resolve_tol``: all refuse the
same values with the same error, naming ``tol``."""

import math

import numpy as np
import pytest

import gametheory_re as gt
from gametheory_re.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_re.solvers.bimatrix import bimatrix_equilibria
from gametheory_re.solvers.exact_profile import exact_profile
from gametheory_re.solvers.polynomial import polynomial_equilibria
from gametheory_re.solvers.regret import default_tol, resolve_tol
from gametheory_re.solvers.subgame_perfect import is_subgame_perfect, mark_equilibria, subgame_perfect_flags
from gametheory_re.trees.reduced import induced_normal_form

from _trees import TWICE

PENNIES = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
THREE = gt.load_game("us_japan_china").at()
NORMAL = induced_normal_form(TWICE)

ENTRIES = {
    "find_equilibria": lambda tol: gt.find_equilibria(PENNIES, tol=tol),
    "solve": lambda tol: gt.solve("prisoners_dilemma", tol=tol),
    "solve numeric": lambda tol: gt.solve(PENNIES, tol=tol),
    "solve tree": lambda tol: gt.solve("us_japan_china_sequential", tol=tol),
    "solve_tree": lambda tol: gt.solve_tree(TWICE, tol=tol),
    "compare": lambda tol: gt.compare("us_japan_china", tol=tol),
    "compare_orders": lambda tol: gt.compare_orders(gt.load_game("us_japan_china"), tol=tol),
    "subgame_perfect_equilibria": lambda tol: subgame_perfect_equilibria(TWICE, tol=tol),
    "is_subgame_perfect": lambda tol: is_subgame_perfect(TWICE, np.full(TWICE.n_nodes, -1), tol=tol),
    "subgame_perfect_flags": lambda tol: subgame_perfect_flags(NORMAL, [], tol=tol),
    "mark_equilibria": lambda tol: mark_equilibria(NORMAL, [], tol=tol),
    "polynomial_equilibria": lambda tol: polynomial_equilibria(THREE.payoffs, tol=tol),
    "bimatrix_equilibria": lambda tol: bimatrix_equilibria(*PENNIES.payoffs, tol=tol),
    "exact_profile": lambda tol: exact_profile(np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=object),
                                               [(0, 1), (0, 1)], tol=tol),
    "NormalFormGame.is_nash": lambda tol: PENNIES.is_nash([[0.5, 0.5], [0.5, 0.5]], tol=tol),
    "resolve_tol": lambda tol: resolve_tol(PENNIES.payoffs, tol),
}


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, "x", True, [1e-9]])
@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_every_entry_refuses_a_bad_tol(entry, bad):
    with pytest.raises(gt.OptionError, match="^tol: ") as raised:
        ENTRIES[entry](bad)
    assert raised.value.source == "tol" and isinstance(raised.value, ValueError)


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_every_entry_takes_a_good_tol(entry):
    ENTRIES[entry](1e-6)
    ENTRIES[entry]("0")


def test_resolve_tol_is_the_default_or_the_value():
    payoffs = np.array([[[3.0, -8.0]], [[1.0, 2.0]]])
    assert resolve_tol(payoffs, None) == default_tol(payoffs) == 8e-9
    assert resolve_tol(payoffs, 0) == 0.0 and resolve_tol(payoffs, np.float32(0.5)) == 0.5
    assert resolve_tol(payoffs, "0.25") == 0.25
