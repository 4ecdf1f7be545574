"""The labelled answer pairs (``ava_core/data/eval/pairs/``) hold what issue 17 asks of them:
enough pairs, every step and failure kind, weaker answers often longer, every question in the
bank and in exactly one half of the split."""

from __future__ import annotations

import collections
from pathlib import Path

import yaml

from ava_core.questions import load_bank

PAIRS = Path(__file__).resolve().parent.parent / "ava_core" / "data" / "eval" / "pairs"
STEPS = {"understand", "match", "plan", "implement", "review", "evaluate"}
CODING_FAILURES = {"plain", "salad", "wrong_algorithm", "buzzwords", "other_problem", "ramble",
                   "wrong_complexity", "missed_edge"}
BEHAVIORAL_FAILURES = {"plain", "template", "ramble", "hypothetical", "someone_else",
                       "other_problem", "buzzwords"}
STRONG_KINDS = {"no_keywords", "speech", "non_native"}


def pairs(kind: str) -> list[dict]:
    found = []
    for path in sorted(PAIRS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if path.name != "split.yaml" and data["kind"] == kind:
            found += data["pairs"]
    return found


def test_every_pair_is_well_formed_and_ordered():
    bank = {q.id for q in load_bank().coding}
    competencies = {p.stem for p in (PAIRS.parent.parent / "questions" / "behavioral").glob("*.yaml")}
    ids = collections.Counter()
    for kind in ("coding", "behavioral"):
        for p in pairs(kind):
            ids[p["id"]] += 1
            assert p["stronger"]["label"] > p["weaker"]["label"], p["id"]
            assert all(1 <= p[side]["label"] <= 5 and p[side]["answer"].strip()
                       for side in ("stronger", "weaker")), p["id"]
            assert p["why"].strip(), p["id"]
            kinds = p.get("strong_kind") or []
            assert set([kinds] if isinstance(kinds, str) else kinds) <= STRONG_KINDS, p["id"]
            if kind == "coding":
                assert p["question"] in bank and p["step"] in STEPS, p["id"]
                assert p["failure"] in CODING_FAILURES, p["id"]
            else:
                assert p["step"] == "behavioral" and p["competency"] in competencies, p["id"]
                assert p["failure"] in BEHAVIORAL_FAILURES and p["resume"].strip(), p["id"]
    assert [i for i, n in ids.items() if n > 1] == []


def test_the_set_is_as_large_and_varied_as_the_issue_asks():
    coding, behavioral = pairs("coding"), pairs("behavioral")
    assert len(coding) >= 150 and len({p["question"] for p in coding}) >= 40
    assert len(behavioral) >= 40
    assert collections.Counter(p["step"] for p in coding).keys() == STEPS
    assert {p["failure"] for p in coding} == CODING_FAILURES
    assert {p["failure"] for p in behavioral} == BEHAVIORAL_FAILURES
    both = coding + behavioral
    longer = sum(len(p["weaker"]["answer"].split()) > len(p["stronger"]["answer"].split()) for p in both)
    assert longer >= len(both) / 3


def test_every_question_is_in_exactly_one_half():
    split = yaml.safe_load((PAIRS / "split.yaml").read_text())
    for kind in ("coding", "behavioral"):
        development, test = set(split["development"][kind]), set(split["test"][kind])
        assert not development & test
        assert {p["question"] for p in pairs(kind)} <= development | test
        # a real test half: a third of the questions at least (development grows as writers add pairs)
        assert len(test) >= len(development | test) / 3
