"""Ruled tables on a PDF page, found from its drawn lines as pdfplumber finds them.

The method is pdfplumber's ``TableFinder`` with its default settings (the
``lines`` strategy; pdfplumber is MIT-licensed, after Anssi Nurminen's thesis
and Tabula), done on :class:`jihua.pdf_lines.Edge` and
:class:`jihua.pdf_lines.Char` so that no page goes through pdfminer:

1. edges within 3 pt of one another across are snapped to their mean, and
   pieces of one line less than 3 pt apart are joined; pieces under 3 pt go;
2. every crossing of a vertical and a horizontal edge (3 pt tolerance) is a corner;
3. a cell is the smallest rectangle of four corners joined by edges; cells that
   share a corner are one table (a single cell is none);
4. a table's rows are its cells by top, each row as wide as the table's columns
   (``None`` where a merged cell covers it); a cell's text is the characters
   whose middle lies inside it, its lines joined by line breaks.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from jihua import limits
from jihua.pdf_lines import Char, Edge, page_lines

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
INTERSECTION = 3.0
#: a page ruled with more lines than this (a map, a chart) is read without looking for tables
MAX_EDGES = 4000


def _left(edge: Edge) -> float:
    return edge.x0


def _top(edge: Edge) -> float:
    return edge.top


Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Point = tuple[float, float]


@dataclass
class PdfTable:
    bbox: Box
    rows: list[list[str | None]]
    #: (row, column) of the ``None`` cells that a cell merged down from a row above covers
    merged_above: set[tuple[int, int]] = field(default_factory=set)


def find_tables(edges: list[Edge], chars: list[Char]) -> list[PdfTable]:
    """The page's ruled tables, top to bottom, with their cell texts."""
    return find_tables_and_boxes(edges, chars)[0]


def find_tables_and_boxes(edges: list[Edge], chars: list[Char]) -> tuple[list[PdfTable], list[Box]]:
    """The page's ruled tables (two cells or more, as pdfplumber finds them) and its boxes:
    a frame of one cell standing alone, as Word draws a 专栏 (pdfplumber drops those)."""
    merged = _merge([edge for edge in edges if _length(edge) >= 1])
    merged = [edge for edge in merged if _length(edge) >= MIN_LENGTH]
    if not merged or len(merged) > MAX_EDGES:
        return [], []
    corners = _intersections(merged)
    groups = _tables(_cells(corners))
    tables = [_table(group, chars) for group in groups if len(group) > 1]
    return tables, [group[0] for group in groups if len(group) == 1]


def _length(edge: Edge) -> float:
    return edge.bottom - edge.top if edge.orientation == "v" else edge.x1 - edge.x0


def _merge(edges: list[Edge]) -> list[Edge]:
    vertical = _snap([edge for edge in edges if edge.orientation == "v"], "v")
    horizontal = _snap([edge for edge in edges if edge.orientation == "h"], "h")
    merged: list[Edge] = []
    for orientation, group in (("h", horizontal), ("v", vertical)):
        key = _top if orientation == "h" else _left
        for _, line in itertools.groupby(sorted(group, key=key), key=key):
            merged.extend(_join(list(line), orientation))
    return merged


def _snap(edges: list[Edge], orientation: str) -> list[Edge]:
    """Edges within SNAP of one another across, moved to the mean of their cluster."""
    key: Callable[[Edge], float] = _left if orientation == "v" else _top
    snapped: list[Edge] = []
    for cluster in _cluster(edges, key):
        mean = sum(key(edge) for edge in cluster) / len(cluster)
        for edge in cluster:
            shift = mean - key(edge)
            if orientation == "v":
                snapped.append(edge._replace(x0=edge.x0 + shift, x1=edge.x1 + shift))
            else:
                snapped.append(edge._replace(top=edge.top + shift, bottom=edge.bottom + shift))
    return snapped


def _cluster(edges: list[Edge], key: Callable[[Edge], float]) -> list[list[Edge]]:
    """pdfplumber's ``cluster_objects``: sorted distinct values each within SNAP of the last."""
    cluster_of: dict[float, int] = {}
    index, last = 0, None
    for value in sorted({key(edge) for edge in edges}):
        if last is not None and value > last + SNAP:
            index += 1
        cluster_of[value] = index
        last = value
    groups: dict[int, list[Edge]] = defaultdict(list)
    for edge in edges:
        groups[cluster_of[key(edge)]].append(edge)
    return [groups[index] for index in sorted(groups)]


def _join(line: list[Edge], orientation: str) -> list[Edge]:
    """Pieces of one line less than JOIN apart made one."""
    start = _left if orientation == "h" else _top
    ordered = sorted(line, key=start)
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if orientation == "h":
            if edge.x0 <= last.x1 + JOIN:
                if edge.x1 > last.x1:
                    joined[-1] = last._replace(x1=edge.x1)
            else:
                joined.append(edge)
        elif edge.top <= last.bottom + JOIN:
            if edge.bottom > last.bottom:
                joined[-1] = last._replace(bottom=edge.bottom)
        else:
            joined.append(edge)
    return joined


