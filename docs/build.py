"""Make every picture and example page the documentation shows: ``python docs/build.py``.

The pictures of the student walk-through (docs/tutorial-students.md) and of
the gallery (docs/gallery.md), and the example report pages, are drawn here by
the installed ``gtre`` from bundled games, into ``docs/_build/`` (``--out DIR``
for another folder).  They are generated output, so git ignores them: after
``pip install .``, run this once and open the pages; tests/test_docs_build.py
runs it too and checks that every ``_build/`` file a page links to is made
here.

    python docs/build.py            # into docs/_build/images and docs/_build/reports
    python docs/build.py --out /tmp/docs-build --only stag_hunt_responses.png
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent


class Output(NamedTuple):
    """One file of the docs: where it goes under the build folder, the command that makes it, what it shows."""

    path: str
    command: str
    caption: str


#: Every file the docs link to under ``_build/``.  ``{out}`` is the file's path.
OUTPUTS = (
    Output("images/stag_hunt_responses.png", "gtre solve stag_hunt --plot {out}",
           "Stag hunt: both best-response correspondences cross at the three equilibria."),
    Output("images/prisoners_dilemma_responses.png", "gtre solve prisoners_dilemma --plot {out}",
           "Prisoner's dilemma: the curves meet only at (defect, defect)."),
    Output("images/battle_of_the_sexes_responses.png", "gtre solve battle_of_the_sexes --plot {out}",
           "Battle of the sexes: two pure equilibria and the mixed one between them."),
    Output("images/matching_pennies_responses.png", "gtre solve matching_pennies --plot {out}",
           "Matching pennies: no pure equilibrium; the curves cross once, at (1/2, 1/2)."),
    Output("images/rps_regions.png", "gtre solve rock_paper_scissors --plot {out}",
           "Rock-paper-scissors: each player's triangle of mixes, coloured by the other's best response."),
    Output("images/game_c_tree.png", "gtre solve us_japan_china_sequential --plot {out}",
           "Game C: the US moves first, then Japan, then China; red is the subgame-perfect path."),
    Output("images/game_b_regimes.png",
           "gtre sweep us_japan_china --vary s=0:1:41 --vary b_U=0:0.5:26 --outcome burden_sharing --plot {out}",
           "Game B over Japan's burden share s and the US co-benefit b_U: which equilibria exist, and where "
           "burden-sharing holds."),
    Output("images/game_b_band.png", "gtre sweep us_japan_china --vary K=0.1:3:59 --plot {out}",
           "Game B along the chain's cost K: a band chart, one band per equilibrium set."),
    Output("images/game_b_qre.png", "gtre solve us_japan_china --qre --plot {out}",
           "Game B: the logit QRE branch from uniform play to the equilibrium it selects."),
    Output("images/dual_chain.png",
           "gtre simulate us_japan_china_dual_chain --periods 30 --compare phi_gamma=0 --plot {out}",
           "The dual chain: play feeds back into substitution, coverage and cost."),
    Output("images/rps_learning.png",
           "gtre learn rock_paper_scissors --rule replicator --start 0.5,0.3,0.2;0.2,0.3,0.5 --plot {out}",
           "Rock-paper-scissors under the replicator dynamics: play cycles around the mixed equilibrium."),
    Output("reports/prisoners_dilemma.html", "gtre report prisoners_dilemma -o {out}",
           "The report page of the prisoner's dilemma."),
    Output("reports/stag_hunt.html", "gtre report stag_hunt -o {out}", "The report page of the stag hunt."),
    Output("reports/us_japan_china.html",
           "gtre report us_japan_china -o {out} --sweep s=0:1:41,b_U=0:0.5:26 --conditions s,K",
           "The report page of Game B, with a map and the exact conditions in s and K."),
    Output("reports/us_japan_china_sequential.html", "gtre report us_japan_china_sequential -o {out}",
           "The report page of Game C, the sequential game."),
)


def gtre() -> str:
    """The installed ``gtre`` script: beside this Python, else on the PATH."""
    beside = Path(sys.executable).parent / "gtre"
    found = str(beside) if beside.is_file() else shutil.which("gtre")
    if found is None:
        sys.exit("docs/build.py: gtre is not installed (pip install . first)")
    return found


def make(output: Output, root: Path, script: str) -> tuple[Output, float, str]:
    """Run one command into ``root``; returns the output, seconds taken and the error text ('' when it worked)."""
    target = root / output.path
    target.parent.mkdir(parents=True, exist_ok=True)
    args = [script if a == "gtre" else a for a in shlex.split(output.command.format(out=target))] + ["--force"]
    started = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True)
    error = "" if run.returncode == 0 and target.is_file() and target.stat().st_size else (run.stderr or "no file")
    return output, time.perf_counter() - started, error.strip()


def build(root: Path, only: tuple[str, ...] = (), workers: int = 2) -> list[tuple[Output, float, str]]:
    """Make every :data:`OUTPUTS` file (or those named in ``only``) under ``root``."""
    wanted = [o for o in OUTPUTS if not only or Path(o.path).name in only or o.path in only]
    script = gtre()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda o: make(o, root, script), wanted))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "_build", help="build folder (default docs/_build)")
    parser.add_argument("--only", nargs="*", default=(), help="file names to make (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="commands run at once (default 2)")
    args = parser.parse_args(argv)
    failed = 0
    for output, seconds, error in build(args.out, tuple(args.only), args.workers):
        print(f"{'made' if not error else 'FAILED'} {args.out / output.path} ({seconds:.1f} s)")
        if error:
            failed += 1
            print("  " + error.replace("\n", "\n  "), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
