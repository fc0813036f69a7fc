"""Label placement shared by the pictures and the HTML page: each label (most important first) takes the
first of a ring of places around its node that is inside the frame and clear of the labels already placed
and of every node; a grid of cells finds the boxes near a place, so a 2,000-node picture places its labels
in a second. A label that finds no clear place is reported, and the caller leaves it out (or, on a small
picture, draws it where it overlaps least after growing the canvas)."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: "Box") -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def outside(self, frame: "Box") -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0) - self.overlap(frame)


@dataclass(frozen=True)
class Label:
    key: str
    x: float  # the node's centre
    y: float
    r: float  # the node's radius
    w: float  # the label's width and height
    h: float


@dataclass(frozen=True)
class Placed:
    dx: float  # the label centre's offset from its node's centre
    dy: float
    ring: int  # 1: next to its node; further out, a leader line says whose label it is
    cost: float  # overlap with other labels, nodes and the frame's outside; 0 when clear
    box: Box


class _Grid:
    def __init__(self, cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, b: Box):
        c = self.cell
        for i in range(int(math.floor(b.x0 / c)), int(math.floor(b.x1 / c)) + 1):
            for j in range(int(math.floor(b.y0 / c)), int(math.floor(b.y1 / c)) + 1):
                yield i, j

    def add(self, b: Box) -> None:
        for k in self._keys(b):
            self.cells[k].append(b)

    def cost(self, b: Box) -> float:
        seen = {id(o): o for k in self._keys(b) for o in self.cells.get(k, ())}
        return sum(b.overlap(o) for o in seen.values())


def candidates(w: float, h: float, r: float, rings: int = 6):
    """Offsets of a label's centre from its node's: below, above, right, left, then the diagonals, on rings
    further and further out (y grows downwards, as on screen)."""
    gap = 3.0
    for ring in range(1, rings + 1):
        far = (ring - 1) * (h + 6)
        below, above = r + gap + h / 2 + far, -(r + gap + h / 2 + far)
        right, left = r + gap + w / 2 + far, -(r + gap + w / 2 + far)
        for offset in ((0, below), (0, above), (right, 0), (left, 0), (right, below), (left, below),
                       (right, above), (left, above)):
            yield ring, offset


def place(labels: list[Label], frame: Box, rings: int = 6) -> dict[str, Placed]:
    """Places for `labels`, in the order given (the first are placed first), in one coordinate system
    whose y grows downwards. Every label gets its least-overlapping place; `cost` says whether it is clear."""
    cell = max(24.0, 2 * max((max(l.w, l.h) for l in labels), default=24.0) / 3)
    taken, nodes = _Grid(cell), _Grid(cell)
    for l in labels:
        nodes.add(Box(l.x - l.r, l.y - l.r, l.x + l.r, l.y + l.r))
    out: dict[str, Placed] = {}
    for l in labels:
        best: Placed | None = None
        for ring, (dx, dy) in candidates(l.w, l.h, l.r, rings):
            box = Box(l.x + dx - l.w / 2, l.y + dy - l.h / 2, l.x + dx + l.w / 2, l.y + dy + l.h / 2)
            cost = taken.cost(box) + nodes.cost(box) + 10 * box.outside(frame)
            if best is None or cost < best.cost:
                best = Placed(dx, dy, ring, cost, box)
            if cost == 0:
                break
        out[l.key] = best
        taken.add(best.box)
    return out


def clear(placed: dict[str, Placed]) -> dict[str, Placed]:
    """Only the labels that found a clear place: these overlap no node and no other kept label (each was
    clear of every label placed before it, and one placed later that overlaps it is not clear)."""
    return {k: p for k, p in placed.items() if p.cost == 0}
