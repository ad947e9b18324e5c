"""The import graph flows one way (docs/explanation.md, "How the code is laid out").

The rules themselves live in tests/import_graph.py, which also prints the graph.
"""

import textwrap

import import_graph


def test_installed_package_keeps_the_layer_rules():
    known = import_graph.modules(import_graph.package_dir())
    assert "gametheory_re.solvers.regret" in known
    assert import_graph.problems(import_graph.edges(known)) == []


def _package(tmp_path, files):
    root = tmp_path / "gametheory_re"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return import_graph.modules(root)


def test_checker_finds_each_kind_of_break(tmp_path):
    known = _package(tmp_path, {
        "__init__.py": "",
        "formula.py": "",
        "cli.py": "",
        "solvers/__init__.py": "",
        "solvers/regret.py": "def tol():\n    return 1\n",
        "solvers/pure.py": "from ..formula import x\n",
        "algebra/__init__.py": "",
        "algebra/poly.py": "from ..solvers import regret\n",
        "presenters/__init__.py": "",
        "presenters/text.py": "from ..solvers.regret import tol\nfrom .tree import draw\n",
        "presenters/tree.py": "def draw():\n    from .text import x\n",
        "sweeps/__init__.py": "",
        "sweeps/run.py": "from .. import __version__\nfrom ..cli import main\n",
        "solvers/dominance.py": "from ..sweeps import run\n",
        "api.py": "import importlib\nplots = importlib.import_module('.presenters.plots', __package__)\n",
    })
    found = "\n".join(import_graph.problems(import_graph.edges(known)))
    assert "solvers.pure:1 imports gametheory_re.formula: solvers are pure" in found
    assert "algebra.poly:1 imports gametheory_re.solvers.regret: algebra knows no game concepts" in found
    assert "imports tol from gametheory_re.solvers.regret: presenters format results" in found
    assert "presenters.tree:2 imports gametheory_re.presenters.text inside a function" in found
    assert "import cycle: gametheory_re.presenters.text -> gametheory_re.presenters.tree" in found
    assert "sweeps.run:1 imports the package root" in found
    assert "sweeps.run:2 imports gametheory_re.cli: only the command line" in found
    assert "solvers.dominance:1 imports gametheory_re.sweeps.run: solvers are pure" in found
    assert "api:2 imports a module by name" in found


def test_a_clean_package_has_no_problems(tmp_path):
    known = _package(tmp_path, {
        "__init__.py": "from .api import solve\n",
        "api.py": "from .solvers.regret import tol\nsolve = tol\n",
        "solvers/__init__.py": "",
        "solvers/regret.py": "import numpy\n",
        "presenters/__init__.py": "",
        "presenters/text.py": "from ..solvers.regret import Result\n",
        "presenters/plots.py": "import matplotlib\n",
        "presenters/sweep_text.py": "def draw():\n    from . import plots\n",
    })
    assert import_graph.problems(import_graph.edges(known)) == []


def test_command_line_start_up_imports_no_heavy_library(tmp_path):
    # Every command pays for what `import gametheory_re.cli` imports: pandas,
    # scipy.stats and matplotlib (0.3 to 0.9 s each) load only in the commands that
    # use them (benchmarks/bench_cold_start.py measures the start-up itself).
    import subprocess
    import sys

    heavy = ("pandas", "scipy.stats", "matplotlib", "sklearn", "SALib", "ema_workbench")
    code = ("import sys, gametheory_re.cli; "
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=tmp_path).stdout  # not the checkout: the installed package
    assert loaded.split() == []
