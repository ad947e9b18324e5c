"""``python -m gametheory_re`` runs the ``gtre`` command."""

from .cli import main

main(prog_name="gtre")
