"""The logit QRE branch against pygambit's logit_solve, the logit equations themselves and the equilibrium solvers.

Tolerances (stated in docs/qre.md): a QRE at a requested λ agrees with
pygambit's ``logit_solve_lambda`` within 1e-7 (both solve the equations at
λ to round-off; pygambit lands within about 1e-8 of the λ asked); the limit
agrees with pygambit's ``logit_solve`` within 5e-5 (pygambit reports the
last traced point, whose regret is at most 1e-8 of the payoff range, not
the equilibrium itself; ours is refined on its support and verified).
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory_re import NormalFormGame, find_equilibria
from gametheory_re.options import OptionError
from gametheory_re.solvers.deadline import Deadline
from gametheory_re.solvers.qre import default_lambdas, logit_branch

from _support import need_module

#: 2- and 3-player shapes of the random games compared with pygambit.
SHAPES = [(2, 2), (3, 3), (2, 4), (4, 3), (5, 5), (2, 2, 2), (3, 2, 2), (2, 3, 2), (3, 3, 3), (2, 2, 2, 2)]
LAMBDAS = [0.1, 0.5, 1.0, 2.0, 5.0]

#: Agreement with pygambit (see the module docstring).
AT_LAMBDA = 1e-7
AT_LIMIT = 5e-5


def _flat(profile, n_players):
    return np.array([float(p) for k in range(n_players) for _, p in profile[str(k + 1)]])


def _softmax(values, lam):
    z = np.exp(lam * (values - values.max()))
    return z / z.sum()


def _logit_residual(payoffs, row, shape, lam):
    """How far ``row`` is from being a logit QRE at ``lam``, by the definition (no solver code)."""
    bounds = np.cumsum((0,) + shape)
    mixes = [row[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    worst = 0.0
    for p in range(len(shape)):
        values = payoffs[p]
        for q in range(len(shape) - 1, -1, -1):
            if q != p:
                values = np.tensordot(values, mixes[q], axes=([q], [0]))
        worst = max(worst, float(np.abs(_softmax(values, lam) - mixes[p]).max()))
    return worst


@pytest.mark.parametrize("shape", SHAPES)
def test_branch_agrees_with_pygambit_logit_solve(shape):
    pygambit = need_module("pygambit")
    rng = np.random.default_rng(sum(shape) * 7 + len(shape))
    for _ in range(4):
        payoffs = rng.normal(size=(len(shape), *shape))
        ours = logit_branch(payoffs, lambdas=LAMBDAS)
        game = pygambit.StrategicGame.from_arrays(*payoffs)
        assert ours.converged and ours.is_nash and ours.limit_refined and not ours.bifurcations
        theirs = pygambit.nash.logit_solve(game)
        assert theirs.success
        assert np.abs(ours.limit - _flat(theirs.equilibrium, len(shape))).max() <= AT_LIMIT
        points = pygambit.qre.logit_solve_lambda(game, LAMBDAS)
        assert [lam for lam, _ in ours.requested] == LAMBDAS
        for (lam, row), point in zip(ours.requested, points):
            assert abs(point.lam - lam) <= 1e-6
            assert np.abs(row - _flat(point.profile, len(shape))).max() <= AT_LAMBDA, (shape, lam)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES[:7]),
       lam=st.floats(0.0, 20.0, allow_nan=False))
def test_every_requested_point_solves_the_logit_equations(seed, shape, lam):
    payoffs = np.random.default_rng(seed).normal(size=(len(shape), *shape))
    branch = logit_branch(payoffs, lambdas=[lam])
    assert branch.unreached == ()
    (got, row), = branch.requested
    assert got == lam
    assert _logit_residual(payoffs, row, shape, lam) <= 1e-9
    # Every traced point is a QRE too, at its own λ.
    for k in np.linspace(0, len(branch.lambdas) - 1, 5).astype(int):
        assert _logit_residual(payoffs, branch.profiles[k], shape, branch.lambdas[k]) <= 1e-8


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (3, 3), (2, 3), (2, 2, 2), (3, 2, 2)]))
def test_the_limit_is_one_of_the_equilibria_the_solvers_find(seed, shape):
    payoffs = np.random.default_rng(seed).normal(size=(len(shape), *shape))
    branch = logit_branch(payoffs)
    assert branch.converged and branch.is_nash
    assert float(branch.limit_regrets.max()) <= branch.tol
    game = NormalFormGame.from_arrays(*payoffs)
    found = find_equilibria(game)
    assert any(np.abs(np.concatenate(eq.profile) - branch.limit).max() <= 1e-6 for eq in found.equilibria)


def test_a_game_with_a_unique_mixed_equilibrium_ends_at_it():
    # 2x2 with no pure equilibrium: the limit is the closed-form mix.
    A = np.array([[3.0, -1.0], [-2.0, 1.0]])
    B = np.array([[-1.0, 2.0], [1.0, -1.0]])
    branch = logit_branch(np.array([A, B]))
    q = (A[1, 1] - A[0, 1]) / (A[0, 0] - A[0, 1] - A[1, 0] + A[1, 1])   # column's heads, making row indifferent
    p = (B[1, 1] - B[1, 0]) / (B[0, 0] - B[1, 0] - B[0, 1] + B[1, 1])   # row's heads, making column indifferent
    assert np.allclose(branch.limit, [p, 1 - p, q, 1 - q], atol=1e-12)
    assert branch.limit_refined and not branch.bifurcations


def test_a_strict_dominant_profile_is_reached_quickly_and_exactly():
    dilemma = np.array([[[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    branch = logit_branch(dilemma, lambdas=[0.0, 1.0])
    assert branch.limit.tolist() == [0.0, 1.0, 0.0, 1.0]
    assert branch.requested[0][1].tolist() == [0.5, 0.5, 0.5, 0.5]
    # Defection's share rises all along the branch.
    assert (np.diff(branch.profiles[:, 1]) >= -1e-12).all()


def test_a_symmetric_game_reports_its_bifurcation():
    # Battle of the sexes: the branch meets a pitchfork; it is reported, not hidden.
    A = np.array([[2.0, 0.0], [0.0, 1.0]])
    branch = logit_branch(np.array([A, A[::-1, ::-1]]))
    assert len(branch.bifurcations) == 1 and 1.0 < branch.bifurcations[0] < 2.0
    assert branch.is_nash


def test_the_trace_stops_short_when_asked_and_says_so():
    payoffs = np.random.default_rng(1).normal(size=(2, 3, 3))
    short = logit_branch(payoffs, lambdas=[1e6], max_steps=5)
    assert not short.converged and short.limit is None and not short.is_nash
    assert "max_steps = 5" in short.reason and short.unreached == (1e6,)
    assert len(short.lambdas) == 5
    timed = logit_branch(payoffs, deadline=Deadline(0.0))
    assert not timed.converged and "time budget" in timed.reason


@pytest.mark.parametrize("kwargs, name", [
    ({"lambdas": [-1]}, "lambdas"),
    ({"lambdas": [float("nan")]}, "lambdas"),
    ({"lambdas": [1e13]}, "lambdas"),
    ({"lambdas": [1.0] * 1001}, "lambdas"),
    ({"max_accel": 1.0}, "max_accel"),
    ({"first_step": 0}, "first_step"),
    ({"max_steps": 0}, "max_steps"),
    ({"max_steps": 10**6}, "max_steps"),
    ({"maxregret": -1e-3}, "maxregret"),
    ({"tol": "x"}, "tol"),
])
def test_bad_options_are_refused_naming_the_argument(kwargs, name):
    payoffs = np.zeros((2, 2, 2))
    with pytest.raises(OptionError, match=f"^{name}: "):
        logit_branch(payoffs, **kwargs)


def test_bad_payoffs_are_refused():
    with pytest.raises(OptionError, match=r"^payoffs: shape \(3, 2\): expected"):
        logit_branch(np.zeros((3, 2)))
    with pytest.raises(OptionError, match="^payoffs: "):
        logit_branch(np.full((2, 2, 2), np.inf))


def test_scaling_payoffs_divides_the_precision():
    # λ multiplies payoffs: the QRE of 10 x payoffs at λ is that of the payoffs at 10 λ.
    payoffs = np.random.default_rng(4).normal(size=(2, 3, 2))
    small = logit_branch(payoffs, lambdas=[2.0])
    large = logit_branch(10 * payoffs, lambdas=[0.2])
    assert np.allclose(small.requested[0][1], large.requested[0][1], atol=1e-10)
    assert np.allclose(small.limit, large.limit, atol=1e-10)


def test_the_precision_bound_scales_with_the_payoffs():
    # Payoffs of size 1e-12 need λ near 1e13: the default precisions and the
    # trace's bound are over the payoff range, not absolute.
    payoffs = np.random.default_rng(2).normal(size=(2, 3, 3)) * 1e-12
    branch = logit_branch(payoffs, lambdas=default_lambdas(payoffs))
    assert branch.converged and branch.is_nash and branch.unreached == ()
    assert np.allclose(branch.limit, logit_branch(payoffs * 1e12).limit, atol=1e-9)
    with pytest.raises(OptionError, match="1e12 over the payoff range"):
        logit_branch(payoffs, lambdas=[1e25])


def test_every_traced_point_is_a_profile_far_along_the_branch():
    # Far past convergence (λ up to 1e6 here) the corrector's tolerance grows with
    # the point; the probabilities must still sum to 1 and the regrets stay >= 0.
    payoffs = np.random.default_rng(5).normal(size=(3, 2, 3, 2))
    branch = logit_branch(payoffs, lambdas=[1e6])
    assert branch.unreached == () and branch.lambdas[-1] >= 1e6
    for player in range(3):
        sums = np.array([sum(branch.split(row)[player]) for row in branch.profiles])
        assert np.abs(sums - 1).max() <= 1e-12
    assert branch.regrets.min() >= -1e-12
    assert "converged: largest regret" in branch.reason and " at λ = " in branch.reason


# Games whose branches, before steps were shortened where the tangent turns
# sharply, jumped at a fold to another part of the curve and ended below λ = 0.
FOLDS = [(12, (3, 3)), (18, (3, 3)), (145, (3, 3)), (388, (3, 3)), (226, (2, 2, 2)), (229, (2, 2, 2)), (258, (3, 2, 2))]


@pytest.mark.parametrize("seed, shape", FOLDS)
def test_branches_past_sharp_folds_reach_pygambit_s_limit(seed, shape):
    pygambit = need_module("pygambit")
    payoffs = np.random.default_rng(seed).normal(size=(len(shape), *shape))
    branch = logit_branch(payoffs)
    assert branch.converged and branch.is_nash and not branch.bifurcations
    assert (branch.lambdas >= 0).all()
    theirs = pygambit.nash.logit_solve(pygambit.StrategicGame.from_arrays(*payoffs))
    assert np.abs(branch.limit - _flat(theirs.equilibrium, len(shape))).max() <= AT_LIMIT
