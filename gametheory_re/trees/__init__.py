"""Games in extensive form: trees of decision, chance and terminal nodes.

* :mod:`.model`: nodes, information sets, and :class:`~.model.GameTree`, a
  tree at one parameter point in numbers, which is what the solvers consume;
* :mod:`.build`: node specs from a reader assembled into a tree, with its
  structure checks (perfect recall among them);
* :mod:`.parametric`: :class:`~.parametric.ParametricTree`, whose payoffs and
  chance probabilities are sympy formulas of parameters;
* :mod:`.orders`: move-order games built from a normal-form game;
* :mod:`.reduced`: a tree's reduced (induced) normal form.

Every tree has perfect recall (each player remembers their own earlier moves
and what they knew); builders refuse trees without it.  This package module
imports nothing, so that importing the numeric model does not load sympy.
"""
