"""Find and check the equilibria of a numeric game: the solvers put together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np

from .errors import UnsupportedError
from .options import DEFAULT_TIME_BUDGET, check_integer, check_time_budget
from .normal_form import NormalFormGame
from .result import Equilibrium, SolveResult
from .solvers.bimatrix import NONE_VERIFIED, bimatrix_equilibria
from .solvers.deadline import Deadline, OutOfTime
from .solvers.exact_payoffs import ExactPayoffs, all_integers, decimal_fraction
from .solvers.exact_profile import exact_profile
from .solvers.polynomial import polynomial_equilibria
from .solvers.dominance import iterated_elimination, weakly_dominated
from .solvers.pareto import dominating_profiles, pareto_dominated
from .solvers.pure import pure_equilibria
from .solvers.support_search import MAX_EXACT_BEZOUT, MAX_EXACT_UNKNOWNS, exact_affordable
from .solvers.regret import resolve_tol, stacked_strategy_values


def find_equilibria(
    game: NormalFormGame,
    tol: float | None = None,
    exact: bool = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    max_support: int | None = None,
) -> SolveResult:
    """All Nash equilibria this tool can find for ``game``, each checked.

    Two-player games: every equilibrium of a non-degenerate game (support
    enumeration, batched linear algebra); degenerate games are flagged and
    their extreme equilibria listed.  Games with three or more players:
    every isolated equilibrium by support enumeration with exact polynomial
    solving, and continua of equilibria described as components.  Every
    candidate is checked: it is reported only if each player's regret is at
    most ``tol``.

    Each player's payoffs are first scaled by a power of two into
    ``[-1, 1]`` (exactly; equilibria do not change under a positive scaling
    of one player's payoffs), so that payoffs near the float limits
    (``1e308``, ``1e-300``) or of very different sizes across players
    solve as well as ordinary ones.  Payoffs and regrets are reported in
    the original units.

    Parameters
    ----------
    game : NormalFormGame
    tol : float, optional
        Regret tolerance, a finite number at least 0; default
        ``1e-9 * max |payoff|``.  It applies to the player with the largest
        payoffs; another player's tolerance is scaled down with its payoffs
        (by the ratio of the powers of two), so the result does not depend
        on the units each player's payoffs are in.
    exact : bool
        Also give each equilibrium's probabilities exactly (rationals,
        radicals or algebraic numbers).  Needs ``game.exact_payoffs`` (games
        from game files and integer or rational arrays have them); a game
        given as floats gets no exact values, and a note says so.
    time_budget : float or None
        Seconds the whole solve may spend: the search for mixed equilibria
        and, with ``exact``, the exact values computed after it (default
        :data:`~gametheory_re.options.DEFAULT_TIME_BUDGET`, 60; None or
        ``inf``: no limit).  When it runs out during the search, the search
        stops and the result is marked incomplete, with a note; during the
        exact values, the equilibria not yet done keep their verified floats,
        with a note.  Pure equilibria are always all found.
    max_support : int, optional
        Two-player games: the largest number of strategies a player may mix
        over in the equilibria searched (default: as many as the enumeration
        limit allows, every size up to 12x12 games).  Below the game's size
        the result is marked incomplete.

    Returns
    -------
    SolveResult

    Raises
    ------
    OptionError
        (a ``ValueError``) naming ``tol``, ``time_budget`` or
        ``max_support`` when out of range.

    Examples
    --------
    Matching pennies has one equilibrium, mixed:

    >>> import numpy as np
    >>> from gametheory_re import NormalFormGame, find_equilibria
    >>> pennies = NormalFormGame(
    ...     players=("Row", "Column"),
    ...     strategies=(("heads", "tails"), ("heads", "tails")),
    ...     payoffs=np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float),
    ... )
    >>> result = find_equilibria(pennies)
    >>> result.labels, result.complete
    (['(heads|tails, heads|tails)'], True)
    >>> [p.tolist() for p in result.equilibria[0].profile]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    tol = resolve_tol(game.payoffs, tol)
    if time_budget is not None:
        time_budget = check_time_budget("time_budget", time_budget)
    # One budget for the whole solve: the search starts at once with all of it
    # (the pure check before it takes milliseconds), and the exact values
    # computed after the search stop when it is spent.
    deadline = Deadline(time_budget)
    if max_support is not None:
        max_support = check_integer("max_support", max_support, minimum=1)
    exponents = _exponents(game.payoffs)
    payoffs = _scaled(game.payoffs, -exponents)
    # The tolerance in scaled units, the same for every player.
    unit_tol = float(np.ldexp(tol, -int(exponents.max())))
    pure = pure_equilibria(payoffs, unit_tol)
    if game.n_players == 2:
        mixed = _two_players(payoffs, unit_tol, max_support, time_budget)
    elif game.n_players >= 3:
        mixed = _n_players(payoffs, _solver_exact_payoffs(game, exponents), unit_tol, exact, time_budget)
    else:
        mixed = _Mixed([], _has_payoff_ties(payoffs, unit_tol), True, "best response (1 player)")
    # Each candidate carries its exact values (None when the solver gave none).  A
    # pure equilibrium is listed from the pure check, with the exact values the
    # mixed solver gave the same pure profile.
    pure_exact = {_pure_indices(p): exact for p, exact in mixed.profiles if exact is not None and _is_pure(p)}
    profiles = [(_pure_profile(game.shape, s), pure_exact.get(tuple(int(i) for i in s))) for s in pure]
    profiles += [(p, exact) for p, exact in mixed.profiles if not _is_pure(p)]
    notes, components, complete, degenerate = mixed.notes, mixed.components, mixed.complete, mixed.degenerate
    method = mixed.method
    if not profiles and not components:
        notes.append(
            "No equilibrium was found although every finite game has one: the game is "
            "degenerate beyond what the solver resolves."
            if complete else
            "No equilibrium was found in the part of the search done; every finite game has one, "
            "so it lies in the part not searched (see the notes above)."
        )
    checked = list(zip(_checked(game, payoffs, exponents, [p for p, _ in profiles], unit_tol, tol),
                       [exact for _, exact in profiles]))
    rejected = sum(e is None for e, _ in checked)
    checked = [(e, exact) for e, exact in checked if e is not None]
    equilibria = [e for e, _ in checked]
    if rejected:
        notes.append(f"{rejected} candidate(s) failed the regret check at tol={tol:.3g} and were dropped.")
        complete = False
    if equilibria:
        # A solver's own "none passed verification" is moot once others were found.
        notes = [n for n in notes if not n.startswith(NONE_VERIFIED)]
    if degenerate and game.n_players == 2 and not any("degenerate" in n for n in notes):
        notes.append("The game is degenerate: it may have continua of equilibria.")
    if exact:
        # A game given as floats has no exact payoffs: its floats are not taken for exact
        # decimals here.  Probabilities do not change under the scaling, so the scaled
        # game's exact payoffs serve.
        exact_payoffs = _exact_payoffs(game, exponents) if game.exact_payoffs is not None else None
        equilibria = _all_exact(exact_payoffs, checked, notes, deadline)
    surviving, steps = iterated_elimination(payoffs, unit_tol)
    steps = [replace(step, margin=float(np.ldexp(step.margin, int(exponents[step.player])))) for step in steps]
    return SolveResult(
        game=game,
        equilibria=tuple(equilibria),
        tol=tol,
        complete=complete,
        degenerate=degenerate,
        method=method,
        notes=tuple(dict.fromkeys(notes)),
        surviving=tuple(tuple(s) for s in surviving),
        eliminations=tuple(steps),
        weak_dominance=tuple(weakly_dominated(game.payoffs, tol)),
        components=tuple(components),
    )


