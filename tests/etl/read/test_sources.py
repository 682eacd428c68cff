"""Reading sources: bytes are decoded faithfully, and bad input stops with the file, line and field named."""
from __future__ import annotations

import hashlib

import pytest

from etl.common.errors import BuildError
from etl.read.sources import read_source, read_sources

SIDECAR = "title: A Test Source\nkind: statement\n"


def test_text_is_decoded_with_bom_removed_and_line_endings_normalized(raw):
    data = "\ufeffFirst line\r\nSecond line\rThird line\n".encode("utf-8")
    path = raw.add("crlf-source", data, SIDECAR)
    source = read_source(path)
    assert source.text == "First line\nSecond line\nThird line\n"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_a_page_break_is_read_as_a_line_break_that_keeps_every_offset_and_is_remembered(raw):
    data = b"Page one ends here.\n\fPage two begins.\n\f"  # as pdftotext writes pages
    source = read_source(raw.add("two-pages", data, SIDECAR))
    assert source.text == "Page one ends here.\n\nPage two begins.\n\n"
    assert len(source.text) == len(data)
    assert source.page_breaks == (20, 38) and all(source.text[at] == "\n" for at in source.page_breaks)


def test_a_control_character_after_a_page_break_is_reported_on_the_line_an_editor_sees(raw):
    path = raw.add("late-nul", "Page one.\n\fPage two, line two\x00.\n", SIDECAR)
    with pytest.raises(BuildError, match=r"late-nul\.txt:2: .*U\+0000"):
        read_source(path)


def test_a_source_without_documents_is_one_document_titled_like_the_source(raw):
    path = raw.add("single", "Some text.\n", "title: The Single One\ndate: 1938-09\nkind: programme\nissued_by: Some Group\n")
    (spec,) = read_source(path).documents
    assert (spec.id, spec.title, spec.date, spec.kind, spec.issued_by) == ("single", "The Single One", "1938-09", "programme", ("Some Group",))


def test_language_defaults_to_english(raw):
    assert read_source(raw.add("lang", "Text.\n", SIDECAR)).language == "en"


@pytest.mark.parametrize("written, kept", [
    ("2024-05-01T09:30:00+02:00", "2024-05-01T09:30:00+02:00"),
    ("2024-05-01T07:30:00Z", "2024-05-01T07:30:00+00:00"),
    ("'2024-05-01T07:30:00.250-03:00'", "2024-05-01T07:30:00.250000-03:00"),
])
def test_when_a_source_entered_the_archive_is_kept_in_one_spelling(raw, written, kept):
    path = raw.add("entered", "A\n", SIDECAR + f"added: {written}\n")
    assert read_source(path).added == kept


def test_a_source_may_say_nothing_of_when_it_entered_the_archive(raw):
    assert read_source(raw.add("unsaid", "A\n", SIDECAR)).added is None


@pytest.mark.parametrize(
    "data, line",
    [(b"ok line\n\xff\xfe bad\n", 2), (b"\xc3\x28 at the start", 1)],
)
def test_text_that_is_not_utf8_is_refused_with_its_line(raw, data, line):
    path = raw.add("bad-bytes", data, SIDECAR)
    with pytest.raises(BuildError) as error:
        read_source(path)
    assert error.value.line == line
    assert "bad-bytes.txt" in str(error.value) and "UTF-8" in str(error.value)


def test_control_characters_are_refused(raw):
    path = raw.add("nul", "line one\nline\x00two\n", SIDECAR)
    with pytest.raises(BuildError, match=r"nul\.txt:2: .*U\+0000"):
        read_source(path)


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_an_empty_text_is_refused(raw, text):
    path = raw.add("empty", text, SIDECAR)
    with pytest.raises(BuildError, match=r"empty\.txt: the source text is empty"):
        read_source(path)


def test_a_missing_sidecar_is_refused(raw):
    path = raw.add("lonely", "Text.\n")
    with pytest.raises(BuildError, match=r"lonely\.yml: missing sidecar"):
        read_source(path)


def test_a_sidecar_without_its_text_is_refused(raw):
    raw.add("present", "Text.\n", SIDECAR)
    (raw.root / "sources" / "orphan.yml").write_text(SIDECAR)
    with pytest.raises(BuildError, match=r"orphan\.yml: sidecar without a source text"):
        read_sources(raw.root)


def test_malformed_yaml_names_its_line(raw):
    path = raw.add("broken", "Text.\n", "title: Fine\nkind: statement\ndocuments: [unclosed\n")
    with pytest.raises(BuildError) as error:
        read_source(path)
    assert "broken.yml" in str(error.value) and "not valid YAML" in str(error.value)
    assert error.value.line is not None and error.value.line >= 3


