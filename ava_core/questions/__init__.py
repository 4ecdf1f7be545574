"""The question bank: one schema per kind, validated at load, each question with a content hash.

Coding questions live in ``ava_core/data/questions/coding/<topic>/<id>.yaml``, behavioral ones in
``ava_core/data/questions/behavioral/<competency>.yaml`` (a list per file) and the Match-step
pattern vocabulary in ``ava_core/data/questions/patterns.yaml``;
``ava_core/data/questions/README.md`` documents every field. Check the bank with
``python -m ava_core.questions check``; ``python -m ava_core.judge bank`` runs every reference
solution in the sandbox (``--complexity`` measures it too). This package imports nothing of the
judge: the judge reads questions.

    schema.py      the models, topics, competencies, complexity labels, signatures
    validation.py  what is wrong with a question, per field
    bank.py        loading the shipped bank (cached until a file changes)
    catalog.py     the bank with the user's own questions, through the store
    __main__.py    the command line (it alone uses the judge)
"""

from ava_core.questions.bank import QuestionBank, load_bank
from ava_core.questions.problems import InvalidQuestion, Problem, read_yaml
from ava_core.questions.schema import (
    COMPARE_MODES,
    COMPETENCIES,
    COMPLEXITY_CLASSES,
    DEFAULT_ROOT,
    DIFFICULTIES,
    MIN_EXAMPLES,
    MIN_TESTS,
    TOPICS,
    BehavioralQuestion,
    CodingQuestion,
    Complexity,
    Example,
    Generator,
    Param,
    Pattern,
    Question,
    Signature,
    TestCase,
    adapter_for,
    canonical_complexity,
    content_hash,
    load_patterns,
    parse_signature,
)
from ava_core.questions.validation import (
    behavioral_problems,
    coding_problems,
    validate_question,
)

__all__ = [
    "COMPARE_MODES", "COMPETENCIES", "COMPLEXITY_CLASSES", "DEFAULT_ROOT", "DIFFICULTIES",
    "MIN_EXAMPLES", "MIN_TESTS", "TOPICS", "BehavioralQuestion", "CodingQuestion", "Complexity",
    "Example", "Generator", "InvalidQuestion", "Param", "Pattern", "Problem", "Question",
    "QuestionBank", "Signature", "TestCase", "adapter_for", "behavioral_problems",
    "canonical_complexity", "coding_problems", "content_hash", "load_bank", "load_patterns",
    "parse_signature", "read_yaml", "validate_question",
]
