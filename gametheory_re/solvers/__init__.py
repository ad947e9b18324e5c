"""Equilibrium solvers: pure functions over numpy payoff arrays.

A solver never reads files and never prints.  Each takes payoff arrays of
shape ``(n_players, n_1, ..., n_n)`` and a tolerance, and returns plain data.
"""
