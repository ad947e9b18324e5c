"""Exact conditions as text (in words), LaTeX, and JSON.

Every condition is printed as sympy prints it (``str``), so the JSON strings
read back with sympy's parser to the same expressions, given the game's
parameter names as real symbols::

    from sympy import Symbol
    from sympy.parsing.sympy_parser import parse_expr
    names = {p["name"]: Symbol(p["name"], real=True) for p in doc["parameters"]}
    relation = parse_expr(condition["condition"], local_dict=names)

(``local_dict`` matters: a parameter called ``pi`` or ``gamma`` would
otherwise read as sympy's constant or function.)  Euler's number is
written ``exp(1)``, never ``E``, so a parameter called ``E`` reads back as
itself.  A parameter called ``Integer``, ``Float``, ``Symbol`` or
``Function`` cannot be read this way: sympy's parser writes those names
itself (``1/2`` becomes ``Integer(1)/Integer(2)``) and the ``local_dict``
entry shadows them.  The presenters only
format: every condition, set and probability comes computed in the
:class:`~gametheory_re.symbolic.analysis.ConditionsResult`.
"""

from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from ..parameters import show_value


class _Str(StrPrinter):
    """sympy's ``str``, but Euler's number as ``exp(1)`` and the imaginary unit as ``sqrt(-1)``.

    ``E`` and ``I`` are also valid parameter names: a condition printed
    ``E*E >= 2`` would read back as ``E**2 >= 2`` with ``E`` the parameter.
    ``exp`` and ``sqrt`` are function names of the game format, never
    parameters, so these forms read back the same whatever the names.
    """

    def _print_Exp1(self, expr):
        return "exp(1)"

    def _print_ImaginaryUnit(self, expr):
        return "sqrt(-1)"


class _Latex(LatexPrinter):
    """sympy's LaTeX with an upright e for Euler's number (a parameter ``e`` is an italic e)."""

    def _print(self, expr, **kwargs):
        if expr is sympy.E:  # sympy.E has its own _latex method, which would win over _print_Exp1
            return self._print_Exp1(expr, **kwargs)
        return super()._print(expr, **kwargs)

    def _print_Exp1(self, expr, exp=None):
        return r"\mathrm{e}" if exp is None else r"\mathrm{e}^{%s}" % exp

    def _print_ExpBase(self, expr, exp=None):
        tex = r"\mathrm{e}^{%s}" % self._print(expr.args[0])
        return self._do_exponent(tex, exp)


def _text(expr) -> str:
    return _Str().doprint(expr)


def _tex(expr) -> str:
    return _Latex().doprint(expr)


def _math(expr, latex: bool) -> str:
    return f"${_tex(expr)}$" if latex else _text(expr)


def set_text(values, name: str, latex: bool = False) -> str:
    """A set of one parameter's values as inequalities: ``1/2 <= rho <= 1``, ``rho < 1/4 or 1/2 < rho``."""
    if latex:
        if values == sympy.S.EmptySet:
            return "never"
        return f"${sympy.latex(values.as_relational(sympy.Symbol(name, real=True)))}$"
    if values == sympy.S.EmptySet:
        return "never"
    pieces = values.args if isinstance(values, sympy.Union) else (values,)
    out = []
    for piece in pieces:
        if isinstance(piece, sympy.Interval):
            if piece.start == piece.end:
                out.append(f"{name} = {_math(piece.start, latex)}")
                continue
            left = "" if piece.start == -sympy.oo else f"{_math(piece.start, latex)} {'<' if piece.left_open else '<='} "
            right = "" if piece.end == sympy.oo else f" {'<' if piece.right_open else '<='} {_math(piece.end, latex)}"
            out.append(f"{left}{name}{right}")
        elif isinstance(piece, sympy.FiniteSet):
            out.append(" or ".join(f"{name} = {_math(v, latex)}" for v in piece.args))
        else:
            out.append(f"{name} in {_math(piece, latex)}")
    return " or ".join(out)


def _join_words(parts) -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _player(result, i) -> str:
    name = result.game.players[i]
    # "the US", "the EU"; a one-letter player stays "A".
    return "the " + name if name.isupper() and 2 <= len(name) <= 3 else name


