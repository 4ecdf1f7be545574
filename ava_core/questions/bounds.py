"""A complexity bound as written or said, normalised so that equal bounds compare equal.

    bound("O(R·C)") == bound("O(c * r)") == bound("big O of r times c")
    bound("O(n + n log n)") == bound("O(n log n)")      # a dominated term drops
    bound("O of n squared") == bound("O(n^2)")           # speech
    bound("O(2n)") == bound("O(n)")                      # constant factors drop

A bound is a sum of terms; a term is a product of factors, each a variable (``n``, ``rows``), a
``log``, a ``sqrt``, a factorial or an exponential, with a power. Variables keep their names
(lower-cased): which names mean the same thing for a question is the question's business (its
facts list the equivalent forms). ``None`` means the text is not a bound this reader knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

Factor = tuple[str, Fraction]  # ("n", 2) is n squared; ("log(n)", 1); ("2^(n)", 1); ("(n)!", 1)
Term = tuple[Factor, ...]  # sorted by factor


@dataclass(frozen=True)
class Bound:
    terms: frozenset[Term]

    def __str__(self) -> str:
        def factor(f: Factor) -> str:
            base, power = f
            return base if power == 1 else f"{base}^{power}" if power.denominator == 1 else f"{base}^({power})"

        def term(t: Term) -> str:
            return " · ".join(factor(f) for f in t) or "1"

        return "O(" + " + ".join(sorted(term(t) for t in self.terms)) + ")"

    @property
    def variables(self) -> frozenset[str]:
        return frozenset(re.findall(r"[a-z_][a-z_0-9]*", " ".join(b for t in self.terms for b, _ in t))) - {
            "log", "sqrt", "min"
        }

    def in_n(self) -> Bound:
        """The bound with every variable called n: O(c · r) -> O(n^2), O(E log V) -> O(n log n)."""
        named = re.sub(r"\b(?!log\b|sqrt\b|min\b)[a-z_][a-z_0-9]*\b(?!\()", "n", str(self)[2:-1].replace("·", "*"))
        return bound(named) or self

    def growth(self) -> tuple[bool, Fraction, int]:
        """How the fastest term grows with every size as n: (exponential, power of n, logs).
        O(n · k log k) -> (False, 2, 1); O(2^L · n) -> (True, 1, 0)."""
        def of(term: Term) -> tuple[bool, Fraction, int]:
            exponential = any("^(" in b or b.endswith("!") for b, _ in term)
            logs = sum(1 for b, _ in term if b.startswith("log("))
            power = sum((p for b, p in term if not b.startswith("log(") and "^(" not in b and not b.endswith("!")),
                        Fraction(0))
            return exponential, power, logs

        return max(of(t) for t in self.in_n().terms)


CLASS_WORDS = {  # a bound said as a word: 'linear time'
    "constant": "1", "linear": "n", "quadratic": "n^2", "cubic": "n^3", "logarithmic": "log n",
    "linearithmic": "n log n", "log-linear": "n log n", "exponential": "2^n",
}
_NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "ten": "10"}
_SPOKEN = (
    (r"\bsquared\b", "^2"), (r"\bcubed\b", "^3"), ("²", "^2"), ("³", "^3"),
    (r"\bto the (?:power )?(?:of )?", "^"), (r"\braised to(?: the)?\b", "^"), (r"\bpower\b", "^"),
    (r"\btimes\b|\bmultiplied by\b|[·×⋅*]", " * "), (r"\bplus\b|\band\b", " + "),
    (r"\bover\b|\bdivided by\b", " / "), (r"\bsquare root of\b|\broot\b|√", " sqrt "),
    (r"\blog(?:arithm)?\s*(?:base\s*2|_?2|2)\b", "log"), (r"\bln\b|\blg\b", "log"),
    (r"\bfactorial\b", "!"), (r"\bof\b", " "), (r"\bthe\b", " "),
)
_COUNTED = (  # "the number of nodes in the tree": the size it counts
    re.compile(r"\b(?:the\s+)?(?:number|length|size|count|amount)\s+of\s+(?:the\s+)?", re.IGNORECASE),
    re.compile(r"\s+(?:in|on|across)\s+(?:the|a|each|all|both)\s+(?:\w+\s+)?(?:trees?|lists?|strings?|grids?|arrays?"
               r"|graphs?|inputs?|boards?|words?|texts?)\b", re.IGNORECASE),
)


_DIGITS_OF = re.compile(r"\b(?:(?:the\s+)?number\s+of\s+(?:the\s+)?)?(?:decimal\s+|binary\s+)?(?:digits|bits)\s+(?:of|in)\s+"
                        r"(?:the\s+)?([a-z]\w*)", re.IGNORECASE)


def digits_as_log(text: str) -> str:
    """ "the number of digits of n" -> "log n": a number has as many digits as its logarithm."""
    return _DIGITS_OF.sub(r"log \1", text)


def sizes_named(text: str) -> str:
    """A bound's sizes as their names: "the number of nodes in the tree" -> "nodes"; "the
    number of digits of n" -> "log n"."""
    text = digits_as_log(text)
    for pattern in _COUNTED:
        text = pattern.sub(" ", text)
    return text


