"""What a story is about: which competencies it reads as.

A story about a disagreement talks of positions and who gave way; one about a mistake, of what
broke and what the speaker changed after. The competency lexicons catch a few such words; this
reader weighs all of a story's words, and each two words in a row ("I disagreed", "she asked"),
against seventy short stories written for each competency (``ava_core/data/stories/``, apart from the
labelled evaluation pairs): each competency is the centre of its stories' tf-idf vectors, and a story
reads as the competencies whose centres are nearest. A good story of another kind (an incident told
for a question about unclear requirements) reads as that other kind.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ava_core.interviewer.text import Text

STORIES = Path(__file__).resolve().parent.parent.parent / "data" / "stories"
MIN_STORIES = 2  # a term in fewer training stories is a name or a place, not a theme


@dataclass(frozen=True)
class ThemeReader:
    idf: dict[str, float]
    centres: dict[str, dict[str, float]]  # competency: its stories' mean unit vector, itself of unit length

    @classmethod
    def train(cls, stories: dict[str, list[str]]) -> ThemeReader:
        words = {c: [words_and_pairs(s) for s in texts] for c, texts in stories.items()}
        seen = Counter(w for bags in words.values() for bag in bags for w in bag)
        total = sum(len(bags) for bags in words.values())
        idf = {w: math.log(total / n) for w, n in seen.items() if n >= MIN_STORIES}
        centres = {}
        for c, bags in words.items():
            centre: dict[str, float] = {}
            for bag in bags:
                for w, weight in _unit(bag, idf).items():
                    centre[w] = centre.get(w, 0.0) + weight
            centres[c] = _normed(centre)
        return cls(idf, centres)

    def nearness(self, text: str) -> dict[str, float]:
        """How near ``text`` is to each competency's centre: 0 when it shares no word, 1 when it is the centre."""
        vector = _unit(words_and_pairs(text), self.idf)
        return {c: sum(weight * centre.get(w, 0.0) for w, weight in vector.items())
                for c, centre in self.centres.items()}

    def read(self, text: str) -> list[str]:
        """The competencies, the one ``text`` reads most like first."""
        nearness = self.nearness(text)
        return sorted(nearness, key=lambda c: -nearness[c])

    def rank(self, text: str, competencies: Iterable[str]) -> int:
        """Where the nearest of ``competencies`` comes in ``text``'s reading: 1 when first."""
        return place(self.read(text), competencies)


def words_and_pairs(text: str) -> Counter[str]:
    """Each word and each two words in a row, counted: "I disagreed" says more than "disagreed"."""
    words = Text(text).words
    return Counter(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


def place(reading: list[str], competencies: Iterable[str]) -> int:
    """Where the nearest of ``competencies`` comes in a reading: 1 when first."""
    return min((reading.index(c) + 1 for c in competencies if c in reading), default=len(reading))


def _unit(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    return _normed({w: (1 + math.log(n)) * idf[w] for w, n in bag.items() if w in idf})


def _normed(vector: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {w: x / length for w, x in vector.items()}


def load_corpus(folder: Path = STORIES, key: str = "stories") -> dict[str, list[str]]:
    """The texts of each competency's file in ``folder``, listed under ``key``."""
    import yaml

    texts = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts[data["competency"]] = [" ".join(s.split()) for s in data[key]]
    return texts


@cache
def reader() -> ThemeReader:
    return ThemeReader.train(load_corpus())
