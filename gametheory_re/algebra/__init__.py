"""Exact algebra with no game in it, layered as SymPy's ``polys`` is.

* :mod:`.linear`: the one exact Gaussian elimination (row reduction, rank,
  square solves) over any exact field (``Fraction``, ``QQ``).
* :mod:`.integer_poly`: dense integer polynomials in one unknown as
  coefficient lists, Sturm sequences, root counting and exclusion in [0, 1].
* :mod:`.quadratic`: numbers ``(p + q sqrt(d)) / den`` in Python integers.
* :mod:`.real_algebraic`: real algebraic points (:class:`~.real_algebraic.Point`)
  and the factoring and root isolation that makes them.
* :mod:`.groebner`: solving polynomial systems by Groebner bases in shape
  position.
"""