_WRAPPER = re.compile(
    r"^\s*(?:big\s*)?(?:o|oh|order|theta|θ)\s*(?:\((?P<paren>.*)\)|\s+(?:of\s+)?(?P<spoken>.*))\s*$"
)


def bound(text: str) -> Bound | None:
    """The normalised bound of ``text`` ("O(n log n)", "big O of V plus E", "n^2"), or None."""
    t = sizes_named(text).strip().lower().replace("**", "^")
    m = _WRAPPER.fullmatch(t)
    if m:
        t = m.group("paren") if m.group("paren") is not None else m.group("spoken")
    t = CLASS_WORDS.get(re.sub(r"\s+(?:time|space)$", "", t), t)
    for word, digit in _NUMBER_WORDS.items():
        t = re.sub(rf"\b{word}\b", digit, t)
    for pattern, replacement in _SPOKEN:
        t = re.sub(pattern, replacement, t)
    tokens = re.findall(r"[a-z_][a-z_0-9]*|\d+(?:\.\d+)?|[-+*/^()!,]", t)
    if not tokens or len(tokens) > 60 or re.sub(r"\s", "", t) != "".join(tokens):
        return None
    try:
        parser = _Parser(tokens)
        terms = parser.sum()
        if parser.i != len(tokens):
            return None
    except (_NotABound, ZeroDivisionError):
        return None
    return Bound(_simplify(terms))


class _NotABound(Exception):
    pass


_Poly = dict[Term, Fraction]  # term -> its constant coefficient (dropped at the end)


