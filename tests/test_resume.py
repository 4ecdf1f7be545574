"""Resume parsing: the committed fixtures against their expected parse, generated variants,
reading order, headings, dates, skills, contact details and redaction, and every unreadable file."""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import subprocess
import sys
import zipfile
from dataclasses import asdict
from pathlib import Path

import pymupdf
import pytest

from ava_core import resume
from ava_core.errors import AvaError, InvalidInput
from ava_core.settings import Settings
from tests.fixtures.resumes import make_fixtures as mf

FIXTURES = Path(__file__).parent / "fixtures" / "resumes"
SETTINGS = Settings()


def parse(data: bytes, **options) -> resume.ParsedResume:
    options.setdefault("settings", SETTINGS)
    return resume.parse_resume(data, **options)


def link_key(link: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower()).rstrip("/")


def assert_parse(parsed: resume.ParsedResume, expected: dict) -> None:
    """``parsed`` finds exactly what ``expected`` (make_fixtures.expected) says is there."""
    assert [(s.kind, s.heading) for s in parsed.sections] == [
        (s["kind"], s["heading"]) for s in expected["sections"]
    ]
    assert [asdict(e) for s in parsed.sections for e in s.entries] == expected["entries"]
    assert parsed.skills == expected["skills"]
    contact = asdict(parsed.contact)
    want = expected["contact"]
    assert {k: contact[k] for k in ("name", "email", "phone", "location")} == {
        k: want[k] for k in ("name", "email", "phone", "location")
    }
    assert sorted(map(link_key, parsed.contact.links)) == sorted(map(link_key, want["links"]))
    entities = expected["entities"]
    assert parsed.entities.employers == entities["employers"]
    assert parsed.entities.projects == entities["projects"]
    assert parsed.entities.schools == entities["schools"]
    assert sorted(parsed.entities.technologies) == entities["technologies"]
    assert parsed.page_count == expected["page_count"]


def assert_redacted(parsed: resume.ParsedResume, expected: dict) -> None:
    redacted = parsed.redacted_markdown.lower()
    contact = expected["contact"]
    for detail in [contact["email"], contact["phone"], contact["name"], *contact["links"]]:
        assert detail.lower() not in redacted
    assert not re.search(r"@|https?://|linkedin\.com|github\.com", redacted)
    for entry in expected["entries"]:  # everything else is still there
        assert all(b.lower() in redacted for b in entry["bullets"])


# --- the committed fixtures -----------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(mf.FIXTURES))
def test_fixture_parses_as_its_json_says(slug):
    expected = json.loads((FIXTURES / f"{slug}.json").read_text())
    parsed = parse((FIXTURES / f"{slug}.pdf").read_bytes(), filename=f"{slug}.pdf")
    assert_parse(parsed, expected)
    assert_redacted(parsed, expected)
    assert parsed.warnings == []
    assert "Page 1 of" not in parsed.markdown  # footers and running headers are not content
    assert parsed.markdown.count(expected["contact"]["name"]) == 1


@pytest.mark.parametrize("slug", list(mf.FIXTURES))
def test_fixture_files_are_small_and_match_their_generator(slug):
    pdf = FIXTURES / f"{slug}.pdf"
    assert pdf.stat().st_size < 100_000
    spec = mf.fixture_spec(slug)
    mf.build(spec)
    assert mf.expected(spec) == json.loads((FIXTURES / f"{slug}.json").read_text())


def test_a_two_page_fixture_and_two_column_fixtures_are_committed():
    kinds = {(json.loads((FIXTURES / f"{s}.json").read_text())["page_count"], mf.FIXTURES[s]["columns"])
             for s in mf.FIXTURES}
    assert {(2, 1), (1, 1), (1, 2)} <= kinds


# --- generated variants: every layout, heading, bullet and date style -------------------------------


@pytest.mark.parametrize("seed", range(48))
def test_generated_resume(seed):
    spec = mf.variant(random.Random(seed))
    data = mf.build(spec)
    expected = mf.expected(spec)
    parsed = parse(data)
    assert_parse(parsed, expected)
    assert_redacted(parsed, expected)
    for section in parsed.sections:
        if section.heading:
            assert f"## {section.heading}" in parsed.markdown
    assert parsed.size_bytes == len(data)
    assert resume.ParsedResume.from_dict(json.loads(json.dumps(parsed.to_dict()))) == parsed


