"""The time and space complexity an answer claims, read from what was said ("O of n log n",
"linear time", "n squared overall", ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ava_core.interviewer.text import Text, alt, is_run_on
from ava_core.questions import COMPLEXITY_CLASSES, canonical_complexity
from ava_core.questions.bounds import Bound, bound, digits_as_log
from ava_core.speech.delivery import HESITATION

_EXPRESSIONS: tuple[tuple[str, str], ...] = (
    (r"n\s*(?:\*|·|x|times)?\s*log\s*(?:2|base 2)?\s*(?:\(\s*n\s*\)|of\s+n|n)|linearithmic|log[- ]linear", "O(n log n)"),
    (r"n\s*(?:\*|·|x|times)?\s*2\s*(?:\^|\*\*)\s*n|n\s+times\s+two\s+to\s+the\s+n", "O(2^n)"),
    (r"log\s*(?:2|base 2)?\s*(?:\(\s*n\s*\)|of\s+n|n)|logarithmic(?:ally)?", "O(log n)"),
    (r"n\s*(?:\^|\*\*)\s*2|n[\s-]*squared|n²|quadratic(?:ally)?|n\s+times\s+n|n\s+to\s+the\s+(?:power\s+of\s+)?(?:two|2|second)",
     "O(n^2)"),
    (r"n\s*(?:\^|\*\*)\s*3|n[\s-]*cubed|n³|cubic|n\s+to\s+the\s+(?:power\s+of\s+)?(?:three|3|third)", "O(n^3)"),
    (r"2\s*(?:\^|\*\*)\s*n|(?:two|2)\s+to\s+the\s+(?:power\s+of\s+)?n|exponential(?:ly)?", "O(2^n)"),
    (r"linear(?:ly)?|(?:in\s+)?proportion(?:al)?\s+to(?!\s+(?:the\s+)?number\s+of\s+(?:decimal\s+|binary\s+)?(?:digits|bits)\b)",
     "O(n)"),  # not "proportional to the number of digits"
    (r"constant(?!\s+(?:times|factor|multiple))", "O(1)"),  # not "a small constant times the number of days"
)
# A bound described without its name ("a few integers", "one step per day", "the number of readings
# times that halving count"), read as what it says: a class word, or the sizes it names.
_HOW_MANY = r"(?:the\s+)?(?:total\s+)?(?:number|length|size|count)\s+of\s+"  # "the (total) number of", before the size it names
_COUNT_OF = _HOW_MANY + r"(?:the\s+|all\s+the\s+)?(?P<{0}>[a-z]+)"
_DESCRIBED: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern, re.IGNORECASE), expr) for pattern, expr in (
    (r"\bnothing that grows|\b(?:stays|is) fixed|\ba (?:few|handful of) (?:integers|numbers|variables|pointers|counters|values)"
     r"|\b(?:stays|is) the same whatever|\bwhatever the input size|\bdoes(?:n't| not) grow"
     r"|\b(?:whatever|regardless of) the (?:length|size|number)s?\b|\bhowever (?:long|large|big|many)\b", "constant"),
    (r"\bthe\s+same\s+(?:\w+\s+)?(?:numbers|values|variables|integers|pointers)\s+whether\b"
     r"|\bnothing\s+(?:is\s+)?(?:stored|kept|grows)\s+(?:per|for\s+each)\b", "constant"),
    # "a row twice as long takes twice as long", "double the phrase, double the work"
    (r"\b(?:twice|double)\s+as\s+(?:long|big|large|many)\b[^.;]{0,40}?\b(?:twice|doubles?|doubled)\b", "linear"),
    (r"\b(?:twice|double)\s+the\s+(?P<a>[a-z]+)\b[^.;]{0,50}?\b(?:twice|doubles?|doubled)\b", "{a}"),  # "double the area"
    (r"\b(?:count|number|size)\s+times\s+(?:the\s+number\s+of\s+times|how\s+many\s+times)\s+(?:you|we|I)\s+can\s+halve\b",
     "n log n"),
    (r"\bone\s+(?:length|size)\s+(?:multiplied\s+by|times)\s+the\s+other\b", "n * m"),
    (r"\b(?P<a>rows|columns|cols)\s+(?:times|by|x|×)\s+(?P<b>rows|columns|cols)\b", "{a} * {b}"),
    (r"\bgrows?\s+(?:only\s+|just\s+)?with\s+the\s+(?P<a>width|height)\s+of\b", "{a}"),
    # "the memory grows only with the shorter string": one of two sizes, the smaller
    (r"\bgrows?\s+(?:only\s+|just\s+)?with\s+the\s+(?:shorter|smaller)\s+(?:string|list|array|input|one|word)\b",
     "min(m, n)"),
    (r"\b(?:a|the|one)\s+(?:sorted\s+|fresh\s+|new\s+)?copy\s+of\s+the\s+(?P<a>[a-z]+)"
     r"|\b(?:a|the)\s+(?:fresh|new)\s+(?:list|array|string)\s+(?:about\s+)?as\s+long\s+as\s+the\s+(?P<b>[a-z]+)", "linear"),
    (r"\bgrow(?:s|ing)?\s+by\s+one\s+(?:per|for\s+each|with\s+each)\s+(?P<a>[a-z]+)", "{a}"),
    (r"\bonce\s+(?:per|for\s+each|for\s+every)\s+(?:binary\s+|decimal\s+)?(?:digit|bit)\b"
     r"|\bproportional\s+to\s+the\s+number\s+of\s+(?:decimal\s+|binary\s+)?(?:digits|bits)\b"
     r"|\bdoubling\s+the\s+\w+\s+adds\s+(?:just\s+|only\s+)?one\b", "logarithmic"),
    (r"\bdoubles?\s+with\s+(?:each|every)\s+(?P<a>[a-z]+)", "exponential"),
    (r"\bas\s+many\s+(?:times|steps|iterations|rounds)\s+as\s+the\s+\w+\s+has\s+(?P<a>(?!binary|bits|digits)[a-z]+)",
     "{a}"),
    (r"\blog\s+base\s+(?:2|two)\s+of\b|\bas many (?:times|iterations|rounds|steps) as (?:the\s+)?\w+ has "
     r"(?:binary digits|bits|digits)", "logarithmic"),
    (_COUNT_OF.format("a") + r"\s+times\s+(?:the\s+)?log\w*\s+(?:of\s+)?" + _COUNT_OF.format("b"), "{a} log {b}"),
    (r"\b(?P<a>[a-z])\s+log\s+(?P<b>[a-z])\b", "{a} log {b}"),  # "so N log k, plus O of k to build the heap"
    (_COUNT_OF.format("a") + r"\s+plus\s+" + _COUNT_OF.format("b"), "{a} + {b}"),  # "the number of pairs plus ..."
    (_COUNT_OF.format("a") + r"\s+times\s+(?:that|the|a|its)\s+(?:halving|log\w*|bit)\w*", "{a} log {a}"),
    (r"\bsquare\s+of\s+" + _COUNT_OF.format("a"), "{a} * {a}"),
    (r"\bsquare\s+of\s+(?:the\s+)?(?P<a>(?!the\b|its\b)[a-z]+)\s+(?:length|size|count)\b", "{a} * {a}"),
    (r"\bsquare\s+of\s+(?:the|its)\s+(?:length|size|input)\b", "quadratic"),  # "grows with the square of the length"
    (r"\bsquare\s+of\s+(?P<a>[a-z])\b(?!')", "{a} * {a}"),  # "grows with the square of n"
    (_COUNT_OF.format("a") + r"\s+times\s+(?:the\s+)?(?:number|length|size|count)\s+(?:of\s+(?:the\s+)?)?(?P<b>[a-z]+)",
     "{a} * {b}"),
    (_COUNT_OF.format("a") + r"\s+times\s+(?P<b>[a-z])\b(?!')", "{a} * {b}"),  # "the total number of nodes times k"
    (r"\b(?:two|2)\s+(?:nested\s+)?loops\s+(?:inside|within|in)\s+(?:one\s+another|each\s+other)", "quadratic"),
    (r"\b(?:three|3)\s+(?:nested\s+)?loops\s+(?:inside|within|in)\s+(?:one\s+another|each\s+other)", "cubic"),
    (r"\b(?P<a>\d[\d,^]*)\s+(?:times|x|\*)\s+(?P=a)\s+(?:times|x|\*)\s+(?P=a)\b", "cubic"),  # 300 times 300 times 300
    (r"\b(?P<a>\d[\d,^]*)\s+(?:times|x|\*)\s+(?P=a)\b", "quadratic"),
    (r"\bone\s+(?:step|entry|value|check|cell)\s+(?:per|for\s+each|for\s+every)\s+pair\b", "quadratic"),
    (r"\bgrows?\s+(?:linearly\s+|directly\s+|in\s+step\s+|in\s+proportion\s+|in\s+a\s+straight\s+line\s+)?with\s+"
     + _COUNT_OF.format("a"), "{a}"),
    (r"\bgrows?\s+(?:linearly|in\s+step|in\s+proportion|in\s+a\s+straight\s+line)\s+with\s+the\s+"
     r"(?:length|size|input)s?\b", "linear"),
    (r"\bgrows?\s+(?:only\s+)?with\s+the\s+(?P<a>area|cells)\b", "{a}"),
    (r"\bone\s+(?:step|pass|visit|number|flag|entry|value|slot)\s+(?:per|for each|for every)\s+(?P<a>[a-z]+)", "{a}"),
    (r"\b(?:at\s+most\s+)?as\s+many\s+(?:times|steps|iterations|rounds|passes|turns|loops|calls)\s+as\s+(?:there\s+are\s+)?"
     r"(?P<a>(?!the\b)[a-z]+)",
     "{a}"),
    (r"\bone\s+(?:walk|pass|sweep|scan)\s+(?:over|through|along|across)\s+(?:the\s+|all\s+the\s+)?(?P<a>[a-z]+)", "{a}"),
    (r"\beach\s+(?P<a>[a-z]+)\s+is\s+(?:visited|looked\s+at|pushed|popped|touched|seen|processed|handled)"
     r"\s+(?:at\s+most\s+)?once\b", "{a}"),
    (r"\beach\s+(?P<a>[a-z]+)\s+(?:joins|enters|is\s+added\s+to|goes\s+(?:in|into|on))\b[^.;]{0,30}?\bonce\b", "{a}"),
    # "a small fixed amount of work per element": one size's worth of steps
    (r"\b(?:(?:fixed|constant|set)\s+amount\s+(?:of\s+work\s+)?|(?:a\s+few|one\s+or\s+two|a\s+couple\s+of|two|three)\s+steps\s+)"
     r"(?:per|for\s+each|for\s+every|on\s+each)\s+(?P<a>[a-z]+)", "{a}"),  # "a few steps per character"
    (r"\bbe\s+as\s+long\s+as\s+the\s+(?P<a>[a-z]+)", "{a}"),  # "the copy can be as long as the phrase"
    # non-native phrasing: "the time grow same like the length of the list", "going together with the number of"
    (r"\b(?:grows?|goes|going|is)\s+(?:together|(?:the\s+)?same)\s+(?:like|as|with)\s+" + _COUNT_OF.format("a"), "{a}"),
    (r"\b(?:the\s+)?same\s+size\s+(?:like|as)\s+the\s+(?P<a>[a-z]+)", "{a}"),  # "also same size like the input"
    (r"\bone\s+(?:mark\s+|bit\s+|flag\s+|counter\s+)?per\s+(?P<a>[a-z]+)", "{a}"),  # "the grid of marks, one per cell"
    (r"\b(?:one|a)\s+sorted\s+copy\b", "linear"),  # "memory: one sorted copy plus the output"
    # "the whole thing costs about what one sort of n meetings costs"
    (r"\b(?:what|as\s+much\s+as|the\s+same\s+as)\s+(?:one|a|the)\s+sort(?:ing)?\s+of\b", "n log n"),
    # "about (n - k) times k": a product of two sizes, one of them trimmed by a constant or another size
    (r"\(\s*(?P<a>[a-z])\s*[-+]\s*(?:\d+|[a-z])(?:\s*[-+]\s*\d+)?\s*\)\s*(?:times|\*|·|x|×)\s*(?P<b>[a-z])\b", "{a} * {b}"),
    # "the number of days times itself"
    (_COUNT_OF.format("a") + r"\s+(?:multiplied\s+by|times)\s+itself\b", "{a} * {a}"),
    (r"\b(?:can\s+)?holds?\s+(?:every|each|all(?:\s+the)?)\s+(?P<a>[a-z]+)", "{a}"),  # "a list that holds every day"
    (r"\b(?:(?:just|only)\s+(?:the\s+)?|(?<=memory is )|(?<=space is ))(?:two|three|a\s+couple\s+of)\s+(?:loop\s+)?"
     r"(?:indices|indexes|pointers|variables|numbers|counters|integers)\b"
     r"|\bone\s+running\s+(?:product|sum|total|count|maximum|minimum)\b"
     r"|\bat\s+most\s+\d+\s+(?:entries|keys|slots)\b"  # "two count tables, at most 52 entries each"
     r"|\b(?:only|just)\s+one\s+(?:more|extra)\s+(?:number|variable|integer|value|counter)\b"
     r"|\b(?:capped|bounded|limited)\s+by\s+the\s+alphabet\b", "constant"),  # "memory is capped by the alphabet"
))
_BARE = r"n|1|one|n\s*\+\s*m|v\s*\+\s*e|n\s*\+\s*k|n\s*k|n\s*\*\s*k"
_SIZE_OF = re.compile(r"\|\s*(\w+)\s*\||\blen\((\w+)\)")
_LG = re.compile(r"\blg\b")
_LOG_BASE = re.compile(r"\blog\s*(?:_\s*\{?\d+\}?|[₀-₉]+|\d+)(?=\s|\(|$)")  # log₁₀ n, log_2(n), log10 n: a base changes no class
_TIMES_X = re.compile(r"(?<=[\w)])\s+x\s+(?=[\w(])")  # "a x b": an x between two sizes is a times sign
_SUPERSCRIPTS = str.maketrans({"ⁿ": "^n", "ᵏ": "^k", "ᵐ": "^m"})
_VAR = r"(?!(?:log|time|space|the|it|its|their|this|that|an?|all|each|one|two|n)\b)[a-z]{1,6}\b"
# one size said after "O of": "k", "log n", "u squared", "26", "2^L"
_FACTOR = (rf"(?:log\s+(?:of\s+)?)?(?:(?:{_VAR}|n\b)(?:\s+(?:squared|cubed)\b)?|\d+\b)"
           r"(?:\s*(?:\^|\bto\s+the\s+(?:power\s+of\s+)?)\s*(?:\d+|[a-z])\b|!)?")  # "2^n", "2 to the n"
_ANY_EXPR = "|".join(f"(?:{p})" for p, _ in _EXPRESSIONS)
_MENTION = re.compile(
    rf"(?:\b(?:big\s*)?o|Θ|θ)\s*\((?P<paren>(?:[^()]|\((?:[^()]|\([^()]{{0,20}}\)){{0,30}}\)){{0,40}})\)"
    rf"|\b(?:big\s*)?(?:o|oh|(?<!\bin\s)(?<!\bby\s)order|theta)\s+of\s+(?P<product>{_FACTOR}(?:\s*(?:(?:times|plus|by|[*·+])\s*|(?=log\b))"
    rf"{_FACTOR})+)"  # "o of n times k", "o of n log k", "o of 26 times n", "o of n times k squared"
    rf"|\b(?:big\s*)?(?:o|oh|(?<!\bin\s)(?<!\bby\s)order|theta)\s+(?:of\s+)?(?P<spoken>(?:{_ANY_EXPR})|(?:{_BARE}))\b"
    rf"|\b(?:big\s*)?(?:o|oh|(?<!\bin\s)(?<!\bby\s)order|theta)\s+of\s+(?P<single>{_FACTOR})"
    rf"|(?P<word>\b(?:{_ANY_EXPR}))(?![a-z])"
    # said aloud without the O: "the space is n", "the sorted copy, which is n", "so that's n + m"
    r"|(?:(?<=\btime is )|(?<=\bspace is )|(?<=\bmemory is )|(?<=\bwhich is )|(?<=\bthat's )|(?<=\bthat is ))"
    r"(?P<bare>n(?:\s*\+\s*[mk])?)\b(?!\s*(?:[*^(!]|log|squared|cubed|times|to\b|[a-z]\b))"
    r"|(?P<height>\b(?:the\s+)?(?:height|depth)\s+(?:h\s+)?of\s+the\s+tree\b|\bthe\s+tree'?s\s+height\b"  # O(h)
    r"|\bas (?:long|deep) as the tree is (?:tall|deep|high)\b)",
    re.IGNORECASE,
)
_WORK_WORDS = (r"\btime\b", r"\bwork\b", r"\bruntime\b", r"\brun time\b", r"\bruns? in\b", r"\biterations?\b",
               r"\boperations\b")
_TIME_WORDS = alt(*_WORK_WORDS, r"\bsteps\b")
# before a bound, "steps" is more often the input's own ("the set of broken steps is O(b)") than its count
_TIME_WORDS_BEFORE = alt(*_WORK_WORDS)
_SPACE_WORDS = alt(r"\bspace\b", r"\bmemory\b", r"\bextra\b", r"\bauxiliary\b", r"\bstorage\b", r"\bkeeps?\b",
                   r"\bholds?\b", r"\b(?:besides|apart from|beyond|on top of|not counting) the output\b")
_SPACE_FIRST = re.compile(r"\s*(?:space|memory|extra|auxiliary|storage)\b", re.IGNORECASE)
_COMPARING = (r"\binstead of\b", r"\brather than\b", r"\bcompared (?:to|with)\b", r"\bversus\b")  # another than this one
_CONTRAST = alt(*_COMPARING, r"\bnot\b", r"\bno\b(?!\s+more\b)", r"\bbetter than\b",
                r"\bworse than\b", r"\bbrute[- ]force\b", r"\bnaive\b", r"\bdown from\b", r"\bvs\.?\b", r"\bcould be\b",
                r"\bcould get\b", r"\bcould make\b", r"\bimprove\w*", r"\boptimi[sz]\w*",
                r"\blooks? like\b", r"\bseems?( like)?\b", r"\bat first\b", r"\bwould be\b",
                r"\bwould (?:cost|take|need|make|give)\b", r"\b(?:can|could|would) turn\b")
# earlier in the clause: "which is better than the in-order solution that needs O(n)"
_COMPARED = alt(*_COMPARING, r"\b(?:better|worse|faster|slower|cheaper) than\b", r"\bunlike\b")
_SO = re.compile(r"[\s,;]*(?:so|hence|thus|giving|which\s+(?:gives|makes)|making)\s+(?:it'?s\s+|it\s+is\s+)?", re.IGNORECASE)
_RESTATED = re.compile(r"[\s,]*(?:i\.e\.,?\s*|that is,?\s*|or\s+)?")  # "O(n·b), quadratic": the same bound again
_JOINER = re.compile(r"\b(?:and|but|while|whereas|plus)\b|[,;.]", re.IGNORECASE)
_EACH_BEFORE = re.compile(r"\b(?:each|per|every single|one|(?:a|the)\s+lookup"
                          r"|a\s+(?:round|pass|level|step|call|merge|iteration|operation|query))\b"
                          r"[^.,;]*$", re.IGNORECASE)  # "a round is O(N)", "keeps the lookup O(1)": one of many
_EACH_AFTER = re.compile(r"[\s-]*(?:time\s+)?(?:amount\s+of\s+|work|swaps?|operations?|lookups?|checks?|steps?|per|each|comparisons?)\b",
                         re.IGNORECASE)
# "O(n)", "O of n", "big O of n", "order n", "Θ(n)": a bound said in notation, not "one step per day"
_IN_NOTATION = re.compile(r"(?:big\s*)?(?:o|oh|(?<!\bin\s)(?<!\bby\s)order|theta)\b|Θ|θ", re.IGNORECASE)
# "each step does one slice, which is constant": a word that sizes the step just described
_WHICH_IS = re.compile(r"\bwhich\s+(?:is|are)\s+(?:also\s+)?$", re.IGNORECASE)
# "about n squared over two pairs": a plain number of things counted, not a bound in notation
_COUNTED = re.compile(r"\s+(?:over\s+\w+\s+)?(?:pairs|triples|entries|cells|states|subproblems)\b", re.IGNORECASE)
# A total, not the cost of one part: "so O(n log n) overall", "the whole thing is O(n)"
OVERALL = alt(r"\boverall\b", r"\bin total\b", r"\bin all\b", r"\bfor all of them\b", r"\btotal\b", r"\baltogether\b", r"\bdominat\w*",
              r"\bwhole thing\b", r"\bend to end\b", r"\ball in all\b")


@dataclass(frozen=True)
class Mention:
    label: str  # canonical class
    kind: str  # time, space or unknown
    quote: str
    contrast: bool  # a comparison ("instead of O(n^2)"), not a claim about this solution
    overall: bool  # marked as the total ("so O(n^2) overall")
    expr: str = ""  # as said, inside the O: "r * c", "n squared", "linear"
    part: bool = False  # the cost of one step ("each pop is O(log k)") or a count ("n squared pairs"), not the total
    described: bool = False  # said as the work it counts ("one step per column"), not named
    notation: bool = False  # said in notation: "O(n)", "O of n", "order n", "Θ(n)"


@dataclass(frozen=True)
class ComplexityClaims:
    time: str | None
    space: str | None
    mentions: tuple[Mention, ...]
    time_quote: str | None = None
    space_quote: str | None = None
    time_expr: str | None = None  # as said ("r times c"), for comparing with a question's own bounds
    space_expr: str | None = None
    time_in_notation: bool = False  # "overall it's O(n log n)", not "it grows linearly"


def _label_of(expr: str) -> str | None:
    expr = digits_as_log(expr).strip().lower()  # "the number of digits of n": log n
    label = canonical_complexity(f"O({expr})")
    if label:
        return label
    if re.fullmatch(r"one", expr):
        return "O(1)"
    if re.fullmatch(r"(?:min|max)\s*\(\s*\w+\s*,\s*\w+\s*\)", expr):  # O(min(n, m)): one size
        return "O(n)"
    if re.fullmatch(r"(n|v)\s*\+\s*(m|e|k)|n\s*\*?\s*k|n\s*·\s*k", expr):
        return "O(n)"
    for pattern, label in _EXPRESSIONS:
        if re.fullmatch(pattern, expr, re.IGNORECASE):
            return label
    terms = re.split(r"\s*(?:\+|\bplus\b)\s*", expr)
    if len(terms) > 1 and "(" not in expr:  # "W + P log W": the fastest-growing term
        labels = [_label_of(term) for term in terms]
        return max(labels, key=COMPLEXITY_CLASSES.index) if all(labels) else None
    read = None if _CLASS_NAMED.search(expr) or re.search(_HOW_MANY, expr) else bound(f"O({expr})")
    if read:  # "m log n", "n * k log k", "26 * n", "n^2 log n": every size as n
        return _class_of(read)
    in_n = _in_n(expr)  # "E log V", "number of nodes"
    if in_n:
        return in_n
    for pattern, label in _EXPRESSIONS:  # "n · 2^n": the fastest-growing factor wins
        if re.search(pattern, expr, re.IGNORECASE):
            return label
    return None


_CLASS_GROWTH = ((0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (3, 0))  # (power of n, logs) of COMPLEXITY_CLASSES[:6]


def _class_of(b: Bound) -> str:
    """The largest of the bank's classes that ``b`` grows at least as fast as, every size as n:
    O(n · k log k) -> O(n^2), O(sqrt n) -> O(log n), O(2^L · n) -> O(2^n)."""
    exponential, power, logs = b.growth()
    if exponential:
        return "O(2^n)"
    at_most = [i for i, growth in enumerate(_CLASS_GROWTH) if growth <= (power, logs)]
    return COMPLEXITY_CLASSES[at_most[-1]]


_NAMED = r"linear\w*|constant|quadratic\w*|cubic|exponential\w*|logarithmic\w*|proportion\w*|time|space"
_CLASS_NAMED = re.compile(rf"\b(?:{_NAMED})\b", re.IGNORECASE)  # "linear time": a class named, not sizes
_SAID_CLASS = re.compile(rf"\b(?:{_NAMED}|squared|cubed|two|power)\b", re.IGNORECASE)  # and "n squared", "two to the n"


def _in_n(expr: str) -> str | None:
    """A bound in several variables ("E log V", "(V + E) log V", "m * n", "n · n!") as the class
    it behaves as when every size grows like n, the way the bank declares its classes."""
    if _SAID_CLASS.search(expr):  # "linear time", "two to the n": words, not sizes
        return None
    t = re.sub(r"\b(?:times|by)\b", "*", expr.lower()).replace("plus", "+")
    t = re.sub(rf"\b{_HOW_MANY}(?:the\s+)?|\bthe\s+", "", t)  # O(number of nodes)
    t = re.sub(r"\b(?!log\b)[a-z]{1,12}\b", "n", t)
    if re.search(r"n\s*!", t):
        return "O(2^n)"
    t = re.sub(r"\(\s*n(?:\s*\+\s*n)+\s*\)", "n", t)  # (n + n) -> n
    t = re.sub(r"^n(?:\s*\+\s*n)+$", "n", t.strip())
    t = re.sub(r"\s*[*·×]\s*", " ", t)
    t = re.sub(r"\blog\s*\(?\s*n\s*\)?", "logn", t)
    factors = t.split()
    if not factors or any(f not in ("n", "logn") for f in factors):
        return None
    power, logs = factors.count("n"), factors.count("logn")
    return {(0, 0): "O(1)", (0, 1): "O(log n)", (1, 0): "O(n)", (1, 1): "O(n log n)",
            (2, 0): "O(n^2)", (3, 0): "O(n^3)"}.get((power, logs))


def _clause(raw: str, start: int, end: int) -> tuple[int, int]:
    a = max(raw.rfind(c, 0, start) for c in ".;!?,:") + 1
    ends = [i for i in (raw.find(c, end) for c in ".;!?,") if i != -1]
    return a, min(ends) if ends else len(raw)


def _kind(raw: str, start: int, end: int) -> str:
    _, b = _clause(raw, start, end)
    following = _MENTION.search(raw, end)  # "O(n) time and space O(1)": "space" is the next one's
    after = raw[end : min(b, end + 22, following.start() if following else b)]
    joiner = _JOINER.search(after)
    after = after[: joiner.start()] if joiner else after
    m_time, m_space = _TIME_WORDS.search(after), _SPACE_WORDS.search(after)
    if m_time or m_space:
        if m_time and m_space:
            return "time" if m_time.start() < m_space.start() else "space"
        return "time" if m_time else "space"
    a, _ = _clause(raw, start, end)
    before = raw[max(a, start - 45) : start]
    last = None
    for kind, rx in (("time", _TIME_WORDS_BEFORE), ("space", _SPACE_WORDS)):
        for m in rx.finditer(before):
            if last is None or m.start() > last[1]:
                last = (kind, m.start())
    if last:
        return last[0]
    a2 = max(raw.rfind(c, 0, start) for c in ".;!?") + 1
    sentence = raw[a2:start]  # "Space: ... O(n·L) in all"; but "the heap holds k, so ... O(N log k) in total" is the time
    if _SPACE_WORDS.search(sentence) and not _TIME_WORDS.search(sentence) and (
            _SPACE_FIRST.match(sentence) or not OVERALL.search(raw[a2:b])):
        return "space"
    return "unknown"


def _largest(mentions: list[Mention], said: list[Mention]) -> Mention | None:
    """The total among costs said without "overall": the largest, since the whole costs at least
    each of its parts ("a set lookup, constant, so O(n)"; "O(m) to build, then O(n + m)"); of
    equals, the one naming more sizes, then the last, where a conclusion comes. Only the costs
    said before the first statement of the space after them count: what follows it compares
    other solutions. The cost of one step counts only when nothing else was said."""
    first = min((said.index(m) for m in mentions), default=0)
    space = next((i for i, m in enumerate(said) if m.kind == "space" and i > first), len(said))
    before = [m for m in mentions if said.index(m) < space]
    whole = [m for m in before if not m.part] or before
    return max(reversed(whole), key=lambda m: (COMPLEXITY_CLASSES.index(m.label), _sizes(m.expr)), default=None)


def _sizes(expr: str) -> int:
    """How many sizes a bound names: of two bounds of one class, "n + m" says more than "n"."""
    read = bound(f"O({expr})")
    return len(read.variables) if read else 0


def _bounds(raw: str) -> list[tuple[int, int, str, bool]]:
    """Where ``raw`` states a bound, the bound as said (in notation or class words, or described),
    and whether it was described."""
    found = []
    for m in _MENTION.finditer(raw):
        expr = (m.group("paren") or m.group("product") or m.group("spoken") or m.group("single") or m.group("word")
                or m.group("bare") or "h")  # the tree's height
        found.append((m.start(), m.end(), expr, False))
    for rx, template in _DESCRIBED:
        for m in rx.finditer(raw):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in found):
                found.append((m.start(), m.end(), template.format(**m.groupdict()), True))
    return sorted(found)


_SOFT_STOP = re.compile(r" (?=(?:and|but|because|since|which|while|whereas|if)\b)", re.IGNORECASE)
_SOFT_END = re.compile(  # a new sentence: "so", "then", "total", "space is"
    r" (?=(?:so|then|total|overall)\b|(?:space|memory|time)\s+(?:is|the|complexity|wise|would|will|here)\b)",
    re.IGNORECASE,
)


_FILLER = re.compile(rf"(?:{HESITATION.pattern}|\blike,|\byou know,)(?:\s*,)?", re.IGNORECASE)


def _without_fillers(raw: str) -> str:
    """``raw`` with "um", "uh" and "like," blanked out, keeping every other character where it was:
    "it's um, O of, uh, n squared" is read as "it's O of n squared"."""
    return _FILLER.sub(lambda m: " " * len(m.group(0)), raw)


def with_soft_stops(raw: str) -> str:
    """Speech transcribed without punctuation ("its o of n time because each day is pushed once so
    the space is o of n") with a comma before each joining word and a stop before "so", "then",
    "space is", each in place of the space before it, so that clauses end where the speaker's did."""
    return _SOFT_END.sub(".", _SOFT_STOP.sub(",", raw)) if is_run_on(raw) else raw


def parse_complexity_claims(text: str) -> ComplexityClaims:
    """The time and space complexity an answer claims ("O of n log n", "linear time", ...)."""
    t = Text(text)
    raw = with_soft_stops(_without_fillers(t.raw))  # the same length as t.raw: its positions quote from t
    mentions: list[Mention] = []
    previous_end = 0  # what was said before the previous bound is about that one ("O(log k) each and")
    for start, end, expr, described in _bounds(raw):
        expr = _SIZE_OF.sub(lambda size: size.group(1) or size.group(2), expr)  # O(|s| + |t|), O(len(s))
        expr = _LOG_BASE.sub("log", _LG.sub("log", expr)).translate(_SUPERSCRIPTS)  # O(n lg n), O(log₂ n), O(2ⁿ)
        expr = _TIMES_X.sub(" * ", expr)  # O(len(a) x len(b)), O(R x C)
        label = _label_of(expr)
        if label is None:
            continue
        a, b = _clause(raw, start, end)
        clause = raw[a:b]
        local = raw[max(a, previous_end, start - 30) : start]
        compared = _COMPARED.search(raw, max(a, previous_end), start)
        if previous_end > max(a, start - 30):  # "O(log k) each and O(n log k)": "each" is the first's
            each = _EACH_AFTER.match(local)
            local = local[each.end():] if each else local
        # "a heap would make each round O(log n), so O(n log n) overall": the conclusion of a comparison is one too
        concluded = bool(mentions) and mentions[-1].contrast and bool(_SO.fullmatch(raw, previous_end, start)
                                                                   or _RESTATED.fullmatch(raw, previous_end, start))
        previous_end = end
        notation = bool(_IN_NOTATION.match(raw, start))
        mentions.append(Mention(
            label=label,
            kind=_kind(raw, start, end),
            quote=t.quote(start, end),
            contrast=bool(_CONTRAST.search(local) or compared or concluded),
            overall=bool(OVERALL.search(clause)),
            expr=expr.strip(),
            part=bool(_EACH_BEFORE.search(local) or _EACH_AFTER.match(raw, end)
                      or not notation and (_COUNTED.match(raw, end) or _WHICH_IS.search(local))),
            described=described,
            notation=notation,
        ))
    claims = [m for m in mentions if not m.contrast]
    unknown = [m for m in claims if m.kind == "unknown"]
    timed = [m for m in claims if m.kind == "time"]
    totals = [m for m in claims if m.kind in ("time", "unknown") and m.overall and not m.part]
    time = totals[-1] if totals else None  # "so O(n log n) overall": the last total said
    from_unknown = time is None and bool(unknown)
    time = time or _largest([m for m in timed if not m.part] or timed + unknown, claims)
    spaces = [m for m in claims if m.kind == "space"]
    space = next((m for m in spaces if not m.part), spaces[0] if spaces else None)  # not "keeps the lookup O(1)"
    if space is None and from_unknown and len(unknown) > 1:
        space = next((m for m in unknown if m is not time and not m.part), None)
    return ComplexityClaims(
        time.label if time else None, space.label if space else None, tuple(mentions),
        time.quote if time else None, space.quote if space else None,
        time.expr if time else None, space.expr if space else None,
        bool(time and time.notation),
    )
