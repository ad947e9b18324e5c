"""The logit QRE branch as text and as JSON (its picture: :mod:`.qre_plots`)."""

from __future__ import annotations

import numpy as np

from ..errors import escape_unprintable
from ..labels import mixed_profile_label, rounded_probabilities
from ..solvers.qre import LogitBranch
from .tables import number, table_lines

#: What a bifurcation means for the answer, said once under the list of them.
BIFURCATION_WORDS = (
    "past a bifurcation the branch followed is one of several that meet there, and its limit depends on "
    "which one: the game is not generic (Gambit's logit_solve perturbs the payoffs to pick one)"
)


def limit_label(branch: LogitBranch) -> str:
    """The limit labelled as ``gtre solve`` labels equilibria: ``(build, align, supply)``, ``(rock 0.33|paper 0.33|...)``."""
    players, strategies = branch.names()
    mixes = branch.split(branch.limit)
    supports = [tuple(int(i) for i in np.flatnonzero(mix > 0)) for mix in mixes]
    return mixed_profile_label(strategies, supports, [rounded_probabilities(mix) for mix in mixes])


def show_qre(branch: LogitBranch) -> str:
    """The text of ``gtre solve --qre``."""
    game = branch.game
    players, strategies = branch.names()
    title = escape_unprintable(game.title) if game is not None and game.title else "the game"
    lines = [f"Logit quantal response equilibria of {title}: the principal branch, from uniform play at λ = 0"]
    if game is not None and game.parameters:
        lines.append("Parameters: " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items()))
    rows = [["λ", *[f"{player}:{name}" for player, names in zip(players, strategies) for name in names],
             "largest regret"]]
    for (lam, row), regrets in zip(branch.requested, branch.requested_regrets):
        regret = float(max(regrets))
        rows.append([number(lam), *[number(round(float(x), 4)) for x in row], f"{regret:.2g}"])
    if len(rows) > 1:
        lines += ["", "QRE on the branch (probabilities):", *table_lines(rows)]
    if branch.unreached:
        lines.append("Not reached (the trace stopped first): λ = " + ", ".join(number(x) for x in branch.unreached))
    lines += ["", f"Traced {len(branch.lambdas)} points, to λ = {branch.lambdas[-1]:.4g} ({branch.reason})."]
    if branch.limit is None:
        lines.append("The trace stopped short of an equilibrium (why: above), and refining its last point did not "
                     "verify: no limit is reported.")
    else:
        verdict = "a Nash equilibrium" if branch.is_nash else "NOT an equilibrium within tol"
        how = ("solved exactly on its support from the last point" if branch.limit_refined
               else "the last traced point (refining it on its support did not verify)")
        lines.append(f"The branch selects {limit_label(branch)}: {verdict} "
                     f"(largest regret {number(float(branch.limit_regrets.max()))}, tol {number(branch.tol)}; {how}).")
    if branch.bifurcations:
        near = ", ".join(f"{x:.4g}" for x in branch.bifurcations)
        lines.append(f"Bifurcation crossed near λ = {near}: {BIFURCATION_WORDS}.")
    else:
        lines.append("No bifurcation was crossed: the branch and its limit are unique.")
    return "\n".join(lines)


def _by_name(players, strategies, mixes) -> dict:
    return {player: {name: float(x) for name, x in zip(names, mix)}
            for player, names, mix in zip(players, strategies, mixes)}


def qre_dict(branch: LogitBranch, source: str = "") -> dict:
    """The JSON of ``gtre solve --qre --json``, laid out as ``gtre solve --json`` is."""
    players, strategies = branch.names()
    game = branch.game
    limit = None
    if branch.limit is not None:
        limit = {"label": limit_label(branch),
                 "strategies": _by_name(players, strategies, branch.split(branch.limit)),
                 "regrets": {player: float(r) for player, r in zip(players, branch.limit_regrets)},
                 "is_nash": branch.is_nash, "refined": branch.limit_refined}
    return {
        "game": game.title if game is not None else "",
        "source": source,
        "players": players,
        "strategies": dict(zip(players, strategies)),
        "parameters": dict(game.parameters) if game is not None else {},
        "tol": branch.tol,
        "method": branch.parameters["method"],
        "settings": {k: v for k, v in branch.parameters.items() if k != "method"},
        "requested": [{"lambda": lam, "strategies": _by_name(players, strategies, branch.split(row)),
                       "max_regret": float(max(regrets))}
                      for (lam, row), regrets in zip(branch.requested, branch.requested_regrets)],
        "unreached": list(branch.unreached),
        "points": len(branch.lambdas),
        "last_lambda": float(branch.lambdas[-1]),
        "converged": branch.converged,
        "reason": branch.reason,
        "bifurcations": list(branch.bifurcations),
        "limit": limit,
    }