def test_generated_variants_cover_every_style():
    specs = [mf.variant(random.Random(seed)) for seed in range(48)]
    for name, styles in [("date_style", mf.DATE_STYLES), ("heading_style", mf.HEADING_STYLES),
                         ("job_layout", mf.JOB_LAYOUTS), ("school_layout", mf.SCHOOL_LAYOUTS),
                         ("project_layout", mf.PROJECT_LAYOUTS), ("skill_style", mf.SKILL_STYLES)]:
        assert {getattr(s, name) for s in specs} == set(styles), name
    assert {s.glyph for s in specs} == set(mf.GLYPHS)
    assert {(s.columns, s.sidebar if s.columns == 2 else "") for s in specs} == {
        (1, ""), (2, "left"), (2, "right")}
    assert {mf.build(s) and s.pages for s in specs} == {1, 2}
    assert any(s.furniture and s.pages == 2 for s in specs)


# --- reading order ----------------------------------------------------------------------------------


def _two_columns(offset: float) -> bytes:
    c = mf.Canvas()
    full = mf.Column(c, 50, 562, 50, 10, paged=False)
    full.centered("Jane Doe", "bold", 20)
    left = mf.Column(c, 50, 330, full.y + 10, 10, paged=False)
    right = mf.Column(c, 354, 562, full.y + 10 + offset, 10, paged=False)
    for i in range(14):
        left.row(f"Left column line {i} with some words")
        right.row(f"Right line {i}")
    footer = mf.Column(c, 50, 562, max(left.y, right.y) + 10, 10, paged=False)
    footer.wrapped("A footer that runs across the whole width of the page, under both columns, and "
                   "on to a second line")
    return c.finish()


@pytest.mark.parametrize("offset", [0.0, 4.0, 31.0])
def test_two_columns_are_read_one_after_the_other(offset):
    lines = parse(_two_columns(offset)).markdown.splitlines()
    text = [line for line in lines if line.strip()]
    assert text[0] == "# Jane Doe"
    order = [t for t in text if t.startswith(("Left", "Right", "A footer"))]
    assert order == ([f"Left column line {i} with some words" for i in range(14)]
                     + [f"Right line {i}" for i in range(14)]
                     + [("A footer that runs across the whole width of the page, under both columns, "
                         "and on to a second line")])


def test_a_column_of_right_aligned_dates_is_not_a_second_column():
    rows = [("Experience", "heading")]
    for i, (title, org) in enumerate([("Engineer", "Acme Corp"), ("Analyst", "Globex Inc."),
                                      ("Intern", "Initech")]):
        rows += [(title, "bold", f"Jan {2020 - i} – Dec {2020 - i}"), (org, "", "Austin, TX"),
                 ("Shipped it", "bullet"), ("Fixed it", "bullet")]
    parsed = parse(mf.plain_pdf(rows))
    [section] = parsed.sections
    assert [(e.title, e.organization, e.start, e.end, e.location, e.bullets) for e in section.entries] == [
        ("Engineer", "Acme Corp", "2020-01", "2020-12", "Austin, TX", ["Shipped it", "Fixed it"]),
        ("Analyst", "Globex Inc.", "2019-01", "2019-12", "Austin, TX", ["Shipped it", "Fixed it"]),
        ("Intern", "Initech", "2018-01", "2018-12", "Austin, TX", ["Shipped it", "Fixed it"]),
    ]
    assert "### Engineer | Jan 2020 – Dec 2020" in parsed.markdown


def test_wrapped_bullets_and_paragraphs_are_joined():
    long = ("Rebuilt the billing pipeline so that invoices, refunds and credit notes flow through "
            "one ledger, cutting month-end close from five days to one and removing manual steps")
    parsed = parse(mf.plain_pdf([("Summary", "heading"), (long, ""), ("Experience", "heading"),
                                 ("Engineer", "bold", "2020 – 2021"), ("Acme Corp", ""), (long, "bullet")]))
    summary, experience = parsed.sections
    assert summary.text == long
    assert experience.entries[0].bullets == [long]


