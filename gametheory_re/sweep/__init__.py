"""Sensitivity sweeps: equilibrium sets and outcome statuses over parameter space.

:func:`sweep` is the entry point; :mod:`.grid` says where the points are,
:mod:`.engine` solves chunks of points with array operations, :mod:`.output`
writes them safely, :mod:`.threshold` finds where an outcome switches.
"""

import importlib


def __getattr__(name: str):
    # ``sweep`` is loaded on first use: every ``gtre`` command imports this
    # package (it must be imported before ``gametheory_re.sweep``, the API's
    # function, is bound), but only ``gtre sweep`` and ``gtre threshold`` need
    # the engine, and importing it would slow every command's cold start
    # (benchmarks/bench_cold_start.py).
    if name == "sweep":
        return importlib.import_module(".run", __name__).sweep
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["sweep"]
