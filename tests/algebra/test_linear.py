"""Tests of the one exact Gaussian elimination."""

from fractions import Fraction

from sympy.polys.domains import QQ

from gametheory_re.algebra.linear import rank, row_reduce, solve_square


def test_row_reduce_gives_pivots_and_reduced_rows():
    rows = [[Fraction(0), Fraction(2), Fraction(4)], [Fraction(1), Fraction(1), Fraction(3)], [Fraction(1), Fraction(3), Fraction(7)]]
    assert row_reduce(rows, 2) == [0, 1]
    assert rows == [[1, 0, 1], [0, 1, 2], [0, 0, 0]]


def test_full_rank_stops_at_a_missing_pivot():
    rows = [[QQ(1), QQ(1), QQ(0)], [QQ(2), QQ(2), QQ(1)]]
    assert row_reduce(rows, 2, full_rank=True) is None


def test_rank_and_square_solves_over_qq_and_fractions():
    assert rank([[QQ(1), QQ(2), QQ(3)], [QQ(2), QQ(4), QQ(6)], [QQ(0), QQ(0), QQ(0)]]) == 1
    assert rank([]) == 0
    assert solve_square([[QQ(2), QQ(0)], [QQ(0), QQ(4)]], [QQ(1), QQ(1)]) == [QQ(1, 2), QQ(1, 4)]
    assert solve_square([[Fraction(0), Fraction(1)], [Fraction(1), Fraction(0)]], [Fraction(3), Fraction(5)]) == [5, 3]
    assert solve_square([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(4)]], [Fraction(1), Fraction(2)]) is None