class _Parser:
    """Recursive descent over: sum = product (+ product)*; product = power ((*|/|juxtaposed) power)*;
    power = atom (^ atom)?; atom = number | name | log atom | sqrt atom | ( sum ) | atom !
    | min(sum, ...) | max(sum, ...)"""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise _NotABound
        self.i += 1
        return token

    def sum(self) -> _Poly:
        out = self.product()
        while self.peek() in ("+", "-"):
            self.take()
            out = _add(out, self.product())
        return out

    def product(self) -> _Poly:
        out = self.power()
        while True:
            token = self.peek()
            if token in ("*", "/"):
                self.take()
                right = self.power()
                out = _mul(out, right) if token == "*" else _mul(out, _reciprocal(right))
            elif token is not None and token not in ("+", "-", ")", "^", "!", ","):
                out = _mul(out, self.power())  # "n log n", "r c"
            else:
                return out

    def power(self) -> _Poly:
        base = self.atom()
        if self.peek() != "^":
            return base
        self.take()
        exponent = self.atom()
        number = _constant(exponent)
        if number is not None:
            return _pow(base, number)
        base_number = _constant(base)
        if base_number is None or base_number <= 1:
            raise _NotABound
        return {((f"{base_number}^({_name(exponent)})", Fraction(1)),): Fraction(1)}

    def atom(self) -> _Poly:
        token = self.take()
        if token == "(":
            inner = self.sum()
            self.take(")")
            out = inner
        elif token in ("min", "max") and self.peek() == "(":
            self.take("(")
            parts = [self.sum()]
            while self.peek() == ",":
                self.take()
                parts.append(self.sum())
            self.take(")")
            if token == "max":  # max(a, b) grows like a + b
                out = parts[0]
                for part in parts[1:]:
                    out = _add(out, part)
            else:
                out = {((f"min({', '.join(sorted(_name(q) for q in parts))})", Fraction(1)),): Fraction(1)}
        elif token in ("log", "sqrt"):
            argument = self.atom() if self.peek() != "(" else self.atom()
            if token == "sqrt":
                return _pow(argument, Fraction(1, 2))
            if _constant(argument) is not None:
                return {(): Fraction(1)}
            # log(n^2) = 2 log n and log(a*b) ~ log of the larger: keep the product's variables
            out = {((f"log({_name(_strip_powers(argument))})", Fraction(1)),): Fraction(1)}
        elif re.fullmatch(r"\d+(?:\.\d+)?", token):
            out = {(): Fraction(token)}
        elif re.fullmatch(r"[a-z_][a-z_0-9]*", token):
            out = {((token, Fraction(1)),): Fraction(1)}
        else:
            raise _NotABound
        while self.peek() == "!":
            self.take()
            out = {((f"({_name(out)})!", Fraction(1)),): Fraction(1)}
        return out


def _constant(p: _Poly) -> Fraction | None:
    return p.get(()) if set(p) == {()} else None


def _name(p: _Poly) -> str:
    return str(Bound(_simplify(p)))[2:-1]


def _strip_powers(p: _Poly) -> _Poly:
    return {tuple((b, Fraction(1)) for b, _ in term): c for term, c in p.items()}


def _add(a: _Poly, b: _Poly) -> _Poly:
    out = dict(a)
    for term, c in b.items():
        out[term] = out.get(term, Fraction(0)) + abs(c)  # a bound's terms never cancel
    return out


def _times(x: Term, y: Term) -> Term:
    powers: dict[str, Fraction] = {}
    for base, power in (*x, *y):
        powers[base] = powers.get(base, Fraction(0)) + power
    return tuple(sorted((b, p) for b, p in powers.items() if p != 0))


def _mul(a: _Poly, b: _Poly) -> _Poly:
    out: _Poly = {}
    for x, cx in a.items():
        for y, cy in b.items():
            term = _times(x, y)
            out[term] = out.get(term, Fraction(0)) + cx * cy
    return out


def _reciprocal(p: _Poly) -> _Poly:
    if len(p) != 1:
        raise _NotABound  # 1 / (a + b) is not a bound anyone says
    ((term, c),) = p.items()
    return {tuple((b, -power) for b, power in term): 1 / c}


def _pow(p: _Poly, power: Fraction) -> _Poly:
    if power.denominator == 1 and power >= 0:
        out: _Poly = {(): Fraction(1)}
        for _ in range(int(power)):
            out = _mul(out, p)
        return out
    if len(p) != 1:
        raise _NotABound
    ((term, c),) = p.items()
    return {tuple((b, e * power) for b, e in term): Fraction(1)}


def _dominated(t: Term, u: Term) -> bool:
    """Whether term t grows no faster than u because u has every factor of t, at least as high."""
    pu = dict(u)
    return t != u and all(pu.get(b, Fraction(0)) >= p for b, p in t if p > 0) and all(
        p >= 0 for _, p in t
    )


def _simplify(p: _Poly) -> frozenset[Term]:
    terms = [t for t in p]
    kept = [t for t in terms if not any(_dominated(t, u) for u in terms)]
    return frozenset(kept or [()])
