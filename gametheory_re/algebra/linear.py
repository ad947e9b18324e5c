"""The one exact Gaussian elimination, over any exact field (``Fraction`` or ``QQ``)."""

from __future__ import annotations


def row_reduce(rows: list[list], n: int, full_rank: bool = False) -> list[int] | None:
    """Gauss-Jordan elimination, in place, of an augmented matrix of exact numbers.

    Parameters
    ----------
    rows : list of list
        Each ``n`` coefficients followed by right-hand sides.
    n : int
        Number of coefficient columns.
    full_rank : bool
        Stop, returning None, at the first column without a pivot (for
        square solves, which then have no unique solution).

    Returns
    -------
    list of int or None
        The pivot columns.  On return the pivot rows come first, each pivot
        is 1 and the only non-zero entry of its column.

    Examples
    --------
    >>> from fractions import Fraction
    >>> rows = [[Fraction(2), Fraction(4), Fraction(6)], [Fraction(1), Fraction(3), Fraction(4)]]
    >>> row_reduce(rows, 2), [[str(v) for v in row] for row in rows]
    ([0, 1], [['1', '0', '1'], ['0', '1', '1']])
    """
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col]), None)
        if pivot is None:
            if full_rank:
                return None
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col]:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r])]
        pivots.append(col)
        r += 1
    return pivots


def rank(rows) -> int:
    """Rank of a matrix of exact numbers.

    Examples
    --------
    >>> from fractions import Fraction
    >>> rank([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(4)]])
    1
    """
    rows = [list(r) for r in rows if any(r)]
    return len(row_reduce(rows, len(rows[0]))) if rows else 0


def solve_square(matrix, rhs) -> list | None:
    """The unique solution of a square system of exact numbers, or None when it is singular.

    Examples
    --------
    >>> from fractions import Fraction
    >>> [str(x) for x in solve_square([[Fraction(1), Fraction(1)], [Fraction(1), Fraction(-1)]], [Fraction(3), Fraction(1)])]
    ['2', '1']
    >>> solve_square([[Fraction(1), Fraction(1)], [Fraction(2), Fraction(2)]], [Fraction(1), Fraction(2)]) is None
    True
    """
    n = len(rhs)
    rows = [list(r) + [b] for r, b in zip(matrix, rhs)]
    if row_reduce(rows, n, full_rank=True) is None:
        return None
    return [row[n] for row in rows]