@dataclass
class _Mixed:
    """What a mixed-equilibrium solver found, in the terms of :class:`SolveResult`.

    ``profiles`` holds ``(profile, exact)`` pairs: each float profile with its
    exact probabilities, or None when the solver gave none.
    """

    profiles: list
    degenerate: bool
    complete: bool
    method: str
    notes: list = field(default_factory=list)
    components: tuple = ()


def _exponents(payoffs: np.ndarray) -> np.ndarray:
    """Per player, the power of two that brings its largest payoff size into ``[0.5, 1)`` (0 for all-zero payoffs)."""
    peaks = np.abs(payoffs).reshape(payoffs.shape[0], -1).max(axis=1)
    return np.frexp(peaks)[1].astype(int)


def _scaled(values: np.ndarray, exponents: np.ndarray) -> np.ndarray:
    """``values[p] * 2**exponents[p]`` for each player ``p``: exact, and never overflowing here."""
    return np.ldexp(values, exponents.reshape((-1,) + (1,) * (values.ndim - 1)))


def _exact_payoffs(game: NormalFormGame, exponents: np.ndarray):
    """Exact payoffs of the scaled game: the game's own, or, when it has none, the
    decimals its floats print as, each player's scaled by the same power of two as
    its floats.  The solver reads an irrational exact payoff through its (scaled)
    float, so exact and float payoffs must be of one scale."""
    if not exponents.any():
        return game.exact_payoffs
    exact = game.exact_payoffs
    factors = [Fraction(2) ** -e for e in exponents.tolist()]
    if exact is not None and all_integers(exact.flat):
        # Integer payoffs, the common case, become Fractions at once, without
        # sympy's arithmetic: for a 2x2x2x2 game, whose whole solve takes a
        # few milliseconds, these and the solver's integer tables then take
        # 0.16 ms instead of 0.39.
        scaled = [Fraction(int(x) * f.numerator, f.denominator) for f, player in zip(factors, exact) for x in player.flat]
        return np.array(scaled, dtype=object).reshape(exact.shape)
    if exact is None:
        exact = np.vectorize(decimal_fraction, otypes=[object])(game.payoffs)
    # Object arrays multiply element by element: Fractions stay Fractions,
    # sympy numbers (rational or not) stay sympy numbers.
    return exact * np.array(factors, dtype=object).reshape((-1,) + (1,) * (exact.ndim - 1))


