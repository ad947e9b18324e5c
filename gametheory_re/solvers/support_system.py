"""The indifference equations of a support profile, over the rationals.

A support profile ``S = (S_1, ..., S_n)`` says which strategies each player
uses.  Every strategy in ``S_i`` must earn player ``i`` the same payoff against
the others' mixes.  The unknowns are the probabilities ``sigma_i(s)`` of
``s`` in ``S_i`` other than the first, whose probability is one minus the
rest; the equations are ``u_i(s, sigma_-i) - u_i(S_i[0], sigma_-i) = 0``.  The
system is square and multilinear: player ``i``'s payoff is linear in each
other player's mix and does not involve its own.  :func:`solve_system` solves
it with :mod:`gametheory_re.algebra.groebner`; the integer closed forms of
:mod:`.closed_forms` cover most supports of small games faster.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import sympy
from sympy.polys.domains import QQ

from ..algebra.groebner import polynomial_ring, solve
from ..algebra.real_algebraic import Point
from .exact_payoffs import ExactPayoffs
from .solutions import AlgebraicSolution


def deviations(shape, supports) -> list[tuple[int, int]]:
    """``(player, strategy)`` of every pure strategy outside its player's support, by player and strategy.

    The one order in which the deviation constraints of a support profile
    are listed (:mod:`.continua` relies on it).

    Examples
    --------
    >>> deviations((2, 3), ((0,), (0, 2)))
    [(0, 1), (1, 1)]
    """
    return [(p, t) for p, n in enumerate(shape) for t in range(n) if t not in supports[p]]


def gain_table(game: ExactPayoffs, supports, player: int, strategy: int, x: int, y: int | None = None):
    """``u(strategy) - u(first)`` for ``player`` against each support strategy of ``x`` (and ``y``), others first.

    Integers (the game's scaled payoffs): a list over ``x``'s support
    strategies, or with ``y`` a table ``[x's][y's]``.

    Examples
    --------
    >>> import numpy as np
    >>> u = np.zeros((2, 2, 2))
    >>> u[0] = [[3, 0], [1, 2]]
    >>> gain_table(ExactPayoffs(u), ((0, 1), (0, 1)), 0, 1, 1)  # row 1 over row 0, per column
    [-2, 2]
    """
    u = game.integer[player]
    index = [s[0] for s in supports]
    first = supports[player][0]
    out = []
    for i in supports[x]:
        index[x] = i
        row = []
        for j in (supports[y] if y is not None else (None,)):
            if y is not None:
                index[y] = j
            index[player] = strategy
            value = u.item(*index)
            index[player] = first
            row.append(value - u.item(*index))
        out.append(row if y is not None else row[0])
    return out


class SupportSystem:
    """The indifference equations of a support profile, over the rationals.

    Parameters
    ----------
    game : ExactPayoffs
    supports : sequence of sequence of int
        Strategies each player uses (sorted); the first one's probability is
        one minus the others'.
    indifferent : sequence of sequence of int, optional
        Strategies each player must be indifferent among; defaults to the
        supports.  A superset of the support adds the equations that make an
        unused strategy a best response too (used to pin down vertices of
        equilibrium sets).

    Attributes
    ----------
    ring : sympy.polys.rings.PolyRing
        Polynomial ring over ``QQ`` in the unknowns, named ``s<player>_<strategy>``.
    sigma : tuple of tuple of PolyElement
        Probability of each support strategy, per player.
    """

    def __init__(self, game: ExactPayoffs, supports, indifferent=None):
        self.game = game
        self.supports = tuple(tuple(int(s) for s in support) for support in supports)
        self.shape = game.shape
        self.ring = polynomial_ring(tuple(f"s{p}_{s}" for p, support in enumerate(self.supports) for s in support[1:]))
        gens = iter(self.ring.gens)
        sigma = []
        self._positions = []  # per player: generator index of each non-first strategy
        index = 0
        for support in self.supports:
            rest = [next(gens) for _ in support[1:]]
            sigma.append(tuple([self.ring.one - sum(rest, self.ring.zero)] + rest))
            self._positions.append(tuple(range(index, index + len(rest))))
            index += len(rest)
        self.sigma = tuple(sigma)
        self._gains = {}
        self._indifferent = self.supports if indifferent is None else indifferent

    @functools.cached_property
    def equations(self) -> list:
        """Nonzero left-hand sides of the equations ``= 0`` (built on first use)."""
        equations = []
        for p, strategies in enumerate(self._indifferent):
            for s in strategies:
                if s != self.supports[p][0]:
                    f = self.gain(p, s)
                    if f:
                        equations.append(f)
        return equations

    def gain(self, player: int, strategy: int):
        """A positive multiple of ``u(strategy) - u(first support strategy)`` for ``player``.

        Payoffs against the others' mixes; a multilinear polynomial in the
        other players' unknowns with integer coefficients.
        """
        key = (player, strategy)
        if key not in self._gains:
            self._gains[key] = self._build_gain(player, strategy)
        return self._gains[key]

    def _build_gain(self, player: int, strategy: int):
        others = [q for q in range(len(self.supports)) if q != player]
        # Each other player's probability in the monomial basis (1, x_1, ...):
        # the first support strategy's is 1 - x_1 - ..., the others' are x_l.
        expansions = []
        for q in others:
            positions = self._positions[q]
            expansions.append([((None, 1),) + tuple((g, -1) for g in positions)] + [((g, 1),) for g in positions])
        terms = {}
        zero = [0] * self.ring.ngens
        for choice, d in self.game.gains(self.supports, player, strategy):
            for combination in itertools.product(*[e[r] for e, r in zip(expansions, choice)]):
                monom = list(zero)
                coeff = d
                for generator, sign in combination:
                    if generator is not None:
                        monom[generator] = 1
                    coeff *= sign
                monom = tuple(monom)
                terms[monom] = terms.get(monom, 0) + coeff
        terms = {m: c for m, c in terms.items() if c}
        return self.ring.from_dict(terms) if terms else self.ring.zero

    def variable_name(self, generator: int) -> str:
        """Readable name ``sigma[player][strategy]`` of an unknown."""
        for p, positions in enumerate(self._positions):
            if generator in positions:
                return f"sigma[{p}][{self.supports[p][1 + positions.index(generator)]}]"
        raise IndexError(generator)

    def expression(self, poly) -> sympy.Expr:
        """A polynomial in the unknowns as a sympy expression in ``sigma[p][s]`` symbols."""
        symbols = [sympy.Symbol(self.variable_name(k)) for k in range(self.ring.ngens)]
        return sympy.Add(*[
            sympy.Rational(int(c.numerator), int(c.denominator)) * sympy.Mul(*[x**e for x, e in zip(symbols, m)])
            for m, c in poly.terms()
        ])


def solve_system(system: SupportSystem):
    """All real solutions of a support system, exactly.

    Parameters
    ----------
    system : SupportSystem

    Returns
    -------
    list of Point or PositiveDimensional
        The real solutions (anywhere, not only in the simplex) when there are
        finitely many complex ones; otherwise a description of the solution set.

    Raises
    ------
    AlgebraFailure
        When no tried linear form separates the solutions (a non-radical
        ideal with several solutions sharing coordinates).
    """
    return solve(system.ring, system.equations)


def interior_empty(system: SupportSystem) -> bool:
    """No profile using every support strategy with positive probability can be an equilibrium.

    True when some support strategy ``s`` of some player is weakly dominated,
    with at least one strict inequality, by another strategy ``t`` against
    the others' supports: wherever every support probability is positive,
    ``t`` then earns strictly more than ``s``, so ``s`` cannot be a best
    response.  Decided exactly (integer payoffs).
    """
    return supports_interior_empty(system.game, system.supports)


def supports_interior_empty(game: ExactPayoffs, supports) -> bool:
    """:func:`interior_empty` for a game and a support profile (no :class:`SupportSystem` needed)."""
    if math.prod(len(s) for s in supports) * max(game.shape) <= 64:
        return _small_interior_empty(game, supports)
    for p, support in enumerate(supports):
        axes = [list(s) for s in supports]
        axes[p] = list(range(game.shape[p]))
        table = np.moveaxis(game.integer[p][np.ix_(*axes)], p, 0).reshape(game.shape[p], -1)
        for s in support:
            gaps = table - table[s]
            if np.any(np.all(gaps >= 0, axis=1) & np.any(gaps > 0, axis=1)):
                return True
    return False


def _small_interior_empty(game: ExactPayoffs, supports) -> bool:
    """:func:`supports_interior_empty` in Python integers (faster on small tables)."""
    for p, support in enumerate(supports):
        u = game.integer[p]
        columns = list(itertools.product(*[s if q != p else (0,) for q, s in enumerate(supports)]))
        rows = []
        for t in range(game.shape[p]):
            row = []
            for column in columns:
                index = list(column)
                index[p] = t
                row.append(u.item(*index))
            rows.append(row)
        for s in support:
            for t, row in enumerate(rows):
                if t != s and all(a >= b for a, b in zip(row, rows[s])) and any(a > b for a, b in zip(row, rows[s])):
                    return True
    return False


def satisfies(system: SupportSystem, profile) -> bool:
    """Whether an exact rational profile solves the system's equations with no better deviation.

    Parameters
    ----------
    system : SupportSystem
    profile : tuple of tuple of sympy.Rational
        Probabilities per player per strategy; zero off the system's supports.

    Returns
    -------
    bool
    """
    for p, support in enumerate(system.supports):
        if any(profile[p][t] != 0 for t in range(system.shape[p]) if t not in support):
            return False
    values = [
        QQ(int(r.p), int(r.q))
        for p, support in enumerate(system.supports)
        for r in (sympy.Rational(profile[p][s]) for s in support[1:])
    ]
    point = Point.rational(system.ring, values)
    return all(point.sign(f) == 0 for f in system.equations) and AlgebraicSolution(system, point).is_exact_equilibrium()
