"""Equilibrium selection rules (the module is completed by the selection work; see docs/sweeps.md)."""

SELECTION_RULES = ("first", "payoff_dominant", "risk_dominant")