def _two_players(payoffs: np.ndarray, tol: float, max_support: int | None, time_budget: float | None) -> _Mixed:
    try:
        found = bimatrix_equilibria(payoffs[0], payoffs[1], tol=tol, max_support=max_support, time_budget=time_budget)
    except UnsupportedError as exc:
        return _Mixed(
            [], _has_payoff_ties(payoffs, tol), False, "pure-strategy check",
            [f"Only pure equilibria were searched: {exc}. Mixed equilibria are not ruled out."],
        )
    return _Mixed(
        [(profile, None) for profile in found.equilibria], found.degenerate, found.complete and not found.degenerate,
        "pure-strategy check; support enumeration (2 players)", list(found.notes),
    )


def _solver_exact_payoffs(game: NormalFormGame, exponents: np.ndarray):
    """What the n-player solver reads the scaled game's exact payoffs from.

    Its exact algebra reads each player's payoffs up to a positive factor
    (:class:`~.solvers.exact_payoffs.ExactPayoffs` keeps them as integers),
    so for integer payoffs, the common case, the game's own integers serve,
    without building a Fraction per payoff (2x2x2x2: 0.2 ms of a 3 ms solve).
    Otherwise the scaled game's exact payoffs (:func:`_exact_payoffs`): an
    irrational payoff is read through its scaled float.
    """
    exact = game.exact_payoffs
    if exact is not None and all_integers(exact.flat):
        return ExactPayoffs(game.payoffs, exact)
    return _exact_payoffs(game, exponents)


def _n_players(payoffs: np.ndarray, exact_payoffs, tol: float, exact: bool, time_budget: float | None) -> _Mixed:
    try:
        found = polynomial_equilibria(payoffs, exact_payoffs, tol=tol, time_budget=time_budget, exact=exact)
    except UnsupportedError as exc:
        return _Mixed(
            [], _has_payoff_ties(payoffs, tol), False, "pure-strategy check",
            [f"Only pure equilibria were searched: {exc}. Mixed equilibria are not ruled out."],
        )
    return _Mixed(
        [(eq.profile, eq.exact) for eq in found.equilibria],
        bool(found.components),
        found.complete,
        "pure-strategy check; support enumeration with exact polynomial solving (n players)",
        list(found.notes),
        tuple(found.components),
    )


def _all_exact(exact_payoffs: np.ndarray | None, checked, notes: list[str], deadline: Deadline) -> list[Equilibrium]:
    """Each checked equilibrium with its exact probabilities, while the time budget lasts.

    The values the solver gave are attached at once; the others are solved
    for from the equilibrium's supports (:func:`~.solvers.exact_profile.exact_profile`),
    which for three or more players is polynomial algebra that can take
    minutes, so it runs under the ``deadline``.  Once that is spent, the rest
    keep their (verified) floats.  A note says which equilibria lack exact
    values, and why.
    """
    done: list[Equilibrium] = []
    unsolved = 0  # no exact solution pinned down by the supports
    too_large = 0  # supports whose exact algebra the search itself would not attempt
    try:
        with deadline.interrupting():
            for eq, values in checked:
                if values is None and exact_payoffs is not None:
                    if exact_affordable(tuple(len(s) - 1 for s in eq.supports)):
                        deadline.check()
                        values = exact_profile(exact_payoffs, eq.supports, near=eq.profile)
                        unsolved += values is None
                    else:
                        too_large += 1
                done.append(eq if values is None else _with_values(eq, values))
    except OutOfTime:
        left = checked[len(done):]
        done += [eq if values is None else _with_values(eq, values) for eq, values in left]
        missing = sum(values is None for _, values in left)
        if missing:
            notes.append(f"The time budget of {deadline.seconds:g} s ran out while computing exact values: {missing} "
                         f"of {len(checked)} equilibria are given without exact probabilities (their floats are "
                         "verified).")
    if exact_payoffs is None and any(values is None for _, values in checked):
        notes.append("Exact values are given only where the payoffs are exact rational numbers.")
    if too_large:
        notes.append(f"{too_large} equilibri{'um is' if too_large == 1 else 'a are'} given without exact "
                     f"probabilities: the equations of {'its' if too_large == 1 else 'their'} supports (more than "
                     f"{MAX_EXACT_BEZOUT} solutions or more than {MAX_EXACT_UNKNOWNS} unknowns) are beyond what exact "
                     "algebra does in reasonable time, so the search solved them numerically; the floats are verified.")
    if unsolved:
        notes.append(f"{unsolved} equilibri{'um is' if unsolved == 1 else 'a are'} given without exact probabilities: "
                     f"the equations of {'its' if unsolved == 1 else 'their'} supports do not single out one exact "
                     "solution there (irrational payoffs, a continuum, or exact algebra that failed); the floats are "
                     "verified.")
    return done


