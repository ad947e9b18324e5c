"""All Nash equilibria of many small n-player games at once (one per parameter point).

Support enumeration, batched over points: the support profiles of the game's
shape are listed once, and each profile's indifference equations are solved
for every point of a batch in a few array operations.

Which profiles are solved, and how (three players; two-player games are the
case where the third player is absent):

* **Pure profiles**: a best-response check.
* **Two players mix** over ``a`` strategies each, the others play pure: the
  equations are linear (one small linear system per player, by cofactors).
* **Three players mix**, one of them (``k``) over two strategies with
  probability ``r`` on the second, the others (``i``, ``j``) over ``a`` and
  ``b`` strategies, ``a >= b``.  For a fixed ``r`` the equations of ``i`` are
  linear in ``j``'s mix and those of ``j`` linear in ``i``'s:

  - ``a == b``: both mixes are rational functions of ``r`` (cofactors of a
    matrix linear in ``r``), and ``k``'s indifference becomes one polynomial
    in ``r`` of degree at most ``2 (a - 1)``;
  - ``a == b + 1``: ``i``'s equations overdetermine ``j``'s mix; they are
    consistent where a determinant of degree at most ``b`` in ``r``
    vanishes, and ``i``'s mix then solves a square linear system.

  The polynomial's roots in ``[0, 1]`` come from a closed form (degree 2 or
  less) or the eigenvalues of its companion matrix.

Every other profile (one player mixing alone, two players mixing over
supports of different sizes, three over sizes further apart) has no
equilibrium in a game without payoff ties, since its equations are then
overdetermined.  The batch therefore covers the games :func:`covers` accepts
and, for each point, either certifies its answer or marks the point
*unresolved* for the exact one-game solver:

* some player has two best responses to a pure profile of the others
  (payoff ties: the game may have continua);
* a polynomial vanishes identically or has a (nearly) double root, or a
  linear system is (nearly) singular at a root;
* a candidate is within a margin of the feasibility or best-response test:
  a probability within :data:`PROBABILITY_MARGIN` of 0, a strategy outside
  the support within ``PAYOFF_MARGIN_FACTOR * tol`` of a best response, or
  an indifference residual above ``tol`` but within the margin.

Away from those points, the equilibria found are the equilibria the
one-game solver finds, with the same supports.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .regret import RELATIVE_TOL

#: Most strategies a player of a covered 3-player game may have.
MAX_STRATEGIES = 4

#: A candidate's probability within this of 0 leaves the point to the one-game solver.
PROBABILITY_MARGIN = 1e-7
#: ... as does a payoff gap within this many ``tol`` of a tie.
PAYOFF_MARGIN_FACTOR = 1e3
#: Roots closer than this (relative) are a double root: unresolved.
ROOT_SEPARATION = 1e-6
#: A polynomial or determinant with no coefficient above this (payoffs scaled to [-1, 1]) vanishes identically.
VANISHING = 1e-10

COVERAGE = (
    f"3-player games where every player has at most {MAX_STRATEGIES} strategies and one has at most 2 "
    "(2x2x2, 2x3x2, 3x3x2, 4x4x2, ... in any order)"
)


def covers(shape) -> bool:
    """Whether :func:`batch_equilibria` finds every equilibrium of games of ``shape``.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.

    Examples
    --------
    >>> covers((2, 3, 2)), covers((3, 3, 2)), covers((3, 3, 3)), covers((2, 2, 2, 2))
    (True, True, False, False)
    """
    shape = tuple(int(n) for n in shape)
    return len(shape) == 3 and max(shape) <= MAX_STRATEGIES and min(shape) <= 2
