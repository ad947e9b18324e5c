"""``python -m gametheory_re`` runs the ``gtre`` command."""

from .cli import run

run(prog_name="gtre")
