"""Tests of ruling support profiles out before exact algebra."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.solvers.polynomial import polynomial_equilibria
from gametheory_re.solvers.regret import resolve_tol
from gametheory_re.solvers.support_search import SupportSearch
from gametheory_re.solvers.support_pruning import bezout_number, box_batch_key, box_excluded, box_search, surviving_supports


def test_bezout_numbers():
    assert bezout_number((1, 1, 1)) == 2  # 2x2x2: at most two totally mixed equilibria
    assert bezout_number((2, 2, 2)) == 10  # 3x3x3 (McKelvey and McLennan)
    assert bezout_number((1, 1, 1, 1)) == 9  # 2x2x2x2
    assert bezout_number((3, 1, 1)) == 0  # overdetermined
    assert bezout_number((1, 1, 0)) == 1  # two players mixing: linear


def test_pruning_keeps_every_support_with_an_equilibrium():
    rng = np.random.default_rng(11)
    for _ in range(15):
        u = rng.integers(-10, 11, size=(3, 2, 3, 3)).astype(float)
        result = polynomial_equilibria(u)
        kept = set(surviving_supports(u, 1e-8))
        for e in result.equilibria:
            support = tuple(tuple(int(i) for i in np.flatnonzero(v)) for v in e.profile)
            assert support in kept
            assert not box_excluded(u, support, 1e-8)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (2, 2, 2, 2, 2), (2, 2, 3)]))
def test_box_search_in_parts_when_kept_corner_values_would_be_large(seed, shape):
    # Where corner values are kept (BoxTables.joint), a batch whose values
    # could exceed _SUBDIVIDED_FLOATS is searched in parts, and values
    # evaluated afresh are those halved: the same verdicts.
    from unittest import mock

    import gametheory_re.solvers.support_pruning as pruning

    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 4 if seed % 2 else 100, size=(len(shape), *shape)).astype(float)
    mixing = min(4, len(shape))
    group = sorted({
        tuple((0, 1) if p < mixing else (int(rng.integers(shape[p])),) for p in rng.permutation(len(shape)))
        for _ in range(6)
    })
    group = [g for g in group if box_batch_key(shape, g) == box_batch_key(shape, group[0])]
    whole = box_search(payoffs, group, 1e-9, 200, certify=True)
    with mock.patch.object(pruning, "_SUBDIVIDED_FLOATS", 1):  # one profile per part
        parts = box_search(payoffs, group, 1e-9, 200, certify=True)
    assert len(parts) == len(whole) == len(group)
    for a, b in zip(whole, parts):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_array_equal(a, b)
    # Kept values evaluated afresh every generation instead of halved: the same verdicts.
    with mock.patch.object(pruning, "_FRESH_GENERATIONS", 1):
        fresh = box_search(payoffs, group, 1e-9, 200, certify=True)
    for a, b in zip(whole, fresh):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (3, 3, 3), (2, 3, 3), (3, 3, 4), (2, 2, 2, 2, 2)]))
def test_batched_box_tests_give_each_profile_its_own_verdict(seed, shape):
    # Profiles of one set of sizes, tested together, get the verdict each
    # gets alone (the budget applies per profile), on small integer payoffs
    # where supports with equilibria, degenerate ones and empty ones all occur.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 4 if seed % 2 else 100, size=(len(shape), *shape)).astype(float)
    sizes = [int(rng.integers(1, k + 1)) for k in shape]
    group = set()
    for _ in range(5):
        rng.shuffle(sizes)  # one batch key: the same sizes in any order of the players
        if all(m <= k for m, k in zip(sizes, shape)):
            group.add(tuple(tuple(sorted(rng.choice(k, size=m, replace=False).tolist())) for k, m in zip(shape, sizes)))
    group = sorted(group)
    if not group:  # no order of the sizes fits the shape
        return
    group = [g for g in group if box_batch_key(shape, g) == box_batch_key(shape, group[0])]
    budget = int(rng.choice([20, 200, 2000]))
    for certify in (False, True):
        together = box_search(payoffs, group, 1e-9, budget, certify=certify)
        alone = [box_search(payoffs, [support], 1e-9, budget, certify=certify)[0] for support in group]
        for a, b in zip(together, alone):
            assert (a is None) == (b is None)
            if a is not None:
                np.testing.assert_allclose(a, b, atol=1e-12)


def test_box_tests_reject_mixed_sizes():
    payoffs = np.zeros((3, 2, 2, 2))
    with pytest.raises(ValueError, match="supports: expected profiles of one batch key"):
        box_search(payoffs, [((0, 1), (0, 1), (0,)), ((0,), (0, 1), (0,))], 1e-9)


def test_batched_box_tests_change_no_result():
    # Whole games through polynomial_equilibria (which announces its
    # profiles, so box tests run in batches) and through a search told
    # nothing (every box test and closed form alone): the same equilibria, in the same order.
    rng = np.random.default_rng(5)
    for shape in [(2, 2, 2, 2), (3, 3, 3), (2, 2, 2, 2, 2)]:
        for _ in range(3):
            u = rng.integers(0, 10, size=(len(shape), *shape)).astype(float)
            tol = resolve_tol(u, None)
            batched = polynomial_equilibria(u, exact=False)
            alone = SupportSearch(u, None, tol, "auto", np.random.default_rng(0), False)
            survivors = surviving_supports(u, tol)
            for support in survivors:
                alone.examine(support)
            assert batched.supports_pruned == batched.supports_tried - len(survivors) + alone.pruned
            assert len(batched.equilibria) == len(alone.equilibria)
            for e, f in zip(batched.equilibria, alone.equilibria):
                assert all(np.array_equal(x, y) for x, y in zip(e.profile, f.profile))


def test_batched_numeric_solves_change_no_result(monkeypatch):
    # Profiles sure to be solved numerically are solved in one batch with the
    # first of their batch key; each one's starts come from its own generator,
    # so the equilibria are those of a search solving each profile alone.
    from gametheory_re.solvers import support_search

    groups = []
    batch = support_search.numeric_batch

    def recording(payoffs, supports, *args):
        groups.append(len(supports))
        return batch(payoffs, supports, *args)

    monkeypatch.setattr(support_search, "numeric_batch", recording)
    u = np.random.default_rng(1).integers(0, 100, size=(3, 3, 4, 4)).astype(float)  # 3x4x4: 9 profiles solved numerically
    tol = resolve_tol(u, None)
    results = []
    for announce in (True, False):
        search = SupportSearch(u, None, tol, "auto", np.random.default_rng(0), False)
        survivors = search.ordered(surviving_supports(u, tol))
        if announce:
            search.expect(survivors)
        for support in survivors:
            search.examine(support)
        results.append((search.equilibria, search.numeric_supports))
        if announce:
            assert max(groups) > 1 and sum(groups) == search.numeric_supports  # batched, and nothing solved in vain
        else:
            assert groups[-search.numeric_supports:] == [1] * search.numeric_supports
    (batched, numeric), (alone, numeric_alone) = results
    assert numeric == numeric_alone > 1
    assert len(batched) == len(alone)
    for e, f in zip(batched, alone):
        assert all(np.array_equal(x, y) for x, y in zip(e.profile, f.profile))


def test_box_verdicts_do_not_depend_on_chunks(monkeypatch):
    # Boxes go through corner_gains in chunks; BLAS may round a row differently
    # with another number of rows in its product, so a profile's boxes must be
    # cut the same way in a batch as alone (reported in review: with chunks of
    # 48 corners, 3 of 9 certified 2x2x2x2 equilibria differed by 1e-16).
    from gametheory_re.solvers import support_pruning

    monkeypatch.setattr(support_pruning, "_CHUNK_CORNERS", 48)
    rng = np.random.default_rng(0)
    full, other = ((0, 1),) * 4, ((1, 0), (0, 1), (0, 1), (0, 1))
    certified = 0
    for _ in range(40):
        u = rng.integers(0, 100, size=(4, 2, 2, 2, 2)).astype(float)
        (alone,) = box_search(u, [full], 1e-7, 20_000, None, True)
        if alone is None or not len(alone):
            continue
        certified += 1
        assert np.array_equal(box_search(u, [other, full], 1e-7, 20_000, None, True)[1], alone)
    assert certified >= 5


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([(2, 2), (2, 3), (2, 2, 2), (3, 2, 4), (2, 2, 2, 2), (1, 3, 2), (3, 3, 3)]), st.integers(0, 2**32 - 1))
def test_small_games_prune_as_the_general_method_does(shape, seed):
    # Small shapes prune with index tables built once per shape (_small_layout);
    # the survivors, and their order, are those of the general method.
    from gametheory_re.solvers import support_pruning

    rng = np.random.default_rng(seed)
    u = rng.integers(0, int(rng.choice([3, 100])), size=(len(shape), *shape)).astype(float)
    assert support_pruning._small_layout(shape) is not None
    small = surviving_supports(u, 1e-9)
    saved = support_pruning._SMALL_LAYOUT_PROFILES
    support_pruning._SMALL_LAYOUT_PROFILES = 0
    support_pruning._small_layout.cache_clear()
    try:
        general = surviving_supports(u, 1e-9)
    finally:
        support_pruning._SMALL_LAYOUT_PROFILES = saved
        support_pruning._small_layout.cache_clear()
    assert small == general
