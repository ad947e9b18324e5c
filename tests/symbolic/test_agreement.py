"""The printed conditions agree with the numeric solvers (issue 11's done-when).

Pure profiles: for every bundled normal-form game, at 10^4 random parameter
points inside the bounds, a profile satisfies its printed condition (the
JSON string, read back with sympy's parser and evaluated with numpy) exactly
where the batched pure-equilibrium check on ``payoff_batch`` lists it.
Points within a tolerance of a boundary of that profile (some deviation
gain about 0) are left out and counted.  The classic games have no
parameters: their conditions say always or never, as the solver says.

Mixed closed forms (Games A and B): wherever a support's condition holds,
``find_equilibria`` lists an equilibrium with that support and those
probabilities; and every equilibrium it finds in which two players mix over
equally many strategies satisfies that support's condition.

The sequential game is refused by ``conditions`` (tested in
tests/test_cli_conditions.py).
"""

import numpy as np
import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

from gametheory_re import api, load_game
from gametheory_re.equilibria import find_equilibria
from gametheory_re.formats import bundled_games
from gametheory_re.parametric import ParametricGame
from gametheory_re.presenters.conditions import conditions_dict
from gametheory_re.solvers.pure import pure_equilibrium_mask
from gametheory_re.solvers.regret import default_tol

POINTS = 10_000
#: A deviation gain within this many times the solver's tolerance of 0 is on a boundary.
BAND = 10
#: Mixed checks: a condition's sides within this of each other, or a probability within it of 0, is a boundary.
MIXED_BAND = 1e-6

NORMAL_FORM = [p.stem for p in bundled_games() if isinstance(load_game(p), ParametricGame)]
PARAMETRIC = [name for name in NORMAL_FORM if load_game(name).parameters]
CLASSIC = [name for name in NORMAL_FORM if not load_game(name).parameters]
MIXED = ["us_china", "us_japan_china"]


def test_the_bundled_games_are_all_covered():
    assert set(PARAMETRIC) == {"us_china", "us_japan_china", "us_japan_china_dual_chain"}  # the last: its stage game
    assert len(CLASSIC) == 6
    assert "us_japan_china_sequential" not in NORMAL_FORM


@pytest.fixture(scope="module")
def documents():
    """Each normal-form game's conditions as JSON types; Games A and B with the mixed analysis (once: ~30 s for B)."""
    return {name: conditions_dict(api.conditions(name, mixed=name in MIXED, time_budget=None))
            for name in NORMAL_FORM}


def symbols(game):
    return {n: sympy.Symbol(n, real=True) for n in game.parameters}


def evaluator(text, game):
    """Our own JSON string read back and made a numpy function of the parameter columns (in file order)."""
    names = symbols(game)
    expr = parse_expr(text, local_dict=names)
    f = sympy.lambdify([names[n] for n in game.parameters], expr, "numpy")

    def evaluate(columns):
        size = len(next(iter(columns.values())))
        with np.errstate(all="ignore"):
            return np.broadcast_to(f(*(columns[n] for n in game.parameters)), (size,))
    return evaluate


def random_columns(game, n, seed):
    rng = np.random.default_rng(seed)
    return {name: rng.uniform(float(p.minimum), float(p.maximum), n) for name, p in game.parameters.items()}


def profile_index(game, item):
    return tuple(game.strategies[i].index(item["profile"][player]) for i, player in enumerate(game.players))


def deviation_gains(batch, profile):
    """``u_i(s) - u_i(t, s_-i)`` for every player and other strategy: shape (deviations, points)."""
    out = []
    for i, n in enumerate(batch.shape[1:-1]):
        for t in range(n):
            if t != profile[i]:
                other = profile[:i] + (t,) + profile[i + 1:]
                out.append(batch[(i,) + profile] - batch[(i,) + other])
    return np.array(out)


@pytest.mark.parametrize("name", PARAMETRIC)
def test_pure_conditions_agree_with_the_batched_solver_at_random_points(documents, name):
    game = load_game(name)
    for p in game.parameters.values():
        assert p.minimum is not None and p.maximum is not None, "uniform sampling needs both bounds"
    columns = random_columns(game, POINTS, seed=11)
    batch = game.payoff_batch(columns)
    assert np.isfinite(batch).all()
    tol = default_tol(batch, batched=True)
    mask = pure_equilibrium_mask(batch, tol)
    items = documents[name]["pure"]
    assert len(items) == int(np.prod(game.shape))
    report, total_mismatch, total_near, equilibria = [], 0, 0, 0
    for item in items:
        profile = profile_index(game, item)
        printed = evaluator(item["condition"], game)(columns).astype(bool)
        numeric = mask[profile]
        near = (np.abs(deviation_gains(batch, profile)) <= BAND * tol).any(axis=0)
        mismatch = (printed != numeric) & ~near
        total_mismatch += int(mismatch.sum())
        total_near += int(near.sum())
        equilibria += int((numeric & ~near).sum())
        report.append(f"{item['label']}: {int(numeric.sum())} equilibria, {int(near.sum())} near a boundary, "
                      f"{int(mismatch.sum())} mismatches")
        if mismatch.any():
            k = int(np.flatnonzero(mismatch)[0])
            point = {n: columns[n][k] for n in game.parameters}
            pytest.fail(f"{name} {item['label']}: printed {printed[k]}, solver {numeric[k]} at {point}\n"
                        f"condition: {item['condition']}")
    print(f"\n{name}, {POINTS} points:\n  " + "\n  ".join(report))
    assert total_mismatch == 0
    # Not vacuous: equilibria are found, and few points are set aside as boundaries.
    assert equilibria > POINTS / 2
    assert total_near < POINTS * len(items) / 100