HTML_RESUME = """
<h1 style="text-align:center">Priya Natarajan</h1>
<p style="text-align:center">priya.n@example.com · +1 (312) 555-0187 · github.com/priyan · Chicago, IL</p>
<h2>WORK EXPERIENCE</h2>
<p><b>Senior Software Engineer</b>, Northwind Traders — Chicago, IL<br/>Feb 2021 – Present</p>
<ul><li>Designed an event-sourced order service in Kotlin and Kafka handling 3k orders per second
at peak load during sales</li><li>Moved CI from Jenkins to GitHub Actions</li></ul>
<p><b>Software Engineer</b>, Contoso Ltd — Remote<br/>Jun 2018 – Jan 2021</p>
<ul><li>Built React dashboards backed by PostgreSQL</li></ul>
<h2>PROJECTS</h2>
<p><b>Skyline</b> — a weather visualiser (TypeScript, D3.js)</p>
<ul><li>1,200 stars</li></ul>
<h2>EDUCATION</h2>
<p><b>University of Illinois Urbana-Champaign</b><br/>B.S. Computer Science, 2014 – 2018</p>
<h2>SKILLS</h2>
<p>Languages: Kotlin, Java, TypeScript<br/>Tools: Docker, Kubernetes</p>
"""


def test_a_resume_laid_out_by_an_html_engine():
    doc = pymupdf.open()
    doc.new_page().insert_htmlbox(pymupdf.Rect(50, 40, 562, 760), HTML_RESUME,
                                  css="body {font-family: sans-serif; font-size: 10pt}")
    parsed = parse(doc.tobytes())
    assert [s.kind for s in parsed.sections] == ["experience", "projects", "education", "skills"]
    assert [asdict(e) for s in parsed.sections for e in s.entries] == [
        {"kind": "experience", "title": "Senior Software Engineer", "organization": "Northwind Traders",
         "start": "2021-02", "end": "present", "location": "Chicago, IL",
         "bullets": [("Designed an event-sourced order service in Kotlin and Kafka handling 3k orders "
                      "per second at peak load during sales"), "Moved CI from Jenkins to GitHub Actions"]},
        {"kind": "experience", "title": "Software Engineer", "organization": "Contoso Ltd",
         "start": "2018-06", "end": "2021-01", "location": "Remote",
         "bullets": ["Built React dashboards backed by PostgreSQL"]},
        {"kind": "project", "title": "Skyline", "organization": "", "start": None, "end": None,
         "location": None, "bullets": ["a weather visualiser (TypeScript, D3.js)", "1,200 stars"]},
        {"kind": "education", "title": "B.S. Computer Science",
         "organization": "University of Illinois Urbana-Champaign", "start": "2014", "end": "2018",
         "location": None, "bullets": []},
    ]
    assert parsed.skills == ["Kotlin", "Java", "TypeScript", "Docker", "Kubernetes"]
    assert asdict(parsed.contact) == {"name": "Priya Natarajan", "email": "priya.n@example.com",
                                      "phone": "+1 (312) 555-0187", "links": ["github.com/priyan"],
                                      "location": "Chicago, IL"}
    assert not re.search(r"Priya|@|555|github", parsed.redacted_markdown)


# --- headings, dates, skills, technologies ----------------------------------------------------------


@pytest.mark.parametrize("heading, kind", [
    ("Experience", "experience"), ("Work History", "experience"), ("Professional Experience", "experience"),
    ("Employment", "experience"), ("WORK EXPERIENCE", "experience"), ("Projects", "projects"),
    ("Selected Projects", "projects"), ("Open Source", "projects"), ("Education", "education"),
    ("Academic Background", "education"), ("Skills", "skills"), ("Technical Skills", "skills"),
    ("Skills & Tools", "skills"), ("Core Competencies", "skills"), ("Summary", "summary"),
    ("Profile", "summary"), ("About", "summary"), ("About Me:", "summary"), ("Certifications", "other"),
    ("Volunteer Experience", "other"), ("Research Experience", "experience"),
])
def test_heading_words(heading, kind):
    parsed = parse(mf.plain_pdf([("Jane Doe", "heading"), (heading, "heading"),
                                 ("Some text under the heading, long enough to be the body", ""),
                                 ("Education", "heading"), ("Stanford University", "")]))
    assert (parsed.sections[0].kind, parsed.sections[0].heading) == (kind, heading.rstrip(":"))


def test_headings_of_a_plain_text_resume_are_found_by_their_words():
    parsed = parse(mf.plain_pdf([("Jane Doe", ""), ("jane@example.com", ""), ("Experience", ""),
                                 ("Engineer at Acme Corp", ""), ("2019 - 2021", ""), ("Skills", ""),
                                 ("Python, SQL", "")]))
    assert [(s.kind, s.heading) for s in parsed.sections] == [("experience", "Experience"), ("skills", "Skills")]
    assert parsed.skills == ["Python", "SQL"]
    assert parsed.entities.employers == ["Acme Corp"]


