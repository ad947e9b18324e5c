"""Small dynamic games written for the tests, and the way to load them."""

from __future__ import annotations

from pathlib import Path

from gametheory_re.formats import load_game

#: A coordination game whose (A, A) payoff a falls each period by 0.75 to its floor 0.25:
#: (A, A) stays an equilibrium (a > 0) but (B, B), paying 1, comes to payoff-dominate it.
COORDINATION = """
[game]
title = "Fading coordination"

[parameters.a]
default = 2
min = 0.25
max = 3
unit = "payoff"

[parameters.drop]
default = 0.75
min = 0
max = 1

[[players]]
name = "Row"
strategies = ["A", "B"]

[[players]]
name = "Col"
strategies = ["a_", "b_"]

[payoffs.table]
"A, a_" = ["a", "a"]
"A, b_" = [0, 0]
"B, a_" = [0, 0]
"B, b_" = [1, 1]

[outcomes.on_A]
when = "A and a_"

[dynamics]
select = "persist"
fallback = "payoff_dominant"
periods = 4

[dynamics.update]
a = "a - drop"
"""

#: Row's better strategy flips every period with x; Col always plays L (dominant).
FLIP = """
[parameters.x]
default = 0.2
min = 0
max = 1

[[players]]
name = "Row"
strategies = ["U", "D"]

[[players]]
name = "Col"
strategies = ["L", "R"]

[payoffs.table]
"U, L" = ["x", 1]
"U, R" = ["x", 0]
"D, L" = ["1 - x", 1]
"D, R" = ["1 - x", 0]

[dynamics]
periods = 7

[dynamics.update]
x = "1 - x"
"""

#: Matching pennies (only a mixed equilibrium) with a state that grows when Row plays H.
PENNIES = """
[parameters.x]
default = 0
min = 0
max = 10

[[players]]
name = "Row"
strategies = ["H", "T"]

[[players]]
name = "Col"
strategies = ["h", "t"]

[payoffs.table]
"H, h" = [1, -1]
"H, t" = [-1, 1]
"T, h" = [-1, 1]
"T, t" = [1, -1]

[dynamics]
periods = 3

[dynamics.update]
x = "x + 0.1*H + played(Col, t)"
"""


def write(tmp_path: Path, text: str, name: str = "dyn.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, name: str = "dyn.toml"):
    return load_game(write(tmp_path, text, name))
