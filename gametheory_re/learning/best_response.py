"""Best-response dynamics: every player switches to a best reply to last period's profile."""

from __future__ import annotations

import numpy as np

from ..options import OptionError
from .result import check_choice, check_iterations, check_payoffs, check_seed, check_start, finish, values_against

TIES = ("stay", "first", "random")


def best_response_dynamics(payoffs, iterations: int = 100, start=None, tie: str = "stay", random_state=None,
                           tol=None):
    """Simultaneous best-response dynamics over pure profiles.

    Each iteration every player, at once, plays a best reply to the others'
    strategies of the previous iteration.  A pure Nash equilibrium is a
    fixed point; the dynamics stop there (``converged``) or when the
    profile returns to an earlier one (a cycle, said in ``notes``).

    Parameters
    ----------
    payoffs : array_like
        ``(n_players, n_1, ..., n_n)``.
    iterations : int
        At most this many updates.
    start : sequence, optional
        One strategy index (or pure probability vector) per player; default
        every player's first strategy.
    tie : {"stay", "first", "random"}
        Several best replies: keep the current strategy if it is one
        (``stay``, the usual convention, which makes every pure equilibrium
        a fixed point), the lowest index (``first``), or one drawn uniformly
        (``random``, with ``random_state``).
    random_state : int, optional
        Seed for ``tie="random"``.
    tol : float, optional
        Regret tolerance of the result's ``is_nash`` (default ``1e-6 × max |payoff|``).

    Returns
    -------
    LearningResult

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> pd = load_game("prisoners_dilemma").at().payoffs
    >>> result = best_response_dynamics(pd)
    >>> result.trajectory[-1].tolist(), result.converged_at, result.is_nash
    ([0.0, 1.0, 0.0, 1.0], 1, True)
    """
    payoffs = check_payoffs(payoffs)
    shape = payoffs.shape[1:]
    iterations = check_iterations(iterations, sum(shape))
    check_choice("tie", tie, TIES)
    rng = np.random.default_rng(check_seed(random_state, "random_state"))
    begin = check_start(start, shape)
    if begin is not None:
        for p, vector in enumerate(begin):
            if vector.max() != 1.0:
                raise OptionError("start", str(p), "best-response dynamics start from a pure profile: expected a "
                                                  "strategy index or a vector with one 1")
    current = [int(np.argmax(v)) for v in begin] if begin is not None else [0] * len(shape)
    seen = {tuple(current): 0}
    rows, plays, notes = [_row(current, shape)], [], []
    converged_at = None
    for t in range(1, iterations + 1):
        values = values_against(payoffs, [_pure(i, n) for i, n in zip(current, shape)])
        nxt = [_choose(v, c, tie, rng) for v, c in zip(values, current)]
        plays.append(nxt)
        rows.append(_row(nxt, shape))
        if nxt == current:
            converged_at = t - 1
            rows.pop()
            plays.pop()
            break
        if tuple(nxt) in seen and tie != "random":
            notes.append(f"cycle: the profile of iteration {t} is that of iteration {seen[tuple(nxt)]}")
            current = nxt
            break
        seen.setdefault(tuple(nxt), t)
        current = nxt
    trajectory = np.array(rows)
    steps = np.abs(np.diff(trajectory, axis=0)).max(axis=1) if len(rows) > 1 else np.zeros(0)
    parameters = {"iterations": iterations, "tie": tie, "random_state": random_state}
    return finish("best-response", parameters, payoffs, trajectory, np.arange(len(rows)), steps, converged_at, tol,
                  plays=np.array(plays, dtype=np.int64).reshape(-1, len(shape)), notes=notes)


def _pure(i: int, n: int) -> np.ndarray:
    v = np.zeros(n)
    v[i] = 1.0
    return v


def _row(profile, shape) -> np.ndarray:
    return np.concatenate([_pure(i, n) for i, n in zip(profile, shape)])


def _choose(values: np.ndarray, current: int, tie: str, rng) -> int:
    best = np.flatnonzero(values >= values.max() - 1e-12 * max(1.0, np.abs(values).max()))
    if tie == "stay" and current in best:
        return current
    if tie == "random":
        return int(rng.choice(best))
    return int(best[0])
