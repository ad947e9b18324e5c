"""Sobol and RBD-FAST indices of Game A's status quo against the closed forms.

When is (engage, supply) the *only* equilibrium of Game A?  China supplies
against engage iff ``pi > pi*(1-q) + g - rho``, i.e. ``rho > g - pi*q``; against
decouple iff ``pi*(1-gamma) > (1-gamma)*(pi*(1-q) + g) - rho``, i.e.
``rho > (1-gamma)*(g - pi*q)``.  The first implies the second: if
``g - pi*q > 0`` then ``(1-gamma)*(g - pi*q) <= g - pi*q < rho`` (gamma in
[0, 1]); if ``g - pi*q <= 0`` then ``(1-gamma)*(g - pi*q) <= 0 <= rho``, with
equality only where ``rho = 0`` and ``gamma = 1`` or ``g = pi*q`` (measure zero).
So ``rho > g - pi*q`` makes supply strictly dominant, China supplies in every
equilibrium, and the US answers with engage iff ``0 > b - K``.  Where
``rho < g - pi*q`` China restricts against engage, so (engage, supply) is no
equilibrium and no mixed equilibrium has it with probability 1.  Hence,
up to boundaries of measure zero, "status_quo holds in every equilibrium" is

    f = [rho > g - pi*q] * [K > b] = f1(pi, q, g, rho) * f2(K, b),

and d_U, L_U, theta_U and gamma have no part in it: their S1 = ST = 0.

The exact indices of f under the uniform distribution over the declared
bounds are computed here with numpy only.  f1 and f2 depend on disjoint
independent groups, so with ``p1 = E f1``, ``p2 = E f2``, ``V = p1 p2 (1 - p1 p2)``,
for a parameter i of the first group

    S1_i = p2**2 Var(E[f1 | x_i]) / V,   ST_i = p2 E[Var(f1 | x_~i)] / V,

(for an indicator, Var(f1 | x_~i) = m (1 - m), m = E[f1 | x_~i]), and the same
with 1 and 2 swapped for K and b.  Every conditional expectation is
integrated in closed form over one parameter (rho or g or q, uniform, through
the antiderivatives of ``clip(h, 0, 1)`` and of ``c (1 - c)``) and by the
midpoint rule on fine grids over the rest.
"""

import numpy as np
import pytest

from _support import need_module

import gametheory_re

BOUNDS = {"pi": (0.1, 2.0), "q": (0.1, 1.0), "g": (0.2, 2.0), "rho": (0.0, 1.0), "K": (0.1, 3.0), "b": (0.0, 0.5)}
IRRELEVANT = ("d_U", "L_U", "theta_U", "gamma")


def grid(name, n):
    """Midpoints of ``n`` equal cells of the parameter's range."""
    low, high = BOUNDS[name]
    return low + (np.arange(n) + 0.5) * (high - low) / n


def width(name):
    low, high = BOUNDS[name]
    return high - low


def clip(h):
    return np.clip(h, 0.0, 1.0)


def int_clip(h):
    """An antiderivative of ``clip(h, 0, 1)``."""
    return np.where(h < 0, 0.0, np.where(h <= 1, h * h / 2, h - 0.5))


def int_var(h):
    """An antiderivative of ``c (1 - c)``, ``c = clip(h, 0, 1)`` (it is 0 outside [0, 1])."""
    c = clip(h)
    return c * c / 2 - c ** 3 / 3


