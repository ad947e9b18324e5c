"""Building a tree from node specs: structure checks and perfect recall.

Readers (TOML trees, Gambit ``.efg``) and the move-order builder list nodes
as :class:`NodeSpec`; :func:`assemble` links them into nodes and information
sets and refuses what the solvers cannot handle, imperfect recall included.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from ..errors import GameFileError
from .model import MAX_TREE_NODES, TERMINAL, InfoSet, Node, last_moves_of


class NodeSpec(NamedTuple):
    """One node as read from a file, before the tree is assembled.

    Specs are given parents first (e.g. in preorder): ``parent`` is the
    index of an earlier spec (-1 for the root, which is spec 0), and a node's
    children are the later specs naming it, in order, one per move.

    Attributes
    ----------
    name : str
    parent : int
    player : int
        Player index, :data:`~.model.CHANCE` or :data:`~.model.TERMINAL`.
    moves : tuple of str
    infoset : str or None
        Information-set label shared with other nodes; ``None`` gives the node
        an information set of its own (labelled by its name).
    key : str
        Where the node is in its file, for error messages.
    """

    name: str
    parent: int
    player: int
    moves: tuple[str, ...] = ()
    infoset: str | None = None
    key: str = ""


def assemble(specs: Sequence[NodeSpec], n_players: int, source: str) -> tuple[tuple[Node, ...], tuple[InfoSet, ...]]:
    """Nodes and information sets from node specs, checked.

    Parameters
    ----------
    specs : sequence of NodeSpec
        Parents before children, the root first.
    n_players : int
    source : str
        Named in error messages, with each spec's ``key``.

    Returns
    -------
    nodes : tuple of Node
    infosets : tuple of InfoSet

    Raises
    ------
    GameFileError
        If a node has not one child per move, nodes of one information set
        differ in their moves, a label is both a node's name and another
        node's information set, or the tree lacks perfect recall.
    ValueError
        If the specs do not list parents before children with one root.
    """
    if len(specs) > MAX_TREE_NODES:
        raise GameFileError(source, "", f"the tree has {len(specs)} nodes; at most {MAX_TREE_NODES} are allowed")
    children: list[list[int]] = [[] for _ in specs]
    for i, spec in enumerate(specs):
        if not (spec.parent == -1 if i == 0 else 0 <= spec.parent < i):
            raise ValueError(f"node spec {i} ({spec.name!r}) must come after its parent, with the root first")
        if spec.parent >= 0:
            children[spec.parent].append(i)
    groups: dict[tuple[int, str], list[int]] = {}
    leaves = 0
    for i, spec in enumerate(specs):
        if len(children[i]) != len(spec.moves):
            raise GameFileError(source, spec.key, f"node has {len(spec.moves)} moves but {len(children[i])} children")
        if spec.player >= 0:
            # Labels are per player; a node without one is alone in a set
            # labelled by its name.
            label = spec.name if spec.infoset is None else spec.infoset
            members = groups.setdefault((spec.player, label), [])
            first = specs[members[0]] if members else spec
            if members and (spec.infoset is None or first.infoset is None):
                raise GameFileError(
                    source, spec.key, f"information set label {label!r} is also the name of another node of this player"
                )
            if first.moves != spec.moves:
                raise GameFileError(
                    source, spec.key,
                    f"nodes of information set {label!r} must have the same moves in the same order: "
                    f"{', '.join(first.moves)} at {first.name!r}, {', '.join(spec.moves)} here",
                )
            members.append(i)
    infoset_of = {}
    infosets = []
    for (player, label), members in groups.items():
        for m in members:
            infoset_of[m] = len(infosets)
        infosets.append(InfoSet(label, player, specs[members[0]].moves, tuple(members)))
    nodes = []
    for i, spec in enumerate(specs):
        leaf = -1
        if spec.player == TERMINAL:
            leaf, leaves = leaves, leaves + 1
        nodes.append(Node(spec.name, spec.player, tuple(spec.moves), tuple(children[i]), spec.parent,
                          infoset_of.get(i, -1), leaf))
    nodes, infosets = tuple(nodes), tuple(infosets)
    bad = _perfect_recall_violation(nodes, infosets, n_players)
    if bad is not None:
        infoset = infosets[bad]
        raise GameFileError(
            source, specs[infoset.nodes[0]].key,
            f"information set {infoset.label!r} joins nodes after different earlier moves or information "
            "of the same player (imperfect recall), which this tool does not support",
        )
    return nodes, infosets


def _perfect_recall_violation(nodes, infosets, n_players) -> int | None:
    # Equal *last* own moves at every information set imply equal full own
    # histories, by induction on depth; and a set holding a node and its own
    # descendant (absent-mindedness) always fails the test.
    last = last_moves_of(nodes, n_players)
    for index, infoset in enumerate(infosets):
        if len({last[n][infoset.player] for n in infoset.nodes}) > 1:
            return index
    return None

