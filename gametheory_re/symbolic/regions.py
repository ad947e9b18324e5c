"""Regions of parameter space: conjunctions of simplified conditions, with what was proved about them.

A region is one case (its guards, from :mod:`~gametheory_re.symbolic.cases`)
and the conditions that must hold in it.  :func:`build_region` simplifies
every condition over the bounds box, drops the ones the bounds prove true
(keeping them aside, so an explanation can say "everywhere"), merges
conditions that are the same inequality, removes conditions the exact LP
proves implied, and reports the region as empty when a condition is false
everywhere or the LP is infeasible.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy

from .inequality import Inequality, simplify
from .redundancy import prune


@dataclass(frozen=True)
class Requirement:
    """One condition of a region, and whose incentive it is.

    Attributes
    ----------
    inequality : Inequality
    kind : str
        ``"deviation"``: ``player`` prefers strategy ``prefers`` to each of
        ``over``; ``"case"``: a guard of a ``min``/``max``/``abs``/
        ``piecewise`` case; ``"probability"``: a mixed equilibrium's
        probability of strategy ``prefers`` of ``player`` is positive.
    player : int or None
    prefers : int or None
    over : tuple of int
        The deviations this inequality stands for (several when they give
        the same inequality).
    """

    inequality: Inequality
    kind: str = "deviation"
    player: int | None = None
    prefers: int | None = None
    over: tuple[int, ...] = ()


@dataclass(frozen=True)
class Region:
    """A conjunction of conditions: where it holds, the equilibrium (or case) holds.

    Attributes
    ----------
    guards : tuple of Requirement
        The case's guards (kind ``"case"``), already simplified.
    requirements : tuple of Requirement
        The conditions that are neither proved true over the bounds nor
        implied by the others: the region is where all guards and these hold.
    everywhere : tuple of Requirement
        Conditions the bounds prove true over the whole box (left out of
        the region's formula).
    implied : tuple of Requirement
        Conditions the exact LP proves implied by the others and the bounds,
        or that repeat another one (left out of the formula).
    empty : bool or None
        True: proved empty.  False: proved non-empty (exact LP, closed
        region).  None: not decided (nonlinear conditions).
    """

    guards: tuple[Requirement, ...]
    requirements: tuple[Requirement, ...]
    everywhere: tuple[Requirement, ...] = ()
    implied: tuple[Requirement, ...] = ()
    empty: bool | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def conditions(self) -> tuple[Requirement, ...]:
        """Guards then requirements: every condition of the region's formula."""
        return self.guards + self.requirements

    def relation(self) -> sympy.Boolean:
        """The region as one sympy truth value (``And`` of its relations; ``true`` if none)."""
        return sympy.And(*(r.inequality.relation() for r in self.conditions))


def _guard_inequality(guard, box):
    """A case guard as an Inequality, True/False, or the guard itself when it is no single relation."""
    if isinstance(guard, (sympy.Le, sympy.Lt)):
        return simplify(guard.rhs - guard.lhs, box, strict=isinstance(guard, sympy.Lt))
    if isinstance(guard, (sympy.Ge, sympy.Gt)):
        return simplify(guard.lhs - guard.rhs, box, strict=isinstance(guard, sympy.Gt))
    return guard


def build_region(guards, candidates, box, deadline=None) -> Region:
    """Simplify, merge and prune the conditions of one case.

    Parameters
    ----------
    guards : sequence of sympy.Boolean
        The case's guards (see :class:`~gametheory_re.symbolic.cases.Case`).
    candidates : sequence of (sympy.Expr, bool, Requirement)
        Each condition as ``expr >= 0`` (``> 0`` when the flag is true) and
        the requirement it becomes (its ``inequality`` is replaced).
    box : mapping of sympy.Symbol to (lo, hi)
    deadline : Deadline, optional
        Passed to the exact LP (raises ``OutOfTime`` when passed).

    Returns
    -------
    Region
    """
    kept_guards: list[Requirement] = []
    for guard in guards:
        ineq = _guard_inequality(guard, box)
        if ineq is False:
            return Region((), (), empty=True)
        if ineq is True:
            continue
        if not isinstance(ineq, Inequality):
            return Region((), (), empty=None, notes=(f"a case condition that is not one inequality: {guard}",))
        kept_guards.append(Requirement(ineq, kind="case"))
    everywhere, requirements, implied = [], [], []
    seen: dict = {g.inequality.key(): g for g in kept_guards}
    for expr, strict, template in candidates:
        ineq = simplify(expr, box, strict=strict)
        if ineq is False:
            return Region(tuple(kept_guards), (replace(template, inequality=Inequality(expr, strict)),), empty=True)
        if ineq is True:
            everywhere.append(replace(template, inequality=Inequality(sympy.S.One, strict)))
            continue
        requirement = replace(template, inequality=ineq)
        key = ineq.key()
        if key in seen:
            first = seen[key]
            if first.kind == template.kind == "deviation" and (first.player, first.prefers) == (
                    template.player, template.prefers):
                merged = replace(first, over=first.over + template.over)
                requirements[requirements.index(first)] = merged
                seen[key] = merged
            else:
                implied.append(requirement)
            continue
        seen[key] = requirement
        requirements.append(requirement)
    everything = kept_guards + requirements
    kept, empty = prune([r.inequality for r in everything], box, deadline)
    if empty:
        return Region(tuple(kept_guards), tuple(requirements), tuple(everywhere), tuple(implied), empty=True)
    if not everything:
        empty = False  # no condition left: the whole box
    implied += [r for k, r in enumerate(everything) if k not in kept and r.kind != "case"]
    guards_out = tuple(r for k, r in enumerate(everything) if k in kept and r.kind == "case")
    # A guard the others imply still names the case; keep every guard.
    guards_out = tuple(kept_guards) if len(guards_out) != len(kept_guards) else guards_out
    reqs_out = tuple(r for k, r in enumerate(everything) if k in kept and r.kind != "case")
    return Region(guards_out, reqs_out, tuple(everywhere), tuple(implied), empty=empty)
