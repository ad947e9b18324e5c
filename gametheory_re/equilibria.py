"""Find and check the equilibria of a numeric game: the solvers put together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from .errors import UnsupportedError
from .normal_form import NormalFormGame
from .result import Equilibrium, SolveResult
from .solvers.bimatrix import bimatrix_equilibria
from .solvers.exact import exact_profile
from .solvers.polynomial import polynomial_equilibria
from .solvers.dominance import iterated_elimination
from .solvers.pareto import pareto_dominated
from .solvers.pure import pure_equilibria
from .solvers.regret import default_tol, expected_payoffs, regrets


def find_equilibria(
    game: NormalFormGame,
    tol: float | None = None,
    exact: bool = False,
    time_budget: float | None = None,
) -> SolveResult:
    """All Nash equilibria this tool can find for ``game``, each checked.

    Two-player games: every equilibrium of a non-degenerate game (support
    enumeration, batched linear algebra); degenerate games are flagged and
    their extreme equilibria listed.  Games with three or more players:
    every isolated equilibrium by support enumeration with exact polynomial
    solving, and continua of equilibria described as components.  Every
    candidate is checked: it is reported only if each player's regret is at
    most ``tol``.

    Parameters
    ----------
    game : NormalFormGame
    tol : float, optional
        Regret tolerance; default ``1e-9 * max(1, max |payoff|)``.
    exact : bool
        Also give each equilibrium's probabilities exactly (rationals,
        radicals or algebraic numbers); needs ``game.exact_payoffs`` for
        exact input, otherwise each payoff is read as the decimal it prints as.
    time_budget : float, optional
        Seconds the 3+ player solver may spend; past it the result says it
        may be incomplete.

    Returns
    -------
    SolveResult

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
    payoffs = game.payoffs
    tol = default_tol(payoffs) if tol is None else float(tol)
    profiles = [_pure_profile(game.shape, s) for s in pure_equilibria(payoffs, tol)]
    if game.n_players == 2:
        mixed = _two_players(payoffs, tol)
    elif game.n_players >= 3:
        mixed = _n_players(game, tol, exact, time_budget)
    else:
        mixed = _Mixed([], _has_payoff_ties(payoffs, tol), True, "best response (1 player)")
    profiles += [p for p in mixed.profiles if not _is_pure(p)]
    notes, components, complete, degenerate = mixed.notes, mixed.components, mixed.complete, mixed.degenerate
    method = mixed.method
    if not profiles and not components:
        notes.append(
            "No equilibrium was found although every finite game has one: the game is "
            "degenerate beyond what the solver resolves."
        )
    equilibria = [_checked(game, p, tol) for p in profiles]
    rejected = sum(e is None for e in equilibria)
    equilibria = [e for e in equilibria if e is not None]
    if rejected:
        notes.append(f"{rejected} candidate(s) failed the regret check at tol={tol:.3g} and were dropped.")
        complete = False
    if degenerate and game.n_players == 2 and not any("degenerate" in n for n in notes):
        notes.append("The game is degenerate: it may have continua of equilibria.")
    if exact:
        equilibria = [_with_exact(game, e, mixed.exact_of, notes) for e in equilibria]
    equilibria = _mark_pareto(equilibria, tol)
    surviving, steps = iterated_elimination(payoffs, tol)
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
        components=tuple(components),
    )


@dataclass
class _Mixed:
    """What a mixed-equilibrium solver found, in the terms of :class:`SolveResult`."""

    profiles: list
    degenerate: bool
    complete: bool
    method: str
    notes: list = field(default_factory=list)
    components: tuple = ()
    exact_of: dict = field(default_factory=dict)


def _two_players(payoffs: np.ndarray, tol: float) -> _Mixed:
    found = bimatrix_equilibria(payoffs[0], payoffs[1], tol=tol)
    return _Mixed(
        list(found.equilibria), found.degenerate, not found.degenerate,
        "pure-strategy check; support enumeration (2 players)", list(found.notes),
    )


def _n_players(game: NormalFormGame, tol: float, exact: bool, time_budget: float | None) -> _Mixed:
    try:
        found = polynomial_equilibria(game.payoffs, game.exact_payoffs, tol=tol, time_budget=time_budget, exact=exact)
    except UnsupportedError as exc:
        return _Mixed(
            [], _has_payoff_ties(game.payoffs, tol), False, "pure-strategy check",
            [f"Only pure equilibria were searched: {exc}. Mixed equilibria are not ruled out."],
        )
    return _Mixed(
        [eq.profile for eq in found.equilibria],
        bool(found.components),
        found.complete,
        "pure-strategy check; support enumeration with exact polynomial solving (n players)",
        list(found.notes),
        tuple(found.components),
        {_key(eq.profile): eq.exact for eq in found.equilibria if eq.exact is not None},
    )


def _key(profile) -> tuple:
    return tuple(np.round(np.concatenate(profile), 9).tolist())


def _with_exact(game: NormalFormGame, eq: Equilibrium, exact_of: dict, notes: list[str]) -> Equilibrium:
    """Attach exact probabilities: from the n-player solver, or solved for the support."""
    values = exact_of.get(_key(eq.profile))
    if values is None and game.exact_payoffs is not None:
        values = exact_profile(game.exact_payoffs, eq.supports, near=eq.profile)
    if values is None:
        notes.append("Exact values are given only where the payoffs are exact rational numbers.")
        return eq
    return replace(eq, exact_profile=tuple(tuple(v) for v in values))


def _pure_profile(shape, indices) -> tuple[np.ndarray, ...]:
    out = []
    for n, i in zip(shape, indices):
        v = np.zeros(n)
        v[i] = 1.0
        out.append(v)
    return tuple(out)


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


def _checked(game: NormalFormGame, profile, tol: float) -> Equilibrium | None:
    profile = tuple(np.asarray(p, dtype=float) for p in profile)
    r = regrets(game.payoffs, profile)
    if np.max(r) > tol:
        return None
    outcome_probabilities = {}
    if game.outcomes:
        joint = profile[0]
        for p in profile[1:]:
            joint = np.multiply.outer(joint, p)
        outcome_probabilities = {name: float(joint[mask].sum()) for name, mask in game.outcomes.items()}
    return Equilibrium(
        profile=profile,
        payoffs=expected_payoffs(game.payoffs, profile),
        regrets=np.maximum(r, 0.0),
        outcome_probabilities=outcome_probabilities,
    )


def _mark_pareto(equilibria: list[Equilibrium], tol: float) -> list[Equilibrium]:
    if not equilibria:
        return equilibria
    flags = pareto_dominated(np.array([e.payoffs for e in equilibria]), tol)
    return [replace(e, pareto_dominated=bool(f)) for e, f in zip(equilibria, flags)]
