"""One colour per equilibrium set or profile, derived from its label: the same in every picture of a game.

The colour of a set is :data:`SET_PALETTE` at the index ``zlib.crc32`` of
its canonical label (UTF-8) gives modulo the palette's length.  The
canonical label is the label with its equilibria (the parts between
``"; "``) in sorted order, so ``(a, b); (c, d)`` and ``(c, d); (a, b)`` are
the same set and the same colour.  Nothing else enters: not the order in
which sets appear, not how often, not which other sets a picture holds.
So a support such as ``(build, align, supply)`` has one colour in every
regime map, band chart and simulation picture of a game (and of any game
with a profile of that name).

Twenty colours cannot keep every set apart, so two sets of one picture may
share a colour.  They are then told apart by a pattern: of the sets on one
colour, the first by canonical label is drawn plain, the next with
``COLLISION_HATCHES[0]``, and so on (:func:`set_styles`); which set is
patterned depends only on the labels, not on their order.

The palette was chosen for maps with black hatching and boundaries on top:
CIELAB lightness 60 to 85 and chroma 25 to 55 (light enough for black lines
to show, coloured enough never to read as the greys of
:data:`SPECIAL_LABELS` or :data:`OTHER_COLOUR`), each colour picked in turn
to be as far as possible (CAM02-UCS) from those before it and from the
greys, in normal vision and in simulated deuteranopia and protanopia.  No
20 colours stay distinct under colour-vision deficiency; the patterns and
the legend's labels do not depend on colour.

Which sets get a colour at all is decided per picture
(:class:`RegionStyle`): a set covering fewer than :data:`MIN_VISIBLE_SHARE`
of the picture's cells cannot be seen at its resolution, so it gets no
legend entry; such sets are drawn in :data:`OTHER_COLOUR` and summed in one
entry, ``other (N sets)``, as are the sets beyond the
:data:`MAX_LEGEND_SETS` largest.  Their colour when they are large enough
is still their own.

This module imports no matplotlib: colours are hex strings.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np

#: The colours of equilibrium sets and pure profiles (see the module docstring).
SET_PALETTE = (
    "#56b4e9", "#e47854", "#00b48a", "#b4de78", "#c67eb4", "#fcc0f6", "#848aea", "#dea84e", "#60eab4", "#3cd8de",
    "#fc8aa2", "#84ba78", "#18a2b4", "#d2c696", "#ba8a72", "#a896cc", "#a8902a", "#54a24e", "#d8a2c0", "#9cc0fc",
)  # fmt: skip

#: Patterns telling apart further sets that share a colour in one picture (cycled).
COLLISION_HATCHES = ("..", "--", "||", "oo")

#: Labels that are not an equilibrium set, and their neutral colours.
SPECIAL_LABELS = {
    "no pure equilibrium": "#bdbdbd",
    "none found": "#e0e0e0",
    "undefined payoffs": "#ffffff",
}

#: Colour of the sets too small to see, summed in one legend entry (``other (N sets)``).
OTHER_COLOUR = "#7a7a7a"

#: Several equilibria in one label are joined by this.
SEPARATOR = "; "

#: Hatch drawn over the cells of a set of several equilibria (before any collision pattern).
MULTI_HATCH = "//"

#: A set gets a colour and legend entry of its own when it covers at least this share of a
#: picture's cells: 1 in 500, about 20 x 20 pixels of a regime map (some 600 x 350 pixels).
MIN_VISIBLE_SHARE = 0.002

#: At most this many sets get an entry of their own (the largest; ties by label).
MAX_LEGEND_SETS = 12

#: Added to a legend's title when two of its sets share a colour.
SHARED_NOTE = "dots or stripes: another set of the same colour"


def canonical_label(label: str) -> str:
    """The label with its equilibria in sorted order: the same text for the same set.

    Examples
    --------
    >>> canonical_label("(c, d); (a, b)")
    '(a, b); (c, d)'
    """
    return SEPARATOR.join(sorted(label.split(SEPARATOR)))


def set_colour(label: str) -> str:
    """The colour of an equilibrium set or pure profile, from its label alone.

    Parameters
    ----------
    label : str
        The set's label, e.g. ``"(build, align, supply)"``.

    Returns
    -------
    str
        A colour of :data:`SET_PALETTE` (hex).

    Examples
    --------
    >>> set_colour("(a, b); (c, d)") == set_colour("(c, d); (a, b)")
    True
    """
    return SET_PALETTE[zlib.crc32(canonical_label(label).encode("utf-8")) % len(SET_PALETTE)]


def set_styles(labels: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The colour and collision pattern of each set drawn in one picture.

    Parameters
    ----------
    labels : iterable of str
        The sets that get a colour of their own in the picture (in any
        order; repeats are ignored).

    Returns
    -------
    dict of str to (str, str)
        Per label, its :func:`set_colour` and a hatch: ``""`` for the first
        set on its colour by canonical label, ``COLLISION_HATCHES[k - 1]``
        for the k-th after it.

    Examples
    --------
    >>> styles = set_styles(["(b)", "(a)"])
    >>> styles == set_styles(["(a)", "(b)"])
    True
    """
    by_colour: dict[str, list[str]] = {}
    for label in sorted(set(labels), key=lambda text: (canonical_label(text), text)):
        by_colour.setdefault(set_colour(label), []).append(label)
    return {label: (colour, COLLISION_HATCHES[(k - 1) % len(COLLISION_HATCHES)] if k else "")
            for colour, members in by_colour.items() for k, label in enumerate(members)}