def test_a_sidecar_that_is_not_a_mapping_is_refused(raw):
    path = raw.add("listy", "Text.\n", "- just\n- a list\n")
    with pytest.raises(BuildError, match="must be a mapping"):
        read_source(path)


@pytest.mark.parametrize(
    "sidecar, line, field, message",
    [
        ("title: T\nkind: manifesto\n", 2, "kind", "not one of"),
        ("title: T\ndate: 2009-13\n", 2, "date", "not a real date"),
        ("title: T\ndate: 2009-02-30\n", 2, "date", "not a real date"),
        ("title: T\npublished: last year\n", 2, "published", "YYYY"),
        ("title: T\nadded: 2024-05-01\n", 2, "added", "UTC offset"),
        ("title: T\nadded: 2024-05-01T09:30:00\n", 2, "added", "UTC offset"),
        ("title: T\nadded: 2024-02-30T09:30:00+02:00\n", 2, "added", "not a real date and time"),
        ("kind: letter\n", 1, "title", "required field is missing"),
        ("title: T\nisued_by: [x]\n", 2, "isued_by", "unknown field"),
        ("title: T\ndocuments:\n  - id: one\n    title: One\n    kind: letter\n    first_line: A\n"
         "  - id: two\n    title: Two\n    kind: speech\n    first_line: B\n", 9, "documents[1].kind", "not one of"),
        ("title: T\ndocuments:\n  - id: Not A Slug\n    title: One\n    kind: letter\n    first_line: A\n", 3, "documents[0].id", "slug"),
        ("title: T\ndocuments:\n  - id: one\n    title: One\n    kind: letter\n", 3, "documents[0].first_line", "missing"),
    ],
)
def test_an_invalid_sidecar_names_line_and_field(raw, sidecar, line, field, message):
    path = raw.add("invalid", "A\nB\n", sidecar)
    with pytest.raises(BuildError) as error:
        read_source(path)
    assert error.value.field == field
    assert error.value.line == line
    assert message in str(error.value) and "invalid.yml" in str(error.value)


def test_a_file_name_that_is_not_a_slug_is_refused(raw):
    path = raw.add("Bad Name", "Text.\n", SIDECAR)
    with pytest.raises(BuildError, match="slug"):
        read_source(path)


# Found by tests/etl/test_fuzz.py: YAML's escapes can write characters that no text may hold, and a lone surrogate
# stopped the build with a UnicodeEncodeError from SQLite instead of a message.
@pytest.mark.parametrize(
    "sidecar, line, field, what",
    [
        ('title: T\npublisher: "\\ud800"\n', 2, "publisher", "lone surrogate (U+D800)"),
        ('title: T\nissued_by: [RCIT, "\\udc80 Group"]\n', 2, "issued_by[1]", "lone surrogate (U+DC80)"),
        ('title: "Lighthouse\\0"\n', 1, "title", "control character U+0000"),
        ('title: T\ndocuments:\n  - id: one\n    title: "\\x1b[31mOne"\n    kind: letter\n    first_line: A\n', 4,
         "documents[0].title", "control character U+001B"),
    ],
)
def test_escaped_characters_no_text_may_hold_are_refused_with_line_and_field(raw, sidecar, line, field, what):
    path = raw.add("escaped", "A\nB\n", sidecar)
    with pytest.raises(BuildError) as error:
        read_source(path)
    assert (error.value.line, error.value.field) == (line, field)
    assert what in str(error.value) and "escaped.yml" in str(error.value)


def test_a_raw_control_character_in_a_sidecar_names_its_line(raw):
    path = raw.add("bell", "A\n", "title: T\nkind: let\x07ter\n")
    with pytest.raises(BuildError, match=r"bell\.yml:2: not valid YAML: unacceptable character #x0007"):
        read_source(path)


@pytest.mark.parametrize("nested", [
    "[" * 100_000 + "]" * 100_000,  # made the YAML parser crash the process
    "{a: " * 600 + "b" + "}" * 600,  # made it raise RecursionError
    "\n" + "".join("  " * level + "- \n" for level in range(2000)),
])
def test_a_sidecar_nested_too_deep_is_refused_before_it_is_parsed(raw, nested):
    path = raw.add("deep", "A\n", "title: T\nissued_by: " + nested + "\n")
    with pytest.raises(BuildError, match=r"deep\.yml:\d+: nested more than 10 levels deep"):
        read_source(path)
