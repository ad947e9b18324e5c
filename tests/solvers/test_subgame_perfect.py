"""Tests of marking the equilibria of a tree's reduced normal form subgame perfect."""

import numpy as np

from gametheory_re.formats import load_game
from gametheory_re.result import Equilibrium
from gametheory_re.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_re.solvers.pure import pure_equilibria
from gametheory_re.solvers.subgame_perfect import is_subgame_perfect, mark_equilibria, subgame_perfect_flags
from gametheory_re.trees.orders import sequential_game
from gametheory_re.trees.reduced import induced_normal_form

from _trees import TWICE

GAME_B = load_game("us_japan_china")


def test_nash_equilibria_resting_on_empty_threats_are_not_subgame_perfect():
    normal = induced_normal_form(TWICE)
    equilibria = pure_equilibria(normal.game.payoffs, 1e-9)
    flags = dict(zip(equilibria, subgame_perfect_flags(normal, equilibria)))
    # B's y is a threat that keeps A out, but after "in" B prefers x (A then plays u): not credible.
    assert flags == {(0, 1): False, (1, 0): True}
    spe = subgame_perfect_equilibria(TWICE).equilibria
    assert [normal.profile_of(e.choices) for e in spe] == [(1, 0)]


def test_mark_equilibria_decides_pure_ones_only():
    normal = induced_normal_form(TWICE)
    pure = lambda i, j: Equilibrium((np.eye(3)[i], np.eye(2)[j]), np.zeros(2), np.zeros(2))
    mixed = Equilibrium((np.eye(3)[0], np.array([0.5, 0.5])), np.zeros(2), np.zeros(2))
    assert mark_equilibria(normal, [pure(0, 1), mixed, pure(1, 0)]) == [False, None, True]
    grouped = induced_normal_form(sequential_game(GAME_B, ["US", ["Japan", "China"]]).at())
    one = Equilibrium(tuple(np.eye(n)[0] for n in grouped.game.shape), np.zeros(3), np.zeros(3))
    assert mark_equilibria(grouped, [one]) == [None]


def test_is_subgame_perfect_with_free_and_fixed_moves():
    free = np.full(TWICE.n_nodes, -1)
    assert is_subgame_perfect(TWICE, free)
    fixed = free.copy()
    fixed[3] = 1  # A's second move d is never optimal
    assert not is_subgame_perfect(TWICE, fixed)
