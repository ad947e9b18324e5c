"""Logit quantal response equilibria: the principal branch, traced from λ = 0 to a Nash equilibrium.

At precision ``λ`` a logit QRE is a profile in which every player mixes
in proportion to ``exp(λ × payoff)`` of each strategy against the others'
mixes.  At ``λ = 0`` the only one is uniform play; as ``λ`` rises, the QRE
containing it form one curve (the principal branch) which, for generic
games, ends at one Nash equilibrium: the equilibrium the logit
correspondence selects (McKelvey and Palfrey 1995; Turocy 2005).  Gambit's
``logit_solve`` is the reference this module is tested against.

The branch is traced in ``(w, λ)`` where ``w`` are log-probabilities, by
predictor-corrector continuation along arclength (Allgower and Georg,
*Introduction to Numerical Continuation Methods*, ch. 2): the tangent is
the null vector of the Jacobian, the corrector is Newton's method with the
Moore-Penrose inverse.  Arclength rather than ``λ`` as the parameter lets
the curve turn back in ``λ``, as it does in some games; a step in which
the tangent turns sharply is retried shorter, since past a fold a long one
can land on another part of the curve.  A sign change of
the augmented Jacobian's determinant between two points is a bifurcation
crossed (turning points keep the sign): it is reported, because there the
branch followed is one of several and the limit may depend on the choice.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field

import numpy as np

from ..options import OptionError, check_integer, check_positive, check_tolerance
from .deadline import Deadline
from .regret import max_regret, regrets, resolve_tol

#: Gambit's defaults: the stopping regret (relative to the payoff range),
#: the first arclength step and the largest factor a step may grow by.
MAXREGRET = 1e-8
FIRST_STEP = 0.03
MAX_ACCEL = 1.1

#: Bounds on the work a caller may ask for.
MAX_STEPS = 100_000
DEFAULT_MAX_STEPS = 20_000
#: The largest precision traced or asked for, times the payoff range
#: (λ multiplies payoffs, so the bound scales with them).
MAX_SCALED_LAMBDA = 1e12
MAX_REQUESTED = 1000

#: Newton's method accepts a point once the residual is below this, and
#: gives up on a step after so many iterations or when an iteration does
#: not at least halve the correction (the step is then halved).
NEWTON_TOL = 1e-11
NEWTON_ITERATIONS = 8
CONTRACTION = 0.5
#: How far from 1 a probability sum may be before the point is shifted onto the simplex.
SUM_TOL = 1e-9
SMALLEST_STEP = 1e-12
#: A step is retried at half the length when the tangent turns by more than
#: ``arccos`` of this (about 8 degrees) within it.  Without the test, 7 of
#: 2000 random games of 2 and 3 players (normal payoffs) jumped, at a fold,
#: to another part of the curve and lost their way below λ = 0; with 0.9
#: (25 degrees) 1 still did; with 0.99 none, for 2 % more points.
MIN_TANGENT_COSINE = 0.99

#: Candidate supports of the limiting equilibrium: the strategies whose
#: traced probability is at least each of these cuts (a strategy that is a
#: best reply only in the limit can keep a small probability long after the
#: regret is small, so several cuts are tried, the smallest first).
SUPPORT_CUTS = (1e-6, 1e-4, 1e-3, 1e-2)


@dataclass(frozen=True, eq=False)
class LogitBranch:
    """The principal branch of the logit QRE correspondence, as traced.

    Attributes
    ----------
    shape : tuple of int
        Strategies per player.
    lambdas : numpy.ndarray
        ``(K,)``: precision at each traced point (from 0).
    profiles : numpy.ndarray
        ``(K, n_1 + ... + n_n)``: the QRE at each point, player after player.
    regrets : numpy.ndarray
        ``(K,)``: the largest regret of each point's profile.
    requested : tuple of (float, numpy.ndarray)
        The QRE at each requested precision, at the branch's first crossing
        of it (in the order asked), by Newton's method at that exact ``λ``.
    requested_regrets : tuple of numpy.ndarray
        Each player's regret at each requested QRE.
    unreached : tuple of float
        Requested precisions the trace never reached.
    limit : numpy.ndarray or None
        The Nash equilibrium the branch ends at: the last point refined on
        its support to an exact solution (when that verifies), else the last
        point itself; when the trace stopped short, the refined last point
        if it verifies, else None.
    limit_regrets : numpy.ndarray or None
        Each player's regret at ``limit``.
    limit_refined : bool
        ``limit`` is the refined solution (regrets at round-off).
    converged : bool
        The trace reached a profile whose largest regret is at most
        ``maxregret × (max payoff - min payoff)``.
    reason : str
        Why the trace stopped, in words.
    bifurcations : tuple of float
        Precisions near which a bifurcation was crossed.
    tol : float
        The regret tolerance the limit is verified with.
    parameters : dict
        ``method`` and the settings of the trace.
    game : NormalFormGame or None
        The game traced, when known (the API sets it; presenters name its
        players and strategies).
    """

    shape: tuple
    lambdas: np.ndarray
    profiles: np.ndarray
    regrets: np.ndarray
    requested: tuple
    requested_regrets: tuple
    unreached: tuple
    limit: np.ndarray | None
    limit_regrets: np.ndarray | None
    limit_refined: bool
    converged: bool
    reason: str
    bifurcations: tuple
    tol: float
    parameters: dict = field(default_factory=dict)
    game: object = None

    def with_game(self, game) -> "LogitBranch":
        """This branch naming ``game`` (a NormalFormGame)."""
        return dataclasses.replace(self, game=game)

    def names(self) -> tuple[list[str], list[list[str]]]:
        """Player names and strategy names: the game's, else ``p1``... and ``s1``..."""
        if self.game is not None:
            return list(self.game.players), [list(s) for s in self.game.strategies]
        return [f"p{p + 1}" for p in range(len(self.shape))], [[f"s{k + 1}" for k in range(n)] for n in self.shape]

    def to_frame(self, requested: bool = False):
        """The traced points (or, with ``requested=True``, the QRE at the requested λ) as a pandas DataFrame.

        Columns: ``lambda``, one ``PLAYER:STRATEGY`` column per strategy, and
        (traced points) ``max_regret``.
        """
        import pandas as pd

        players, strategies = self.names()
        columns = [f"{player}:{name}" for player, names in zip(players, strategies) for name in names]
        if requested:
            frame = pd.DataFrame([row for _, row in self.requested], columns=columns)
            frame.insert(0, "lambda", [lam for lam, _ in self.requested])
            return frame
        frame = pd.DataFrame(self.profiles, columns=columns)
        frame.insert(0, "lambda", self.lambdas)
        frame["max_regret"] = self.regrets
        return frame

    @property
    def is_nash(self) -> bool:
        """The limit is an equilibrium within :attr:`tol`."""
        return self.limit_regrets is not None and bool(self.limit_regrets.max() <= self.tol)

    def split(self, row: np.ndarray) -> list[np.ndarray]:
        """A row of all players' probabilities as one vector per player."""
        bounds = np.cumsum((0,) + tuple(self.shape))
        return [np.asarray(row[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def logit_branch(
    payoffs,
    lambdas=(),
    maxregret: float = MAXREGRET,
    first_step: float = FIRST_STEP,
    max_accel: float = MAX_ACCEL,
    max_steps: int = DEFAULT_MAX_STEPS,
    tol=None,
    deadline: Deadline | None = None,
) -> LogitBranch:
    """Trace the principal branch of the logit QRE correspondence.

    Parameters
    ----------
    payoffs : array_like
        ``(n_players, n_1, ..., n_n)``, at least 2 players.
    lambdas : sequence of float, optional
        Precisions at which to report the QRE: at least 0, at most
        ``1e12`` over the payoff range (``max - min``; 1e12 when all
        payoffs are equal).
    maxregret : float, default 1e-8
        Stop once the largest regret is at most this times the difference
        of the largest and smallest payoff (Gambit's criterion).
    first_step : float, default 0.03
        The first arclength step.
    max_accel : float, default 1.1
        The most a step may grow from one point to the next (more than 1).
    max_steps : int, default 20000
        Most points traced (at most 100000); the trace stops short, and
        says so, past it.
    tol : float, optional
        Regret tolerance the limit is verified with (default
        ``1e-9 × max |payoff|``).
    deadline : Deadline, optional
        Stop short (and say so) when it passes.

    Returns
    -------
    LogitBranch

    Examples
    --------
    Matching pennies with a bonus for (heads, heads): the branch ends at the
    only equilibrium, in which both players play heads 2/5 of the time.

    >>> A = np.array([[2.0, -1.0], [-1.0, 1.0]])
    >>> branch = logit_branch(np.array([A, -A]), lambdas=[1.0])
    >>> lam, profile = branch.requested[0]
    >>> lam, profile.round(4).tolist()
    (1.0, [0.4887, 0.5113, 0.3909, 0.6091])
    >>> branch.limit.round(6).tolist(), branch.is_nash, branch.bifurcations
    ([0.4, 0.6, 0.4, 0.6], True, ())
    """
    payoffs = np.asarray(payoffs, dtype=float)
    if payoffs.ndim < 3 or payoffs.shape[0] != payoffs.ndim - 1 or not np.isfinite(payoffs).all():
        raise OptionError("payoffs", f"shape {payoffs.shape}", "expected a finite array (n_players, n_1, ..., n_n) "
                                                               "of at least 2 players")
    spread = float(payoffs.max() - payoffs.min())
    cap = MAX_SCALED_LAMBDA / spread if spread > 0 else MAX_SCALED_LAMBDA
    wanted = _lambdas(lambdas, cap)
    maxregret = check_tolerance("maxregret", maxregret)
    first_step = check_positive("first_step", first_step)
    max_accel = float(check_positive("max_accel", max_accel))
    if max_accel <= 1.0:
        raise OptionError("max_accel", str(max_accel), "expected a number more than 1")
    max_steps = check_integer("max_steps", max_steps, 1, MAX_STEPS)
    tol_value = resolve_tol(payoffs, tol)
    shape = tuple(payoffs.shape[1:])
    system = _System(payoffs)
    stop_regret = maxregret * spread

    y = np.concatenate([-np.log(np.repeat(np.array(shape, dtype=float), shape)), [0.0]])
    J = system.evaluate(y)[1]
    t = _tangent(J)
    if t[-1] < 0:
        t = -t
    sign = _orientation(J, t)
    points, regrets = [y.copy()], [system.regret(y)]
    requested: dict[int, np.ndarray] = {i: np.exp(y[:-1]) for i, lam in enumerate(wanted) if lam == 0.0}
    bifurcations: list[float] = []
    h = first_step
    reason = ""
    # The trace goes on past the stopping regret until every requested λ is passed.
    farthest = max(wanted, default=0.0)
    converged = regrets[0] <= stop_regret
    # The regret and λ at which the stopping test first held.
    converged_at = (regrets[0], 0.0) if converged else None
    while not (converged and y[-1] >= farthest):
        if len(points) >= max_steps:
            reason = f"stopped after max_steps = {max_steps} points, at λ = {y[-1]:.6g}"
            break
        if deadline is not None and deadline.passed():
            reason = f"stopped by the time budget, at λ = {y[-1]:.6g}"
            break
        moved = _step(system, y, t, h)
        if moved is None:
            h /= 2
            if h < SMALLEST_STEP:
                reason = f"the corrector failed at λ = {y[-1]:.6g} (step below {SMALLEST_STEP:g})"
                break
            continue
        y_new, J_new, iterations = moved
        t_new = _tangent(J_new)
        if t_new @ t < 0:
            t_new = -t_new
        if t_new @ t < MIN_TANGENT_COSINE:
            # The curve turned sharply within one step: the corrector may
            # have landed on another part of it (a long step past a fold).
            h /= 2
            if h < SMALLEST_STEP:
                reason = f"the branch turned too sharply to follow at λ = {y[-1]:.6g} (step below {SMALLEST_STEP:g})"
                break
            continue
        new_sign = _orientation(J_new, t_new)
        if new_sign != sign and new_sign != 0 and sign != 0:
            bifurcations.append(float((y[-1] + y_new[-1]) / 2))
        sign = new_sign or sign
        for i, lam in enumerate(wanted):
            if i not in requested and (y[-1] - lam) * (y_new[-1] - lam) <= 0 and y[-1] != lam:
                requested[i] = system.at_lambda(y, y_new, lam)
        y, t = y_new, t_new
        points.append(y.copy())
        regrets.append(system.regret(y))
        if not converged and regrets[-1] <= stop_regret:
            converged, converged_at = True, (regrets[-1], y[-1])
        if converged and y[-1] >= farthest:
            break
        if y[-1] > cap:
            reason = (f"λ passed {cap:.3g} (1e12 over the payoff range) before "
                      + ("every requested λ was reached" if converged else f"the regret fell to {stop_regret:.3g}"))
            break
        if y[-1] < 0:
            reason = "the branch turned back below λ = 0 (a bifurcation at a non-generic game, or round-off)"
            break
        if iterations <= 3:
            h *= max_accel
    if converged:
        stopped = f"converged: largest regret {converged_at[0]:.3g} <= {stop_regret:.3g} at λ = {converged_at[1]:.4g}"
        reason = stopped if not reason else stopped + "; then " + reason
    path = np.array(points)
    profiles = np.exp(path[:, :-1])
    found = tuple((wanted[i], requested[i]) for i in range(len(wanted)) if i in requested)
    limit = limit_regrets = None
    refined = False
    if converged:
        limit, refined = _limit(system, system.profile(y), tol_value)
        limit_regrets = system.regrets_of(limit)
    elif len(points) > 1:
        # Stopped short (a failed corrector, often at a degenerate game's
        # large λ): the last point is still reported as the limit when its
        # refinement on a support verifies as an equilibrium.
        candidate, refined = _limit(system, system.profile(y), tol_value)
        if refined:
            limit, limit_regrets = candidate, system.regrets_of(candidate)
            reason += "; the last point, refined on its support, is an equilibrium"
    return LogitBranch(
        shape=shape,
        lambdas=path[:, -1],
        profiles=profiles,
        regrets=np.array(regrets),
        requested=found,
        requested_regrets=tuple(system.regrets_of(row) for _, row in found),
        unreached=tuple(wanted[i] for i in range(len(wanted)) if i not in requested),
        limit=limit,
        limit_regrets=limit_regrets,
        limit_refined=refined,
        converged=converged,
        reason=reason,
        bifurcations=tuple(bifurcations),
        tol=tol_value,
        parameters={"method": "logit principal branch (arclength continuation)", "maxregret": maxregret,
                    "first_step": first_step, "max_accel": max_accel, "max_steps": max_steps},
    )


def default_lambdas(payoffs) -> list[float]:
    """Precisions worth showing: 1, 3, 10, 30... times a power of ten, from ``0.1`` to ``300`` over the payoff range.

    ``λ`` multiplies payoffs, so what is a small or a large precision
    depends on their scale: at ``λ × range = 0.1`` play is near uniform, at
    300 it is near a Nash equilibrium.

    Examples
    --------
    >>> default_lambdas(np.array([[[0.0, 10.0]], [[5.0, 2.0]]]))
    [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0]
    """
    payoffs = np.asarray(payoffs, dtype=float)
    spread = float(payoffs.max() - payoffs.min()) if payoffs.size else 0.0
    if not spread > 0:
        return [0.1, 0.3, 1.0, 3.0, 10.0]
    low, high = 0.1 / spread, 300.0 / spread
    out = []
    for exponent in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for mantissa in (1, 3):
            lam = float(f"{mantissa}e{exponent}")
            if low * (1 - 1e-9) <= lam <= high * (1 + 1e-9):
                out.append(lam)
    return out


def _lambdas(values, cap: float) -> list[float]:
    values = list(values)
    if len(values) > MAX_REQUESTED:
        raise OptionError("lambdas", f"{len(values)} values", f"expected at most {MAX_REQUESTED}")
    out = []
    for value in values:
        lam = check_tolerance("lambdas", value)
        if lam > cap:
            raise OptionError("lambdas", str(value), f"expected a number from 0 to {cap:.3g} (1e12 over the payoff range)")
        out.append(float(lam))
    return out


def _tangent(J: np.ndarray) -> np.ndarray:
    """The unit null vector of the ``N × (N + 1)`` Jacobian."""
    q, _ = np.linalg.qr(J.T, mode="complete")
    return q[:, -1]


def _orientation(J: np.ndarray, t: np.ndarray) -> int:
    """Sign of the determinant of the Jacobian augmented by the tangent."""
    sign, _ = np.linalg.slogdet(np.vstack([J, t]))
    return int(sign)


def _step(system, y, t, h):
    """Predict ``h`` along ``t`` and correct by Newton.

    Returns the new point (each player's log-probabilities shifted so that
    the probabilities sum to 1 exactly), its Jacobian and the iterations
    taken, or None when the corrector fails (diverges, contracts too slowly,
    or moves farther than the step).  Far along the branch a losing
    strategy's log-probability is about ``-λ × gap``, so corrections are
    measured against the size of the point: below ``NEWTON_TOL`` times it
    they are round-off, and no longer need to contract.
    """
    z = y + h * t
    scale = NEWTON_TOL * max(1.0, float(np.abs(z).max()))
    previous = np.inf
    for iteration in range(NEWTON_ITERATIONS + 1):
        H, J = system.evaluate(z)
        if not np.isfinite(H).all():
            return None
        # The sums need only be near 1: the point is then shifted to sum 1 exactly.
        if previous <= scale and np.abs(H[system.sums]).max() <= SUM_TOL and np.abs(H).max() <= scale:
            # The shift is round-off: J (through the probabilities) moves by as little.
            return system.normalised(z), J, iteration
        if iteration == NEWTON_ITERATIONS:
            return None
        delta = np.linalg.lstsq(J, -H, rcond=None)[0]
        size = float(np.linalg.norm(delta))
        if size > scale and (size > h or size > CONTRACTION * previous):
            return None
        z = z + delta
        previous = size
    return None


@functools.lru_cache(maxsize=None)
def _pair_subscripts(n: int, player: int, other: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"[:n]
    rest = "".join("," + letters[q] for q in range(n) if q not in (player, other))
    return letters + rest + "->" + letters[player] + letters[other]


class _System:
    """The QRE equations in log-probabilities and λ, with their Jacobian.

    For each player ``i``: ``Σ_j exp(w_ij) = 1`` and, for every strategy
    ``j > 0``, ``w_ij - w_i0 = λ (u_ij - u_i0)`` where ``u_ij`` is the
    payoff of ``j`` against the others' mixes.
    """

    def __init__(self, payoffs: np.ndarray):
        self.payoffs = payoffs
        self.shape = tuple(payoffs.shape[1:])
        self.n = len(self.shape)
        self.bounds = np.cumsum((0,) + self.shape)
        #: The rows of the equations ``Σ exp(w_i) = 1``.
        self.sums = self.bounds[:-1]

    def normalised(self, y) -> np.ndarray:
        """``y`` with each player's log-probabilities shifted to sum of exp 1 (the differences, and so λ's equations, unchanged)."""
        z = y.copy()
        for a, b in zip(self.bounds[:-1], self.bounds[1:]):
            top = z[a:b].max()
            z[a:b] -= top + np.log(np.exp(z[a:b] - top).sum())
        return z

    def profile(self, y) -> list[np.ndarray]:
        sigma = np.exp(y[:-1])
        return [sigma[a:b] for a, b in zip(self.bounds[:-1], self.bounds[1:])]

    def tables(self, mixes):
        """``tables[i][k]``: payoff to ``i`` of each pair of its and ``k``'s strategies, the rest mixing."""
        return {(i, k): np.einsum(_pair_subscripts(self.n, i, k), self.payoffs[i],
                                  *[mixes[q] for q in range(self.n) if q not in (i, k)])
                for i in range(self.n) for k in range(self.n) if k != i}

    def _values(self, mixes, tables):
        return [tables[i, (i + 1) % self.n] @ mixes[(i + 1) % self.n] for i in range(self.n)]

    def evaluate(self, y) -> tuple[np.ndarray, np.ndarray]:
        """The residual of the equations at ``y`` and their Jacobian, ``N × (N + 1)``."""
        mixes = self.profile(y)
        tables = self.tables(mixes)
        values = self._values(mixes, tables)
        lam = y[-1]
        size = len(y) - 1
        H = np.empty(size)
        J = np.zeros((size, size + 1))
        for i, (a, b) in enumerate(zip(self.bounds[:-1], self.bounds[1:])):
            w = y[a:b]
            gains = values[i][1:] - values[i][0]
            H[a] = mixes[i].sum() - 1.0
            H[a + 1:b] = w[1:] - w[0] - lam * gains
            J[a, a:b] = mixes[i]
            J[a + 1:b, a] = -1.0
            J[np.arange(a + 1, b), np.arange(a + 1, b)] = 1.0
            J[a + 1:b, -1] = -gains
            for k in range(self.n):
                if k != i:
                    table = tables[i, k]
                    c, d = self.bounds[k], self.bounds[k + 1]
                    J[a + 1:b, c:d] = -lam * (table[1:] - table[0]) * mixes[k]
        return H, J

    def regret(self, y) -> float:
        return max_regret(self.payoffs, self.profile(y))

    def regrets_of(self, row: np.ndarray) -> np.ndarray:
        return regrets(self.payoffs, [row[a:b] for a, b in zip(self.bounds[:-1], self.bounds[1:])])

    def at_lambda(self, y0, y1, lam: float) -> np.ndarray:
        """The QRE at exactly ``lam`` between two traced points (Newton in ``w`` from the interpolation)."""
        share = 0.0 if y1[-1] == y0[-1] else (lam - y0[-1]) / (y1[-1] - y0[-1])
        z = y0 + share * (y1 - y0)
        z[-1] = lam
        scale = NEWTON_TOL * max(1.0, float(np.abs(z).max()))
        for _ in range(50):
            H, J = self.evaluate(z)
            if np.abs(H).max() <= scale:
                break
            # lstsq: a λ asked for exactly at a fold leaves J[:, :-1] singular.
            z[:-1] += np.linalg.lstsq(J[:, :-1], -H, rcond=None)[0]
        return np.exp(self.normalised(z)[:-1])


def _limit(system: "_System", mixes: list[np.ndarray], tol: float) -> tuple[np.ndarray, bool]:
    """The equilibrium near the end of the branch: refined on its support when that verifies."""
    last = np.concatenate(mixes)
    tried = set()
    for cut in SUPPORT_CUTS:
        supports = [np.flatnonzero(m >= min(cut, m.max())) for m in mixes]
        key = tuple(tuple(s) for s in supports)
        if key in tried:
            continue
        tried.add(key)
        refined = _refine(system, mixes, supports)
        if refined is not None:
            row = np.concatenate(refined)
            if max_regret(system.payoffs, refined) <= tol and np.abs(row - last).max() <= 1e-3:
                return row, True
    return last, False


def _refine(system: "_System", mixes: list[np.ndarray], supports) -> list[np.ndarray] | None:
    """Newton's method on the indifference conditions of ``supports``, from ``mixes`` restricted to them."""
    payoffs, n = system.payoffs, len(mixes)
    current = [np.zeros_like(m) for m in mixes]
    for p, s in enumerate(supports):
        current[p][s] = mixes[p][s] / mixes[p][s].sum()
    sizes = [len(s) for s in supports]
    bounds = np.cumsum([0] + sizes)
    if all(k == 1 for k in sizes):
        return current
    for _ in range(30):
        F = np.empty(bounds[-1])
        D = np.zeros((bounds[-1], bounds[-1]))
        tables = system.tables(current)
        for i, s in enumerate(supports):
            a, b = bounds[i], bounds[i + 1]
            values = tables[i, (i + 1) % n] @ current[(i + 1) % n]
            F[a] = current[i][s].sum() - 1.0
            D[a, a:b] = 1.0
            F[a + 1:b] = values[s[1:]] - values[s[0]]
            for k in range(n):
                if k != i:
                    table = tables[i, k][np.ix_(s, supports[k])]
                    D[a + 1:b, bounds[k]:bounds[k + 1]] = table[1:] - table[0]
        if np.abs(F).max() <= 1e-15 * max(1.0, float(np.abs(payoffs).max())):
            break
        delta = np.linalg.lstsq(D, -F, rcond=None)[0]
        for i, s in enumerate(supports):
            current[i][s] += delta[bounds[i]:bounds[i + 1]]
    if any((m < -1e-12).any() for m in current):
        return None
    return [np.clip(m, 0.0, None) / np.clip(m, 0.0, None).sum() for m in current]
