"""Find and check the equilibria of a numeric game: the solvers put together."""

from __future__ import annotations

import numpy as np

from .normal_form import NormalFormGame
from .result import Equilibrium, SolveResult
from .solvers.bimatrix import bimatrix_equilibria
from .solvers.dominance import iterated_elimination
from .solvers.pareto import pareto_dominated
from .solvers.pure import pure_equilibria
from .solvers.regret import default_tol, expected_payoffs, regrets


def find_equilibria(game: NormalFormGame, tol: float | None = None) -> SolveResult:
    """All Nash equilibria this tool can find for ``game``, each checked.

    Two-player games: every equilibrium of a non-degenerate game (support
    enumeration).  Games with three or more players: the pure equilibria.
    Every candidate is checked: it is reported only if each player's regret
    is at most ``tol``.

    Parameters
    ----------
    game : NormalFormGame
    tol : float, optional
        Regret tolerance; default ``1e-9 * max(1, max |payoff|)``.

    Returns
    -------
    SolveResult
    """
    payoffs = game.payoffs
    tol = default_tol(payoffs) if tol is None else float(tol)
    notes: list[str] = []
    profiles = [_pure_profile(game.shape, s) for s in pure_equilibria(payoffs, tol)]
    if game.n_players == 2:
        found = bimatrix_equilibria(payoffs[0], payoffs[1], tol=tol)
        degenerate = found.degenerate
        notes.extend(found.notes)
        profiles += [(x, y) for x, y in found.equilibria if not _is_pure((x, y))]
        complete = not degenerate
        method = "pure-strategy check; support enumeration (2 players)"
    else:
        degenerate = _has_payoff_ties(payoffs, tol)
        complete = False
        method = "pure-strategy check"
        if game.n_players >= 3:
            notes.append(
                "Only pure equilibria were searched. Mixed equilibria of games with 3 or more "
                "players need the n-player solver, which is not yet available; "
                + ("mixed equilibria are not ruled out." if profiles else
                   "this game has no pure equilibrium, so all its equilibria (at least one exists, "
                   "by Nash's theorem) are mixed.")
            )
        else:
            complete = True
            method = "best response (1 player)"
    if game.n_players == 2 and not profiles:
        notes.append(
            "No equilibrium was found although every finite game has one: the game is "
            "degenerate beyond what support enumeration resolves."
        )
    equilibria = [_checked(game, p, tol) for p in profiles]
    rejected = sum(e is None for e in equilibria)
    equilibria = [e for e in equilibria if e is not None]
    if rejected:
        notes.append(f"{rejected} candidate(s) failed the regret check at tol={tol:.3g} and were dropped.")
        complete = False
    if degenerate and game.n_players == 2 and not any("degenerate" in n for n in notes):
        notes.append("The game is degenerate: it may have continua of equilibria.")
    equilibria = _mark_pareto(equilibria, tol)
    surviving, steps = iterated_elimination(payoffs, tol)
    return SolveResult(
        game=game,
        equilibria=tuple(equilibria),
        tol=tol,
        complete=complete,
        degenerate=degenerate,
        method=method,
        notes=tuple(notes),
        surviving=tuple(tuple(s) for s in surviving),
        eliminations=tuple(steps),
    )


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
    return [
        Equilibrium(e.profile, e.payoffs, e.regrets, e.outcome_probabilities, bool(f), e.exact_profile)
        for e, f in zip(equilibria, flags)
    ]
