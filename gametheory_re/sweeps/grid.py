"""Where a sweep goes: grids and random or Latin-hypercube samples of parameters.

A design never holds all its points: :meth:`columns` produces the values of
the points with flat indices ``start`` to ``stop``, so chunks can be made
anywhere (in a worker process, on a cluster node) from indices alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..errors import GameFileError
from ..limits import MAX_LATIN_POINTS, MAX_POINTS
from ..options import check_integer, shown
from ..parametric import ParametricGame

#: Points drawn from one random stream; samples are generated block by block
#: so any range of points can be produced without drawing those before it.
SAMPLE_BLOCK = 1 << 16

_AXIS = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*([^:]+):([^:]+):([^:]+?)(?::(lin|log))?\s*$")


@dataclass(frozen=True)
class Axis:
    """One varied parameter: ``num`` values from ``start`` to ``stop`` inclusive."""

    name: str
    start: float
    stop: float
    num: int
    log: bool = False

    def values(self) -> np.ndarray:
        """The axis values, evenly spaced (in log space if ``log``)."""
        return self.at(np.arange(self.num))

    def at(self, index: np.ndarray) -> np.ndarray:
        """The values at positions ``index`` (0 to ``num - 1``), computed from the
        positions alone, so that a chunk of a 10^9-value axis costs the chunk's
        memory, not the axis's.  Linear axes are ``numpy.linspace``'s values
        exactly; both ends are the given start and stop."""
        index = np.asarray(index)
        if self.num == 1:
            return np.full(index.shape, float(self.start))
        last = self.num - 1
        if self.log:
            sign = np.sign(self.start)
            low, high = np.log(abs(self.start)), np.log(abs(self.stop))
            values = sign * np.exp(low + index * ((high - low) / last))
        else:
            values = index * ((self.stop - self.start) / last) + self.start
        values = np.where(index == 0, float(self.start), values)
        return np.where(index == last, float(self.stop), values)


def read_axis(text: str, source: str = "vary") -> Axis:
    """Read ``NAME=START:STOP:N`` (optionally ``:log``), without a game.

    This is every check that needs only the text, so the command line can
    make it while it parses its options; :func:`parse_axis` adds the checks
    against a game.

    Raises
    ------
    GameFileError
        Naming ``source`` (``vary`` in Python, ``--vary`` on the command
        line) and what is wrong.
    """
    match = _AXIS.match(text)
    if not match:
        raise GameFileError(source, text, "expected NAME=START:STOP:N or NAME=START:STOP:N:log, e.g. s=0:1:101")
    name, start, stop, num, scale = match.groups()
    try:
        start_v, stop_v = float(start), float(stop)
    except ValueError:
        raise GameFileError(source, text, "START and STOP must be numbers") from None
    num = num.strip()
    if not num.isdigit() or len(num) > len(str(MAX_POINTS)):
        raise GameFileError(source, text, f"N must be a whole number from 1 to {MAX_POINTS}")
    num_v = int(num)
    if not (np.isfinite(start_v) and np.isfinite(stop_v)):
        raise GameFileError(source, text, "START and STOP must be finite numbers")
    if not 1 <= num_v <= MAX_POINTS:
        raise GameFileError(source, text, f"N must be a whole number from 1 to {MAX_POINTS}")
    if num_v == 1 and start_v != stop_v:
        raise GameFileError(source, text, "N = 1 needs START equal to STOP")
    if scale == "log" and (start_v <= 0 or stop_v <= 0):
        raise GameFileError(source, text, "a log axis needs positive START and STOP")
    return Axis(name, start_v, stop_v, num_v, scale == "log")


def parse_axis(text: str | Axis, game: ParametricGame, source: str = "vary") -> Axis:
    """Read an axis (see :func:`read_axis`) and check it against ``game``.

    Raises
    ------
    GameFileError
        Naming ``source`` and what is wrong.
    """
    axis = text if isinstance(text, Axis) else read_axis(text, source)
    if axis.name not in game.parameters:
        known = ", ".join(game.parameters) or "none (there is nothing to sweep)"
        raise GameFileError(source, axis.name, "unknown parameter; the game's parameters are: " + known)
    for value in (axis.start, axis.stop):
        game.point({axis.name: repr(value)}, origin=source)
    return axis


@dataclass(frozen=True)
class Grid:
    """The Cartesian product of axes; the first axis varies slowest."""

    axes: tuple[Axis, ...]

    def __post_init__(self):
        names = [a.name for a in self.axes]
        if len(set(names)) != len(names):
            raise GameFileError("vary", "", "a parameter is varied twice")
        if self.n_points > MAX_POINTS:
            raise GameFileError("vary", "", f"{self.n_points} points; a sweep may have at most {MAX_POINTS}")

    @property
    def names(self) -> tuple[str, ...]:
        """The varied parameters."""
        return tuple(a.name for a in self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values on each axis."""
        return tuple(a.num for a in self.axes)

    @property
    def n_points(self) -> int:
        """Number of points."""
        return int(np.prod(self.shape, dtype=object))

    def columns(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter values of points ``start`` to ``stop - 1``."""
        index = np.unravel_index(np.arange(start, stop), self.shape)
        return {a.name: a.at(i) for a, i in zip(self.axes, index)}

    def describe(self) -> dict:
        """JSON description, used to recognise the same sweep on ``--resume``."""
        return {"kind": "grid", "axes": [[a.name, a.start, a.stop, a.num, a.log] for a in self.axes]}


@dataclass(frozen=True)
class Samples:
    """Random points over the declared bounds of the named parameters.

    Parameters
    ----------
    names : tuple of str
        Parameters to sample; each needs finite bounds.
    lows, highs : tuple of float
    n : int
        Number of points.
    seed : int
    latin : bool
        Latin-hypercube design (each parameter's range cut into ``n`` equal
        strata, one point in each) instead of independent uniform draws.
    """

    names: tuple[str, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    n: int
    seed: int
    latin: bool = False

    @property
    def n_points(self) -> int:
        """Number of points."""
        return self.n

    @property
    def shape(self) -> tuple[int, ...]:
        """A sample is one long axis."""
        return (self.n,)

    @cached_property
    def _strata(self) -> np.ndarray:
        # One permutation of the strata per parameter; int32 keeps 10^7
        # points at 40 MB per parameter.
        rng = np.random.default_rng([self.seed, 1])
        return np.stack([rng.permutation(self.n).astype(np.int32) for _ in self.names], axis=1)

    def _uniform(self, start: int, stop: int) -> np.ndarray:
        d = len(self.names)
        blocks = []
        for block in range(start // SAMPLE_BLOCK, (stop - 1) // SAMPLE_BLOCK + 1):
            rng = np.random.default_rng([self.seed, 0, block])
            draws = rng.random((SAMPLE_BLOCK, d))
            lo = max(start, block * SAMPLE_BLOCK) - block * SAMPLE_BLOCK
            hi = min(stop, (block + 1) * SAMPLE_BLOCK) - block * SAMPLE_BLOCK
            blocks.append(draws[lo:hi])
        return np.concatenate(blocks) if blocks else np.empty((0, d))

    def columns(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter values of points ``start`` to ``stop - 1``."""
        u = self._uniform(start, stop)
        if self.latin:
            u = (self._strata[start:stop] + u) / self.n
        lows, highs = np.array(self.lows), np.array(self.highs)
        values = lows + u * (highs - lows)
        return {name: values[:, i] for i, name in enumerate(self.names)}

    def describe(self) -> dict:
        """JSON description, used to recognise the same sweep on ``--resume``."""
        return {"kind": "latin" if self.latin else "random", "names": list(self.names),
                "lows": list(self.lows), "highs": list(self.highs), "n": self.n, "seed": self.seed}


def make_samples(game: ParametricGame, names, n: int, seed: int, latin: bool) -> Samples:
    """Samples over the declared bounds of ``names`` (all bounded parameters if empty)."""
    names = tuple(names) or tuple(
        p.name for p in game.parameters.values() if p.minimum is not None and p.maximum is not None
    )
    n = check_integer("samples", n, 1, MAX_POINTS, why="points")
    seed = check_integer("seed", seed, minimum=0)
    if latin and n > MAX_LATIN_POINTS:
        raise GameFileError("samples", shown(n), f"a Latin-hypercube sample may have at most {MAX_LATIN_POINTS} points")
    if not names:
        raise GameFileError("samples", shown(n), "the game has no parameter with both min and max declared to sample")
    lows, highs = [], []
    for name in names:
        if name not in game.parameters:
            raise GameFileError("sample_params", name, "unknown parameter; the game's parameters are: " + ", ".join(game.parameters))
        p = game.parameters[name]
        if p.minimum is None or p.maximum is None:
            raise GameFileError("sample_params", name, "sampling needs a parameter with both min and max declared")
        lows.append(float(p.minimum))
        highs.append(float(p.maximum))
    return Samples(names, tuple(lows), tuple(highs), n, seed, latin)


@dataclass(frozen=True, eq=False)
class Points:
    """Explicit parameter points (e.g. the midpoints of a bisection)."""

    values: dict[str, np.ndarray]

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters given."""
        return tuple(self.values)

    @property
    def n_points(self) -> int:
        """Number of points."""
        return len(next(iter(self.values.values())))

    def columns(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter values of points ``start`` to ``stop - 1``."""
        return {k: np.asarray(v, dtype=float)[start:stop] for k, v in self.values.items()}

    def describe(self) -> dict:
        """JSON description."""
        return {"kind": "points", "values": {k: np.asarray(v).tolist() for k, v in self.values.items()}}


def cell_edges(values: np.ndarray, log: bool) -> np.ndarray:
    """Cell boundaries around grid values, as sweep pictures draw them: midpoints, half a step beyond the ends.

    With ``log``, midpoints of the logarithms.  One value gets a cell half
    its size (0.5 for 0) on each side.

    Examples
    --------
    >>> cell_edges(np.array([0.0, 1.0, 2.0]), log=False)
    array([-0.5,  0.5,  1.5,  2.5])
    """
    if len(values) == 1:
        v = values[0]
        half = 0.5 * abs(v) if v != 0 else 0.5
        return np.array([v - half, v + half])
    x = np.log(values) if log else values
    mid = (x[:-1] + x[1:]) / 2
    edges = np.concatenate([[x[0] - (mid[0] - x[0])], mid, [x[-1] + (x[-1] - mid[-1])]])
    return np.exp(edges) if log else edges
