"""A time budget that long searches check in their inner loops, or that interrupts them."""

from __future__ import annotations

import contextlib
import math
import signal
import threading
import time


class OutOfTime(BaseException):
    """Raised once the budget is spent.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no
    ``except Exception`` on the way (in this package or in sympy) swallows it
    when :meth:`Deadline.interrupting` raises it in the middle of a
    computation.
    """


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

    @contextlib.contextmanager
    def interrupting(self):
        """Within the block, raise :class:`OutOfTime` when the budget is spent, even inside
        code that never checks it (one Groebner basis can run for minutes).

        By a ``SIGALRM`` timer, where there is one: on Unix, in the main
        thread.  Elsewhere (Windows, worker threads) only :meth:`check`
        stops the search.  The previous handler and timer are restored.
        """
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if not self.limited or not usable:
            yield
            return
        remaining = self.end - time.perf_counter()
        if remaining <= 0:
            raise OutOfTime

        def alarm(signum, frame):
            raise OutOfTime

        previous = signal.signal(signal.SIGALRM, alarm)
        started = time.perf_counter()
        earlier, interval = signal.setitimer(signal.ITIMER_REAL, remaining)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
            if earlier:  # someone else's timer was running: give back what is left of it
                signal.setitimer(signal.ITIMER_REAL, max(1e-6, earlier - (time.perf_counter() - started)), interval)