class RegionStyle:
    """How the regions of one picture are drawn: a colour slot per region, the legend entries.

    Parameters
    ----------
    names : list of str
        The distinct regions (equilibrium sets or :data:`SPECIAL_LABELS`).
    counts : numpy.ndarray
        The cells of each region in the picture.
    title : str
        The legend's title; :data:`SHARED_NOTE` is added when two sets share a colour.

    Attributes
    ----------
    slot : numpy.ndarray
        The colour slot of each region (index into ``colours`` and ``hatches``).
    colours, hatches : list of str
        Per slot, its fill and its hatch (``""``: none).
    entries : list of (str, str, str)
        Per slot, in legend order, its text, colour and hatch: the visible
        sets by decreasing size (ties by label), then ``other (N sets)``,
        then the special labels present.
    several : bool
        Some entry is hatched with :data:`MULTI_HATCH`.
    title : str
    """

    def __init__(self, names: list[str], counts: np.ndarray, title: str):
        counts = np.asarray(counts)
        regular = [k for k, n in enumerate(names) if n not in SPECIAL_LABELS]
        regular.sort(key=lambda k: (-counts[k], names[k]))
        floor = MIN_VISIBLE_SHARE * counts.sum()
        own = [k for k in regular if counts[k] >= floor][:MAX_LEGEND_SETS]
        kept = set(own)
        rest = [k for k in regular if k not in kept]
        styles = set_styles(names[k] for k in own)
        self.slot = np.zeros(len(names), dtype=np.int64)
        self.colours: list[str] = []
        self.hatches: list[str] = []
        self.entries: list[tuple[str, str, str]] = []
        for k in own:
            colour, shared = styles[names[k]]
            self._add([k], colour, names[k], (MULTI_HATCH if SEPARATOR in names[k] else "") + shared)
        if rest:
            self._add(rest, OTHER_COLOUR, f"other ({len(rest)} set{'s' if len(rest) > 1 else ''})", "")
        for special, colour in SPECIAL_LABELS.items():
            if special in names:
                self._add([names.index(special)], colour, special, "")
        self.several = any(MULTI_HATCH in h for h in self.hatches)
        collided = any(styles[names[k]][1] for k in own)
        self.title = title + ("\n" + SHARED_NOTE if collided else "")

    def _add(self, members, colour, text, hatch):
        self.slot[members] = len(self.colours)
        self.colours.append(colour)
        self.hatches.append(hatch)
        self.entries.append((text, colour, hatch))


__all__ = ["COLLISION_HATCHES", "MAX_LEGEND_SETS", "MIN_VISIBLE_SHARE", "MULTI_HATCH", "OTHER_COLOUR", "RegionStyle",
           "SEPARATOR", "SET_PALETTE", "SHARED_NOTE", "SPECIAL_LABELS", "canonical_label", "set_colour", "set_styles"]
