"""The README's dual-chain picture is what its command draws today.

``docs/images/dual_chain.png`` is committed so that the README shows it; this
test draws it again with the installed ``gtre`` and compares the pixels, so
the picture cannot go stale.  Small differences in anti-aliasing between
matplotlib and FreeType versions are allowed; a changed curve, band or
legend is not.  To refresh it, run the command in ``COMMAND`` from
``docs/images`` with ``--plot dual_chain.png --force``.
"""

import subprocess
from pathlib import Path

import numpy as np
from matplotlib.image import imread

from _support import need_gtre

PICTURE = Path(__file__).resolve().parents[1] / "docs" / "images" / "dual_chain.png"
COMMAND = ["simulate", "us_japan_china_dual_chain", "--periods", "30", "--compare", "phi_gamma=0"]

#: Mean absolute difference of the RGBA values (0..1) allowed, and share of pixels that may differ by more than 0.25.
MEAN_DIFFERENCE = 0.003
CHANGED_PIXELS = 0.002


def test_the_readme_picture_is_the_one_its_command_draws(tmp_path):
    readme = (PICTURE.parents[2] / "README.md").read_text(encoding="utf-8")
    assert "docs/images/dual_chain.png" in readme and "gtre " + " ".join(COMMAND) in readme
    # A change as small as phi_theta 0.15 -> 0.2 moves 1.1% of the pixels by more than 0.25.
    subprocess.run([str(need_gtre()), *COMMAND, "--plot", "d.png"], cwd=tmp_path, check=True, capture_output=True)
    drawn, committed = imread(tmp_path / "d.png"), imread(PICTURE)
    assert drawn.shape == committed.shape, f"{PICTURE} is stale: redraw it (see this module's docstring)"
    difference = np.abs(drawn - committed)
    assert difference.mean() <= MEAN_DIFFERENCE, f"{PICTURE} is stale: redraw it"
    assert (difference.max(axis=2) > 0.25).mean() <= CHANGED_PIXELS, f"{PICTURE} is stale: redraw it"
