"""A time budget that long searches check in their inner loops."""

from __future__ import annotations

import math
import time


class OutOfTime(Exception):
    """Raised by :meth:`Deadline.check` once the budget is spent."""


class Deadline:
    """The moment a search must stop, ``seconds`` from now.

    Parameters
    ----------
    seconds : float or None
        The budget; None or ``inf`` for no limit.
    """

    def __init__(self, seconds: float | None = None):
        self.seconds = math.inf if seconds is None else float(seconds)
        self.end = time.perf_counter() + self.seconds

    @property
    def limited(self) -> bool:
        """A finite budget was given."""
        return math.isfinite(self.seconds)

    def passed(self) -> bool:
        """The budget is spent."""
        return self.limited and time.perf_counter() > self.end

    def check(self) -> None:
        """Raise :class:`OutOfTime` when the budget is spent; cheap enough for inner loops."""
        if self.passed():
            raise OutOfTime