@pytest.mark.parametrize("name", CLASSIC)
def test_games_without_parameters_say_always_or_never_as_the_solver_does(documents, name):
    game = load_game(name)
    numeric = game.at()
    solved = {tuple(int(np.argmax(p)) for p in e.profile) for e in find_equilibria(numeric).equilibria
              if all(np.isclose(p.max(), 1) for p in e.profile)}
    for item in documents[name]["pure"]:
        profile = profile_index(game, item)
        assert item["status"] in ("always", "never")
        assert item["condition"] == ("True" if profile in solved else "False"), item["label"]
        assert (item["status"] == "always") == (profile in solved)


# --- mixed closed forms -------------------------------------------------------------------------


def support_key(game, supports_by_player):
    return tuple(tuple(game.strategies[i].index(s) for s in supports_by_player[player])
                 for i, player in enumerate(game.players))


def boundary_test(text, game):
    """A function of one point: True where some relation of the condition is about an equality (or undefined)."""
    names = symbols(game)
    expr = parse_expr(text, local_dict=names)
    sides = [] if isinstance(expr, bool) or expr in (sympy.true, sympy.false) else [
        r.lhs - r.rhs for r in expr.atoms(sympy.core.relational.Relational)]
    f = sympy.lambdify([names[n] for n in game.parameters], sides, "numpy")

    def near(point):
        with np.errstate(all="ignore"):
            values = np.array(f(*(point[n] for n in game.parameters)), dtype=float)
        return bool((~np.isfinite(values) | (np.abs(values) < MIXED_BAND)).any())
    return near


class ClosedForm:
    """One mixed case from the JSON: its condition and probabilities as numpy functions."""

    def __init__(self, game, support, case):
        self.support = support
        self.holds = evaluator(case["condition"], game)
        self.near = boundary_test(case["condition"], game)
        self.probabilities = {
            (i, game.strategies[i].index(s)): evaluator(v, game)
            for i, player in enumerate(game.players) for s, v in case["probabilities"][player].items()}


def numeric_support(profile):
    return tuple(tuple(int(k) for k in np.flatnonzero(p > MIXED_BAND)) for p in profile)


def two_mixers_equal_sizes(support):
    sizes = [len(s) for s in support if len(s) > 1]
    return len(sizes) == 2 and sizes[0] == sizes[1]


@pytest.mark.parametrize("name, per_support, uniform", [("us_china", 60, 150), ("us_japan_china", 1, 10)])
def test_mixed_closed_forms_agree_with_find_equilibria(documents, name, per_support, uniform):
    game = load_game(name)
    doc = documents[name]
    assert doc["complete"]
    forms = [ClosedForm(game, support_key(game, m["supports"]), case) for m in doc["mixed"] for case in m["cases"]]
    conditions = {support_key(game, m["supports"]): (evaluator(m["condition"], game), boundary_test(m["condition"], game))
                  for m in doc["mixed"]}
    never = (lambda columns: np.zeros(1, dtype=bool), lambda point: False)
    assert forms
    # Points where some closed form holds (a few per support), and uniform points.
    pool = random_columns(game, POINTS, seed=23)
    chosen = set(range(uniform))
    for form in forms:
        chosen.update(np.flatnonzero(form.holds(pool).astype(bool))[:per_support].tolist())
    forward = converse = near = 0
    for k in sorted(chosen):
        point = {n: float(pool[n][k]) for n in game.parameters}
        one = {n: np.array([v]) for n, v in point.items()}
        result = find_equilibria(game.at(point))
        assert result.complete
        found = [(numeric_support(e.profile), e.profile) for e in result.equilibria]
        for form in forms:
            if not form.holds(one)[0]:
                continue
            if form.near(point):
                near += 1
                continue
            expected = [np.zeros(n) for n in game.shape]
            for (i, t), f in form.probabilities.items():
                expected[i][t] = float(f(one)[0])
            match = [profile for support, profile in found if support == form.support and all(
                np.allclose(p, q, atol=1e-7, rtol=0) for p, q in zip(profile, expected))]
            assert match, f"{name} at {point}: closed form {form.support} {expected} not among {found}"
            forward += 1
        for support, profile in found:
            if not two_mixers_equal_sizes(support):
                continue
            holds, on_boundary = conditions.get(support, never)
            if on_boundary(point) or any(
                    0 < p[t] < MIXED_BAND or p[t] > 1 - MIXED_BAND
                    for p, s in zip(profile, support) if len(s) > 1 for t in s):
                near += 1
                continue
            assert holds(one)[0], f"{name} at {point}: {support} found, its condition fails (or it has none)"
            converse += 1
    print(f"\n{name}: {len(chosen)} points, {forward} closed forms confirmed, {converse} numeric mixed "
          f"equilibria inside their conditions, {near} near a boundary")
    assert forward >= len({f.support for f in forms if f.holds(pool).any()})
    assert converse >= forward // 2
