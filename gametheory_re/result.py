"""Result objects: equilibria with their regrets, what a solve found, and what
the other commands' API twins return (:mod:`gametheory_re.api`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .trees.model import GameTree
from .trees.parametric import ParametricTree
from .labels import LABEL_DIGITS, equilibrium_set_label, mixed_profile_label, profile_label, rounded_probabilities
from .normal_form import NormalFormGame
from .parametric import ParametricGame
from .solvers.backward_induction import SubgamePerfectResult
from .solvers.dominance import Elimination
from .trees.reduced import InducedNormalForm
from .solvers.continua import Component


#: An outcome whose probability is within this of 1 holds in an equilibrium,
#: within this of 0 does not (a probability, unlike the payoff tolerance ``tol``).
OUTCOME_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A (possibly mixed) Nash equilibrium, checked.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        One probability vector per player.
    payoffs : numpy.ndarray
        Expected payoff of each player.
    regrets : numpy.ndarray
        Each player's best deviation gain; all are within the solve's ``tol``.
    outcome_probabilities : dict of str to float
        Probability that each named outcome of the game happens.
    pareto_dominated : bool
        Another equilibrium found gives every player at least as much and
        someone more.
    strategy_values : tuple of numpy.ndarray
        Each player's payoff from each of its pure strategies against the
        others' mixes (what makes it a best response, or an indifference).
    pareto_dominators : tuple of tuple of int
        The pure profiles (equilibria or not) that give every player at
        least as much and someone more (within ``tol``), as strategy indices.
    exact_profile : tuple of tuple or None
        Exact probabilities (sympy numbers), when asked for and known.
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    regrets: np.ndarray
    outcome_probabilities: dict[str, float] = field(default_factory=dict)
    pareto_dominated: bool = False
    exact_profile: tuple[tuple, ...] | None = None
    pareto_dominators: tuple = ()
    strategy_values: tuple = ()

    def outcome_holds(self, name: str) -> bool | None:
        """Whether outcome ``name`` surely happens (True), surely not (False), or with some probability (None).

        Within :data:`OUTCOME_TOL` of probability 1 or 0.

        Examples
        --------
        >>> eq = Equilibrium((np.ones(1),), np.zeros(1), np.zeros(1), {"deal": 1.0, "war": 0.25})
        >>> eq.outcome_holds("deal"), eq.outcome_holds("war")
        (True, None)
        """
        probability = self.outcome_probabilities[name]
        if probability >= 1 - OUTCOME_TOL:
            return True
        return False if probability <= OUTCOME_TOL else None

    @property
    def is_pure(self) -> bool:
        """True when every player plays one strategy with probability 1."""
        return all(np.count_nonzero(p) == 1 for p in self.profile)

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player plays with positive probability."""
        return tuple(tuple(int(i) for i in np.flatnonzero(p)) for p in self.profile)

    @property
    def max_regret(self) -> float:
        """Largest regret over players."""
        return float(np.max(self.regrets))

    def label(self, game: NormalFormGame) -> str:
        """Stable label of the support, see :func:`equilibrium_label`."""
        return equilibrium_label(game.strategies, self.supports)

    def probability_label(self, game: NormalFormGame, digits: int = LABEL_DIGITS) -> str:
        """Label with each mixing player's probabilities rounded to ``digits`` decimals.

        Examples
        --------
        >>> game = NormalFormGame(("A", "B"), (("x", "y"), ("u", "v")), np.zeros((2, 2, 2)))
        >>> eq = Equilibrium((np.array([0.25, 0.75]), np.array([1.0, 0.0])), np.zeros(2), np.zeros(2))
        >>> eq.probability_label(game)
        '(x 0.25|y 0.75, u)'
        """
        return mixed_profile_label(game.strategies, self.supports, self.rounded(digits), digits)

    def rounded(self, digits: int = LABEL_DIGITS) -> tuple[tuple[int, ...], ...]:
        """Each player's probabilities in units of ``10**-digits``, as labels print them."""
        return tuple(tuple(rounded_probabilities(p, digits).tolist()) for p in self.profile)