def _with_values(eq: Equilibrium, values) -> Equilibrium:
    return replace(eq, exact_profile=tuple(tuple(v) for v in values))


def _pure_profile(shape, indices) -> tuple[np.ndarray, ...]:
    out = []
    for n, i in zip(shape, indices):
        v = np.zeros(n)
        v[i] = 1.0
        out.append(v)
    return tuple(out)


def _pure_indices(profile) -> tuple[int, ...]:
    return tuple(int(np.flatnonzero(p)[0]) for p in profile)


def _is_pure(profile) -> bool:
    return all(np.count_nonzero(p) == 1 for p in profile)


def _has_payoff_ties(payoffs: np.ndarray, tol: float) -> bool:
    """Some player has two pure best responses to some pure profile of the others."""
    for p in range(payoffs.shape[0]):
        u = np.sort(payoffs[p], axis=p)
        top = np.take(u, -1, axis=p)
        if u.shape[p] > 1 and np.any(top - np.take(u, -2, axis=p) <= tol):
            return True
    return False


def _checked(game: NormalFormGame, payoffs, exponents, profiles, unit_tol: float, tol: float
             ) -> list[Equilibrium | None]:
    """Each of ``profiles`` as an equilibrium if its regrets in the scaled ``payoffs`` are
    within ``unit_tol`` (else None), with payoffs and regrets in the game's units (scaled
    back by ``exponents``), and its Pareto marks among those that pass (at ``tol``, in the
    game's units).  All profiles are valued at once, one ``einsum`` per player."""
    if not profiles:
        return []
    stacks = [np.array([np.asarray(profile[p], dtype=float) for profile in profiles]) for p in range(game.n_players)]
    values = stacked_strategy_values(payoffs, stacks)
    expected = np.array([np.einsum("zi,zi->z", v, x) for v, x in zip(values, stacks)])  # (players, profiles)
    regret = np.array([v.max(axis=1) for v in values]) - expected
    passed = regret.max(axis=0) <= unit_tol
    # Strategy values are reported in the game's own units, computed from its payoffs.
    unit_values = stacked_strategy_values(game.payoffs, stacks)
    expected = _scaled(expected, exponents)
    regret = _scaled(np.maximum(regret, 0.0), exponents)
    kept = passed.nonzero()[0]
    vectors = expected[:, kept].T
    marks = dict(zip(kept.tolist(), zip(pareto_dominated(vectors, tol).tolist(),
                                        dominating_profiles(game.payoffs, vectors, tol))))
    out: list[Equilibrium | None] = []
    for k in range(len(profiles)):
        if not passed[k]:
            out.append(None)
            continue
        dominated, dominators = marks[k]
        profile = tuple(x[k] for x in stacks)
        outcome_probabilities = {}
        if game.outcomes:
            joint = profile[0]
            for x in profile[1:]:
                joint = np.multiply.outer(joint, x)
            outcome_probabilities = {name: float(joint[mask].sum()) for name, mask in game.outcomes.items()}
        out.append(Equilibrium(
            profile=profile,
            payoffs=expected[:, k],
            regrets=regret[:, k],
            outcome_probabilities=outcome_probabilities,
            strategy_values=tuple(v[k] for v in unit_values),
            pareto_dominated=dominated,
            pareto_dominators=tuple(dominators),
        ))
    return out

