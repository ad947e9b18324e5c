"""Sample designs of a study, in the form the sweep engine evaluates chunk by chunk.

:class:`Saltelli` is Saltelli's (2002) scheme on a scrambled Sobol'
sequence: point for point the sample of ``SALib.sample.sobol.sample`` (a
test compares them), but made per chunk from the two base matrices A and B,
so a study keeps ``2 N D`` numbers instead of the ``(2D + 2) N D`` of the
whole sample, and the engine can generate any chunk in any worker.  A Latin
hypercube for the other methods is the sweep engine's own
:class:`~gametheory_re.sweeps.grid.Samples`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.stats import qmc

from ..errors import GameFileError
from ..limits import MAX_LATIN_POINTS, MAX_POINTS
from ..options import check_integer, shown
from ..sweeps.grid import Samples
from .problem import Problem

#: Most base samples of a Sobol study (``N``): ``2 N D`` numbers are kept.
MAX_BASE_SAMPLES = 1 << 20


@dataclass(frozen=True, eq=False)
class Saltelli:
    """Saltelli's sample for Sobol indices: per base sample j, the rows
    A_j, AB_j^1 ... AB_j^D, (BA_j^1 ... BA_j^D,) B_j.

    AB^i is A with column i taken from B; BA^i (only with
    ``second_order``) is B with column i taken from A.

    Parameters
    ----------
    names, lows, highs : tuple
        The varied parameters and their ranges.
    n : int
        Base samples N (a power of 2).
    seed : int
        Seed of the scrambling.
    second_order : bool
    """

    names: tuple[str, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    n: int
    seed: int
    second_order: bool = False

    @property
    def step(self) -> int:
        """Rows per base sample."""
        d = len(self.names)
        return 2 * d + 2 if self.second_order else d + 2

    @property
    def n_points(self) -> int:
        """Model runs."""
        return self.n * self.step

    @property
    def shape(self) -> tuple[int, ...]:
        """A sample is one long axis."""
        return (self.n_points,)

    @cached_property
    def _base(self) -> np.ndarray:
        # As SALib does: one scrambled Sobol' sequence in 2D dimensions, A in
        # the first D columns and B in the last D, scaled to the ranges.
        d = len(self.names)
        unit = qmc.Sobol(d=2 * d, scramble=True, seed=self.seed).random(self.n)
        lows, highs = np.array(self.lows * 2), np.array(self.highs * 2)
        return lows + unit * (highs - lows)

    def columns(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter values of runs ``start`` to ``stop - 1``."""
        d = len(self.names)
        rows = np.arange(start, stop)
        j, k = np.divmod(rows, self.step)
        a, b = self._base[j, :d], self._base[j, d:]
        column = np.arange(d)
        # Row k of a block: 0 is A, 1..D are AB^i (column k-1 from B),
        # D+1..2D are BA^i (column k-D-1 from A), the last is B.
        from_b = (k[:, None] == column + 1) | (k[:, None] == self.step - 1)
        if self.second_order:
            in_ba = (k >= d + 1) & (k <= 2 * d)
            from_b |= in_ba[:, None] & (k[:, None] != column + d + 1)
        values = np.where(from_b, b, a)
        return {name: values[:, i] for i, name in enumerate(self.names)}

    def describe(self) -> dict:
        """JSON description, used to recognise the same study on ``--resume``."""
        return {"kind": "saltelli", "names": list(self.names), "lows": list(self.lows), "highs": list(self.highs),
                "n": self.n, "seed": self.seed, "second_order": self.second_order,
                "sha256": hashlib.sha256(self._base.tobytes()).hexdigest()}


def saltelli(problem: Problem, n: int, seed: int = 0, second_order: bool = False) -> Saltelli:
    """The Saltelli design of ``problem`` with ``n`` base samples.

    Raises
    ------
    GameFileError
        Naming ``samples`` when ``n`` is not a power of 2 (the Sobol'
        sequence is balanced only then) or the study would exceed
        :data:`MAX_BASE_SAMPLES` or :data:`~gametheory_re.limits.MAX_POINTS`.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> from gametheory_re.gsa.problem import make_problem
    >>> design = saltelli(make_problem(load_game("us_china"), vary=["q", "rho"]), 8)
    >>> design.n_points   # 8 blocks of A, AB^q, AB^rho, B
    32
    """
    n = check_integer("samples", n, 2, MAX_BASE_SAMPLES, why="base samples of a Sobol study")
    if n & (n - 1):
        raise GameFileError("samples", shown(n), "Sobol indices need a power of 2 base samples "
                                                 f"(e.g. {1 << (n.bit_length() - 1)} or {1 << n.bit_length()})")
    seed = check_integer("seed", seed, minimum=0)
    design = Saltelli(problem.names, problem.lows, problem.highs, n, seed, bool(second_order))
    if design.n_points > MAX_POINTS:
        raise GameFileError("samples", shown(n), f"{design.n_points} model runs; at most {MAX_POINTS} are allowed")
    return design


def saltelli_layout(x: np.ndarray) -> tuple[int, bool] | None:
    """``(n, second_order)`` when the rows ``x`` (``(runs, D)``) are a Saltelli
    design in its order, as ``gtre sensitivity --method sobol --out`` writes
    it; else None.

    Only the structure is checked, exactly: in every block, each AB^i row is
    A with column i of B (and each BA^i row B with column i of A).  That is
    what Sobol's estimators rely on.

    Examples
    --------
    >>> design = Saltelli(("a", "b"), (0.0, 0.0), (1.0, 1.0), 4, 0, second_order=True)
    >>> x = np.column_stack(list(design.columns(0, design.n_points).values()))
    >>> saltelli_layout(x), saltelli_layout(x[::-1])
    ((4, True), None)
    """
    runs, d = x.shape
    for second_order in (False, True):
        step = 2 * d + 2 if second_order else d + 2
        if runs % step or not runs:
            continue
        blocks = x.reshape(runs // step, step, d)
        a, b = blocks[:, :1, :], blocks[:, -1:, :]
        eye = np.eye(d, dtype=bool)[None]
        expected = [np.where(eye, b, a)]
        if second_order:
            expected.append(np.where(eye, a, b))
        if np.array_equal(blocks[:, 1:-1, :], np.concatenate(expected, axis=1)):
            return runs // step, second_order
    return None


def latin(problem: Problem, n: int, seed: int = 0) -> Samples:
    """A Latin hypercube of ``n`` points over ``problem``'s ranges: what
    ``gtre sweep --samples N --latin --seed S`` samples over the same parameters."""
    n = check_integer("samples", n, 2, MAX_LATIN_POINTS, why="points of a Latin hypercube")
    seed = check_integer("seed", seed, minimum=0)
    return Samples(problem.names, problem.lows, problem.highs, n, seed, latin=True)


__all__ = ["MAX_BASE_SAMPLES", "Saltelli", "latin", "saltelli", "saltelli_layout"]
