"""Sensitivity sweeps: equilibrium sets and outcome statuses over parameter space.

:func:`sweep` is the entry point; :mod:`.grid` says where the points are,
:mod:`.engine` solves chunks of points with array operations, :mod:`.output`
writes them safely, :mod:`.threshold` finds where an outcome switches.
"""

from .run import sweep

__all__ = ["sweep"]