def _solved_text(result, requirement, latex):
    """With one free parameter: the condition solved for it (``rho >= 1/2``), else None."""
    if result.intervals is None:
        return None
    solved = result.intervals["solved"].get(requirement.inequality.key())
    if solved is None:
        return None
    return set_text(solved, result.free[0], latex)


def _requirement_words(result, r, latex, profile=None) -> str:
    condition = _math(r.inequality.relation(), latex)
    solved = _solved_text(result, r, latex)
    if solved is not None:
        condition += f", i.e. {solved}"
    strategies = result.game.strategies
    if r.kind == "probability":
        return f"{result.game.players[r.player]} plays {strategies[r.player][r.prefers]} with positive probability ({condition})"
    if r.kind == "case":
        return condition
    who = _player(result, r.player)
    over = _join_words(strategies[r.player][t] for t in r.over)
    if r.prefers is None:
        return f"{who} gains nothing by {over} ({condition})"
    return f"{who} prefers {strategies[r.player][r.prefers]} to {over} ({condition})"


def _region_lines(result, region, latex, indent="  ") -> list[str]:
    lines = []
    if region.guards:
        lines.append(indent + "in the case " + _join_words(_math(g.inequality.relation(), latex) for g in region.guards) + ":")
        indent += "  "
    by_player: dict = {}
    for r in region.requirements:
        by_player.setdefault(r.player, []).append(_requirement_words(result, r, latex))
    for words in by_player.values():
        lines.extend(indent + "- " + w for w in words)
    positive = [r for r in region.everywhere if r.kind == "probability"]
    settled = [r for r in region.everywhere if r.kind != "probability"]
    if positive:
        lines.append(indent + "(" + ("every probability is" if len(positive) == len(region.everywhere) or not settled
                                     else f"{len(positive)} probabilities are") + " positive throughout the bounds)")
    if settled:
        words = _join_words(
            f"{_player(result, r.player)}: {result.game.strategies[r.player][r.prefers]} over "
            + _join_words(result.game.strategies[r.player][t] for t in r.over)
            if r.prefers is not None else f"{_player(result, r.player)}: no gain from "
            + _join_words(result.game.strategies[r.player][t] for t in r.over)
            for r in settled)
        lines.append(indent + f"(holds everywhere within the bounds: {words})")
    if region.implied:
        lines.append(indent + f"({len(region.implied)} more condition(s) implied by these and the bounds, left out)")
    if not region.conditions:
        lines.append(indent + "- always, within the bounds")
    return lines


def _header(result, latex) -> list[str]:
    game = result.game
    lines = [f"{game.title}: exact conditions"]
    free = []
    for name in result.free:
        p = game.parameters[name]
        free.append(f"{name} in [{show_value(p.minimum)}, {show_value(p.maximum)}]")
    lines.append("Free parameters: " + (", ".join(free) if free else "none"))
    if result.fixed:
        lines.append("Fixed: " + ", ".join(f"{k} = {v}" for k, v in result.fixed.items()))
    return lines


