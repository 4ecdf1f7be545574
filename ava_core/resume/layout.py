"""Reading order: a page's text units become lines, top to bottom, with columns read one after
the other (a centered band at the top first); bullets are recognised, and the lines a bullet or
a paragraph wrapped onto are joined back."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from ava_core.resume.contact import DATE, LABEL, find_links, find_phones, is_annotation
from ava_core.resume.headings import HEADING_KINDS, heading_key
from ava_core.resume.line import Line
from ava_core.resume.pdf import Page, Unit

MIN_GUTTER = 10.0  # points of empty width between two columns


def page_lines(page: Page, number: int) -> list[Line]:
    """The page's rows in reading order. Bands of text centered on the page at its top (a name,
    a title) belong to no column, so they are read first, on their own."""
    if not page.units:
        return []
    rows: list[tuple[list[Unit], float, float]] = []
    middle, tolerance = page.width / 2, 0.03 * page.width
    bounds = _extent(page.units)
    bands = _bands(page.units)
    top = 0
    for band in bands:
        if any(abs((u.x0 + u.x1) / 2 - middle) > tolerance for u in band):
            break
        _order(band, rows, bounds)
        top += 1
    rest = [u for band in bands[top:] for u in band]
    if rest:
        _order(rest, rows, bounds)
    return [_line(units, left, right, number) for units, left, right in rows]


def _extent(units: list[Unit]) -> tuple[float, float]:
    return min(u.x0 for u in units), max(u.x1 for u in units)


def _order(units: list[Unit], out: list, bounds: tuple[float, float]) -> None:
    """Append the rows of ``units`` in reading order, each with the left and right edges of its
    column (``bounds`` unless columns are found here): columns whole, one after the other."""
    bands = _bands(units)
    if len(bands) == 1:
        cut = _column_cut(units, 1)
        if cut:
            _order_columns(cut, out, bounds)
        else:
            out.extend((row, *bounds) for row in _rows(units))
        return
    i = 0
    while i < len(bands):
        # Consecutive bands that leave the same vertical strip empty may be columns side by side.
        cover = _cover(bands[i])
        j = i + 1
        while j < len(bands):
            grown = _cover(bands[j], cover)
            if not _gaps(grown) or _after_hole(bands[i:j + 1], _gaps(grown)):
                break
            cover, j = grown, j + 1
        cut = _column_cut([u for band in bands[i:j] for u in band], 2) if j - i > 1 else None
        if cut:
            _order_columns(cut, out, bounds)
        else:
            for band in bands[i:j]:
                _order(band, out, bounds)
        i = j


def _order_columns(cut: tuple, out: list, bounds: tuple[float, float]) -> None:
    """The left column, then the right; each spans from its outer edge to the gutter."""
    left, right, g0, g1 = cut
    _order(left, out, (bounds[0], g0))
    _order(right, out, (g1, bounds[1]))


def _after_hole(bands: list[list[Unit]], gaps: list[tuple[float, float]]) -> bool:
    """Whether the last band resumes one side after two or more bands of the other side only,
    as a heading under a header of name (left) and contact lines (right) does: not a column."""
    cut = max(gaps, key=lambda g: g[1] - g[0])[0]

    def side(band: list[Unit]) -> str:
        if max(u.x1 for u in band) <= cut:
            return "left"
        return "right" if min(u.x0 for u in band) > cut else "both"

    if len(bands) < 4:
        return False
    last, before = side(bands[-1]), side(bands[-2])
    if last == "both" or before in ("both", last) or side(bands[-3]) != before:
        return False
    return any(side(band) in (last, "both") for band in bands[:-3])


def _cover(units: list[Unit], cover: list[tuple[float, float]] | None = None):
    """The x-intervals covered by ``units`` (added to ``cover``), merged and sorted."""
    intervals = sorted((cover or []) + [(u.x0, u.x1) for u in units])
    merged: list[tuple[float, float]] = []
    for a, b in intervals:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _gaps(cover: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in pairwise(cover) if b[0] - a[1] >= MIN_GUTTER]


def _column_cut(units: list[Unit], need: int) -> tuple | None:
    """Split at the widest empty vertical strip with at least ``need`` pieces of real text (not
    dates, places, labels or section headings) on each side: (left, right, gap start, gap end)."""
    for g0, g1 in sorted(_gaps(_cover(units)), key=lambda g: g[0] - g[1]):
        left = [u for u in units if u.x1 <= g0]
        right = [u for u in units if u.x1 > g0]
        if all(sum(_is_content(u.text) for u in side) >= need for side in (left, right)):
            return left, right, g0, g1
    return None


@lru_cache(maxsize=4096)
def _is_content(text: str) -> bool:
    return not is_annotation(text) and heading_key(text) not in HEADING_KINDS


def _bands(units: list[Unit]) -> list[list[Unit]]:
    """Horizontal bands separated by empty vertical space, top to bottom."""
    bands: list[list[Unit]] = []
    bottom = -1e9
    for u in sorted(units, key=lambda u: u.y0):
        if bands and u.y0 < bottom - 0.5:
            bands[-1].append(u)
            bottom = max(bottom, u.y1)
        else:
            bands.append([u])
            bottom = u.y1
    return bands


def _rows(units: list[Unit]) -> list[list[Unit]]:
    rows: list[list[Unit]] = []
    top = bottom = 0.0
    for u in sorted(units, key=lambda u: (u.y0 + u.y1) / 2):
        middle = (u.y0 + u.y1) / 2
        if rows and top <= middle <= bottom:
            rows[-1].append(u)
        else:
            rows.append([u])
            top, bottom = u.y0, u.y1
    return [sorted(row, key=lambda u: u.x0) for row in rows]


BULLETS = "•●○◦▪▫■□‣⁃∙►▸▹▶➢➤➣→✓✔❖◆◇♦-–—*·"
_PUNCTUATION_BULLETS = "-–—*·"


def _line(units: list[Unit], left: float, right: float, page: int) -> Line:
    parts = [u.text for u in units]
    if len(parts) > 1 and len(parts[0]) == 1 and parts[0] in BULLETS:
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    chars = sum(len(u.text) for u in units)
    bold = sum(len(u.text) for u in units if u.bold) >= 0.6 * chars
    main = max(units, key=lambda u: len(u.text))
    line = Line(parts, main.size, bold, units[0].x0, units[-1].x1, min(u.y0 for u in units),
                 max(u.y1 for u in units), page, left, right)
    first = parts[0]
    if first[0] in BULLETS and (len(first) == 1 or first[1] == " " or first[0] not in _PUNCTUATION_BULLETS):
        rest = first[1:].strip()
        if rest or len(parts) > 1:
            line.bullet = True
            line.parts = [rest] + parts[1:] if rest else parts[1:]
    return line


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Join the lines a bullet or a paragraph wrapped onto, back into one line."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev and _continues(prev, line):
            joint = "" if prev.parts[-1].endswith("-") and prev.parts[-1][-2:-1].isalpha() else " "
            prev.parts[-1] = prev.parts[-1] + joint + line.parts[0]
            prev.x1, prev.y1 = line.x1, line.y1  # the last line's end decides whether it wrapped
            continue
        out.append(line)
    return out


def _continues(prev: Line, line: Line) -> bool:
    if line.bullet or line.page != prev.page or len(line.parts) != 1 or len(prev.parts) != 1:
        return False
    if line.x0 < prev.left - 1 or line.x1 > prev.right + 1:  # not in the same column
        return False
    if abs(line.size - prev.size) > 0.5 or line.bold != prev.bold:
        return False
    after = line.parts[0]
    before = prev.parts[0][-200:]  # what came earlier was checked when it was joined
    if not -0.5 * line.size <= line.y0 - prev.y1 < 0.6 * line.size or DATE.search(after):
        return False
    if heading_key(after) in HEADING_KINDS or heading_key(before) in HEADING_KINDS:
        return False
    if LABEL.match(after):
        return False
    # The first word of the line would not have fitted at the end of the line before, and the
    # sentence goes on (no capital, or the line before ends on "and", "of", a comma...).
    word = len(after.split(" ", 1)[0]) + 1
    wrapped = prev.x1 + 0.5 * line.size * word >= prev.right - 0.1 * (prev.right - prev.left)
    goes_on = not after[0].isupper() or bool(_CONNECTIVE.search(before[-12:]))
    if prev.bullet:  # indented under the bullet's text, or a sentence that wrapped
        return line.x0 > prev.x0 + 2 or (line.x0 >= prev.x0 - 1 and wrapped and goes_on)
    # A paragraph, not contact lines or an entry's title and dates; a sentence that goes on, or
    # a short name that wrapped, not a list of lines that each start afresh.
    if not wrapped or abs(line.x0 - prev.x0) >= 2 or DATE.search(before):
        return False
    if any(re.search(r"[|@]", t) or find_phones(t) or find_links(t, strict=False) for t in (before, after)):
        return False
    short_name = len(f"{before} {after}".split()) <= 10 and not re.search(r"[,;|•·]", before + after)
    return goes_on or short_name


_CONNECTIVE = re.compile(r"(?:[,;:&/•·–—-]|\b(?:and|or|of|in|on|at|to|for|with|by|from|the|a|an|as|via|into))$",
                         re.I)
