"""Continua of equilibria: support profiles whose equations have infinitely many solutions.

On an affine solution set where every constraint (probability at least 0,
no gain from a pure deviation) is affine in the free unknowns, the
equilibria form a polytope, given by its vertices (:func:`affine_polytope`;
:func:`single_mixer_vertices` in plain rationals for the common case of one
mixing player).  Otherwise the set is described by its equations and one
verified point (:func:`curved_sample`).  Both list the constraints in one
order, the probabilities then :func:`~.support_system.deviations`, so they
find the same vertices in the same order.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from sympy.polys.domains import QQ

from ..algebra.groebner import AlgebraFailure, PositiveDimensional, polynomial_ring, solve_with_fixed
from ..algebra.linear import solve_square
from ..algebra.real_algebraic import Point
from ..labels import profile_label
from .exact_payoffs import ExactPayoffs
from .solutions import AlgebraicSolution, ExactEquilibrium, QuadraticPoint
from .support_system import SupportSystem, deviations, satisfies

# Rational points tried on a curved continuum before giving up on finding one.
SAMPLE_ATTEMPTS = 12
# A continuum with more vertex candidates than this is described by its
# constraints instead of its extreme points.
_MAX_VERTEX_CANDIDATES = 20_000


@dataclass(frozen=True)
class Component:
    """A set of infinitely many equilibria sharing one support profile.

    Attributes
    ----------
    supports : tuple of tuple of int
        Strategies each player may use on the component (some points of it may
        use fewer: its boundary).
    dimension : int
        Dimension of the set.  Exact for polytopes (``extreme_points``
        given); otherwise the dimension of the solution set of the
        indifference equations, an upper bound.
    description : str
        Plain English: the extreme points, or the equations and constraints
        that define it.
    sample : tuple of numpy.ndarray
        One equilibrium in it, checked (regrets at most ``tol``).
    extreme_points : tuple of ExactEquilibrium
        Every vertex, with exact rational values, when the set is a polytope
        (all its points are the convex combinations of these); empty otherwise.
    """

    supports: tuple[tuple[int, ...], ...]
    dimension: int
    description: str
    sample: tuple[np.ndarray, ...]
    extreme_points: tuple[ExactEquilibrium, ...] = ()


def single_mixer_constraints(game: ExactPayoffs, supports) -> list[tuple[list[int], int]]:
    """The constraints on the equilibria of a profile where one player mixes, indifferent, and the others are pure.

    Every mix of the mixing player then solves the (empty) equations; the
    equilibria are the mixes with every probability at least 0 and no better
    pure deviation for anyone.  Each constraint is affine in the mixing
    player's unknowns (its probabilities of its support strategies but the
    first): ``coeffs . x + constant >= 0``.  They come in the order
    :func:`affine_polytope` lists them: the probabilities, then minus each
    player's gain from each strategy outside its support, in the order of
    :func:`~.support_system.deviations`.

    Returns
    -------
    list of (list of int, int)
    """
    (i,) = [p for p, s in enumerate(supports) if len(s) > 1]
    k = len(supports[i]) - 1
    rows = [([-1] * k, 1)] + [([int(j == l) for l in range(k)], 0) for j in range(k)]
    base = [s[0] for s in supports]
    for p, t in deviations(game.shape, supports):
        u = game.integer[p]
        index = list(base)
        if p == i:
            index[p] = t
            gain = u.item(*index)
            index[p] = supports[p][0]
            rows.append(([0] * k, -(gain - u.item(*index))))
            continue
        d = []
        for s in supports[i]:
            index[i] = s
            index[p] = t
            value = u.item(*index)
            index[p] = base[p]
            d.append(value - u.item(*index))
        rows.append(([d[0] - x for x in d[1:]], -d[0]))
    return rows


def polytope_vertices(rows, d: int, deadline=None) -> list[list] | None:
    """Vertices of the polytope ``{x : coeffs . x + constant >= 0 for each row}`` in ``d`` unknowns.

    Every choice of ``d`` tight constraints with a unique solution that
    satisfies all the others gives a vertex; they are listed in the order
    of the first choice giving each.

    Parameters
    ----------
    rows : list of (list, number)
        ``(coeffs, constant)`` per constraint, exact numbers.
    d : int
    deadline : Deadline, optional
        Checked once per choice of tight constraints.

    Returns
    -------
    list of list or None
        None when there are more than ``_MAX_VERTEX_CANDIDATES`` choices.

    Examples
    --------
    >>> from fractions import Fraction
    >>> square = [([Fraction(1), Fraction(0)], Fraction(0)), ([Fraction(-1), Fraction(0)], Fraction(1)),
    ...           ([Fraction(0), Fraction(1)], Fraction(0)), ([Fraction(0), Fraction(-1)], Fraction(1))]
    >>> [[int(x) for x in v] for v in polytope_vertices(square, 2)]
    [[0, 0], [0, 1], [1, 0], [1, 1]]
    """
    if math.comb(len(rows), d) > _MAX_VERTEX_CANDIDATES:
        return None
    vertices = []
    for chosen in itertools.combinations(rows, d):
        if deadline is not None:
            deadline.check()
        solution = solve_square([a for a, _ in chosen], [-b for _, b in chosen])
        if solution is None or any(sum(a * x for a, x in zip(row, solution)) + b < 0 for row, b in rows):
            continue
        if solution not in vertices:
            vertices.append(solution)
    return vertices


def single_mixer_vertices(game: ExactPayoffs, supports, deadline=None) -> list[list[Fraction]] | None:
    """:func:`affine_polytope` where one player mixes, indifferent, and the others are pure, in plain rationals.

    The same vertices in the same order, without polynomial rings; None when
    there are too many vertex candidates (a description by constraints is
    needed).

    Examples
    --------
    Player 0 indifferent, player 1 pure: every mix of player 0 whose
    deviation gain for player 1 stays at most 0.

    >>> import numpy as np
    >>> u = np.zeros((2, 2, 2))
    >>> u[1] = [[1, 0], [0, 1]]  # player 1 matches player 0
    >>> [[str(x) for x in v] for v in single_mixer_vertices(ExactPayoffs(u), ((0, 1), (0,)))]
    [['0'], ['1/2']]
    """
    rows = single_mixer_constraints(game, supports)
    rows = [([Fraction(a) for a in row], Fraction(b)) for row, b in rows]
    return polytope_vertices(rows, len(rows[0][0]), deadline)


def single_mixer_point(game: ExactPayoffs, supports, values) -> QuadraticPoint:
    """The profile where the one mixing player's unknowns take the rational ``values`` and the others are pure.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction
    >>> game = ExactPayoffs(np.zeros((2, 2, 2)))
    >>> single_mixer_point(game, ((0, 1), (1,)), [Fraction(1, 4)]).exact_values()
    ((3/4, 1/4), (0, 1))
    """
    (mixer,) = [p for p, s in enumerate(supports) if len(s) > 1]
    probabilities = [1 - sum(values)] + list(values)
    den = math.lcm(*(x.denominator for x in probabilities))
    mixes = [[(1, 0)] for _ in supports]
    mixes[mixer] = [(int(x * den), 0) for x in probabilities]
    return QuadraticPoint(game, supports, 0, mixes, [den if p == mixer else 1 for p in range(len(supports))])


def rational_solution(system: SupportSystem, values) -> AlgebraicSolution:
    """The solution of ``system`` at rational ``values`` of its unknowns.

    Examples
    --------
    >>> import numpy as np
    >>> from sympy.polys.domains import QQ
    >>> system = SupportSystem(ExactPayoffs(np.zeros((2, 2, 2))), ((0, 1), (0,)))
    >>> rational_solution(system, [QQ(1, 3)]).exact_values()
    ((2/3, 1/3), (1, 0))
    """
    return AlgebraicSolution(system, Point.rational(system.ring, values))


def affine_polytope(system: SupportSystem, found: PositiveDimensional, deadline: Deadline | None = None):
    """Extreme points of the equilibria on an affine solution set, if the constraints are linear there.

    On the affine set the unknowns are affine in the free ones.  When every
    constraint (probability at least 0, no gain from a pure deviation) is
    affine in them too, the equilibria form a polytope; its vertices are the
    feasible solutions of every choice of ``dimension`` tight constraints.

    Returns
    -------
    list of list of QQ or None
        Vertices (values of all unknowns); None when some constraint is not
        affine or there are too many candidates to try.
    """
    ring = system.ring
    free = list(found.free)
    params = polynomial_ring(tuple(ring.symbols[k].name for k in free))
    images = [None] * ring.ngens
    for k, g in zip(free, params.gens):
        images[k] = g
    for g in found.basis:
        g = g.set_ring(ring)
        lead = g.LM.index(1)
        rest = g - g.LC * ring.gens[lead]
        images[lead] = -_substitute(rest, images, params) / g.LC
    constraints = [sigma for probabilities in system.sigma if len(probabilities) > 1 for sigma in probabilities]
    constraints += [-system.gain(p, t) for p, t in deviations(system.shape, system.supports)]
    rows = []
    for c in constraints:
        affine = _substitute(c, images, params)
        if affine and max(sum(m) for m in affine.monoms()) > 1:
            return None
        rows.append(([affine.coeff(g) for g in params.gens], affine.coeff(1)))
    solutions = polytope_vertices(rows, len(free), deadline)
    if solutions is None:
        return None
    # The free unknowns are among the values: distinct solutions give distinct vertices.
    return [[_substitute(images[k], solution) for k in range(ring.ngens)] for solution in solutions]


def _substitute(poly, images, ring=None):
    """``poly`` with each generator replaced: by polynomials of ``ring``, or by numbers when ``ring`` is None."""
    total = ring.zero if ring is not None else QQ(0)
    for monom, coeff in poly.terms():
        term = ring(coeff) if ring is not None else coeff
        for k, e in enumerate(monom):
            if e:
                term = term * images[k] ** e
        total += term
    return total


def polytope_description(supports, dimension: int, extreme) -> str:
    """Plain English for a polytope of equilibria with these extreme points (ExactEquilibrium).

    Examples
    --------
    >>> import numpy as np
    >>> ends = [ExactEquilibrium((np.array([1.0, 0.0]), np.array([1.0])), None),
    ...         ExactEquilibrium((np.array([0.0, 1.0]), np.array([1.0])), None)]
    >>> polytope_description(((0, 1), (0,)), 1, ends)
    'A 1-dimensional polytope of equilibria on supports ({0, 1}, {0}): every convex combination of its 2 extreme points ([1, 0], [1]); ([0, 1], [1]).'
    """
    listing = "; ".join(format_profile(e.profile) for e in extreme)
    return (
        f"A {dimension}-dimensional polytope of equilibria on supports {profile_label(None, supports)}: "
        f"every convex combination of its {len(extreme)} extreme points {listing}."
    )


def curved_sample(system: SupportSystem, found: PositiveDimensional, rng: np.random.Generator, accept):
    """An equilibrium on a curved continuum: fix the free unknowns at rational points and solve.

    Returns the float profile of the first solution in the simplex that
    ``accept`` (a check of a float profile) takes, or None after
    :data:`SAMPLE_ATTEMPTS` tries.
    """
    owner = [(p, k) for p, support in enumerate(system.supports) for k in range(1, len(support))]
    for attempt in range(SAMPLE_ATTEMPTS):
        # The centre of the simplices first, then random points in them.
        mixes = [np.full(len(s), 1 / len(s)) if attempt == 0 else rng.dirichlet(np.ones(len(s)))
                 for s in system.supports]
        fixed = {}
        for k in found.free:
            p, position = owner[k]
            f = Fraction(float(mixes[p][position])).limit_denominator(1000)
            fixed[k] = QQ(f.numerator, f.denominator)
        try:
            points = solve_with_fixed(system.ring, system.equations, fixed)
        except AlgebraFailure:
            continue
        if isinstance(points, PositiveDimensional):
            continue
        for point in points:
            solution = AlgebraicSolution(system, point)
            if solution.in_simplex():
                profile = solution.float_profile()
                if accept(profile):
                    return profile
    return None


def curved_description(system: SupportSystem, found: PositiveDimensional) -> tuple[str, str]:
    """``(equations, free unknowns)`` of a curved continuum, in plain English."""
    names = ", ".join(system.variable_name(k) for k in found.free)
    equations = "; ".join(f"{system.expression(g)} = 0" for g in found.basis) or "no equation"
    return equations, names


def maximal_components(components: list[Component], polytope_supports: list, game: ExactPayoffs) -> list[Component]:
    """The components, less polytopes inside another reported polytope (its faces, say).

    Polytopes are convex, so one is inside another when all its vertices
    are, which is decided exactly.  Of two equal ones the first found
    (with the smaller supports) is kept.  ``polytope_supports`` are the
    supports of each polytope component, in order.
    """
    polytopes = list(zip([c for c in components if c.extreme_points], polytope_supports))
    if len(polytopes) < 2:
        return components
    systems = {}

    def inside(c, supports) -> bool:
        # A vertex using a strategy off the supports is not inside (exact zeros are float zeros).
        if any(v[t] != 0 for e in c.extreme_points for v, s in zip(e.profile, supports)
               for t in range(len(v)) if t not in s):
            return False
        if supports not in systems:
            systems[supports] = SupportSystem(game, supports)
        return all(satisfies(systems[supports], e.exact) for e in c.extreme_points)

    redundant = set()
    for i, (c, c_supports) in enumerate(polytopes):
        for j, (d, d_supports) in enumerate(polytopes):
            if i != j and inside(c, d_supports) and (j < i or not inside(d, c_supports)):
                redundant.add(id(c))
                break
    return [c for c in components if id(c) not in redundant]


def format_profile(profile) -> str:
    """A float profile as ``([0.5, 0.5], [1, 0])`` (6 significant digits).

    Examples
    --------
    >>> import numpy as np
    >>> format_profile((np.array([0.5, 0.5]), np.array([1.0, 0.0])))
    '([0.5, 0.5], [1, 0])'
    """
    return "(" + ", ".join("[" + ", ".join(f"{x:.6g}" for x in v) + "]" for v in profile) + ")"