def exact_indices(n=1000, n_fine=100_000):
    """``(S1, ST, main, (p1, p2))``: the exact indices of f, each parameter's main effect E[f1 or f2 | x_i]
    on its grid, and the means of f1 and f2."""
    lo = {k: v[0] for k, v in BOUNDS.items()}
    hi = {k: v[1] for k, v in BOUNDS.items()}
    pi, q, g = grid("pi", n), grid("q", n), grid("g", n)
    # E[f1 | pi, q]: P(g - rho < pi q), over g in closed form (rho uniform on [0, 1]: P(rho > h) = 1 - clip(h)).
    t = pi[:, None] * q[None, :]
    given_pi_q = 1 - (int_clip(hi["g"] - t) - int_clip(lo["g"] - t)) / width("g")
    p1 = given_pi_q.mean()
    main = {"pi": given_pi_q.mean(axis=1), "q": given_pi_q.mean(axis=0)}
    # E[f1 | pi, g] = 1 - E_q clip(g - pi q), over q in closed form; then averaged over pi.
    pi_g, g_pi = pi[:, None], g[None, :]
    over_q = (int_clip(g_pi - lo["q"] * pi_g) - int_clip(g_pi - hi["q"] * pi_g)) / (width("q") * pi_g)
    main["g"] = (1 - over_q).mean(axis=0)
    # E[f1 | pi, rho] = E_q clip((rho + pi q - g_low) / width_g), over q in closed form.
    rho = grid("rho", n)
    pi_r, rho_p = pi[:, None], rho[None, :]
    u_high, u_low = ((rho_p + pi_r * value - lo["g"]) / width("g") for value in (hi["q"], lo["q"]))
    main["rho"] = (width("g") / (width("q") * pi_r) * (int_clip(u_high) - int_clip(u_low))).mean(axis=0)
    # E[Var(f1 | all of group 1 but i)], each integrated in closed form over one parameter.
    total = {"rho": ((int_var(hi["g"] - t) - int_var(lo["g"] - t)) / width("g")).mean()}
    # Without g: m = P(g < rho + pi q), linear in rho.
    u_high, u_low = ((value + t - lo["g"]) / width("g") for value in (hi["rho"], lo["rho"]))
    total["g"] = (width("g") * (int_var(u_high) - int_var(u_low))).mean()
    q_g, g_q = q[:, None], g[None, :]
    # Without pi: m = P(pi > (g - rho) / q), linear in rho; without q likewise.
    u_high, u_low = ((value + hi["pi"] * q_g - g_q) / (width("pi") * q_g) for value in (hi["rho"], lo["rho"]))
    total["pi"] = (width("pi") * q_g * (int_var(u_high) - int_var(u_low))).mean()
    u_high, u_low = ((value + hi["q"] * pi_g - g_pi) / (width("q") * pi_g) for value in (hi["rho"], lo["rho"]))
    total["q"] = (width("q") * pi_g * (int_var(u_high) - int_var(u_low))).mean()
    # Group 2: E[f2 | K] = P(b < K), E[f2 | b] = P(K > b); each is the other's conditional variance too.
    k, b = grid("K", n_fine), grid("b", n_fine)
    given_k = clip((k - lo["b"]) / width("b"))
    given_b = 1 - clip((b - lo["K"]) / width("K"))
    p2 = given_k.mean()
    main.update(K=given_k, b=given_b)
    total.update(K=(given_b * (1 - given_b)).mean(), b=(given_k * (1 - given_k)).mean())
    p = p1 * p2
    variance = p * (1 - p)
    first = {name: (p2 if name in ("pi", "q", "g", "rho") else p1) ** 2 * main[name].var() / variance for name in main}
    tot = {name: (p2 if name in ("pi", "q", "g", "rho") else p1) * total[name] / variance for name in total}
    for name in IRRELEVANT:
        first[name] = tot[name] = 0.0
    return first, tot, main, (p1, p2)


@pytest.fixture(scope="module")
def exact():
    return exact_indices()


def test_closed_forms_hold_together(exact):
    """Guards against an algebra slip: every main effect averages to its group's mean, which a plain
    Monte Carlo of f1 and f2 confirms; and 0 <= S1 <= ST <= 1, sum of S1 <= 1."""
    first, total, main, (p1, p2) = exact
    for name in ("pi", "q", "g", "rho"):
        assert main[name].mean() == pytest.approx(p1, abs=1e-6)
    for name in ("K", "b"):
        assert main[name].mean() == pytest.approx(p2, abs=1e-6)
    rng = np.random.default_rng(1)
    x = {name: rng.uniform(*BOUNDS[name], 400_000) for name in BOUNDS}
    assert np.mean(x["rho"] > x["g"] - x["pi"] * x["q"]) == pytest.approx(p1, abs=0.004)
    assert np.mean(x["K"] > x["b"]) == pytest.approx(p2, abs=0.002)
    for name in first:
        assert 0 <= first[name] <= total[name] + 1e-12 <= 1
    assert sum(first.values()) <= 1


