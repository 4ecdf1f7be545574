"""What a coding question needs from a candidate, step by step: its facts.

The offline coach judges an answer by which of these facts it covers and which it contradicts,
and the two-way interviewer answers clarifying questions from them. Each fact says what it means
in a sentence (what feedback quotes) and carries ``cues``: the ways a candidate might say it.
A fact is covered when one sentence of the answer holds, for every group of ``cues``, one of the
group's phrases (words are compared by their stems, so "sorted" meets "sort"):

    cues: [[empty, no elements, nothing in it], [return 0, zero, "0"]]

``ava_core/data/questions/README.md`` says how to write them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ava_core.questions.bounds import bound

def _number_as_text(value: object) -> object:
    """YAML reads a bare 0, 10 or true as a number or a boolean; in cues it is a word like any other."""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if isinstance(value, int | float) else value


Phrase = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1, max_length=80)]
CueGroup = Annotated[list[Phrase], Field(min_length=1, max_length=30)]
Sentence = Annotated[str, Field(min_length=3, max_length=400)]


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cues: Annotated[list[CueGroup], Field(min_length=1, max_length=4)]


class Clarification(_Fact):
    """A question a good candidate asks in Understand, and the interviewer's answer."""

    ask: Sentence
    answer: Sentence
    matters: bool = True  # missing it is worth feedback (False: a nice-to-have)


class EdgeCase(_Fact):
    """An input that breaks careless solutions, and what the right answer does with it."""

    case: Sentence
    expect: Sentence


def _check_bound(value: str) -> str:
    if bound(value) is None:
        raise ValueError(f"{value!r} is not a bound Ava can read; write it like O(n log n), O(V + E), O(R * C)")
    return value


# Written with the question's variables: O(n log n), O(V + E), O(R * C).
Bound = Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_check_bound)]


class _Costed(_Fact):
    name: Annotated[str, Field(min_length=3, max_length=80)]
    idea: Sentence  # the key idea in one sentence
    time: Bound
    space: Bound
    time_forms: list[Bound] = []  # other ways to write the same time: O(cells), O(m * n)
    space_forms: list[Bound] = []
    patterns: list[str] = []  # names from patterns.yaml this approach is


class Approach(_Costed):
    """An accepted solution."""


class WrongApproach(_Costed):
    """A tempting approach that is wrong, or right but slower than what is expected."""

    verdict: Literal["wrong", "slower"]
    why: Sentence


class PlanStep(_Fact):
    step: Sentence


class Bug(_Fact):
    """A mistake candidates often make in the code, and its fix."""

    bug: Sentence
    fix: Sentence


class QuestionFacts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    names: list[Annotated[str, Field(min_length=2, max_length=80)]] = []  # known elsewhere as: "house robber ii"
    variables: Annotated[dict[str, Sentence], Field(min_length=1)]  # n: the list's length
    clarifications: Annotated[list[Clarification], Field(min_length=2)]
    edge_cases: Annotated[list[EdgeCase], Field(min_length=2)]
    approaches: Annotated[list[Approach], Field(min_length=1)]  # the expected one first
    wrong_approaches: Annotated[list[WrongApproach], Field(min_length=1)]
    plan: Annotated[list[PlanStep], Field(min_length=3)]  # in order
    bugs: Annotated[list[Bug], Field(min_length=2)]

    @model_validator(mode="after")
    def _variables_defined(self) -> QuestionFacts:
        known = {name.lower() for name in self.variables}
        for approach in (*self.approaches, *self.wrong_approaches):
            for text in (approach.time, approach.space, *approach.time_forms, *approach.space_forms):
                parsed = bound(text)
                unknown = sorted(parsed.variables - known) if parsed else []
                if unknown:
                    raise ValueError(
                        f"{approach.name}: {text} uses {', '.join(unknown)}, which `variables` does not define"
                    )
        return self
