"""Examining support profiles one at a time: the state of :func:`~.polynomial.polynomial_equilibria`.

Each profile is pruned if it can be (:mod:`.support_pruning`), then solved
exactly (:mod:`.closed_forms`, else :mod:`.support_system`), by certified
boxes (:func:`~.support_pruning.box_search`) where no exact values are
wanted, numerically (:mod:`.numeric_support`) where exact algebra would be
too large, or described as a continuum (:mod:`.continua`).  Every exact
solution goes through one check (:meth:`SupportSearch._consider`); every
certified or numeric one through the float regret check.
"""

from __future__ import annotations

import numpy as np
import sympy

from ..algebra.groebner import AlgebraFailure, PositiveDimensional
from ..algebra.linear import rank
from ..labels import profile_label
from .closed_forms import closed_form_covers, fast_solutions
from .continua import (
    SAMPLE_ATTEMPTS,
    Component,
    affine_polytope,
    curved_description,
    curved_sample,
    maximal_components,
    polytope_description,
    rational_solution,
    single_mixer_point,
    single_mixer_vertices,
)
from .deadline import Deadline
from .exact_payoffs import ExactPayoffs
from .numeric_support import SAME, numeric_batch
from .regret import max_regret, regrets, stacked_strategy_values
from .solutions import AlgebraicSolution, ExactEquilibrium
from .support_pruning import bezout_number, box_batch_key, box_search, linear_rejected
from .support_system import SupportSystem, interior_empty, solve_system, supports_interior_empty

#: ``auto`` solves a support exactly when its system has at most this many
#: isolated solutions (multihomogeneous Bezout number): 10 is the 3x3x3
#: totally mixed case, 9 the 2x2x2x2 one.
MAX_EXACT_BEZOUT = 10
#: ... and at most this many unknowns.
MAX_EXACT_UNKNOWNS = 6
#: Supports whose systems may have at least this many solutions are first
#: put through :func:`~.support_pruning.box_search`; smaller ones are solved faster than tested.
_BOX_TEST_MIN_BEZOUT = 3
# The test's effort grows with the work it may save, within a budget of
# corner evaluations (a box has 2**unknowns corners).  Per possible solution,
# by the number of unknowns, for exact algebra: FLINT's Groebner basis of a
# 3x3x3 totally mixed support (6 unknowns) costs about 70 ms, as much as 3000
# boxes, but that of a 2x2x2x2 one (4 unknowns) about 13 ms, while the
# supports the test rules out at all it mostly rules out within 400 boxes;
# there a failing test is kept short (tuned on benchmarks/bench_nplayer.py's
# games: 2x2x2x2 0.34 -> 0.24 s and 2^5 3.4 -> 2.2 s over the games, 3x3x3
# unchanged).  Since boxes are cut down to their Krawczyk enclosure, 200
# boxes decide more 4-unknown supports than 50 did (2x2x2x2 0.17 -> 0.13 s,
# largest game 39 -> 16 ms; 5 and 6 unknowns gained nothing from more).
# The numeric path costs far more and deserves more boxes.
_EXACT_BOXES_PER_SOLUTION = {4: 200, 5: 120}  # more unknowns: 300
_NUMERIC_BOXES_PER_SOLUTION = 2000
_BOX_CORNERS = 1_000_000
#: From this many unknowns, a box test of a profile solved numerically costs
#: more than the numeric solve: it runs only while it can keep the answer complete.
_PROOF_ONLY_UNKNOWNS = 7


