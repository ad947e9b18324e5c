"""The import graph of the installed gametheory_re, read from ``ast``.

Run ``python tests/import_graph.py`` to print, for each module of the package,
the package modules it imports (``*`` marks an import inside a function); the
layer rules of docs/explanation.md ("How the code is laid out") and any cycle
are printed after it, and the exit status is 1 when a rule is broken.
tests/test_architecture.py asserts the same rules.

The graph is read from the source files of the package Python imports (the
installed one when run from outside a checkout), without importing them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import NamedTuple

PACKAGE = "gametheory_re"


class Edge(NamedTuple):
    """``source`` imports ``target`` (names ``names``) at ``line``."""

    source: str
    target: str
    names: tuple[str, ...]
    line: int
    in_function: bool


def package_dir() -> Path:
    """Folder of the gametheory_re Python would import, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not importable")
    return Path(list(spec.submodule_search_locations)[0])


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name of every ``.py`` file below ``root``."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = (PACKAGE,) + path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_by_name(node) -> bool:
    """``importlib.import_module(...)`` or ``__import__(...)``: an import this check cannot follow."""
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    return (isinstance(f, ast.Attribute) and f.attr == "import_module") or (isinstance(f, ast.Name) and f.id == "__import__")


def edges(known: dict[str, Path]) -> list[Edge]:
    """Every import of one package module by another."""
    out = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        inner = {id(n) for f in functions for n in ast.walk(f) if n is not f}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                pairs = [(a.name, ()) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, path.name == "__init__.py", node)
                names = tuple(a.name for a in node.names)
                # ``from . import x`` imports the submodule x when there is one.
                subs = [(f"{target}.{n}", ()) for n in names if f"{target}.{n}" in known]
                pairs = subs if len(subs) == len(names) else [(target, names)]
            elif _imports_by_name(node):
                out.append(Edge(module, f"{PACKAGE}.<by name>", (), node.lineno, id(node) in inner))
                continue
            else:
                continue
            for target, names in pairs:
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    while target not in known and "." in target:
                        target = target.rsplit(".", 1)[0]
                    out.append(Edge(module, target, names, node.lineno, id(node) in inner))
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _in(module: str, *layers: str) -> bool:
    return any(module == f"{PACKAGE}.{x}" or module.startswith(f"{PACKAGE}.{x}.") for x in layers)


#: What each layer may not import, and why (docs/explanation.md).
FORBIDDEN = (
    ("algebra", ("solvers", "trees", "parametric", "parameters", "substitution", "formula", "evaluator",
                 "formats", "presenters", "sweeps", "api", "cli", "equilibria", "normal_form", "result",
                 "commitment"),
     "algebra knows no game concepts"),
    ("solvers", ("parametric", "parameters", "substitution", "formula", "evaluator", "trees.parametric",
                 "trees.orders", "trees.build", "formats", "presenters", "sweeps", "api", "cli", "equilibria",
                 "commitment"),
     "solvers are pure functions over arrays"),
    ("trees.model", ("parametric", "formula", "evaluator", "formats", "presenters", "sweeps", "api", "cli"),
     "a game tree is data"),
    ("formats", ("presenters", "sweeps", "api", "cli", "solvers"), "formats read and write games, they do not solve"),
    ("symbolic", ("formats", "presenters", "sweeps", "api", "cli", "equilibria"),
     "exact conditions are derived from a parametric game's formulas, never from files, solves or displays"),
    ("gsa", ("formats", "presenters", "api", "cli", "discovery"),
     "a study evaluates through the sweep engine and returns results; it reads no game files and formats nothing"),
    ("discovery", ("formats", "presenters", "api", "cli"),
     "scenario discovery evaluates through the sweep engine and returns results; it formats nothing"),
    ("learning", ("parametric", "parameters", "substitution", "formula", "evaluator", "formats", "presenters",
                  "sweeps", "api", "cli", "dynamics"),
     "learning rules are pure functions over payoff arrays, like solvers"),
    ("dynamics", ("formats", "presenters", "api", "cli"),
     "a simulation runs the stage game through the batched solvers and returns results; it reads no files "
     "and formats nothing"),
    ("presenters", ("formats", "sweeps.run", "sweeps.engine", "api", "cli", "formula", "evaluator", "equilibria"),
     "presenters format results, they compute nothing"),
    ("", ("cli",), "only the command line (and python -m) imports the command line"),
)

#: Modules that may be imported inside a function, and why.
LAZY_TARGETS = {
    f"{PACKAGE}.presenters.plots": "it imports matplotlib, which takes longer to import than most commands "
                                   "take to run (benchmarks/bench_cold_start.py)",
    f"{PACKAGE}.presenters.sensitivity_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.presenters.discovery_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.presenters.simulation_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.presenters.learning_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.presenters.qre_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.presenters.response_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.presenters.report_html": "it imports matplotlib (as presenters.plots) for the page's pictures",
    f"{PACKAGE}.presenters.html": "games and results show themselves in notebooks (_repr_html_) through it, and it "
                                  "imports their modules: at module level that would be a cycle",
    f"{PACKAGE}.presenters.region_plots": "it imports matplotlib (as presenters.plots)",
    f"{PACKAGE}.gsa.study": "it imports scipy.stats and pandas, 0.9 s that every other command would pay at start-up",
    f"{PACKAGE}.discovery.study": "as gsa.study",
}


def problems(found: list[Edge]) -> list[str]:
    """Every broken layer rule, in-function import and cycle, as one line each."""
    out = []
    for e in found:
        if e.source in (f"{PACKAGE}.__main__", f"{PACKAGE}.cli") and e.target == f"{PACKAGE}.cli":
            continue
        for layer, banned, why in FORBIDDEN:
            if (not layer or _in(e.source, layer)) and _in(e.target, *banned):
                out.append(f"{e.source}:{e.line} imports {e.target}: {why}")
        if _in(e.source, "presenters") and _in(e.target, "solvers"):
            # Result types (classes) may be named; functions would mean computing.
            computed = [n for n in e.names if not n[:1].isupper()]
            if computed or not e.names:
                out.append(f"{e.source}:{e.line} imports {', '.join(computed) or e.target} from {e.target}: "
                           "presenters format results, they compute nothing")
        if e.target == PACKAGE and e.source != f"{PACKAGE}.__main__":
            out.append(f"{e.source}:{e.line} imports the package root: import the module that defines the name")
        if e.target == f"{PACKAGE}.<by name>":
            out.append(f"{e.source}:{e.line} imports a module by name: import it by a statement this check can follow")
        elif e.in_function and e.target not in LAZY_TARGETS:
            out.append(f"{e.source}:{e.line} imports {e.target} inside a function")
    graph: dict[str, set[str]] = {}
    for e in found:
        # A lazy import of a LAZY_TARGETS module runs when both modules are loaded, so it cannot
        # make an import cycle; it is how a result object reaches the presenter that shows it.
        if not (e.in_function and e.target in LAZY_TARGETS):
            graph.setdefault(e.source, set()).add(e.target)
    out += ["import cycle: " + " -> ".join(c) for c in cycles(graph)]
    return out


def main() -> int:
    root = package_dir()
    known = modules(root)
    found = edges(known)
    print(f"# import graph of {root}")
    for module in known:
        targets = sorted({(e.target, e.in_function) for e in found if e.source == module})
        shown = ", ".join(t.removeprefix(PACKAGE + ".") + ("*" if inner else "") for t, inner in targets)
        print(f"{module.removeprefix(PACKAGE + '.') or PACKAGE}: {shown}")
    broken = problems(found)
    print(f"# {len(broken)} problem(s)")
    for line in broken:
        print(line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