def test_a_resume_without_headings_is_one_section_with_a_warning():
    parsed = parse(mf.plain_pdf([("Jane Doe", "heading"), ("I build data pipelines in Python.", "")]))
    assert [(s.kind, s.heading) for s in parsed.sections] == [("other", "")]
    assert "No section headings were recognised" in parsed.warnings[0]
    assert parsed.skills == ["Python"]


@pytest.mark.parametrize("written, start, end", [
    ("Jan 2020 – Present", "2020-01", "present"),
    ("January 2020 to March 2021", "2020-01", "2021-03"),
    ("Sept. 2019 — Dec. 2020", "2019-09", "2020-12"),
    ("03/2018 - 06/2020", "2018-03", "2020-06"),
    ("3/2018 – 11/2019", "2018-03", "2019-11"),
    ("2019-2021", "2019", "2021"),
    ("2019 — Current", "2019", "present"),
    ("2021-03 – 2022-01", "2021-03", "2022-01"),
    ("May – Aug 2021", "2021-05", "2021-08"),
    ("Jun '19 - Now", "2019-06", "present"),
    ("Fall 2019 – Spring 2021", "Fall 2019", "Spring 2021"),
    ("Summer 2022", "Summer 2022", "Summer 2022"),
    ("2023", "2023", "2023"),
])
def test_dates_in_many_formats(written, start, end):
    parsed = parse(mf.plain_pdf([("Experience", "heading"), ("Engineer", "bold", written),
                                 ("Acme Corp", ""), ("Shipped it", "bullet")]))
    [entry] = parsed.sections[0].entries
    assert (entry.start, entry.end) == (start, end)
    assert (entry.title, entry.organization) == ("Engineer", "Acme Corp")


def test_an_education_entry_with_one_date_ends_then():
    parsed = parse(mf.plain_pdf([("Education", "heading"),
                                 ("B.S. Computer Science, University of California, Berkeley, Expected May 2025", "")]))
    [entry] = parsed.sections[0].entries
    assert (entry.title, entry.organization, entry.start, entry.end) == (
        "B.S. Computer Science", "University of California, Berkeley", None, "2025-05")


def test_skills_split_on_commas_pipes_bullets_labels_and_parentheses():
    parsed = parse(mf.plain_pdf([
        ("Skills", "heading"), ("Languages: Python, Go | TypeScript; SQL", ""),
        ("Docker • Kubernetes · Terraform", ""), ("Python (pandas, NumPy), C, R", ""),
        ("CI/CD and release engineering", "bullet"),
    ]))
    assert parsed.skills == ["Python", "Go", "TypeScript", "SQL", "Docker", "Kubernetes", "Terraform",
                             "pandas", "NumPy", "C", "R", "CI/CD and release engineering"]
    assert set(parsed.entities.technologies) == {"Python", "Go", "TypeScript", "SQL", "Docker", "Kubernetes",
                                                 "Terraform", "pandas", "NumPy", "C", "R", "CI/CD"}


def test_technologies_need_their_capitals_when_they_are_also_words():
    parsed = parse(mf.plain_pdf([
        ("Experience", "heading"), ("Engineer", "bold", "2020 – 2021"), ("Acme Corp", ""),
        ("Wrote the Go services and a Socket.io gateway; ready to go, a go-to person", "bullet"),
        ("Python-based tooling; got a C in C++ class and a grade R", "bullet"),
    ]))
    assert parsed.entities.technologies == ["Go", "Socket.IO", "Python", "C++"]
    assert "Socket.io" in parsed.redacted_markdown
    assert parsed.contact.links == []


def test_technologies_are_ordered_by_mentions():
    parsed = parse(mf.plain_pdf([("Projects", "heading"), ("Ava", "bold"), ("Built with Streamlit", "bullet"),
                                 ("Stored in PostgreSQL via Streamlit, tested with pytest", "bullet"),
                                 ("PostgreSQL and Streamlit again", "bullet")]))
    assert parsed.entities.technologies == ["Streamlit", "PostgreSQL", "pytest"]
    assert parsed.entities.projects == ["Ava"]


# --- contact details and redaction ------------------------------------------------------------------


