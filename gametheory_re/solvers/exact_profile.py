"""The exact equilibrium with given supports, for attaching exact values to a float equilibrium."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..algebra.groebner import AlgebraFailure, PositiveDimensional
from ..options import check_tolerance
from .exact_payoffs import ExactPayoffs
from .regret import default_tol, strategy_values
from .solutions import AlgebraicSolution
from .support_system import SupportSystem, solve_system


def exact_profile(
    exact_payoffs: np.ndarray,
    supports: Sequence[Sequence[int]],
    near: Sequence[np.ndarray] | None = None,
    tol: float | None = None,
):
    """The exact equilibrium with the given supports, when the supports determine it.

    Solves the indifference equations of the supports exactly (Gaussian
    elimination for two players, polynomial algebra for more) and keeps the
    solutions with every probability at least 0.

    Parameters
    ----------
    exact_payoffs : numpy.ndarray
        Object array of rational sympy numbers, shape ``(n_players, n_1, ..., n_n)``.
    supports : sequence of sequence of int
        Strategies each player uses.
    near : sequence of numpy.ndarray, optional
        A float equilibrium with these supports.  It picks one solution when
        there are several, and its best responses (within ``tol``) join the
        equations: in a degenerate game that pins down an extreme equilibrium
        whose supports alone leave a continuum.
    tol : float, optional
        Best-response tolerance for ``near``; default ``1e3 * default_tol``.

    Returns
    -------
    tuple of tuple of sympy.Expr, or None
        Exact probabilities per player per strategy.  None when the payoffs
        are not all rational, the equations have no solution in the simplex,
        a continuum of them, or several and ``near`` does not pick one
        (none within ``1e-6``).
    """
    payoffs = _floats(exact_payoffs)
    tol = 1e3 * default_tol(payoffs) if tol is None else check_tolerance("tol", tol)
    game = ExactPayoffs(payoffs, exact_payoffs)
    if not game.faithful:
        return None
    supports = tuple(tuple(sorted(int(s) for s in support)) for support in supports)
    indifferent = supports
    if near is not None:
        indifferent = []
        for p in range(len(supports)):
            values = strategy_values(payoffs, near, p)
            best = np.flatnonzero(values >= values.max() - tol).tolist()
            indifferent.append(tuple(sorted(set(supports[p]) | set(best))))
    system = SupportSystem(game, supports, indifferent)
    try:
        found = solve_system(system)
    except AlgebraFailure:
        return None
    if isinstance(found, PositiveDimensional):
        return None
    candidates = [s for s in (AlgebraicSolution(system, point) for point in found) if s.in_simplex()]
    if near is not None:
        candidates = [
            s for s in candidates
            if max(np.max(np.abs(f - np.asarray(x))) for f, x in zip(s.float_profile(), near)) <= 1e-6
        ]
    return candidates[0].exact_values() if len(candidates) == 1 else None


def _floats(exact_payoffs: np.ndarray) -> np.ndarray:
    return np.vectorize(float, otypes=[float])(np.asarray(exact_payoffs, dtype=object))
