"""Readable labels of strategy profiles: the one place their text is built.

Every label the tool prints, writes to JSON or uses as a sweep regime is made
here, so that the same profile reads the same in a table, a note and a map.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def profile_label(strategies: Sequence[Sequence[str]] | None, supports: Sequence) -> str:
    """Label of a profile from each player's strategy index or support.

    Parameters
    ----------
    strategies : sequence of sequence of str, or None
        Each player's strategy names; ``None`` labels strategies by index and
        shows each support as a set (as solver notes do).
    supports : sequence
        Per player an ``int`` (a pure strategy) or a sequence of ``int`` (the
        strategies played with positive probability).

    Returns
    -------
    str

    Examples
    --------
    >>> names = (("engage", "decouple"), ("supply", "restrict"))
    >>> profile_label(names, (0, 1))
    '(engage, restrict)'
    >>> profile_label(names, ((0, 1), (1,)))
    '(engage|decouple, restrict)'
    >>> profile_label(None, ((0, 1), (1,)))
    '({0, 1}, {1})'
    >>> profile_label(names, (np.int64(1), np.array([0, 1])))
    '(decouple, supply|restrict)'
    """
    parts = []
    for p, s in enumerate(supports):
        # A scalar (int or numpy integer) is a pure strategy; anything else, a numpy array
        # included, lists the support.
        members = (s,) if np.ndim(s) == 0 else tuple(s)
        if strategies is None:
            parts.append("{" + ", ".join(str(int(i)) for i in members) + "}")
        else:
            parts.append("|".join(strategies[p][int(i)] for i in members))
    return "(" + ", ".join(parts) + ")"