def _box_budget(exact: bool, unknowns, bezout: int) -> int:
    """Boxes :func:`~.support_pruning.box_search` may examine before a support is solved instead."""
    total = sum(unknowns)
    per_solution = _EXACT_BOXES_PER_SOLUTION.get(max(total, 4), 300) if exact else _NUMERIC_BOXES_PER_SOLUTION
    return min(per_solution * max(bezout, _BOX_TEST_MIN_BEZOUT), _BOX_CORNERS // 2**total)


def exact_affordable(unknowns) -> bool:
    """Whether ``auto`` solves a support profile exactly: ``unknowns[p]`` is player ``p``'s support size less one.

    Exact where at most two players mix (linear algebra and one quadratic),
    where the equations are overdetermined (Bezout number 0: generically
    inconsistent, which a Groebner basis finds fast whatever the size), or
    where they have at most :data:`MAX_EXACT_BEZOUT` solutions in at most
    :data:`MAX_EXACT_UNKNOWNS` unknowns.

    Examples
    --------
    >>> exact_affordable((2, 2, 2)), exact_affordable((1, 1, 1, 1)), exact_affordable((1, 1, 1, 1, 1))
    (True, True, False)
    """
    mixing = sum(k > 0 for k in unknowns)
    bezout = bezout_number(unknowns)
    return mixing <= 2 or bezout == 0 or (sum(unknowns) <= MAX_EXACT_UNKNOWNS and bezout <= MAX_EXACT_BEZOUT)


class SupportSearch:
    """Examines support profiles one at a time and accumulates what they hold.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Float payoffs, shape ``(n_players, n_1, ..., n_n)``.
    exact_payoffs : numpy.ndarray, ExactPayoffs or None
        The same as sympy numbers (see :class:`~.exact_payoffs.ExactPayoffs`),
        or an :class:`~.exact_payoffs.ExactPayoffs` of them.
    tol : float
        Regret tolerance.
    method : {"auto", "exact", "numeric"}
    rng : numpy.random.Generator
        For numeric starts and sample points on curved continua.
    want_exact : bool
        Attach exact values to isolated equilibria.
    deadline : Deadline, optional

    Attributes
    ----------
    equilibria : list of ExactEquilibrium
    components : list of Component
    notes : list of str
    complete : bool
    tried, pruned : int
        Support profiles examined, and ruled out before solving.
    """

    def __init__(self, payoffs, exact_payoffs, tol, method, rng, want_exact, deadline=None):
        self.payoffs = payoffs
        self.exact_payoffs = exact_payoffs
        self.tol = tol
        self.method = method
        self.rng = rng
        self.want_exact = want_exact
        self.deadline = deadline if deadline is not None else Deadline()
        self.scale = max(1.0, float(np.max(np.abs(payoffs)))) if payoffs.size else 1.0
        self._game = None
        self.equilibria: list[ExactEquilibrium] = []
        self._known: list[np.ndarray] = []  # each equilibrium's probabilities, concatenated
        self.components: list[Component] = []
        self._polytope_supports: list = []  # supports of each polytope component, in order
        self.notes: list[str] = []
        self.complete = True
        self.tried = 0
        self.pruned = 0
        self.numeric_supports = 0
        self.approximate = 0
        self._box_groups: dict = {}  # box_batch_key -> profiles still to be box-tested (see expect)
        self._box_verdicts: dict = {}  # profile -> its box test's verdict, until examined
        self._closed_groups: dict = {}  # box_batch_key -> profiles still to be solved in closed form (see expect)
        self._closed_found: dict = {}  # profile -> its closed form's candidates, until examined
        self._pending: dict = {}  # box_batch_key -> {profile: None}: announced, not yet examined, not exact
        self._numeric_found: dict = {}  # profile -> its numeric solutions, solved in a batch, until examined
        self._affordable: dict = {}  # unknowns -> exact_affordable(unknowns)
        self._covered: dict = {}  # unknowns -> closed_form_covers of those sizes
        # Each profile's numeric starts come from its own generator, seeded from
        # this and the profile: they do not depend on the order profiles come in.
        self._seed = int(rng.integers(2**63))

    @property
    def game(self) -> ExactPayoffs:
        """The exact payoffs, built on first use: many games never need them."""
        if self._game is None:
            given = self.exact_payoffs
            self._game = given if isinstance(given, ExactPayoffs) else ExactPayoffs(self.payoffs, given)
        return self._game

    @property
    def faithful(self) -> bool:
        """The exact payoffs, if built, are the game's (not decimal stand-ins for irrationals)."""
        return self._game is None or self._game.faithful

    def incomplete(self, note: str) -> None:
        self.complete = False
        self.notes.append(note)

    def ordered(self, supports) -> list:
        """The order :meth:`examine` is best given the profiles in: theirs, but proof-only box tests last.

        Profiles that will be solved numerically with at least
        :data:`_PROOF_ONLY_UNKNOWNS` unknowns are box-tested only while the
        answer can still be complete (:meth:`_box_test_pays`); they go last,
        the largest first, as the largest are the likeliest to fail the test
        (4x4x4 games: no 8-unknown profile was decided), after which the
        others skip it.
        """
        def proof_only(support):
            unknowns = tuple(len(s) - 1 for s in support)
            return (
                sum(unknowns) >= _PROOF_ONLY_UNKNOWNS and not self._use_exact(unknowns)
                and not self._tries_closed_form(False, unknowns)
            )

        last = [s for s in supports if proof_only(s)]
        if not last:
            return list(supports)
        first = [s for s in supports if not proof_only(s)]
        return first + sorted(last, key=lambda s: -sum(len(x) for x in s))

    def expect(self, supports) -> None:
        """Announce the profiles :meth:`examine` will be given, so that their box tests run in batches.

        The profiles of one :func:`~.support_pruning.box_batch_key` (support
        sizes, up to the order of the players) that :meth:`examine` would
        box-test before any algebra are tested together (by
        :func:`~.support_pruning.box_search`) when the first of them is
        examined: the verdicts are the ones each would get alone, at a
        fraction of the NumPy calls.  Likewise the closed forms of the
        profiles that have one are solved together, their candidates'
        regrets computed in one batch (:meth:`_closed_form`).  They all have
        the same total size, and
        :func:`~.support_pruning.surviving_supports` orders profiles by total
        size first, so the batching does not delay the smaller profiles.
        """
        shape = self.payoffs.shape[1:]
        for support in supports:
            unknowns = tuple(len(s) - 1 for s in support)
            if not self._use_exact(unknowns):  # may be solved numerically, in a batch (see _numeric)
                self._pending.setdefault(box_batch_key(shape, support), {})[support] = None
            if self._box_tested_first(unknowns):
                self._box_groups.setdefault(box_batch_key(shape, support), []).append(support)
            if any(unknowns) and self._tries_closed_form(self._use_exact(unknowns), unknowns):
                self._closed_groups.setdefault(box_batch_key(shape, support), []).append(support)

    def _box_tested_first(self, unknowns) -> bool:
        """Whether :meth:`examine` box-tests a profile with these unknowns before anything else.

        So it does where it solves numerically, or exactly where the system
        may have :data:`_BOX_TEST_MIN_BEZOUT` or more solutions and no closed
        form covers it (a closed form that gives up leads to a test too,
        which is then run alone).
        """
        exact = self._use_exact(unknowns)
        if (exact and not any(unknowns)) or self._tries_closed_form(exact, unknowns):
            return False
        return not exact or bezout_number(unknowns) >= _BOX_TEST_MIN_BEZOUT

    def _tries_closed_form(self, exact: bool, unknowns) -> bool:
        """Whether :meth:`examine` tries a closed form (:func:`~.closed_forms.fast_solutions`) first.

        Where it solves exactly, and under ``auto`` also where it would solve
        numerically: a closed form costs milliseconds (the 2x4x4 supports of
        4x4x4 games, 7 unknowns, took 24 ms of box test and then numeric
        solves) and its solutions are exact; where it gives up, the profile
        goes the way it would have gone.
        """
        if not (exact or self.method == "auto"):
            return False
        if unknowns not in self._covered:  # asked several times per profile; the sizes decide
            self._covered[unknowns] = closed_form_covers([k + 1 for k in unknowns])
        return self._covered[unknowns]

    def _box_test_pays(self, support, unknowns) -> bool:
        """Whether a profile solved numerically is box-tested first.

        Up to :data:`_PROOF_ONLY_UNKNOWNS` unknowns the test costs less than
        the numeric solve it saves.  From there on it costs more (4x4x4
        games: 27 ms per 7-unknown profile against 18 ms for the numeric
        solve, and 41 ms per 8-unknown one, which no test decided), so its one
        use is the proof that a profile is empty, which keeps the answer
        complete.  Once some profile has been solved numerically, the answer
        is incomplete whatever the rest hold, and the test is skipped (over
        benchmarks/bench_nplayer.py's 4x4x4 games it decided 201 of 300 such
        profiles, in about 4 s of 15, and certified no equilibrium).  A batch
        already run gives its verdict for free.
        """
        if support in self._box_verdicts or sum(unknowns) < _PROOF_ONLY_UNKNOWNS:
            return True
        return self.complete and not self.numeric_supports

    def _box_verdict(self, support, budget: int, certify: bool):
        """This profile's :func:`~.support_pruning.box_search` verdict, from its batch (see :meth:`expect`) or alone."""
        return self._batched(
            support, self._box_groups, self._box_verdicts,
            lambda group: box_search(self.payoffs, group, self.tol, budget, self.deadline, certify),
        )

    def _closed_form(self, support):
        """The candidates of this profile's closed form, from its batch (see :meth:`expect`) or alone.

        None where :func:`~.closed_forms.fast_solutions` does not apply, else
        ``(solution, profile, worst, values)`` for each solution
        :meth:`_candidate` keeps: its float profile, its largest regret, and
        each player's strategy values, the whole batch's computed at once
        (2x2x2x2 games: some 7 candidates each).
        """
        return self._batched(support, self._closed_groups, self._closed_found, self._closed_forms)

    def _closed_forms(self, group) -> list:
        """:meth:`_closed_form` of each profile of ``group``."""
        found, candidates = [], []
        for support in group:
            self.deadline.check()
            solutions = fast_solutions(self.game, support)
            found.append(None if solutions is None else [])
            for solution in solutions or ():
                profile = self._candidate(solution)
                if profile is not None:
                    found[-1].append((solution, profile))
                    candidates.append(profile)
        if not candidates:
            return found
        stacks = [np.array([profile[p] for profile in candidates]) for p in range(len(candidates[0]))]
        values = stacked_strategy_values(self.payoffs, stacks)
        worst = np.full(len(candidates), -np.inf)
        for v, x in zip(values, stacks):
            worst = np.maximum(worst, v.max(axis=1) - (v * x).sum(axis=1))
        scores = iter(zip(worst.tolist(), zip(*values)))
        return [
            None if kept is None else [(solution, profile, *next(scores)) for solution, profile in kept]
            for kept in found
        ]

    def _batched(self, support, groups: dict, verdicts: dict, decide):
        """``support``'s verdict from ``verdicts``, deciding its announced group first (``decide(profiles)``, a list)."""
        if support not in verdicts:
            key = box_batch_key(self.payoffs.shape[1:], support)
            group = groups.pop(key, [])
            if support not in group:  # not announced: decided alone, the batch left for its own profiles
                if group:
                    groups[key] = group
                group = [support]
            verdicts.update(zip(group, decide(group)))
        return verdicts.pop(support)

    def _certifies(self, exact: bool) -> bool:
        """Whether the box test may certify equilibria, instead of exact algebra or the numeric path.

        Under ``auto``, for profiles solved numerically, and for those solved
        exactly when no exact values are wanted: a certified equilibrium is
        exact, isolated and strict, but its values are floats.
        """
        return self.method == "auto" and not (exact and self.want_exact)

    def _certified(self, support, unknowns: np.ndarray) -> None:
        """Add the equilibrium :func:`~.support_pruning.box_search` certified, from its unknowns' values."""
        profile, at = [], 0
        for n, s in zip(self.payoffs.shape[1:], support):
            v = np.zeros(n)
            v[list(s)] = np.concatenate([[1.0 - unknowns[at : at + len(s) - 1].sum()], unknowns[at : at + len(s) - 1]])
            at += len(s) - 1
            profile.append(v)
        if self._regret_exceeds(profile):
            self.incomplete(
                f"Supports {profile_label(None, support)}: an equilibrium certified by interval bounds fails the "
                f"regret check at tol={self.tol:.3g} once rounded to floats, and is not listed."
            )
            return
        self._add(ExactEquilibrium(tuple(profile), None))

    def examine(self, support) -> None:
        """Add what one support profile holds: equilibria, continua, or nothing."""
        self.tried += 1
        if self._pending:
            self._pending.get(box_batch_key(self.payoffs.shape[1:], support), {}).pop(support, None)
        unknowns = tuple(len(s) - 1 for s in support)
        exact = self._use_exact(unknowns)
        if exact and not any(unknowns):
            self._pure(tuple(s[0] for s in support))
            return
        candidates = self._closed_form(support) if self._tries_closed_form(exact, unknowns) else None
        if candidates is not None:
            for solution, profile, worst, values in candidates:
                self._judge(solution, profile, worst, values)
            return
        if exact and sum(k > 0 for k in unknowns) == 1 and self._single_mixer_continuum(support):
            # fast_solutions gives None for one mixing player only when it is
            # indifferent among its support: a polytope of its mixes.
            return
        bezout = bezout_number(unknowns)
        if (exact and bezout >= _BOX_TEST_MIN_BEZOUT) or (not exact and self._box_test_pays(support, unknowns)):
            verdict = self._box_verdict(support, _box_budget(exact, unknowns, bezout), self._certifies(exact))
            if verdict is not None:
                self.pruned += not len(verdict)
                for values in verdict:
                    self._certified(support, values)
                return
        if not exact:
            self._numeric(support)
            return
        if sum(k > 0 for k in unknowns) == 2 and linear_rejected(self.payoffs, support, self.tol, self.scale):
            self.pruned += 1
            return
        system = SupportSystem(self.game, support)
        self.deadline.check()
        try:
            found = solve_system(system)
        except AlgebraFailure as exc:
            self.incomplete(f"Supports {profile_label(None, support)}: exact algebra failed ({exc}); solved numerically instead.")
            self._numeric(support)
            return
        if isinstance(found, PositiveDimensional):
            self._continuum(system, found)
        else:
            for point in found:
                self._consider(AlgebraicSolution(system, point))

    def _use_exact(self, unknowns) -> bool:
        if self.method != "auto":
            return self.method == "exact"
        # Asked several times for every profile, and it depends on the sizes only.
        if unknowns not in self._affordable:
            self._affordable[unknowns] = exact_affordable(unknowns)
        return self._affordable[unknowns]

    def _pure(self, profile: tuple[int, ...]) -> None:
        """A pure profile that survived pruning: check it, exactly too."""
        columns = [self.payoffs[(p,) + profile[:p] + (slice(None),) + profile[p + 1:]] for p in range(len(profile))]
        if any(c.max() - c[s] > self.tol for c, s in zip(columns, profile)):
            return
        if self.exact_payoffs is None:
            # The exact payoffs are the floats' decimals, which order as the floats do.
            exact_ok = all(c.max() <= c[s] for c, s in zip(columns, profile))
        else:
            exact_ok = all(
                u[profile] >= max(u[profile[:p] + (t,) + profile[p + 1:]] for t in range(u.shape[p]))
                for p, u in enumerate(self.game.integer)
            )
        self.approximate += not exact_ok
        floats = tuple(np.eye(n)[s] for n, s in zip(self.payoffs.shape[1:], profile))
        exact = None
        if exact_ok and self.faithful and self.want_exact:
            exact = tuple(tuple(sympy.Integer(int(t == s)) for t in range(len(v))) for v, s in zip(floats, profile))
        self._add(ExactEquilibrium(floats, exact))

    def _consider(self, solution) -> None:
        """Add an exact solution (QuadraticPoint or AlgebraicSolution) if it is an equilibrium (and new)."""
        profile = self._candidate(solution)
        if profile is not None:
            self._judge(solution, profile, max_regret(self.payoffs, profile))

    def _candidate(self, solution):
        """An exact solution's float profile, or None if it is clearly no equilibrium (or outside the simplex)."""
        rough = solution.rough_profile()
        if rough is not None:
            # First rule out, with floats and their error bounds, what clearly fails.
            approximate, error = rough
            if min(v.min() for v in approximate) < -error - 1e-12:
                return None
            slack = 8 * len(approximate) * self.scale * error + 1e-12 * self.scale
            if max_regret(self.payoffs, [np.clip(v, 0.0, None) for v in approximate]) > self.tol + slack:
                return None
        if not solution.in_simplex():
            return None
        return solution.float_profile()

    def _judge(self, solution, profile, worst: float, values=None) -> None:
        """Add a :meth:`_candidate` (``worst``: its :func:`~.regret.max_regret`, up to round-off) if it is an equilibrium.

        ``values``: each player's strategy values at ``profile``, if known
        (see :meth:`_clearly_exact`).
        """
        if self._regret_exceeds(profile, worst):
            # Only within the round-off margin of tol can it still be an exact
            # equilibrium (tol = 0, say); far above, the exact test is moot.
            if worst <= self.tol + self._regret_margin and solution.is_exact_equilibrium():
                self.incomplete(
                    f"An exact equilibrium on supports {profile_label(None, solution.supports)} fails the regret check "
                    f"at tol={self.tol:.3g} once rounded to floats, and is not listed."
                )
            return
        exact_ok = (values is not None and self._clearly_exact(profile, values)) or solution.is_exact_equilibrium()
        self.approximate += not exact_ok
        exact = solution.exact_values() if exact_ok and self.faithful and self.want_exact else None
        self._add(ExactEquilibrium(profile, exact))

    def _clearly_exact(self, profile, values) -> bool:
        """Floats prove an exact solution of its support's equations an exact equilibrium.

        The strategies it plays are exactly indifferent (it solves the
        equations exactly), so it is one when every strategy not played earns
        less than those played, by more than the round-off margin: no exact
        arithmetic needed (2x2x2x2 games: 45 us per equilibrium).
        """
        for x, v in zip(profile, values):
            played, unplayed = [], []
            for p, value in zip(x.tolist(), v.tolist()):
                (played if p > 0 else unplayed).append(value)
            if unplayed and max(played) - max(unplayed) <= self._regret_margin:
                return False
        return True

    @property
    def _regret_margin(self) -> float:
        """How far :func:`~.regret.max_regret` and :func:`~.regret.regrets` can differ by round-off."""
        return (1e-12 + 4e-16 * self.payoffs[0].size) * self.scale

    def _regret_exceeds(self, profile, worst: float | None = None) -> bool:
        """``max(regrets(payoffs, profile)) > tol``, mostly decided by the cheaper :func:`~.regret.max_regret` (``worst``).

        The two differ by float round-off only: at most about ``2 m eps``
        times the largest payoff for sums of ``m`` terms, below the margin
        used.  Within it, :func:`regret.regrets` decides.
        """
        if worst is None:
            worst = max_regret(self.payoffs, profile)
        if abs(worst - self.tol) > self._regret_margin:
            return worst > self.tol
        return np.max(regrets(self.payoffs, profile)) > self.tol

    def _accepted(self, profile) -> bool:
        return not self._regret_exceeds(profile)

    def _add(self, equilibrium: ExactEquilibrium) -> None:
        flat = np.concatenate(equilibrium.profile)
        if self._known and np.min(np.max(np.abs(np.array(self._known) - flat), axis=1)) <= SAME:
            return  # no probability differs by more than SAME from a known equilibrium's
        self._known.append(flat)
        self.equilibria.append(equilibrium)

    def _numeric(self, support) -> None:
        """Solve a profile numerically, together with the announced profiles of its batch key sure to need it too."""
        self.numeric_supports += 1
        if support not in self._numeric_found:
            group = [support] + self._surely_numeric(support)
            found = numeric_batch(self.payoffs, group, self.tol, [self._numeric_rng(s) for s in group], self.deadline)
            self._numeric_found.update(zip(group, found))
        for profile in self._numeric_found.pop(support):
            self._add(ExactEquilibrium(profile, None))

    def _surely_numeric(self, support) -> list:
        """The profiles not yet examined, of ``support``'s batch key, that :meth:`examine` will solve numerically.

        Those solved numerically under ``auto`` with no closed form to try,
        whose box test has failed, or will be skipped: from
        :data:`_PROOF_ONLY_UNKNOWNS` unknowns, once a profile has been solved
        numerically (:meth:`_box_test_pays`).  Solving them in one batch
        with this one costs a fraction of the NumPy calls (4x4x4 games: the
        numeric solves of 3x3x4 profiles took 60 iterations each, a few ms per
        profile in Python overhead alone).
        """
        out = []
        for other in self._pending.get(box_batch_key(self.payoffs.shape[1:], support), ()):
            unknowns = tuple(len(s) - 1 for s in other)
            if other == support or self._use_exact(unknowns) or self._tries_closed_form(False, unknowns):
                continue
            if other in self._box_verdicts:
                if self._box_verdicts[other] is None:
                    out.append(other)
            elif sum(unknowns) >= _PROOF_ONLY_UNKNOWNS:
                out.append(other)
        return out

    def _numeric_rng(self, support) -> np.random.Generator:
        """The generator of a profile's numeric starts: from the search's seed and the profile's strategies."""
        masks = tuple(sum(1 << s for s in strategies) for strategies in support)
        return np.random.default_rng(np.random.SeedSequence(self._seed, spawn_key=masks))

    def _continuum(self, system: SupportSystem, found: PositiveDimensional) -> None:
        if interior_empty(system):
            return  # its equilibria, if any, use fewer strategies: other profiles hold them
        if found.linear:
            vertices = affine_polytope(system, found, self.deadline)
            if vertices is not None:
                self._polytope_component(system.supports, vertices, lambda values: rational_solution(system, values))
                return
        self._curved_component(system, found)

    def _single_mixer_continuum(self, support) -> bool:
        """:meth:`_continuum` where one player mixes, indifferent, and the others are pure, in exact rationals.

        False when the general method is needed (too many vertex candidates:
        a description by constraints).
        """
        if supports_interior_empty(self.game, support):
            return True
        vertices = single_mixer_vertices(self.game, support, self.deadline)
        if vertices is None:
            return False
        self._polytope_component(support, vertices, lambda values: single_mixer_point(self.game, support, values))
        return True

    def _polytope_component(self, supports, vertices, solution_of) -> None:
        """Report the polytope with these vertices (each a list of the unknowns' rational values).

        ``solution_of`` turns such values into the solution there.
        """
        extreme = []
        for values in vertices:
            solution = solution_of(values)
            profile = solution.float_profile()
            if not self._regret_exceeds(profile):
                extreme.append(ExactEquilibrium(profile, solution.exact_values() if self.faithful else None))
        if len(extreme) < len(vertices):
            self.incomplete(
                f"Supports {profile_label(None, supports)}: {len(vertices) - len(extreme)} exact extreme point(s) of a set "
                f"of equilibria fail the regret check at tol={self.tol:.3g} once rounded to floats."
            )
        if len(extreme) <= 1:
            for e in extreme:  # a polytope of one point: an isolated equilibrium
                self._add(ExactEquilibrium(e.profile, e.exact if self.want_exact else None))
            return
        dimension = rank([[c - b for c, b in zip(v, vertices[0])] for v in vertices[1:]])
        centre = solution_of([sum(c) / len(vertices) for c in zip(*vertices)]).float_profile()
        sample = centre if not self._regret_exceeds(centre) else extreme[0].profile
        description = polytope_description(supports, dimension, extreme)
        self.components.append(Component(supports, dimension, description, sample, tuple(extreme)))
        self._polytope_supports.append(supports)

    def _curved_component(self, system: SupportSystem, found: PositiveDimensional) -> None:
        sample = curved_sample(system, found, self.rng, self._accepted)
        equations, names = curved_description(system, found)
        if sample is None:
            self.incomplete(
                f"Supports {profile_label(None, system.supports)}: the indifference equations have a "
                f"{found.dimension}-dimensional set of solutions ({equations}; free: {names}), and none of "
                f"{SAMPLE_ATTEMPTS} points tried on it is an equilibrium; equilibria on it may be missing."
            )
            return
        description = (
            f"Equilibria on supports {profile_label(None, system.supports)} form a set of dimension at most "
            f"{found.dimension}: the points with {equations} (free parameters {names}), every probability "
            "at least 0 and no pure deviation better."
        )
        self.components.append(Component(system.supports, found.dimension, description, sample))

    def maximal_components(self) -> list[Component]:
        """The components, less polytopes inside another (decided exactly, with faithful payoffs only)."""
        if not self.faithful or len(self._polytope_supports) < 2:
            return self.components
        return maximal_components(self.components, self._polytope_supports, self.game)

    def finish(self) -> None:
        """Add the closing notes: numeric supports, approximate equilibria, irrational payoffs."""
        if self.numeric_supports:
            self.incomplete(
                f"{self.numeric_supports} support profile(s) were solved numerically (damped Newton steps from "
                "random starts), which can miss equilibria and cannot detect continua: the list may be incomplete."
            )
        if self.approximate:
            self.notes.append(
                f"{self.approximate} equilibrium(s) pass the regret check only within tol: exactly, some "
                "deviation gains a little, so no exact values are given for them."
            )
        if not self.faithful:
            self.notes.append(
                "Some exact payoffs are irrational; the algebra used the decimal values of the floats, "
                "so no exact probabilities are given."
            )