def test_street_address_is_a_contact_detail_and_is_redacted():
    spec = mf.variant(random.Random(5), columns=1, street="742 Evergreen Terrace, Springfield, IL 62704",
                      location="Springfield, IL")
    parsed = parse(mf.build(spec))
    assert parsed.contact.location == "Springfield, IL"
    assert "Evergreen" in parsed.markdown
    assert "Evergreen" not in parsed.redacted_markdown
    assert "62704" not in parsed.redacted_markdown
    assert_redacted(parsed, mf.expected(spec))


def test_contact_details_anywhere_in_the_text_are_redacted():
    parsed = parse(mf.plain_pdf([
        ("Jane Q. Doe", "heading"), ("Email: jane@example.com | Phone: +1 (415) 555-0100", ""),
        ("Experience", "heading"), ("Engineer", "bold", "2020 – 2021"), ("Acme Corp", ""),
        ("Wrote https://blog.example.com/posts/queues and github.com/janedoe/queues", "bullet"),
        ("Ask Jane Q. Doe at jane.doe@work.example.org or 415.555.0199", "bullet"),
        ("Cut costs 40% in 2019-2021, 12,000 users", "bullet"),
    ]))
    assert parsed.contact.name == "Jane Q. Doe"
    assert parsed.contact.email == "jane@example.com"
    assert parsed.contact.phone == "+1 (415) 555-0100"
    redacted = parsed.redacted_markdown
    for detail in ["Jane", "@", "555", "https://", "github.com", "Email:", "Phone:"]:
        assert detail not in redacted
    assert "Cut costs 40% in 2019-2021, 12,000 users" in redacted
    assert "Acme Corp" in redacted


def test_a_link_annotation_is_a_contact_link():
    spec = mf.variant(random.Random(8), annotated_link="https://www.linkedin.com/in/someone")
    parsed = parse(mf.build(spec))
    assert "https://www.linkedin.com/in/someone" in parsed.contact.links
    assert "linkedin.com/in/someone" not in parsed.redacted_markdown


# --- the result ---------------------------------------------------------------------------------------


def test_result_round_trips_through_a_json_dict_and_records_the_file():
    data = (FIXTURES / "two_page.pdf").read_bytes()
    parsed = parse(bytearray(data))
    assert resume.ParsedResume.from_dict(json.loads(json.dumps(parsed.to_dict()))) == parsed
    assert parsed.size_bytes == len(data)
    assert parsed.sha256 == hashlib.sha256(data).hexdigest()
    assert parse(memoryview(data)) == parsed


def test_importing_the_module_does_not_import_pymupdf():
    code = "import sys, ava_core.resume; print('pymupdf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "False"


# --- files Ava cannot read ---------------------------------------------------------------------------


def refused(data: bytes, kind: type[resume.ResumeError], settings: Settings | None = SETTINGS,
            filename: str | None = None) -> str:
    """The message of the ``kind`` of error parsing ``data`` raises."""
    with pytest.raises(kind) as caught:
        resume.parse_resume(data, filename=filename, settings=settings)
    error = caught.value
    assert isinstance(error, InvalidInput) and isinstance(error, AvaError)
    assert error.field == "resume"
    # No PyMuPDF exception is chained to it, so none can surface in a traceback.
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return str(error)


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _png() -> bytes:
    return pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), 0).tobytes("png")


def test_empty_file():
    message = refused(b"", resume.EmptyFile, filename="cv.pdf")
    assert message.startswith("“cv.pdf” is empty") and "Upload your resume as a PDF" in message


@pytest.mark.parametrize("make, kind", [
    (_docx, "a Word document (.docx)"), (_png, "a PNG image"),
    (lambda: b"\xff\xd8\xff\xe0" + bytes(200), "a JPEG image"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "an old Word document (.doc)"),
    (lambda: "Jane Doe\nExperience\nAcme — Engineer\n".encode(), "plain text"),
])
def test_not_a_pdf(make, kind):
    message = refused(make(), resume.NotAPdf, filename="resume.pdf")
    assert message.startswith(f"“resume.pdf” is not a PDF: it looks like {kind}.")
    assert "Export or save your resume as a PDF" in message


