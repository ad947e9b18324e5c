"""Exact conditions of subgame perfection in perfect-information trees, node by node.

In a tree with perfect information and no chance moves, backward induction
picks at every decision node a move whose continuation gives the mover at
least as much as every other move's continuation.  The continuation of a
move is the leaf that the choices *below* lead to, so the condition that a
move is chosen at a node depends only on the leaves reached from the node's
children: that is a :class:`NodeRule`, one inequality per other move
(``u_i(leaf of a) >= u_i(leaf of b)``), simplified over the parameters'
bounds like every condition of :mod:`.regions`.

A *plan profile* is one move at every decision node, on and off the path;
it is a subgame-perfect equilibrium exactly where all its nodes' rules hold
(:class:`PlanConditions`).  Plans are enumerated bottom up, and a partial
plan is dropped when its conditions are proved empty (a rule false over the
whole box, or, for conditions linear in few parameters, an infeasible exact
LP).  Payoffs with ``min``/``max``/``abs``/``piecewise`` are split into
cases once for the whole tree; a rule that reads the same in every case is
given once.  Ties are allowed (``>=``): where a mover is indifferent,
several plans hold at once, as :func:`~gametheory_re.solvers.backward_induction.subgame_perfect_equilibria`
lists them.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import sympy
from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, lpmin

from .. import limits
from ..errors import GameFileError, UnsupportedError
from ..options import DEFAULT_TIME_BUDGET, check_time_budget
from ..solvers.deadline import Deadline
from .cases import split_cases
from .intervals import bounds, box_of
from .redundancy import MAX_LP_CONDITIONS, MAX_LP_VARIABLES, _box_constraints
from .regions import Region, Requirement, build_region


@dataclass(frozen=True)
class NodeRule:
    """Where the mover at ``node`` chooses ``action``, given the leaves the choices below lead to.

    Attributes
    ----------
    id : int
        Index in :attr:`SequentialConditions.rules`.
    node : int
        The decision node (index into the tree's nodes).
    player : int
        Who moves there.
    action : int
        The move chosen (index into the node's moves).
    leaves : tuple of int
        The leaf (row of the payoff table) each child's subtree leads to.
    regions : tuple of Region or None
        One per case of :attr:`SequentialConditions.cases`: the rule in that
        case (None where proved empty).  Each requirement has ``player``,
        ``prefers`` (``action``) and ``over`` (other moves of the node).
    uniform : bool
        True when the rule reads the same in every case (it is then shown,
        and its ``condition`` written, without the cases' guards).
    condition : sympy.Boolean
        Where the rule holds, within the bounds.
    text : str
        ``str(condition)``, which sympy's parser reads back.
    """

    id: int
    node: int
    player: int
    action: int
    leaves: tuple[int, ...]
    regions: tuple[Region | None, ...]
    uniform: bool
    condition: sympy.Boolean
    text: str

    @property
    def status(self) -> str:
        """``"always"`` (no condition within the bounds), ``"never"`` or ``"conditional"``."""
        if self.condition is sympy.true:
            return "always"
        if all(r is None for r in self.regions):
            return "never"
        return "conditional"


@dataclass(frozen=True)
class PlanConditions:
    """One plan profile (a move at every decision node) and where it is a subgame-perfect equilibrium.

    Attributes
    ----------
    choices : dict of int to int
        Decision node to the move chosen there.
    leaf : int
        The leaf the plan's path ends at.
    rules : tuple of int
        The :class:`NodeRule` of each decision node, bottom up.
    cases : tuple of int
        The cases (indices into :attr:`SequentialConditions.cases`) in which
        the plan was not proved impossible.
    text : str
        Where the plan is subgame perfect: the conjunction of its rules'
        conditions (those not true everywhere), as a string sympy's parser
        reads back.
    """

    choices: dict[int, int]
    leaf: int
    rules: tuple[int, ...]
    cases: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class PathConditions:
    """The plans whose path ends at one leaf: that leaf is a subgame-perfect outcome exactly on their union."""

    leaf: int
    plans: tuple[int, ...]


@dataclass(frozen=True)
class SequentialOutcome:
    """Where a named outcome holds on the path of some / every subgame-perfect equilibrium.

    ``some`` and ``every`` are strings sympy's parser reads back (the unions
    are long; they are written, not simplified).
    """

    name: str
    leaves: tuple[int, ...]
    plans: tuple[int, ...]
    others: tuple[int, ...]
    some: str
    every: str


@dataclass(frozen=True)
class SequentialConditions:
    """What :func:`sequential_conditions` found.

    Attributes
    ----------
    game : ParametricTree
    free, fixed, box
        As in :class:`~gametheory_re.symbolic.analysis.ConditionsResult`.
    cases : tuple of tuple of Requirement
        The guards of each case of the payoffs' ``min``/``max`` (one empty
        case when nothing is piecewise).
    rules : tuple of NodeRule
        Every rule some surviving plan uses, bottom up.
    plans : tuple of PlanConditions
        Every plan profile not proved impossible.
    paths : tuple of PathConditions
        Per leaf reached by some plan.
    outcomes : tuple of SequentialOutcome
    total_plans : int
        The number of plan profiles of the tree (product of move counts).
    complete : bool
        False when the time budget stopped the exact LP checks (plans are
        then kept that a check might have dropped; all kept conditions are
        exact).
    seconds : float
    notes : tuple of str
    """

    game: object
    free: tuple[str, ...]
    fixed: dict
    box: dict
    cases: tuple[tuple[Requirement, ...], ...]
    rules: tuple[NodeRule, ...]
    plans: tuple[PlanConditions, ...]
    paths: tuple[PathConditions, ...]
    outcomes: tuple[SequentialOutcome, ...]
    total_plans: int
    complete: bool = True
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    def node_label(self, node: int) -> str:
        """``(build, align)``, or ``the root``."""
        name = self.game.nodes[node].name
        return "the root" if node == 0 else f"({name})"

    def leaf_label(self, leaf: int) -> str:
        """``(build, align, supply)``."""
        return f"({self.game.nodes[self.game.leaf_nodes[leaf]].name})"

    def symbol(self, name: str) -> sympy.Symbol:
        """The sympy symbol of a parameter, as the conditions use it (real)."""
        return sympy.Symbol(name, real=True)


def _linearized(inequalities, box):
    """The inequalities with every product of parameters replaced by a fresh variable bounded by its interval.

    A relaxation: if it is infeasible, so are the inequalities.  Returns
    ``(expressions, extra bounds)`` or None when an expression is not a
    polynomial with numeric coefficients.
    """
    symbols = sorted(set().union(*(i.expr.free_symbols for i in inequalities)), key=str)
    fresh: dict = {}
    out = []
    for ineq in inequalities:
        try:
            poly = sympy.Poly(ineq.expr, *symbols)
        except sympy.PolynomialError:
            return None
        if not all(c.is_Number for c in poly.coeffs()):
            return None
        terms = []
        for monomial, coeff in poly.terms():
            product = sympy.Mul(*(x**e for x, e in zip(symbols, monomial)))
            if sum(monomial) > 1:
                if product not in fresh:
                    fresh[product] = sympy.Dummy(f"m{len(fresh)}", real=True)
                product = fresh[product]
            terms.append(coeff * product)
        out.append(sympy.Add(*terms))
    extra = {v: bounds(m, box) for m, v in fresh.items()}
    return out, extra


def _feasible(inequalities, box) -> bool | None:
    """False if an exact LP proves the closed region empty, True if it does not, None if no LP applies.

    Products of parameters are relaxed to fresh variables within their
    interval bounds (:func:`_linearized`), so an infeasible LP is a proof.
    """
    if not inequalities:
        return True
    # Relaxing products only ever removes symbols that occur in products
    # alone; past twice the LP's size a relaxation small enough is unlikely
    # and building it (a Poly in every symbol) costs more than it saves.
    if len(set().union(*(i.expr.free_symbols for i in inequalities))) > 2 * MAX_LP_VARIABLES:
        return None
    linear = _linearized(inequalities, box)
    if linear is None:
        return None
    expressions, extra = linear
    symbols = sorted(set().union(*(e.free_symbols for e in expressions)), key=str)
    if len(symbols) > MAX_LP_VARIABLES or len(expressions) > 4 * MAX_LP_CONDITIONS:
        return None
    if not symbols:
        return all(e >= 0 for e in expressions)
    try:
        lpmin(symbols[0] * 0, _box_constraints(symbols, {**box, **extra}) + [e >= 0 for e in expressions])
    except InfeasibleLPError:
        return False
    except UnboundedLPError:  # pragma: no cover - a zero objective is never unbounded
        pass
    return True


def _check_names(tree, names, origin):
    for name in names:
        if name not in tree.parameters:
            raise GameFileError(origin, name, "unknown parameter; the game's parameters are: " + ", ".join(tree.parameters))


def sequential_conditions(
    tree,
    params: Mapping[str, object] | None = None,
    free: Sequence[str] | None = None,
    outcomes: Sequence[str] | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> SequentialConditions:
    """Exact conditions under which each plan profile of a perfect-information tree is subgame perfect.

    Parameters
    ----------
    tree : ParametricTree
        Perfect information, no chance moves.
    params, free, outcomes
        As for :func:`~gametheory_re.symbolic.analysis.game_conditions`.
    time_budget : float or None
        Seconds for the exact LP checks that drop impossible plans; past it
        plans are kept unchecked (the result says so).

    Returns
    -------
    SequentialConditions

    Raises
    ------
    GameFileError
        For an unknown parameter or outcome, or a parameter both fixed and free.
    UnsupportedError
        For a tree with information sets of several nodes or chance moves,
        or more surviving plans than :data:`~gametheory_re.limits.MAX_CONDITION_PROFILES`.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> result = sequential_conditions(load_game("us_japan_china_sequential"), free=["s", "K"])
    >>> result.total_plans, len(result.plans)
    (1152, 6)
    >>> [result.leaf_label(p.leaf) for p in result.paths]
    ['(build, align, supply)', '(build, hedge, restrict)', '(no_build, align, restrict)', '(no_build, hedge, restrict)']
    """
    started = time.perf_counter()
    time_budget = check_time_budget("time_budget", time_budget)
    if not tree.is_perfect_information:
        raise UnsupportedError("exact conditions of a tree need perfect information (every information set "
                               "one node); convert the tree to its normal form (gtre convert) and run them on that")
    if tree.has_chance:
        raise UnsupportedError("exact conditions of a tree with chance moves are not built; fix the chance "
                               "probabilities' effect into payoffs or convert the tree to its normal form")
    params = dict(params or {})
    _check_names(tree, params, "params")
    if free is not None:
        free = list(dict.fromkeys(free))
        _check_names(tree, free, "free")
        both = [n for n in free if n in params]
        if both:
            raise GameFileError("free", both[0], "is also given a value (params); a parameter is either fixed or free")
    if outcomes is not None:
        for name in outcomes:
            if name not in tree.outcomes:
                raise GameFileError("outcomes", name, "unknown outcome; the game's outcomes are: "
                                    + (", ".join(tree.outcomes) or "none"))
    point = tree.point(params)
    free_names = tuple(n for n in tree.parameters if (n in free if free is not None else n not in params))
    fixed = {n: v for n, v in point.items() if n not in free_names}
    subs = {sympy.Symbol(n, real=True): v for n, v in fixed.items()}
    box = box_of(tree.parameters, free_names)
    n_leaves, n_players = tree.payoffs.shape
    flat = [sympy.S(tree.payoffs[leaf, i]).xreplace(subs) for leaf in range(n_leaves) for i in range(n_players)]

    # The cases of the payoffs' min/max, once for the whole tree.
    cases, guards = [], []
    for case in split_cases(flat, box):
        region = build_region(case.guards, [], box)
        if region.empty:
            continue
        cases.append([case.expressions[k * n_players:(k + 1) * n_players] for k in range(n_leaves)])
        guards.append(region.guards)
    guard_relations = [sympy.And(*(g.inequality.relation() for g in gs)) for gs in guards]

    deadline = Deadline(time_budget)
    complete = True
    rules: dict[tuple, NodeRule] = {}
    rule_list: list[NodeRule] = []

    def rule(node_index, action, leaves):
        key = (node_index, action, leaves)
        if key in rules:
            return rules[key]
        node = tree.nodes[node_index]
        i = node.player
        regions = []
        for u in cases:
            candidates = [
                (u[leaves[action]][i] - u[leaves[b]][i], False, Requirement(None, "deviation", i, action, (b,)))
                for b in range(len(leaves)) if b != action
            ]
            region = build_region((), candidates, box)
            regions.append(None if region.empty else region)
        live = [r for r in regions if r is not None]
        uniform = len(live) == len(regions) and len({str(r.relation()) for r in live}) == 1
        if uniform:
            condition = live[0].relation()
        else:
            condition = sympy.Or(*(sympy.And(g, r.relation()) for g, r in zip(guard_relations, regions) if r is not None))
        made = NodeRule(-1, node_index, i, action, leaves, tuple(regions), uniform, condition, str(condition))
        rules[key] = made
        return made

    # Partial plans per node: (choices, leaf, rule keys, live cases), bottom up.
    partial: dict[int, list] = {}
    for n in reversed(range(tree.n_nodes)):
        node = tree.nodes[n]
        if node.is_terminal:
            partial[n] = [((), node.leaf, (), frozenset(range(len(cases))))]
            continue
        found = []
        for combo in itertools.product(*(partial[c] for c in node.children)):
            leaves = tuple(part[1] for part in combo)
            live_below = frozenset.intersection(*(part[3] for part in combo))
            below = tuple(itertools.chain.from_iterable(part[2] for part in combo))
            choices_below = tuple(itertools.chain.from_iterable(part[0] for part in combo))
            for a in range(len(node.moves)):
                r = rule(n, a, leaves)
                live = frozenset(c for c in live_below if r.regions[c] is not None)
                keys = below + ((n, a, leaves),)
                if live and len(keys) > 1:
                    if deadline.passed():
                        complete = False
                    else:
                        kept = set()
                        for c in live:
                            inequalities = [g.inequality for g in guards[c]] + [
                                q.inequality for k in keys for q in rules[k].regions[c].requirements]
                            if _feasible(inequalities, box) is not False:
                                kept.add(c)
                        live = frozenset(kept)
                if live:
                    found.append((choices_below + ((n, a),), leaves[a], keys, live))
            if len(found) > limits.MAX_CONDITION_PROFILES:
                raise UnsupportedError(
                    f"more than {limits.MAX_CONDITION_PROFILES} partial plans survive at node "
                    f"{node.name!r}; fix some parameters (--set) or free fewer (--free)")
        partial[n] = found
        for c in node.children:
            del partial[c]

    # Number the rules the surviving plans use, bottom up (node order reversed).
    used = sorted({k for plan in partial[0] for k in plan[2]}, key=lambda k: (-k[0], k[2], k[1]))
    ids = {}
    for k in used:
        r = rules[k]
        ids[k] = len(rule_list)
        rule_list.append(NodeRule(len(rule_list), r.node, r.player, r.action, r.leaves, r.regions, r.uniform,
                                  r.condition, r.text))
    plans = []
    for choices, leaf, keys, live in partial[0]:
        texts = [rules[k].text for k in keys if rules[k].condition is not sympy.true]
        text = " & ".join(f"({t})" for t in texts) if texts else "True"
        plans.append(PlanConditions(dict(sorted(choices)), leaf, tuple(ids[k] for k in keys), tuple(sorted(live)),
                                    text))
    by_leaf: dict[int, list[int]] = {}
    for k, plan in enumerate(plans):
        by_leaf.setdefault(plan.leaf, []).append(k)
    paths = tuple(PathConditions(leaf, tuple(ks)) for leaf, ks in sorted(by_leaf.items()))

    def union(ks):
        return " | ".join(f"({plans[k].text})" for k in ks) or "False"

    names = list(tree.outcomes) if outcomes is None else list(outcomes)
    outcome_results = []
    for name in names:
        mask = tree.outcomes[name].mask
        holding = tuple(k for k, p in enumerate(plans) if mask[p.leaf])
        others = tuple(k for k, p in enumerate(plans) if not mask[p.leaf])
        some = union(holding)
        every = some if not others else f"({some}) & ~({union(others)})"
        outcome_results.append(SequentialOutcome(
            name, tuple(sorted({plans[k].leaf for k in holding})), holding, others, some, every))
    total = 1
    for node in tree.nodes:
        total *= max(1, len(node.moves)) if node.is_decision else 1
    notes = []
    if not complete:
        notes.append(f"time budget of {time_budget:g} s reached: some plans were kept without the exact LP check "
                     "(raise --time-budget, or fix parameters with --set / --free)")
    return SequentialConditions(tree, free_names, fixed, box, tuple(tuple(g) for g in guards), tuple(rule_list),
                                tuple(plans), paths, tuple(outcome_results), total, complete,
                                time.perf_counter() - started, tuple(notes))
