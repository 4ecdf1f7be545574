"""Dates, places and contact details in a resume's text: date ranges (normalised), locations,
street addresses, emails, phone numbers and links, and the labels and separators around them."""

from __future__ import annotations

import re

from ava_core.resume.technologies import technology_aliases

_MONTH = (r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_YEAR = r"(?:19|20)\d\d"
_SEASON = r"\b(?:spring|summer|fall|autumn|winter)"
_ONE_DATE = (rf"(?:{_MONTH},?\s*(?:{_YEAR}|['’]\d\d)|{_SEASON}\s+{_YEAR}"
             rf"|\b(?:0?[1-9]|1[0-2])\s?[/.]\s?{_YEAR}|\b{_YEAR}\s?[/.-]\s?(?:0[1-9]|1[0-2])(?!\d)"
             rf"|\b{_YEAR})(?!\d)")
_PRESENT = r"\b(?:present|current|now|today|ongoing)\b"
_DASH = r"\s*(?:[–—‒―−~-]|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*"
_RANGE = re.compile(
    rf"(?P<start>{_ONE_DATE}){_DASH}(?P<end>{_ONE_DATE}|{_PRESENT})"
    rf"|(?P<m1>{_MONTH}){_DASH}(?P<m2>{_MONTH})\s*,?\s*(?P<year>{_YEAR})",
    re.I,
)
DATE = re.compile(_ONE_DATE, re.I)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
           "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AB|BC|MB|NB|NL|NS|ON"
           "|PE|QC|SK")
_COUNTRIES = ("USA|US|United States|UK|United Kingdom|England|Scotland|Wales|Ireland|Canada|India"
              "|Germany|France|Spain|Italy|Netherlands|Sweden|Switzerland|Poland|Portugal|Australia"
              "|New Zealand|Singapore|Japan|China|Hong Kong|Taiwan|Brazil|Mexico|Nigeria|Kenya|Ghana"
              "|South Africa|Israel|UAE|Egypt|Pakistan|Bangladesh|Indonesia|Philippines|Vietnam"
              "|South Korea|Korea|Argentina|Chile|Colombia|Denmark|Norway|Finland|Belgium|Austria"
              "|Czech Republic|Romania|Ukraine|Turkey|Greece|Hungary|Estonia")
LOCATION = re.compile(
    rf"[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){{0,3}},\s*(?:(?:{_STATES})(?:\s+\d{{5}})?|{_COUNTRIES})"
    rf"(?![A-Za-z])(?:\s*\((?:remote|hybrid)\))?"
)
_REMOTE = re.compile(r"(?:fully\s+)?(?:remote|hybrid|on-?site)", re.I)
STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z0-9][\w.'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln"
    r"|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir)\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*[\w-]+)?"
    rf"(?:,\s*{LOCATION.pattern})?(?:\s+\d{{5}}(?:-\d{{4}})?)?"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>()]+"
    r"|(?<![\w.@/-])(?:[\w-]+\.)+(?:com|org|net|io|dev|me|ai|app|co|xyz|tech|site|page|blog|info"
    r"|us|uk|ca|de|in)(?:/[^\s|,;<>()]*)?"
)
_PHONE = re.compile(
    r"(?<![\w/.+-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w/])"
)
LABEL = re.compile(r"([A-Za-z][\w &/+.-]{0,30}?)\s*:\s*(.+)")  # "Languages: Python, Go"
SEPARATORS = re.compile(r"\s+[|•·◦▪●■–—]\s+|\s+-\s+|\s*\|\s*|\s{3,}|\t")
CONTACT_LABEL = re.compile(
    r"\b(?:e-?mail|phone|tel|mobile|cell|linkedin|github|website|web|portfolio|address)\s*:\s*"
    r"(?=$|[|•·,])", re.I | re.M)


def _normalise_date(text: str) -> str:
    t = text.strip().lower().rstrip(".")
    if re.fullmatch(_PRESENT, t, re.I):
        return "present"
    year = re.search(rf"{_YEAR}|['’]\d\d", t)
    if not year:
        return text.strip()
    y = year.group()
    if not y[0].isdigit():
        y = ("20" if int(y[1:]) < 50 else "19") + y[1:]
    month = re.match(r"[a-z]{3}", t)
    if month and month.group() in _MONTHS:
        return f"{y}-{_MONTHS[month.group()]:02d}"
    if re.match(_SEASON, t, re.I):
        return f"{t.split()[0].capitalize()} {y}"
    numeric = re.fullmatch(r"(\d{1,2})\s?[/.]\s?\d{4}|\d{4}\s?[/.-]\s?(\d{2})", t)
    if numeric:
        return f"{y}-{int(numeric.group(1) or numeric.group(2)):02d}"
    return y


def find_dates(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The first date range in ``text`` (normalised start, end, and where), else a single date."""
    m = _RANGE.search(text)
    if m:
        if m.group("start"):
            return _normalise_date(m.group("start")), _normalise_date(m.group("end")), m.span()
        year = m.group("year")
        return (_normalise_date(f"{m.group('m1')} {year}"), _normalise_date(f"{m.group('m2')} {year}"),
                m.span())
    m = DATE.search(text)
    if m:
        return _normalise_date(m.group()), None, m.span()
    return None, None, None


def is_annotation(text: str) -> bool:
    """A short piece that sits beside a row rather than forming a column: dates, place, label."""
    t = text.strip(" |·•,()")
    if not t:
        return True
    rest = DATE.sub("", _RANGE.sub("", t))
    rest = re.sub(rf"{_PRESENT}|\bexpected\b|\bpage\b|\bof\b|\d+", "", rest, flags=re.I)
    rest = LOCATION.sub("", rest)
    rest = _REMOTE.sub("", rest)
    if not rest.strip(" |·•,()–—-/:"):
        return True
    return t.endswith(":") and len(t.split()) <= 3


def location_in(text: str) -> str | None:
    m = LOCATION.search(text)
    if m:
        return m.group()
    m = _REMOTE.fullmatch(text.strip(" ()"))
    return m.group().capitalize() if m else None


def find_phones(text: str) -> list[str]:
    found = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        groups = re.findall(r"\d+", m.group())
        if all(re.fullmatch(_YEAR, g) for g in groups):
            continue
        if 10 <= len(digits) <= 15 or (len(digits) >= 7 and m.group()[0] in "+("):
            found.append(m.group())
    return found


def find_links(text: str, strict: bool) -> list[str]:
    """Web addresses in ``text``; with ``strict``, a bare domain counts only with a path."""
    found = (m.group().rstrip(".,;:)") for m in _URL.finditer(EMAIL.sub(" ", text)))
    return [link for link in found if _is_link(link, strict)]


def _is_link(link: str, strict: bool) -> bool:
    if re.match(r"https?://|www\.", link, re.I):
        return True
    if link.lower() in technology_aliases():  # Socket.io, Node.js
        return False
    return not strict or "/" in link