def test_the_indicator_is_the_closed_form():
    """f = [rho > g - pi*q] [K > b] equals the solver's "status_quo holds in every equilibrium" at random points."""
    table = gametheory_re.sweep("us_china", samples=2000, seed=5, outcomes=["status_quo"], as_frame=True).table
    assert len(table) == 2000 and set(table["status_quo"]) <= {"all", "none", "some"}
    closed = (table["rho"] > table["g"] - table["pi"] * table["q"]) & (table["K"] > table["b"])
    assert ((table["status_quo"] == "all") == closed).all()
    assert 0.3 < closed.mean() < 0.6  # both values are well represented


def test_sobol_indices_agree_with_the_closed_forms(exact):
    """Every S1 and ST of ``sensitivity`` lies within its reported 95% half width of the exact value.

    2**14 base samples, 196,608 runs (about 2 s).  Of the 20 indices, the 8 of
    d_U, L_U, theta_U and gamma are exactly 0 with a zero interval (A and AB^i
    give the same run), so 12 are tested by chance; the bootstrap intervals
    treat the scrambled Sobol' points as independent and so overstate the error
    of a quasi-random design, which keeps 95% per index from being too tight.
    """
    need_module("SALib")
    first, total, _, _ = exact
    result = gametheory_re.sensitivity("us_china", "status_quo", samples=2 ** 14)
    assert result.used == result.runs == 2 ** 14 * 12 and result.unjudged == 0 and not result.notes
    indices = result.indices
    assert set(indices.index) == set(first)
    for name in first:
        row = indices.loc[name]
        assert abs(row["S1"] - first[name]) <= row["S1_conf"], (name, row["S1"], first[name], row["S1_conf"])
        assert abs(row["ST"] - total[name]) <= row["ST_conf"], (name, row["ST"], total[name], row["ST_conf"])
    for name in IRRELEVANT:
        assert indices.loc[name, "S1"] == indices.loc[name, "ST"] == 0
    # The ranking a reader takes from the table: g first, the four of China's choice above K and b.
    assert list(indices.index[:1]) == ["g"] and set(indices.index[1:4]) == {"pi", "q", "rho"}


def truncated_share(main, harmonics):
    """The share of a main effect's variance in the first ``harmonics`` harmonics along RBD-FAST's search
    curve (the sorted values up, then down: one period of a triangle wave), which is all RBD-FAST reads."""
    wave = np.concatenate([main, main[::-1]])
    power = np.abs(np.fft.rfft(wave - wave.mean())) ** 2
    return power[1:harmonics + 1].sum() / power[1:].sum()


def test_rbd_fast_agrees_with_the_closed_forms(exact):
    """RBD-FAST's S1 lies within its interval of the exact S1, give or take its two known biases.

    RBD-FAST reads only the first M = 10 harmonics of each main effect: the
    part beyond them is computed from the exact main effect and allowed below
    S1 (here under 1% of any S1: the main effects of f are continuous).  Its
    correction of the noise floor (Tissot & Prieur 2012) removes a bias of
    order 2M/N, approximately; that much is allowed either way.
    """
    need_module("SALib")
    first, _, main, _ = exact
    n, harmonics = 2 ** 14, 10
    result = gametheory_re.sensitivity("us_china", "status_quo", method="rbd-fast", samples=n, harmonics=harmonics)
    noise = 2 * harmonics / n
    for name, row in result.indices.iterrows():
        low = first[name] * (truncated_share(main[name], harmonics) if name in main else 1.0)
        assert low - noise - row["S1_conf"] <= row["S1"] <= first[name] + noise + row["S1_conf"], \
            (name, row["S1"], first[name])
