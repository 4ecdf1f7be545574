"""A line of a resume: one row of text in reading order, with its style and place, as layout
makes it and headings, entries and build read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Line:
    """One row of text in reading order; ``parts`` are the pieces separated by wide gaps."""

    parts: list[str]
    size: float
    bold: bool
    x0: float
    x1: float
    y0: float
    y1: float
    page: int
    left: float  # the column this row is in
    right: float
    bullet: bool = False

    @property
    def text(self) -> str:
        return " | ".join(self.parts)