def test_truncated_pdf():
    data = (FIXTURES / "two_page.pdf").read_bytes()
    message = refused(data[: len(data) // 2], resume.CorruptPdf)
    assert "damaged or incomplete PDF" in message and "Export it from your editor again" in message


def test_corrupt_pdf():
    refused(b"%PDF-1.7\n" + bytes(range(256)) * 8, resume.CorruptPdf)


def test_a_damaged_pdf_that_can_be_repaired_is_read_with_a_warning():
    data = (FIXTURES / "two_page.pdf").read_bytes()
    parsed = parse(data[: int(len(data) * 0.99)])
    assert parsed.warnings[0].startswith("This PDF was damaged and has been repaired")
    assert parsed.entities.employers


def test_encrypted_pdf():
    message = refused(mf.encrypted_pdf(), resume.EncryptedPdf)
    assert "protected by a password" in message and "without a password" in message


def test_a_pdf_with_only_an_owner_password_is_read():
    doc = pymupdf.open(stream=(FIXTURES / "one_column.pdf").read_bytes(), filetype="pdf")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", permissions=0)
    expected = json.loads((FIXTURES / "one_column.json").read_text())
    assert parse(data).contact.name == expected["contact"]["name"]


def test_scanned_pdf():
    message = refused(mf.scanned_pdf(), resume.NoTextLayer)
    assert message == ("This file has no text layer — it looks scanned (its pages are pictures of "
                       "text); export it from your editor as a PDF with text, or paste the text.")


def test_blank_pdf():
    message = refused(mf.blank_pdf(2), resume.NoTextLayer)
    assert "no text Ava can read" in message and "paste the text" in message


def test_a_scanned_page_in_a_text_pdf_is_a_warning():
    doc = pymupdf.open(stream=(FIXTURES / "one_column.pdf").read_bytes(), filetype="pdf")
    doc.insert_pdf(pymupdf.open(stream=mf.scanned_pdf(), filetype="pdf"))
    parsed = parse(doc.tobytes())
    assert parsed.page_count == 2
    assert parsed.warnings == [("Page 2 has no text layer (it looks scanned); its content is missing "
                                "from what Ava read.")]


def test_too_many_pages():
    message = refused(mf.pages_pdf(3), resume.TooManyPages, Settings(resume_max_pages=2))
    assert message == ("This file has 3 pages; Ava accepts resumes of at most 2 pages "
                       "(AVA_RESUME_MAX_PAGES). Upload a shorter version.")
    assert parse(mf.pages_pdf(2), settings=Settings(resume_max_pages=2)).page_count == 2


def test_page_and_size_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("AVA_RESUME_MAX_PAGES", "1")
    refused(mf.pages_pdf(2), resume.TooManyPages, settings=None)
    monkeypatch.setenv("AVA_RESUME_MAX_PAGES", "5")
    monkeypatch.setenv("AVA_RESUME_MAX_MB", "1")
    data = (FIXTURES / "one_column.pdf").read_bytes()
    refused(data + b"\n%" + b"x" * (1024 * 1024), resume.FileTooLarge, settings=None)
    assert resume.parse_resume(data).page_count == 1


def test_too_large():
    data = (FIXTURES / "one_column.pdf").read_bytes()
    message = refused(data + b"\n%" + b"x" * (1024 * 1024), resume.FileTooLarge, Settings(resume_max_mb=1))
    assert re.fullmatch(r"This file is 1\.\d\d MB, more than the 1 MB Ava accepts for a resume "
                        r"\(AVA_RESUME_MAX_MB\)\. .*", message)


def test_each_refusal_says_something_different():
    data = (FIXTURES / "two_page.pdf").read_bytes()
    cases = [(b"", resume.EmptyFile), (_png(), resume.NotAPdf), (data[:2000], resume.CorruptPdf),
             (mf.encrypted_pdf(), resume.EncryptedPdf), (mf.scanned_pdf(), resume.NoTextLayer),
             (mf.pages_pdf(11), resume.TooManyPages), (data + b"x" * 10 * 1024 * 1024, resume.FileTooLarge)]
    messages = {refused(blob, kind) for blob, kind in cases}
    assert len(messages) == len(cases)


@pytest.mark.parametrize("seed", range(4))
def test_damaged_bytes_give_a_result_or_a_resume_error_never_a_crash(seed):
    rng = random.Random(seed)
    data = (FIXTURES / f"{list(mf.FIXTURES)[seed]}.pdf").read_bytes()
    for _ in range(12):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = damaged[: rng.randint(1, len(damaged))]
        for candidate in (bytes(damaged), bytes(cut)):
            try:
                result = resume.parse_resume(candidate, settings=SETTINGS)
            except resume.ResumeError:
                continue
            assert isinstance(result, resume.ParsedResume)
