"""All Nash equilibria of n-player games: support enumeration with exact polynomial solving.

Every equilibrium has a support profile ``S`` (the strategies each player
uses) and solves that profile's indifference equations (see
:mod:`gametheory_re.solvers.support_system`).  So the equilibria are found by going
through the support profiles, smallest first:

1. **Prune**, soundly, before any algebra.  All profiles at once: one is
   ruled out when some strategy in some ``S_i`` is strictly dominated (by a
   margin above ``tol``) by another strategy of player ``i`` against every
   profile of the others' supports; for pure profiles this is the
   best-response check.
2. **Solve exactly** over the rationals.  Most profiles of small games have
   a closed form, evaluated in integer arithmetic without sympy
   (:func:`~gametheory_re.solvers.closed_forms.fast_solutions`): linear equations
   when at most two players mix, one quadratic when three players mix two
   strategies each or two, two and three, one univariate polynomial (whose
   roots in [0, 1] are counted by Sturm's theorem first) when they mix two,
   ``k`` and ``k``.  Otherwise (larger systems, and every degenerate case)
   interval bounds on boxes of unknowns may first decide the profile
   (:func:`~.support_pruning.box_search`, where the equations may have three
   or more solutions; the profiles of one set of sizes together): prove it
   empty, or, when no exact values are wanted, find its equilibria, each in
   a box the Krawczyk test proves to hold exactly one solution and where it
   is strictly an equilibrium.  Else a Groebner basis solves it; real roots
   of the eliminant are isolated exactly.
3. **Keep** a solution when every probability is at least 0 (decided
   exactly) and every player's regret is at most ``tol`` (in floats, as for
   every solver of this tool).  Whether it is also an *exact* equilibrium is
   decided exactly too; only then are exact values attached.
4. **Continua**: a profile whose equations have infinitely many solutions is
   reported as a :class:`~.continua.Component`: a polytope with its extreme points when
   the constraints are linear on it (in plain rationals when one player
   mixes and the others are pure, the common case), otherwise its equations
   and one verified point.

A numeric path (damped Newton steps from random starts on each surviving
profile) covers systems too large for exact algebra, unless the box search
decides them; results are then flagged as possibly incomplete.  So is a run stopped by its time budget,
which is checked between support profiles and inside the long loops of one
(numeric starts, interval boxes, vertex candidates of a continuum); in the
main thread on Unix a timer also interrupts a step that never checks (one
Groebner basis of huge rationals can take minutes), see
:meth:`~gametheory_re.solvers.deadline.Deadline.interrupting`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import UnsupportedError
from ..options import check_time_budget
from .continua import Component
from .deadline import Deadline, OutOfTime
from .regret import resolve_tol
from .solutions import ExactEquilibrium
from .support_pruning import surviving_supports
from .support_search import SupportSearch

METHODS = ("auto", "exact", "numeric")
#: Most support profiles a game may have (the product of ``2**n_i - 1``).
MAX_SUPPORT_PROFILES = 2_000_000


@dataclass(frozen=True)
class PolynomialResult:
    """What :func:`polynomial_equilibria` found.

    Attributes
    ----------
    equilibria : tuple of ExactEquilibrium
        Equilibria that are isolated solutions of their support's equations,
        without duplicates, smallest supports first; every regret is at most
        ``tol``.  A point on the boundary of a component (a pure endpoint of
        a segment of equilibria, say) can appear here too.
    components : tuple of Component
        Continua of equilibria.
    complete : bool
        True when every support profile was examined exactly and every
        continuum described: the equilibria and components are then all the
        equilibria of the game.  False when the time budget ran out, the
        numeric path was used, or something could not be decided.
    notes : tuple of str
        Plain-English remarks, including why ``complete`` is False.
    supports_tried : int
        Support profiles examined.
    supports_pruned : int
        Of those, the ones ruled out before solving (by dominance or by
        interval bounds).
    """

    equilibria: tuple[ExactEquilibrium, ...]
    components: tuple[Component, ...]
    complete: bool
    notes: tuple[str, ...]
    supports_tried: int
    supports_pruned: int


def polynomial_equilibria(
    payoffs,
    exact_payoffs=None,
    tol: float | None = None,
    time_budget: float | None = None,
    method: str = "auto",
    random_state: int | None = 0,
    exact: bool = True,
) -> PolynomialResult:
    """All Nash equilibria of an n-player game by support enumeration.

    The support profiles are examined by a
    :class:`~.support_search.SupportSearch`, smallest first.

    Parameters
    ----------
    payoffs : array_like
        Float payoffs, shape ``(n_players, n_1, ..., n_n)``.
    exact_payoffs : numpy.ndarray or ExactPayoffs, optional
        The same payoffs as sympy numbers (object array), or an
        :class:`~.exact_payoffs.ExactPayoffs` of them: each player's payoffs
        up to a positive factor, all the exact algebra reads (find_equilibria
        passes one of the unscaled integers for an integer game).  Without them each
        float is taken as the exact decimal it prints as (``0.1`` is
        ``1/10``), via ``Fraction(repr(x))``.  Irrational payoffs are also
        replaced by their floats' decimals, and no exact values are reported.
    tol : float, optional
        Regret tolerance; default ``1e-9 * max |payoff|``.  It is also
        the dominance margin for pruning.
    time_budget : float, optional
        Seconds (above 0; None or ``inf``: no limit).  When spent, the
        search stops (inside a support profile too, see the module notes),
        the result is marked incomplete and the notes say how many profiles
        were left.
    method : {"auto", "exact", "numeric"}
        ``exact``: every support profile by exact algebra.  ``numeric``:
        every one by damped Newton steps from random starts (never
        complete).  ``auto``: exact where at most two players mix, where the
        equations are overdetermined (Bezout number 0), or where they have at
        most :data:`~.support_search.MAX_EXACT_BEZOUT` solutions in at most
        :data:`~.support_search.MAX_EXACT_UNKNOWNS` unknowns (so every profile of games up to
        3x3x3 and 2x2x2x2); numeric elsewhere.
    random_state : int or None
        Seed of the random starts of the numeric path and of the sample
        points tried on curved continua.
    exact : bool
        Attach exact values (sympy numbers) to the isolated equilibria.  The
        algebra is exact either way; building sympy expressions for its
        results is what costs, so pass False when only floats are wanted.
        (Extreme points of polytopes always carry exact rationals.)

    Returns
    -------
    PolynomialResult

    Raises
    ------
    UnsupportedError
        When the game has more than ``MAX_SUPPORT_PROFILES`` support
        profiles, or ``method`` is unknown.
    GameFileError
        When ``tol`` is not a finite number at least 0 or ``time_budget``
        not above 0.
    """
    payoffs = np.asarray(payoffs, dtype=float)
    tol = resolve_tol(payoffs, tol)
    if time_budget is not None:
        time_budget = check_time_budget("time_budget", time_budget)
    if method not in METHODS:
        raise UnsupportedError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    shape = payoffs.shape[1:]
    count = math.prod(2**k - 1 for k in shape)
    if count > MAX_SUPPORT_PROFILES:
        raise UnsupportedError(
            f"a {'x'.join(map(str, shape))} game has {count} support profiles, more than the "
            f"{MAX_SUPPORT_PROFILES} support enumeration examines"
        )
    deadline = Deadline(time_budget)
    search = SupportSearch(payoffs, exact_payoffs, tol, method, np.random.default_rng(random_state), exact, deadline)
    survivors = search.ordered(surviving_supports(payoffs, tol))
    search.tried = search.pruned = count - len(survivors)
    search.expect(survivors)
    k = 0
    try:
        with deadline.interrupting():
            for k, support in enumerate(survivors):
                deadline.check()
                search.examine(support)
    except OutOfTime:
        search.incomplete(
            f"The time budget of {time_budget:g} s ran out: {len(survivors) - k} of {count} support "
            "profiles were not examined (or not to the end), so equilibria may be missing."
        )
    search.finish()
    return PolynomialResult(
        tuple(search.equilibria), tuple(search.maximal_components()), search.complete, tuple(search.notes),
        search.tried, search.pruned,
    )