def show_conditions(result, latex: bool = False) -> str:
    """The conditions in words: one paragraph per pure profile, then mixed equilibria, outcomes and notes.

    Examples
    --------
    >>> from gametheory_re.symbolic import game_conditions
    >>> from gametheory_re import load_game
    >>> text = show_conditions(game_conditions(load_game("us_china"), free=["rho"]))
    >>> print(text.splitlines()[4])
    (engage, supply) is a Nash equilibrium when:
    >>> print(text.splitlines()[5])
      - China prefers supply to restrict (2*rho >= 1, i.e. 1/2 <= rho <= 1)
    """
    lines = _header(result, latex)
    lines.append("")
    for p in result.pure:
        label = result.profile_label(p.profile)
        if p.status == "never":
            lines.append(f"{label} is never a Nash equilibrium within the bounds (proved).")
            continue
        lines.append(f"{label} is a Nash equilibrium when:")
        if len(p.regions) > 1:
            lines.append(f"  one of {len(p.regions)} cases holds:")
        for region in p.regions:
            lines.extend(_region_lines(result, region, latex))
        if result.intervals is not None:
            lines.append(f"  => {set_text(result.intervals['profiles'][p.profile], result.free[0], latex)}")
    if result.mixed:
        lines.append("")
        lines.append("Mixed equilibria in closed form:")
    for m in result.mixed:
        parts = []
        for i, support in enumerate(m.supports):
            names = [result.game.strategies[i][k] for k in support]
            parts.append("|".join(names))
        lines.append(f"support ({', '.join(parts)}):")
        for case in m.cases:
            for i in m.mixers:
                probs = ", ".join(
                    f"{result.game.strategies[i][k]} {_math(case.probabilities[i][k], latex)}" for k in m.supports[i])
                lines.append(f"  {result.game.players[i]} plays {probs}")
            lines.append("  and it is an equilibrium when:")
            lines.extend(_region_lines(result, case.region, latex, "    "))
        if result.intervals is not None and m.cases:
            lines.append(f"  => {set_text(result.intervals['supports'][m.supports], result.free[0], latex)}")
        if m.singular_cases:
            lines.append(f"  ({m.singular_cases} case(s) where the indifference equations have infinitely many "
                         "solutions: a continuum of equilibria or none, not solved; gtre solve describes it at a point)")
    for o in result.outcomes:
        lines.append("")
        label = _join_words(result.profile_label(q) for q in o.holding) or "none"
        lines.append(f"Outcome {o.name}: holds in some pure equilibrium exactly where one of {label} is an equilibrium;")
        if o.failing:
            others = _join_words(result.profile_label(q) for q in o.failing)
            lines.append(f"  in every pure equilibrium where, besides, none of {others} is.")
        else:
            lines.append("  in every pure equilibrium wherever it holds in some: no profile where it fails is ever one.")
        if o.some_set is not None:
            name = result.free[0]
            lines.append(f"  some: {set_text(o.some_set, name, latex)}; every: {set_text(o.every_set, name, latex)}")
    lines.append("")
    if not result.complete:
        lines.append("INCOMPLETE: the mixed analysis stopped at the time budget.")
    lines.extend(f"Note: {n}." for n in result.notes)
    lines.append(f"({result.seconds:.2f} s)")
    return "\n".join(lines)


def _condition_dict(result, r) -> dict:
    out = {"kind": r.kind, "condition": _text(r.inequality.relation()), "latex": _tex(r.inequality.relation())}
    if r.player is not None:
        out["player"] = result.game.players[r.player]
    strategies = result.game.strategies
    if r.prefers is not None:
        out["strategy" if r.kind == "probability" else "prefers"] = strategies[r.player][r.prefers]
    if r.over:
        out["over"] = [strategies[r.player][t] for t in r.over]
    solved = None if result.intervals is None else result.intervals["solved"].get(r.inequality.key())
    if solved is not None:
        out["solved"] = _text(solved.as_relational(result.symbol(result.free[0])))
    return out


def _region_dict(result, region) -> dict:
    return {
        "case": [_text(g.inequality.relation()) for g in region.guards],
        "conditions": [_condition_dict(result, r) for r in region.requirements],
        "everywhere": [_condition_dict(result, r) | {"condition": "True"} for r in region.everywhere],
        "implied": [_condition_dict(result, r) for r in region.implied],
        "condition": _text(region.relation()),
        "proved_nonempty": region.empty is False,
    }


def _exact(value):
    return None if value is None else _text(value)


