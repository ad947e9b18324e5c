"""One colour per equilibrium set, from its label: across pictures, whatever the order, collisions told apart."""

import zlib

import numpy as np
from matplotlib import colors as mcolors

from gametheory_re.api import simulate
from gametheory_re.presenters.colours import (COLLISION_HATCHES, MULTI_HATCH, OTHER_COLOUR, SET_PALETTE,
                                              SPECIAL_LABELS, canonical_label, set_colour, set_styles)
from gametheory_re.presenters.simulation_plots import simulation_figure


def rgb255(colour):
    return np.round(np.array(mcolors.to_rgb(colour)) * 255).astype(int)


def entries(legend):
    """Legend text -> (face colour 0-255, hatch or '')."""
    return {" ".join(t.get_text().split()): (tuple(rgb255(h.get_facecolor())), h.get_hatch() or "")
            for t, h in zip(legend.get_texts(), legend.legend_handles)}


def colliding_pair(template="(s{}, t)"):
    """Two labels on the same palette colour, in sorted order."""
    seen = {}
    for i in range(200):
        label = template.format(i)
        if set_colour(label) in seen:
            return tuple(sorted([seen[set_colour(label)], label]))
        seen[set_colour(label)] = label
    raise AssertionError("no collision among 200 labels and 20 colours")


# ------------------------------------------------------------------ the rule


def test_the_palette_has_twenty_distinct_colours_none_a_grey_of_the_special_labels():
    rgb = [mcolors.to_rgb(c) for c in SET_PALETTE]
    assert len(SET_PALETTE) == 20 and len(set(rgb)) == 20
    assert all(max(c) - min(c) > 0.15 for c in rgb), "a set colour must not read as a grey"
    neutral = {mcolors.to_rgb(c) for c in [*SPECIAL_LABELS.values(), OTHER_COLOUR, "white"]}
    assert not neutral & set(rgb)
    spread = min(np.abs(np.subtract(a, b)).sum() for i, a in enumerate(rgb) for b in rgb[i + 1:])
    assert spread > 0.1


def test_a_set_has_one_colour_whatever_the_order_of_its_equilibria():
    assert canonical_label("(c, d); (a, b)") == "(a, b); (c, d)"
    assert set_colour("(c, d); (a, b)") == set_colour("(a, b); (c, d)")
    assert set_colour("(build, align, supply)") in SET_PALETTE
    # the rule is the documented one: crc32 of the canonical label into the palette
    assert set_colour("(x, y)") == SET_PALETTE[zlib.crc32(b"(x, y)") % 20]


def test_collisions_pattern_the_later_label_whatever_the_order_given():
    first, second = colliding_pair()
    styles = set_styles([second, first, "(other, set)"])
    assert styles == set_styles([first, "(other, set)", second])
    assert styles[first] == (set_colour(first), "")
    assert styles[second] == (set_colour(first), COLLISION_HATCHES[0])
    assert MULTI_HATCH not in COLLISION_HATCHES


# ------------------------------------------------------------------ simulations


def test_a_simulation_colours_each_profile_by_its_label_like_the_maps():
    sim = simulate("us_japan_china_dual_chain", periods=8, compare=[{"phi_gamma": 0}])
    fig = simulation_figure(sim)
    (legend,) = fig.legends
    got = entries(legend)
    plays = sorted({p for run in [sim] + [r for _, r in sim.counterfactuals] for p in run.play[0]})
    styles = set_styles(plays)
    assert sorted(got) == plays
    for label in plays:
        assert got[label] == (tuple(rgb255(styles[label][0])), styles[label][1])
