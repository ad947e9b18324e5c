import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.solvers.dominance import _best_response_on_an_edge, _pair_dominator, iterated_elimination


def test_prisoners_dilemma_leaves_defection():
    a = np.array([[3.0, 0.0], [5.0, 1.0]])
    surviving, steps = iterated_elimination(np.stack([a, a.T]), 1e-9)
    assert surviving == [[1], [1]]
    assert [(s.player, s.strategy) for s in steps] == [(0, 0), (1, 0)]


def test_strategy_dominated_only_by_a_mixture_is_removed():
    a = np.array([[3.0, 0.0], [0.0, 3.0], [1.0, 1.0]])
    surviving, steps = iterated_elimination(np.stack([a, np.zeros((3, 2))]), 1e-9)
    assert surviving[0] == [0, 1]
    assert steps[0].dominator == {0: 0.5, 1: 0.5}
    assert abs(steps[0].margin - 0.5) < 1e-9
    pure_only, _ = iterated_elimination(np.stack([a, np.zeros((3, 2))]), 1e-9, mixed=False)
    assert pure_only[0] == [0, 1, 2]


def test_weak_dominance_is_not_strict():
    a = np.array([[1.0, 1.0], [1.0, 0.0]])
    surviving, steps = iterated_elimination(np.stack([a, np.zeros((2, 2))]), 1e-9)
    assert surviving == [[0, 1], [0, 1]] and steps == []


def test_iterated_elimination_cascades():
    # Column's R is dominated; once it is gone Row's D is dominated.
    a = np.array([[2.0, 0.0], [1.0, 3.0]])
    b = np.array([[1.0, 0.0], [1.0, 0.0]])
    surviving, _ = iterated_elimination(np.stack([a, b]), 1e-9)
    assert surviving == [[0], [0]]


# The shortcuts taken before the linear programme, against the linear
# programme alone (scipy's HiGHS, maximising the margin over all mixtures).
def _lp_margin(gaps):
    from scipy.optimize import linprog

    k, m = gaps.shape
    res = linprog(np.r_[np.zeros(k), -1.0], A_ub=np.hstack([-gaps.T, np.ones((m, 1))]), b_ub=np.zeros(m),
                  A_eq=np.r_[np.ones(k), 0.0][None], b_eq=[1.0], bounds=[(0, 1)] * k + [(None, None)], method="highs")
    return -res.fun