def conditions_dict(result) -> dict:
    """The result as plain JSON types (see the module docstring for reading the strings back)."""
    game = result.game
    players = game.players

    def profile(p):
        return {players[i]: game.strategies[i][k] for i, k in enumerate(p)}

    pure = []
    for p in result.pure:
        item = {"profile": profile(p.profile), "label": result.profile_label(p.profile), "status": p.status,
                "condition": _text(p.relation()), "regions": [_region_dict(result, r) for r in p.regions],
                "empty_cases": p.empty_cases}
        if result.intervals is not None:
            item["interval"] = _text(result.intervals["profiles"][p.profile])
        pure.append(item)
    mixed = []
    for m in result.mixed:
        mixed.append({
            "supports": {players[i]: [game.strategies[i][k] for k in s] for i, s in enumerate(m.supports)},
            "cases": [{
                "probabilities": {players[i]: {game.strategies[i][k]: _text(c.probabilities[i][k]) for k in m.supports[i]}
                                  for i in range(len(players))},
                **_region_dict(result, c.region)} for c in m.cases],
            "condition": _text(m.relation()),
            "singular_cases": m.singular_cases,
            **({"interval": _text(result.intervals["supports"][m.supports])} if result.intervals is not None else {}),
        })
    outcomes = []
    for o in result.outcomes:
        item = {"name": o.name, "some": _text(o.some), "every": _text(o.every),
                "holding": [profile(q) for q in o.holding], "failing": [profile(q) for q in o.failing]}
        if o.some_set is not None:
            item["some_set"], item["every_set"] = _text(o.some_set), _text(o.every_set)
        outcomes.append(item)
    return {
        "game": game.title,
        "source": game.source,
        "players": list(players),
        "parameters": [{"name": n, "min": _exact(game.parameters[n].minimum),
                        "max": _exact(game.parameters[n].maximum)} for n in result.free],
        "fixed": {k: _text(v) for k, v in result.fixed.items()},
        "pure": pure,
        "mixed": mixed,
        "unsolved": {"one_mixer": result.unsolved.one_mixer, "unequal_sizes": result.unsolved.unequal_sizes,
                     "three_or_more_mixers": result.unsolved.three_or_more_mixers},
        "outcomes": outcomes,
        "complete": result.complete,
        "notes": list(result.notes),
        "seconds": round(result.seconds, 3),
    }


# --- Sequential games: subgame perfection node by node -----------------------

def _tree_player(result, i) -> str:
    name = result.game.players[i]
    return "the " + name if name.isupper() and len(name) <= 3 else name


def _rule_words(result, rule, region, latex) -> str:
    moves = result.game.nodes[rule.node].moves
    parts = []
    for r in region.requirements:
        over = _join_words(moves[t] for t in r.over)
        parts.append(f"over {over} ({_math(r.inequality.relation(), latex)})")
    if not parts:
        return "always, within the bounds"
    return "prefers it " + _join_words(parts)


def _rule_lines(result, rule, latex, indent) -> list[str]:
    game = result.game
    node = game.nodes[rule.node]
    given = ", ".join(f"{node.moves[k]} -> {result.leaf_label(leaf)}" for k, leaf in enumerate(rule.leaves))
    head = f"{indent}[{rule.id}] {node.moves[rule.action]}"
    if any(not game.nodes[c].is_terminal for c in node.children):
        head += f" (given {given})"
    if rule.status == "always":
        return [head + ": always, within the bounds"]
    if rule.uniform:
        region = next(r for r in rule.regions if r is not None)
        return [head + ": " + _rule_words(result, rule, region, latex)]
    lines = [head + ":"]
    for guards, region in zip(result.cases, rule.regions):
        if region is None:
            continue
        case = _join_words(_math(g.inequality.relation(), latex) for g in guards) or "every case"
        lines.append(f"{indent}    in the case {case}: {_rule_words(result, rule, region, latex)}")
    return lines


