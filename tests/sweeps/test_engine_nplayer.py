"""All-equilibria sweeps of random parametric 3-player games: the batch equals the point solver."""

import itertools

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gametheory_re as gt
from gametheory_re.sweeps import sweep

from .._support import need_module

SHAPES = [(2, 2, 2), (2, 3, 2), (2, 2, 3), (3, 3, 2)]


def random_game(shape, seed: int):
    """A game whose payoffs are affine in two parameters a, b with random integer coefficients."""
    rng = np.random.default_rng(seed)
    names = [[f"p{p}s{i}" for i in range(n)] for p, n in enumerate(shape)]
    lines = [
        "[parameters.a]\ndefault = 0.5\nmin = 0\nmax = 1\n",
        "[parameters.b]\ndefault = 0.5\nmin = 0\nmax = 1\n",
    ]
    for p, strategies in enumerate(names):
        lines.append(f"[[players]]\nname = 'P{p}'\nstrategies = {strategies!r}\n")
    lines.append("[payoffs.table]\n")
    for profile in itertools.product(*names):
        c = rng.integers(-9, 10, size=(3, 3))
        cells = [f'"{c[p, 0]} + {c[p, 1]}*a + {c[p, 2]}*b"' for p in range(3)]
        lines.append(f'"{", ".join(profile)}" = [{", ".join(cells)}]\n')
    lines.append(f"[outcomes.first]\nwhen = '{names[0][0]}'\n")
    return gt.formats.read_toml_game("".join(lines))


@settings(max_examples=12, deadline=None)
@given(shape=st.sampled_from(SHAPES), seed=st.integers(0, 2**32 - 1))
@example(shape=(3, 3, 2), seed=1454)  # two solutions of one support: ordered by probabilities, not by slot
def test_sweep_equals_the_point_solver_at_every_sampled_point(shape, seed):
    game = random_game(shape, seed)
    table = sweep(game, samples=12, sample_params=["a", "b"], seed=seed % 1000, as_frame=False)
    assert "unknown" not in set(table["first"])
    for row in table:
        result = gt.solve(game, {"a": repr(float(row["a"])), "b": repr(float(row["b"]))})
        assert row["support"] == result.set_label
        assert row["label"] == result.probability_label()
        assert row["n_equilibria"] == len(result.equilibria)


def test_sweep_contains_every_equilibrium_pygambit_enumpoly_finds():
    pygambit = need_module("pygambit")
    game = random_game((2, 3, 2), 7)
    table = sweep(game, samples=40, sample_params=["a", "b"], seed=1, as_frame=False)
    for row in table:
        point = {"a": repr(float(row["a"])), "b": repr(float(row["b"]))}
        payoffs = game.at(point).payoffs
        theirs = pygambit.nash.enumpoly_solve(pygambit.StrategicGame.from_arrays(*payoffs)).equilibria
        ours = gt.solve(game, point)
        assert row["support"] == ours.set_label
        for eq in theirs:
            profile = np.concatenate([[float(p) for _, p in eq[str(k + 1)]] for k in range(3)])
            assert any(np.allclose(np.concatenate(e.profile), profile, atol=1e-6) for e in ours.equilibria)