def _intersections(edges: list[Edge]) -> dict[Point, tuple[set[Edge], set[Edge]]]:
    """Each corner → the vertical and the horizontal edges that cross there."""
    vertical = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    horizontal = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    corners: dict[Point, tuple[set[Edge], set[Edge]]] = {}
    for v in vertical:
        limits.check()
        for h in horizontal:
            if (
                v.top <= h.top + INTERSECTION
                and v.bottom >= h.top - INTERSECTION
                and v.x0 >= h.x0 - INTERSECTION
                and v.x0 <= h.x1 + INTERSECTION
            ):
                found = corners.setdefault((v.x0, h.top), (set(), set()))
                found[0].add(_box(v))
                found[1].add(_box(h))
    return corners


def _box(edge: Edge) -> Edge:
    """An edge known by its place (pdfplumber compares edges by their boxes)."""
    return edge._replace(orientation="")


def _cells(corners: dict[Point, tuple[set[Edge], set[Edge]]]) -> list[Box]:
    """Each corner's smallest cell: the nearest corners below and right joined to it by
    edges, and the corner across joined to both."""

    def joined(first: Point, second: Point, axis: int) -> bool:
        return bool(corners[first][axis] & corners[second][axis])

    points = sorted(corners)
    below: dict[float, list[Point]] = defaultdict(list)  # by x, top to bottom
    right: dict[float, list[Point]] = defaultdict(list)  # by top, left to right
    for point in points:
        below[point[0]].append(point)
        right[point[1]].append(point)
    cells: list[Box] = []
    for point in points[:-1]:
        limits.check()
        column, row = below[point[0]], right[point[1]]
        cell = _smallest_cell(
            point,
            column[column.index(point) + 1 :],
            row[row.index(point) + 1 :],
            corners,
            joined,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    corners: dict[Point, tuple[set[Edge], set[Edge]]],
    joined: Callable[[Point, Point, int], bool],
) -> Box | None:
    for under in below:
        if not joined(point, under, 0):
            continue
        for beside in right:
            if not joined(point, beside, 1):
                continue
            across = (beside[0], under[1])
            if across in corners and joined(across, beside, 0) and joined(across, under, 1):
                return (point[0], point[1], across[0], across[1])
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells that touch at a corner, grouped (pdfplumber's ``cells_to_tables``, which then
    keeps only the groups of two cells or more), top to bottom."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        limits.check()
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            cell_corners = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(corner in corners for corner in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    return sorted(tables, key=lambda table: min((cell[1], cell[0]) for cell in table))


def _table(cells: list[Box], chars: list[Char]) -> PdfTable:
    bbox = (
        min(cell[0] for cell in cells),
        min(cell[1] for cell in cells),
        max(cell[2] for cell in cells),
        max(cell[3] for cell in cells),
    )
    middles = sorted(
        ((char.top + char.bottom) / 2, (char.x0 + char.x1) / 2, char) for char in chars
    )
    heights = [middle[0] for middle in middles]
    columns = sorted({cell[0] for cell in cells})
    rows: list[list[str | None]] = []
    for _, row_cells in itertools.groupby(
        sorted(cells, key=lambda cell: (cell[1], cell[0])), key=lambda cell: cell[1]
    ):
        by_x0 = {cell[0]: cell for cell in row_cells}
        row = [by_x0.get(x0) for x0 in columns]
        present = [cell for cell in row if cell is not None]
        x0, x1 = min(cell[0] for cell in present), max(cell[2] for cell in present)
        top, bottom = min(cell[1] for cell in present), max(cell[3] for cell in present)
        band = middles[bisect_left(heights, top) : bisect_left(heights, bottom)]
        inside = [middle for middle in band if x0 <= middle[1] < x1]
        rows.append([None if cell is None else _cell_text(cell, inside) for cell in row])
    return PdfTable(bbox, rows, _merged_above(cells, columns))


def _merged_above(cells: list[Box], columns: list[float]) -> set[tuple[int, int]]:
    """(row, column) of the grid places that a cell starting in a row above reaches down over.

    Each cell spanning rows marks the places it covers below its first row: as many
    marks as covered places, found by bisection, whatever the number of cells.
    """
    tops = sorted({cell[1] for cell in cells})
    covered: set[tuple[int, int]] = set()
    for x0, top, x1, bottom in cells:
        below = range(bisect_right(tops, top), bisect_left(tops, bottom))
        if below:
            across = range(bisect_left(columns, x0), bisect_left(columns, x1))
            covered.update((row, column) for row in below for column in across)
    return covered


def _cell_text(cell: Box, row: list[tuple[float, float, Char]]) -> str:
    """The text of the characters whose middle lies in the cell (pdfplumber's test: the
    left and top edges in, the right and bottom out)."""
    x0, top, x1, bottom = cell
    inside = [char for y, x, char in row if x0 <= x < x1 and top <= y < bottom]
    return "\n".join(line["text"] for line in page_lines(inside))