@dataclass(frozen=True, eq=False)
class SolveResult:
    """Everything a solve found about one numeric game.

    Attributes
    ----------
    game : NormalFormGame
        The game that was solved.
    equilibria : tuple of Equilibrium
        Pure equilibria first (in profile order), then mixed ones.
    tol : float
        Every reported equilibrium has all regrets at most ``tol``.
    complete : bool
        True when the list is known to hold every equilibrium (for
        non-degenerate games: every one; for degenerate games it never is).
    degenerate : bool
        The game was detected to be degenerate.
    method : str
        Which solvers ran.
    notes : tuple of str
        What the user should know about the result, in plain words.
    surviving : tuple of tuple of int
        Strategies surviving iterated elimination of strictly dominated
        strategies (by pure or mixed strategies), per player.
    eliminations : tuple of Elimination
        The elimination steps, in order (see
        :class:`~gametheory_re.solvers.dominance.Elimination`).
    components : tuple of Component
        Continua of equilibria (games with 3+ players), see
        :class:`~gametheory_re.solvers.continua.Component`.
    weak_dominance : tuple of WeakDominance
        Strategies weakly (not strictly) dominated by another pure strategy
        in the whole game, reported and not eliminated (see
        :func:`~gametheory_re.solvers.dominance.weakly_dominated`).
    """

    def _repr_html_(self) -> str:
        # The notebook view: the same tables as ``gtre report``.
        from .presenters.html import result_html

        return result_html(self)


    game: NormalFormGame
    equilibria: tuple[Equilibrium, ...]
    tol: float
    complete: bool
    degenerate: bool
    method: str
    notes: tuple[str, ...] = ()
    surviving: tuple[tuple[int, ...], ...] = ()
    eliminations: tuple[Elimination, ...] = ()
    components: tuple[Component, ...] = ()
    weak_dominance: tuple = ()

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure equilibria."""
        return tuple(e for e in self.equilibria if e.is_pure)

    @property
    def labels(self) -> list[str]:
        """Labels of the equilibria, in order."""
        return [e.label(self.game) for e in self.equilibria]

    @property
    def set_label(self) -> str:
        """Label of the whole equilibrium set, as sweeps report it (see :func:`set_label`)."""
        return set_label(self.game.strategies, [e.supports for e in self.equilibria])

    def probability_label(self, digits: int = LABEL_DIGITS) -> str:
        """Label of the equilibrium set with probabilities, as sweep tables print it
        (see :func:`~gametheory_re.labels.equilibrium_set_label`)."""
        label = equilibrium_set_label(self.game.strategies, [(e.supports, e.rounded(digits)) for e in self.equilibria], digits)
        return NONE_FOUND if label is None else label


def equilibrium_label(strategies, supports) -> str:
    """Readable label of an equilibrium from its supports.

    ``(no_build, hedge, restrict)`` for a pure one; a mixing player's
    strategies are joined by ``|``, e.g. ``(engage|decouple, supply|restrict)``.
    """
    return profile_label(strategies, supports)


#: Label of a point where no equilibrium was found.
NONE_FOUND = "none found"


def set_label(strategies, supports_list) -> str:
    """Canonical label of a set of equilibria: pure ones first, in profile
    order, then mixed ones by support; joined by ``"; "``.

    The same set always gets the same label, whichever solver found it.
    """
    if not supports_list:
        return NONE_FOUND
    ordered = sorted(supports_list, key=lambda s: (any(len(x) > 1 for x in s), s))
    return "; ".join(equilibrium_label(strategies, s) for s in ordered)


@dataclass(frozen=True, eq=False)
class SequentialResult:
    """What a solve found about a game tree at one parameter point.

    Attributes
    ----------
    tree : GameTree
        The numeric tree that was solved.
    subgame_perfect : SubgamePerfectResult or None
        Every subgame-perfect equilibrium (backward induction); None when the
        tree has information sets (imperfect information).
    normal_form : InducedNormalForm
        The tree's reduced normal form.
    nash : SolveResult
        The Nash equilibria of the reduced normal form.
    marks : list of bool or None
        Per Nash equilibrium: subgame perfect or not (None: undecided, e.g. a
        mixed equilibrium).
    """

    def _repr_html_(self) -> str:
        # The notebook view: the same tables as ``gtre report``.
        from .presenters.html import sequential_html

        return sequential_html(self)


    tree: GameTree
    subgame_perfect: SubgamePerfectResult | None
    normal_form: InducedNormalForm
    nash: SolveResult
    marks: list[bool | None]


@dataclass(frozen=True, eq=False)
class GameDescription:
    """A game at one parameter point, as ``gtre show`` prints it.

    Attributes
    ----------
    game : ParametricGame or ParametricTree
        The game as loaded (formulas, parameters).
    numeric : NormalFormGame or GameTree
        The game at the point.
    best_responses : numpy.ndarray or None
        Normal-form games: booleans of the shape of ``numeric.payoffs``, true
        where the payoff is a best response to the others' strategies (within
        ``tol``); None for a tree.
    tol : float or None
        The tolerance of ``best_responses`` (None for a tree).
    """

    def _repr_html_(self) -> str:
        # The notebook view: the same tables as ``gtre report``.
        from .presenters.html import description_html

        return description_html(self)


    game: ParametricGame | ParametricTree
    numeric: NormalFormGame | GameTree
    best_responses: np.ndarray | None
    tol: float | None

    @property
    def nash_cells(self) -> np.ndarray | None:
        """Booleans of the shape of a profile: the pure Nash equilibria, where every payoff is a best response.

        Examples
        --------
        >>> from gametheory_re import show
        >>> show("prisoners_dilemma").nash_cells.tolist()
        [[False, False], [False, True]]
        """
        return None if self.best_responses is None else self.best_responses.all(axis=0)


@dataclass(frozen=True, eq=False)
class Validation:
    """A game that passed every check, as ``gtre validate`` reports it.

    Attributes
    ----------
    source : str
        Where the game came from (its file).
    game : ParametricGame or ParametricTree
        The game, checked at its default parameter point too.
    """

    source: str
    game: ParametricGame | ParametricTree


@dataclass(frozen=True, eq=False)
class GameEntry:
    """One bundled game, as ``gtre list`` lists it.

    Attributes
    ----------
    name : str
        What ``load_game`` and the commands accept.
    path : pathlib.Path
    game : ParametricGame or ParametricTree
    """

    name: str
    path: Path
    game: ParametricGame | ParametricTree


@dataclass(frozen=True)
class Conversion:
    """A game written as a Gambit file, as ``gtre convert`` writes it.

    Attributes
    ----------
    out : str
        The file written (empty when only the text was asked for).
    text : str
        The ``.nfg`` or ``.efg`` text.
    """

    out: str
    text: str


@dataclass(frozen=True, eq=False)
class Report:
    """Everything ``gtre report`` puts on its page, computed (the page itself is a presenter's work).

    Attributes
    ----------
    game : ParametricGame or ParametricTree
        The game as loaded: description, references, parameters.
    description : GameDescription
        The game at the report's point; for a normal-form game the payoff
        matrices with best responses and Nash cells marked.
    solution : SolveResult or SequentialResult
        Every equilibrium (exact probabilities where known).
    stage : GameDescription or None
        A move-order game: its simultaneous (normal-form) game at the point.
    efficient : tuple of tuple of int
        The Pareto-efficient pure profiles of the normal form (see
        :func:`~gametheory_re.solvers.pareto.efficient_profiles`).
    responses : tuple of numpy.ndarray or None
        2×2 games: both best-response correspondences (see
        :func:`~gametheory_re.solvers.best_response.response_curves`).
    regions : tuple or None
        Other two-player games with 2 or 3 strategies per player: both
        players' best-response regions
        (:func:`~gametheory_re.solvers.response_regions.response_regions`)
        and, per player, the equilibria grouped by that player's mix
        (:func:`~gametheory_re.solvers.response_regions.shared_mixes`).
    comparison : Comparison or None
        Simultaneous play against every move order (``gtre compare``);
        None with the reason in ``comparison_note``.
    comparison_note : str
    sweeps : tuple of SweepResult
        The maps asked for (``--sweep``), tables kept.
    conditions : ConditionsResult, SequentialConditions or None
        The exact conditions asked for (``--conditions``).
    params : dict of str to str
        The parameter values given (``--set``), as given.
    out : str
        The file written ('' when none was asked for).
    size : int
        Its size in bytes.
    """

    game: ParametricGame | ParametricTree
    description: GameDescription
    solution: SolveResult | SequentialResult
    stage: GameDescription | None = None
    efficient: tuple = ()
    responses: tuple | None = None
    regions: tuple | None = None
    comparison: object | None = None
    comparison_note: str = ""
    sweeps: tuple = ()
    conditions: object | None = None
    params: dict = field(default_factory=dict)
    out: str = ""
    size: int = 0

    def _repr_html_(self) -> str:
        # The notebook view: the page's body (style scoped to it), pictures inline.
        from .presenters.report_html import report_fragment

        return report_fragment(self)
