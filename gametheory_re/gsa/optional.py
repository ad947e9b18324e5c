"""The optional libraries of studies (the ``sensitivity`` extra), imported when a study runs.

Each is imported by a plain statement inside a function, so ``import
gametheory_re`` and every other command stay fast and work without them;
a missing one is one error line naming the extra.
"""

from __future__ import annotations

import contextlib
import warnings

import numpy as np

from ..errors import GameError

EXTRA_HINT = "pip install '.[sensitivity]' in a clone of gametheory_re"


class MissingExtra(GameError):
    """An optional library a study needs is not installed."""

    def __init__(self, library: str, purpose: str):
        super().__init__(f"{purpose} needs {library}, in the 'sensitivity' extra: {EXTRA_HINT}")


def salib():
    """SALib's analysis modules: ``(sobol, rbd_fast, pawn)``."""
    try:
        from SALib.analyze import pawn, rbd_fast, sobol
    except ImportError:
        raise MissingExtra("SALib", "sensitivity analysis") from None
    return sobol, rbd_fast, pawn


@contextlib.contextmanager
def numpy_global_seed(seed: int):
    """Run the block with numpy's global generator seeded by ``seed``, then restore it.

    SALib before 1.6 draws RBD-FAST's bootstrap from numpy's global
    generator (seeding it only for a nonzero seed); the block is then
    reproducible for every seed, and the caller's global state is untouched.
    """
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def ema_prim():
    """The EMA Workbench's PRIM module (``ema_workbench.analysis.prim``)."""
    try:
        with warnings.catch_warnings():
            # The workbench warns at import about parallel back ends it does
            # not find (ipyparallel); PRIM needs none of them.
            warnings.simplefilter("ignore")
            from ema_workbench.analysis import prim
    except ImportError:
        raise MissingExtra("the EMA Workbench (ema_workbench)", "PRIM scenario discovery") from None
    return prim


def sklearn_tree():
    """scikit-learn's tree module (``sklearn.tree``)."""
    try:
        from sklearn import tree
    except ImportError:
        raise MissingExtra("scikit-learn", "decision-tree rules") from None
    return tree


__all__ = ["EXTRA_HINT", "MissingExtra", "ema_prim", "numpy_global_seed", "salib", "sklearn_tree"]
