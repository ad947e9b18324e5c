"""Suite-wide pytest hooks (helpers for tests are in ``_support.py``)."""

import importlib.metadata
import re

import pytest
from hypothesis import settings

import gametheory_re
from _support import in_ci

# CI draws the same examples every run: a red CI is then a change in the code,
# never a new random draw (users' runs keep exploring).  No deadline: a loaded
# 2-core CI machine would make timing failures of correct code.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if in_ci():
    settings.load_profile("ci")

# The ``floors`` subset: what .ci/run also runs at the declared minimum versions
# of the dependencies (setup.cfg) and of the 'sensitivity' extra.  Fast, and free of pygambit and dask, which
# the floors job does not install.  Entries are test ids or their prefixes
# (a whole file); they are listed here, in one place, rather than marked in
# each file.  An entry that selects nothing is an error, so a rename shows.
FLOORS = (
    # formulas, game files, payoffs
    "tests/test_formula.py",
    "tests/test_games.py",
    "tests/trees/test_orders.py",
    "tests/trees/test_parametric.py",
    "tests/trees/test_build.py",
    "tests/formats/test_toml_game.py",
    "tests/formats/test_toml_tree.py",
    "tests/formats/test_nfg.py::test_reference_file_round_trips",
    "tests/formats/test_efg.py::test_our_reader_reads_back_what_we_write",
    "tests/formats/test_efg.py::test_exact_round_trip_of_a_tree_with_chance",
    "tests/formats/test_efg.py::test_bad_files_give_one_clear_error",
    # 2-player solvers on small games
    "tests/solvers/test_pure.py",
    "tests/solvers/test_regret.py",
    "tests/solvers/test_dominance.py",
    "tests/solvers/test_pareto.py",
    "tests/solvers/test_bimatrix_batch.py",
    "tests/solvers/test_bimatrix.py::test_matching_pennies_has_only_the_uniform_mix",
    "tests/solvers/test_bimatrix.py::test_battle_of_the_sexes_lists_pure_equilibria_first",
    "tests/solvers/test_bimatrix.py::test_rock_paper_scissors_has_only_the_uniform_mix",
    "tests/solvers/test_bimatrix.py::test_stag_hunt",
    "tests/solvers/test_bimatrix.py::test_all_zero_game_lists_every_pure_profile",
    "tests/solvers/test_bimatrix.py::test_tied_column_gives_the_ends_of_a_continuum",
    "tests/solvers/test_bimatrix.py::test_one_stack_and_stacks_per_size_agree",
    "tests/solvers/test_bimatrix.py::test_max_support_keeps_small_supports_and_says_so",
    # n-player solvers on small games, exact values
    "tests/algebra/test_groebner.py",
    "tests/algebra/test_integer_poly.py",
    "tests/algebra/test_linear.py",
    "tests/algebra/test_quadratic.py",
    "tests/algebra/test_real_algebraic.py",
    "tests/solvers/test_exact_payoffs.py",
    "tests/solvers/test_exact_profile.py",
    "tests/solvers/test_support_system.py",
    "tests/solvers/test_closed_forms.py",
    "tests/solvers/test_polynomial.py::test_finds_the_square_root_equilibrium_gambit_misses",
    "tests/solvers/test_polynomial.py::test_game_b_mixed_equilibrium_at_gamma_u_07_gamma_ab_08",
    "tests/solvers/test_polynomial.py::test_three_player_coordination_game",
    "tests/solvers/test_polynomial.py::test_selten_horse_has_two_segments_of_equilibria",
    "tests/solvers/test_polynomial.py::test_indifferent_player_gives_a_curved_continuum",
    "tests/solvers/test_polynomial.py::test_numeric_path_is_flagged_incomplete_and_verified",
    "tests/trees/test_reduced.py::test_game_c_induced_normal_form",
    # sweeps
    "tests/sweeps/test_grid.py",
    "tests/sweeps/test_engine.py",
    "tests/sweeps/test_threshold.py",
    "tests/sweeps/test_output.py",
    # the command line (the smoke test draws a regime map and a tree)
    "tests/test_cli.py",
    "tests/test_cli_sequential.py",
    "tests/test_cli_smoke.py",
    "tests/sweeps/test_cli_sweep.py::test_game_b_s_by_k_in_one_command_writes_rows_and_both_maps",
    "tests/sweeps/test_cli_sweep.py::test_samples_from_the_command_line",
    "tests/sweeps/test_cli_sweep.py::test_threshold_command",
    # sensitivity at the floors of the 'sensitivity' extra (SALib, scikit-learn, EMA Workbench)
    "tests/gsa/test_design.py",
    "tests/gsa/test_methods.py",
    "tests/test_cli_sensitivity.py::test_out_plot_resume_and_from",
)


def _selects(entry: str, nodeid: str) -> bool:
    return nodeid == entry or nodeid.startswith((entry + "::", entry + "["))


def pytest_collection_modifyitems(config, items):
    """Mark the FLOORS subset ``floors``; refuse an entry that selects nothing."""
    collected = {item.nodeid.split("::")[0] for item in items}
    for entry in FLOORS:
        chosen = [item for item in items if _selects(entry, item.nodeid)]
        if not chosen and entry.split("::")[0] in collected:
            raise pytest.UsageError(f"tests/conftest.py: FLOORS entry {entry!r} selects no test")
        for item in chosen:
            item.add_marker(pytest.mark.floors)


def pytest_report_header(config):
    """Say which gametheory_re is under test (installed or a source tree), and its dependencies' versions."""
    ci = "true" if in_ci() else "unset"
    lines = [f"gametheory_re {gametheory_re.__version__} from {gametheory_re.__file__} (CI={ci})"]
    try:
        requires = importlib.metadata.requires("gametheory_re") or []
    except importlib.metadata.PackageNotFoundError:
        return lines
    names = [re.match(r"[A-Za-z0-9_.-]+", r)[0] for r in requires if "extra ==" not in r]
    versions = []
    for name in names:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return lines + ["dependencies: " + ", ".join(versions)]
