"""How the benchmark scripts start ``gtre`` as a new process, as a user would.

A script run from a fresh venv (``venv/bin/python benchmarks/x.py``) may not
have the venv's ``bin`` on the PATH, so the ``gtre`` beside this Python comes
first; then one on the PATH; else ``python -m gametheory_re``, the same
program.
"""

from __future__ import annotations

import os
import shutil
import sys


def gtre_command() -> list[str]:
    """The command that runs the installed ``gtre``, as a list for :func:`subprocess.run`."""
    script = os.path.join(os.path.dirname(sys.executable), "gtre")
    if os.path.exists(script):
        return [script]
    found = shutil.which("gtre")
    return [found] if found else [sys.executable, "-m", "gametheory_re"]
