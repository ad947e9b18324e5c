"""Scenario discovery: where in parameter space an outcome holds, as readable boxes or rules.

:mod:`.prim` finds PRIM boxes (the EMA Workbench's implementation),
:mod:`.rules` decision-tree rules (scikit-learn's), :mod:`.study` runs
either from a game or from a sweep table read back.
"""