def show_sequential_conditions(result, latex: bool = False, max_plans: int = 20) -> str:
    """Subgame-perfect conditions in words: each node's rules, then the plans per equilibrium path.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> from gametheory_re.symbolic.sequential import sequential_conditions
    >>> tree = load_game("us_japan_china_sequential")
    >>> text = show_sequential_conditions(sequential_conditions(tree, free=["s", "K"]))
    >>> print(text.splitlines()[4])
    At (no_build, dependent), China chooses:
    """
    game = result.game
    lines = [f"{game.title}: exact conditions of subgame perfection (backward induction)"]
    free = [f"{n} in [{show_value(game.parameters[n].minimum)}, {show_value(game.parameters[n].maximum)}]"
            for n in result.free]
    lines.append("Free parameters: " + (", ".join(free) if free else "none"))
    if result.fixed:
        lines.append("Fixed: " + ", ".join(f"{k} = {v}" for k, v in result.fixed.items()))
    lines.append("A move is chosen where its mover gets at least as much from it as from every other move, "
                 "given the choices below (each rule says which leaf every move leads to).")
    if len(result.cases) > 1:
        lines.append(f"The payoffs' min/max split into {len(result.cases)} cases.")
    current = None
    for rule in result.rules:
        if rule.node != current:
            current = rule.node
            lines.append(f"At {result.node_label(rule.node)}, {_tree_player(result, rule.player)} chooses:")
        lines.extend(_rule_lines(result, rule, latex, "  "))
    lines.append("")
    lines.append(f"Plan profiles (a move at every node): {result.total_plans}, of which {len(result.plans)} "
                 "are not proved impossible within the bounds.")
    for path in result.paths:
        lines.append(f"{result.leaf_label(path.leaf)} is the subgame-perfect path of {len(path.plans)} plan(s)"
                     + (":" if len(result.plans) <= max_plans else f" (rules: see --json)."))
        if len(result.plans) > max_plans:
            continue
        for k in path.plans:
            plan = result.plans[k]
            moves = "; ".join(f"{result.node_label(n)} {game.nodes[n].moves[m]}" for n, m in plan.choices.items())
            used = [str(i) for i in plan.rules if result.rules[i].status != "always"]
            lines.append(f"  - {moves}")
            lines.append(f"    when rules {', '.join(used) if used else 'none (always)'} hold")
    for o in result.outcomes:
        lines.append("")
        if not o.plans:
            lines.append(f"Outcome {o.name}: never on a subgame-perfect path within the bounds "
                         "(no plan leading to it survives).")
            continue
        leaves = _join_words(result.leaf_label(leaf) for leaf in o.leaves)
        lines.append(f"Outcome {o.name}: on the subgame-perfect path exactly where one of the {len(o.plans)} plan(s) "
                     f"leading to {leaves} is subgame perfect (conditions in --json).")
    lines.append("")
    if not result.complete:
        lines.append("INCOMPLETE: the exact LP checks stopped at the time budget.")
    lines.extend(f"Note: {n}." for n in result.notes)
    lines.append(f"({result.seconds:.2f} s)")
    return "\n".join(lines)


def sequential_conditions_dict(result) -> dict:
    """A :class:`~gametheory_re.symbolic.sequential.SequentialConditions` as plain JSON types.

    Each rule's and plan's ``condition`` reads back with sympy's parser (see
    the module docstring); a plan's is the conjunction of its rules'.
    """
    game = result.game

    def requirement(rule, r):
        moves = game.nodes[rule.node].moves
        return {"condition": str(r.inequality.relation()), "player": game.players[r.player],
                "prefers": moves[r.prefers], "over": [moves[t] for t in r.over]}

    rules = []
    for rule in result.rules:
        node = game.nodes[rule.node]
        rules.append({
            "id": rule.id, "node": node.name, "player": game.players[rule.player], "action": node.moves[rule.action],
            "leads_to": {m: game.nodes[game.leaf_nodes[leaf]].name for m, leaf in zip(node.moves, rule.leaves)},
            "status": rule.status, "condition": rule.text,
            "cases": [None if region is None else {
                "case": [str(g.inequality.relation()) for g in guards],
                "conditions": [requirement(rule, r) for r in region.requirements]}
                for guards, region in zip(result.cases, rule.regions)],
        })
    plans = [{"choices": {game.nodes[n].name: game.nodes[n].moves[m] for n, m in p.choices.items()},
              "path": game.nodes[game.leaf_nodes[p.leaf]].name, "rules": list(p.rules), "condition": p.text}
             for p in result.plans]
    return {
        "game": game.title,
        "source": game.source,
        "players": list(game.players),
        "solution": "subgame perfect (backward induction)",
        "parameters": [{"name": n, "min": _exact(game.parameters[n].minimum),
                        "max": _exact(game.parameters[n].maximum)} for n in result.free],
        "fixed": {k: str(v) for k, v in result.fixed.items()},
        "cases": [[str(g.inequality.relation()) for g in guards] for guards in result.cases],
        "rules": rules,
        "total_plans": result.total_plans,
        "plans": plans,
        "paths": [{"path": game.nodes[game.leaf_nodes[p.leaf]].name, "plans": list(p.plans)} for p in result.paths],
        "outcomes": [{"name": o.name, "paths": [game.nodes[game.leaf_nodes[leaf]].name for leaf in o.leaves],
                      "plans": list(o.plans), "some": o.some, "every": o.every} for o in result.outcomes],
        "complete": result.complete,
        "notes": list(result.notes),
        "seconds": round(result.seconds, 3),
    }