gap_tables = st.integers(2, 5).flatmap(
    lambda k: st.integers(1, 6).flatmap(
        lambda m: st.lists(st.integers(-4, 4), min_size=k * m, max_size=k * m).map(
            lambda v: np.array(v, dtype=float).reshape(k, m)
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(gap_tables)
def test_shortcuts_agree_with_the_linear_programme(gaps):
    tol = 1e-9
    best = _lp_margin(gaps)
    if _best_response_on_an_edge(gaps, tol):
        assert best <= tol + 1e-9
    pair = _pair_dominator(gaps, tol)
    if pair is not None:
        weights, margin = pair
        mixture = sum(w * gaps[t] for t, w in weights.items())
        assert len(weights) <= 2 and abs(sum(weights.values()) - 1) < 1e-12
        assert margin > tol and abs(mixture.min() - margin) < 1e-9
        assert margin <= best + 1e-9
    elif gaps.shape[1] <= 2 or gaps.shape[0] <= 2:
        # With two opponent profiles an optimal mixture needs at most two
        # strategies (a basic solution of two constraints), and with two
        # strategies there is nothing else to mix.
        assert best <= tol + 1e-9


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_elimination_survivors_match_a_linear_programme_only_elimination(m, n, seed):
    payoffs = np.random.default_rng(seed).integers(0, 6, size=(2, m, n)).astype(float)
    surviving, steps = iterated_elimination(payoffs, 1e-9)
    # Reference: remove any strategy whose best mixture of the others (by the
    # linear programme) beats it everywhere, until none is left.
    alive = [list(range(m)), list(range(n))]
    changed = True
    while changed:
        changed = False
        for p in (0, 1):
            u = payoffs[p][np.ix_(*alive)]
            u = u if p == 0 else u.T
            for row in range(len(alive[p])):
                others = [t for t in range(len(alive[p])) if t != row]
                if others and _lp_margin(u[others] - u[row]) > 1e-9:
                    del alive[p][row]
                    changed = True
                    break
    assert surviving == alive
    for step in steps:
        assert step.margin > 1e-9


def _naive_pure_tests(u, tol):
    """Row by row, as the elimination did before its tests were vectorised."""
    dominator, margin, responds = [], [], []
    for s in range(u.shape[0]):
        others = [t for t in range(u.shape[0]) if t != s]
        gaps = u[others] - u[s]
        worst = gaps.min(axis=1)
        dominator.append(others[int(np.argmax(worst))])
        margin.append(worst.max())
        responds.append(bool(np.any(gaps.max(axis=0) <= tol)))
    return dominator, margin, responds


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 5), st.integers(1, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_vectorised_pure_tests_match_row_by_row(k, m, seed, chunked):
    from gametheory_re.solvers import dominance

    u = np.random.default_rng(seed).integers(0, 4, size=(k, m)).astype(float)
    saved = dominance._EVALUATIONS
    dominance._EVALUATIONS = 1 if chunked else saved  # one row per chunk
    try:
        dominator, margin, responds = dominance._pure_tests(u, 1e-9)
    finally:
        dominance._EVALUATIONS = saved
    expected = _naive_pure_tests(u, 1e-9)
    assert dominator.tolist() == expected[0]
    assert margin.tolist() == expected[1]
    assert responds.tolist() == expected[2]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), st.integers(2, 5), st.integers(1, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_stacked_pure_tests_are_each_tables_own(players, k, m, seed, chunked):
    # Players whose tables have one shape are tested in one pass (the first
    # round of the elimination): the same answers as one table at a time.
    from gametheory_re.solvers import dominance

    stack = np.random.default_rng(seed).integers(0, 4, size=(players, k, m)).astype(float)
    saved = dominance._EVALUATIONS
    dominance._EVALUATIONS = 1 if chunked else saved
    try:
        together = dominance._pure_tests(stack, 1e-9)
        alone = [dominance._pure_tests(u, 1e-9) for u in stack]
    finally:
        dominance._EVALUATIONS = saved
    for g, answers in enumerate(alone):
        for joint, own in zip(together, answers):
            assert np.array_equal(joint[g], own)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(2, 2), (3, 2), (2, 4), (2, 2, 2), (3, 2, 2), (3, 3, 3), (2, 2, 2, 2)]), st.integers(0, 2**32 - 1), st.booleans())
def test_weak_dominance_matches_brute_force(shape, seed, chunked):
    import itertools

    from gametheory_re.solvers import dominance
    from gametheory_re.solvers.dominance import WeakDominance, weakly_dominated

    payoffs = np.random.default_rng(seed).integers(0, 3, size=(len(shape), *shape)).astype(float)
    saved = dominance._EVALUATIONS
    dominance._EVALUATIONS = 1 if chunked else saved
    try:
        found = weakly_dominated(payoffs, 1e-9)
    finally:
        dominance._EVALUATIONS = saved
    expected = []
    for p, n in enumerate(shape):
        others = list(itertools.product(*[range(k) for q, k in enumerate(shape) if q != p]))

        def pay(s, rest, p=p):
            return payoffs[(p, *rest[:p], s, *rest[p:])]

        for s in range(n):
            for t in range(n):
                better = sum(pay(t, r) > pay(s, r) for r in others)
                if t != s and all(pay(t, r) >= pay(s, r) for r in others) and 0 < better < len(others):
                    expected.append(WeakDominance(p, s, t, better))
                    break
    assert found == expected
