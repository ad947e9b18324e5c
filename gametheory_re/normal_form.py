"""A game in normal form at one parameter point: numbers, not formulas.

This is what every solver consumes.  It is produced by evaluating a
:class:`~gametheory_re.parametric.ParametricGame` at a parameter point, read
directly from a Gambit ``.nfg`` file, or built from payoff arrays
(:meth:`NormalFormGame.from_arrays`).  A data module: the checks of a profile
(:meth:`~NormalFormGame.regrets`, :meth:`~NormalFormGame.is_nash`) call
:mod:`~gametheory_re.solvers.regret`.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np
import sympy

from .errors import UnsupportedError
from .labels import profile_label
from .limits import MAX_PLAYERS, MAX_PROFILES, MAX_STRATEGIES
from .solvers import regret

#: How far from 1 a probability vector of a profile may sum (the sum of
#: normalised doubles is off by round-off only).
PROFILE_SUM_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """Payoffs of an n-player game in strategic form.

    Parameters
    ----------
    players : tuple of str
        Player names, in order.
    strategies : tuple of tuple of str
        Strategy names of each player.
    payoffs : numpy.ndarray
        Float array of shape ``(n_players, n_1, ..., n_n)``; ``payoffs[p][s]``
        is player ``p``'s payoff at pure profile ``s``.
    exact_payoffs : numpy.ndarray or None
        The same payoffs as exact sympy numbers (object array), where known.
        Used to compute exact equilibria.
    title : str
        A human-readable name.
    outcomes : mapping of str to numpy.ndarray
        Named outcomes: boolean arrays of shape ``(n_1, ..., n_n)`` that say at
        which pure profiles the outcome holds.
    parameters : mapping of str to float
        The parameter point the payoffs were evaluated at (empty for games
        without parameters).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_re import NormalFormGame
    >>> dilemma = NormalFormGame(
    ...     players=("Row", "Column"),
    ...     strategies=(("cooperate", "defect"), ("cooperate", "defect")),
    ...     payoffs=np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float),
    ... )
    >>> dilemma.payoffs.shape          # (n_players, n_1, n_2)
    (2, 2, 2)
    >>> float(dilemma.payoffs[0][1, 0])   # Row's payoff when Row defects and Column cooperates
    5.0
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray
    exact_payoffs: np.ndarray | None = None
    title: str = ""
    outcomes: Mapping[str, np.ndarray] = field(default_factory=dict)
    parameters: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self):
        shape = tuple(len(s) for s in self.strategies)
        if len(self.players) != len(self.strategies):
            raise ValueError("one strategy list is needed per player")
        if not 1 <= len(self.players) <= MAX_PLAYERS:
            raise ValueError(f"a game needs 1 to {MAX_PLAYERS} players")
        if any(n < 1 or n > MAX_STRATEGIES for n in shape):
            raise ValueError(f"each player needs 1 to {MAX_STRATEGIES} strategies")
        if int(np.prod(shape)) > MAX_PROFILES:
            raise ValueError(f"a game may have at most {MAX_PROFILES} pure profiles")
        payoffs = np.asarray(self.payoffs, dtype=float)
        if payoffs.shape != (len(self.players),) + shape:
            raise ValueError(
                f"payoffs have shape {payoffs.shape}, expected {(len(self.players),) + shape}"
            )
        if not np.all(np.isfinite(payoffs)):
            raise ValueError("payoffs must be finite numbers")
        payoffs.setflags(write=False)
        object.__setattr__(self, "payoffs", payoffs)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return self.payoffs.shape[1:]

    def profile_label(self, profile) -> str:
        """Readable label of a pure profile given as strategy indices, e.g. ``(build, align, supply)``."""
        return profile_label(self.strategies, tuple(int(i) for i in profile))

    def strategy_index(self, player: int, name: str) -> int:
        """Index of strategy ``name`` of player number ``player``."""
        return self.strategies[player].index(name)

    def to_nashpy(self):
        """The game as a ``nashpy.Game``, the project's reference for 2-player games.

        Returns
        -------
        nashpy.Game
            Built from the float payoff matrices (row player, column player).

        Raises
        ------
        UnsupportedError
            For a game that does not have exactly 2 players (nashpy's games
            are bimatrix games).

        Examples
        --------
        >>> from gametheory_re import load_game
        >>> pd = load_game("prisoners_dilemma").at()
        >>> nash_game = pd.to_nashpy()
        >>> [eq[0].tolist() for eq in nash_game.support_enumeration()]
        [[0.0, 1.0]]
        >>> type(pd).from_nashpy(nash_game, strategies=pd.strategies).payoffs.tolist() == pd.payoffs.tolist()
        True
        """
        if self.n_players != 2:
            raise UnsupportedError(f"to_nashpy: nashpy's games have 2 players; this one has {self.n_players}")
        import nashpy

        return nashpy.Game(self.payoffs[0], self.payoffs[1])

    @classmethod
    def from_nashpy(cls, game, players: Sequence[str] | None = None,
                    strategies: Sequence[Sequence[str]] | None = None, title: str = "") -> "NormalFormGame":
        """A game from a ``nashpy.Game`` (its two payoff matrices), as :meth:`from_arrays`.

        Integer matrices keep exact payoffs, as in :meth:`from_arrays`.
        """
        A, B = game.payoff_matrices
        return cls.from_arrays(A, B, players=players, strategies=strategies, title=title)

    @classmethod
    def from_arrays(
        cls,
        *payoffs,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> "NormalFormGame":
        """A game from one payoff array per player, as pygambit's ``Game.from_arrays``.

        Parameters
        ----------
        *payoffs : array_like
            ``payoffs[p]`` has shape ``(n_1, ..., n_n)``: player ``p``'s
            payoff at every pure profile; one array per player, all of one
            shape with one axis per player.  When every payoff is exact (an
            integer array, Python ints, :class:`fractions.Fraction` or sympy
            rationals) the game keeps them in ``exact_payoffs`` (sympy
            rationals, as :meth:`ParametricGame.at(exact=True)
            <gametheory_re.parametric.ParametricGame.at>` gives), so exact
            solves are exact; float arrays leave ``exact_payoffs`` None (a
            float is not known to be exact) and exact solves then say so.
        players : sequence of str, optional
            Default ``"1"``, ``"2"``, ...
        strategies : sequence of sequence of str, optional
            Default ``"1"``, ``"2"``, ... for each player.
        title : str

        Returns
        -------
        NormalFormGame

        Raises
        ------
        ValueError
            If the arrays differ in shape, or their number of axes is not the
            number of players.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory_re import NormalFormGame
        >>> A = np.array([[3, 0], [5, 1]])
        >>> game = NormalFormGame.from_arrays(A, A.T, players=("Row", "Column"))
        >>> game.shape, game.strategies
        ((2, 2), (('1', '2'), ('1', '2')))
        >>> game.exact_payoffs[0].tolist()          # integer arrays are exact
        [[3, 0], [5, 1]]
        >>> NormalFormGame.from_arrays(A * 1.0, A.T).exact_payoffs is None
        True
        """
        if not payoffs:
            raise ValueError("from_arrays needs one payoff array per player")
        given = [np.asarray(u) for u in payoffs]
        arrays = [np.asarray(u, dtype=float) for u in given]
        shape = arrays[0].shape
        if any(a.shape != shape for a in arrays):
            raise ValueError("the payoff arrays must all have one shape, " + " vs ".join(str(a.shape) for a in arrays))
        if len(shape) != len(arrays):
            raise ValueError(f"{len(arrays)} payoff arrays need {len(arrays)} axes each (one per player), not {len(shape)}")
        players = tuple(str(p) for p in players) if players is not None else tuple(str(i + 1) for i in range(len(arrays)))
        if strategies is None:
            strategies = tuple(tuple(str(i + 1) for i in range(n)) for n in shape)
        else:
            strategies = tuple(tuple(str(s) for s in names) for names in strategies)
        exact = [_rationals(u) for u in given]
        exact_payoffs = None if any(u is None for u in exact) else np.stack(exact)
        return cls(players=players, strategies=strategies, payoffs=np.stack(arrays),
                   exact_payoffs=exact_payoffs, title=title)

    def _profile(self, profile) -> list[np.ndarray]:
        """``profile`` as one checked probability vector per player.

        Each player's entry is a probability vector (one finite, non-negative
        probability per strategy, summing to 1 within ``PROFILE_SUM_TOL``) or
        an int, the index of a pure strategy (as QuantEcon takes them).
        """
        try:
            entries = list(profile)
        except TypeError:
            raise ValueError(
                f"profile: expected one probability vector (or strategy index) per player, not {profile!r}"
            ) from None
        if len(entries) != self.n_players:
            raise ValueError(
                f"profile: expected one probability vector per player ({self.n_players}), got {len(entries)}"
            )
        return [self._mix(player, entry) for player, entry in enumerate(entries)]

    def _mix(self, player: int, entry) -> np.ndarray:
        n = self.shape[player]
        who = f"player {player} ({self.players[player]})"
        # bool is an Integral too, but True is no strategy index.
        if isinstance(entry, numbers.Integral) and not isinstance(entry, bool):
            if not 0 <= entry < n:
                raise ValueError(f"profile: strategy index {entry} of {who} is not in 0..{n - 1}")
            return np.eye(n)[int(entry)]
        try:
            vector = np.asarray(entry, dtype=float)
        except (TypeError, ValueError):
            vector = np.asarray(0.0)  # refused just below
        if vector.ndim == 0:
            raise ValueError(f"profile: {who} has {entry!r}, neither a probability vector nor a strategy index")
        if vector.shape != (n,):
            raise ValueError(
                f"profile: {who} has a vector of shape {vector.shape}, expected ({n},): one probability per strategy"
            )
        if not np.all(np.isfinite(vector)):
            raise ValueError(f"profile: {who} has a probability that is not a finite number: {vector.tolist()}")
        if np.any(vector < 0):
            raise ValueError(f"profile: {who} has a negative probability: {vector.tolist()}")
        total = math.fsum(vector.tolist())
        if abs(total - 1) > PROFILE_SUM_TOL:
            raise ValueError(f"profile: the probabilities of {who} sum to {total!r}, not 1")
        return vector

    def expected_payoffs(self, profile) -> np.ndarray:
        """Every player's expected payoff at a (mixed) profile.

        Parameters
        ----------
        profile : sequence
            One entry per player: a probability vector (one finite,
            non-negative probability per strategy, summing to 1 within
            ``1e-9``), or an int, the index of the pure strategy the player
            plays (as in QuantEcon); a pure profile can be a sequence of ints.

        Returns
        -------
        numpy.ndarray
            Shape ``(n_players,)``.

        Raises
        ------
        ValueError
            With a message starting ``profile: `` and saying what is wrong,
            when ``profile`` is not such a sequence.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory_re import NormalFormGame
        >>> game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> game.expected_payoffs([[0.5, 0.5], [1, 0]])
        array([0., 0.])
        >>> game.expected_payoffs([0, 1])           # Row plays strategy 0, Column strategy 1
        array([-1.,  1.])
        >>> game.expected_payoffs([[0.7, 0.7], [1, 0]])
        Traceback (most recent call last):
        ...
        ValueError: profile: the probabilities of player 0 (1) sum to 1.4, not 1
        """
        return regret.expected_payoffs(self.payoffs, self._profile(profile))

    def regrets(self, profile) -> np.ndarray:
        """Each player's regret at a profile: best deviation payoff minus expected payoff.

        See :func:`~gametheory_re.solvers.regret.regrets`.  ``profile`` is
        checked as by :meth:`expected_payoffs` (``ValueError`` when it is not
        one probability vector or strategy index per player), so regrets are
        non-negative up to round-off.

        Examples
        --------
        >>> from gametheory_re import NormalFormGame
        >>> game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> game.regrets([[1, 0], [1, 0]])
        array([0., 2.])
        >>> game.regrets([0, 0])                    # the same pure profile by strategy indices
        array([0., 2.])
        """
        return regret.regrets(self.payoffs, self._profile(profile))

    def is_nash(self, profile, tol: float | None = None) -> bool:
        """Whether every player's regret at ``profile`` is at most ``tol``.

        Parameters
        ----------
        profile : sequence
            One probability vector or strategy index per player, as in
            :meth:`expected_payoffs`.
        tol : float, optional
            Default :func:`~gametheory_re.solvers.regret.default_tol` of the
            payoffs (``1e-9 * max |payoff|``), the tolerance solves use.

        Raises
        ------
        ValueError
            For a bad ``profile`` (see :meth:`expected_payoffs`), or an
            :class:`~gametheory_re.options.OptionError` naming ``tol``.

        Examples
        --------
        >>> from gametheory_re import NormalFormGame
        >>> game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> game.is_nash([[0.5, 0.5], [0.5, 0.5]]), game.is_nash([[1, 0], [1, 0]])
        (True, False)
        """
        tol = regret.resolve_tol(self.payoffs, tol)
        return bool(regret.max_regret(self.payoffs, self._profile(profile)) <= tol)


def _rationals(values: np.ndarray) -> np.ndarray | None:
    """``values`` as an object array of sympy rationals, or None unless each is an exact number.

    Integers (Python or numpy, not bool), ``Fraction`` and sympy rationals
    are exact; a float is not, whatever its value.
    """
    if values.dtype.kind in "iu":
        return np.vectorize(lambda v: sympy.Integer(int(v)), otypes=[object])(values)
    if values.dtype != object:
        return None
    out = np.empty(values.shape, dtype=object)
    for index, value in np.ndenumerate(values):
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            out[index] = sympy.Integer(int(value))
        elif isinstance(value, Fraction):
            out[index] = sympy.Rational(value.numerator, value.denominator)
        elif isinstance(value, sympy.Rational):
            out[index] = value
        else:
            return None
    return out

