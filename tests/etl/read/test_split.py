"""Splitting: documents by their first lines; passages as paragraphs, headings and list items that round-trip."""
from __future__ import annotations

import pytest

from etl.common.errors import BuildError
from etl.read.sources import read_source
from etl.read.split import split_documents, split_passages

THREE_DOCUMENTS = """\
    MENU | HOME | ARCHIVE

    Declaration of the Harbour Conference
    The delegates met in a port city and agreed on the text that follows, after two days of debate among the delegations present.
    Signed in March.

    Letter to the Dockers
    Dear comrades, we send greetings to your strike and to every picket line that holds firm this winter against the port authority.

    Back to the index
    """

SIDECAR = """\
    title: Harbour Papers
    documents:
      - id: harbour-declaration
        title: Declaration of the Harbour Conference
        date: 1921-03
        kind: declaration
        first_line: "Declaration of the Harbour Conference"
      - id: harbour-letter
        title: Letter to the Dockers
        kind: letter
        first_line: "Letter to the Dockers"
        ends_before: "Back to the index"
    """


def test_documents_run_from_their_first_line_to_the_next_and_page_furniture_stays_out(raw):
    source = read_source(raw.add("harbour", THREE_DOCUMENTS, SIDECAR))
    declaration, letter = split_documents(source)
    assert source.text[declaration.start_char:declaration.end_char].startswith("Declaration of the Harbour Conference")
    assert source.text[declaration.start_char:declaration.end_char].endswith("Signed in March.")
    assert source.text[letter.start_char:letter.end_char].endswith("this winter against the port authority.")
    assert "MENU" not in source.text[declaration.start_char:letter.end_char]
    assert "Back to the index" not in source.text[letter.start_char:letter.end_char]
    assert declaration.date == "1921-03" and letter.date is None
    assert letter.word_count == 26


def test_a_first_line_not_in_the_text_names_the_sidecar_field(raw):
    sidecar = SIDECAR.replace('first_line: "Letter to the Dockers"', 'first_line: "Letter to the Sailors"')
    source = read_source(raw.add("harbour", THREE_DOCUMENTS, sidecar))
    with pytest.raises(BuildError) as error:
        split_documents(source)
    assert error.value.field == "documents[1].first_line"
    assert error.value.line == 11
    assert "Letter to the Sailors" in str(error.value)


def test_documents_listed_out_of_order_are_refused(raw):
    sidecar = """\
        title: Harbour Papers
        documents:
          - {id: second, title: L, kind: letter, first_line: "Letter to the Dockers"}
          - {id: first, title: D, kind: declaration, first_line: "Declaration of the Harbour Conference"}
        """
    source = read_source(raw.add("harbour", THREE_DOCUMENTS, sidecar))
    with pytest.raises(BuildError, match="order"):
        split_documents(source)


def passages_of(raw, text, title="Untitled"):
    source = read_source(raw.add("doc", text, f"title: {title}\nkind: article\n"))
    (document,) = split_documents(source)
    passages = split_passages(source, document)
    for passage in passages:
        assert source.text[passage.start_char:passage.end_char] == passage.text
    return passages


def test_hard_wrapped_paragraphs_are_one_passage_and_round_trip(raw):
    text = """\
        On the Eight-Hour Day

        The congress resolves that the length of the working day shall be
        limited by law, and that every union shall campaign for this
        demand in every workplace where its members are organized.

        A second paragraph stands here on its own line and says something more about the matter at hand.
        """
    title, paragraph, second = passages_of(raw, text)
    assert title.kind == "title"
    assert paragraph.kind == "paragraph" and paragraph.text.count("\n") == 2
    assert second.text.startswith("A second paragraph")


def test_headings_are_recognised_and_recorded_on_the_passages_under_them(raw):
    text = """\
        Theses on the Land Question

        Part One: The Peasantry
        In every country the peasantry is divided into layers whose interests differ, and the party must know them.
        The poorest layers are the natural allies of the industrial workers, in town and country alike.

        What Is To Be Done?
        The party puts forward a programme of agrarian reform that the rural poor can make their own without waiting.
        """
    passages = passages_of(raw, text)
    kinds = [(p.kind, p.heading) for p in passages]
    assert kinds == [
        ("title", None),
        ("heading", "Part One: The Peasantry"),
        ("paragraph", "Part One: The Peasantry"),
        ("paragraph", "Part One: The Peasantry"),
        ("heading", "What Is To Be Done?"),
        ("paragraph", "What Is To Be Done?"),
    ]


def test_list_items_are_their_own_passages_with_their_markers_kept_apart(raw):
    text = """\
        Conditions of Admission

        Our conditions:
        - acceptance of the programme;
        * payment of dues,
        3) participation in a cell.
        (b) loyalty to decisions
        """
    passages = passages_of(raw, text)
    items = [p for p in passages if p.kind == "list_item"]
    assert [(p.marker, p.text) for p in items] == [
        ("-", "acceptance of the programme;"),
        ("*", "payment of dues,"),
        ("3)", "participation in a cell."),
        ("(b)", "loyalty to decisions"),
    ]


def test_a_run_of_short_lines_is_not_taken_for_headings(raw):
    text = """\
        Greetings

        To the Union of Seafarers
        To the Committee of the Unemployed
        To the Editors of the Red Flag
        We greet your congress with the warmest feelings of solidarity and wish it every success in its work.
        """
    passages = passages_of(raw, text)
    assert [p.kind for p in passages] == ["title", "paragraph", "paragraph", "paragraph", "paragraph"]


def test_datelines_are_marked(raw):
    passages = passages_of(raw, "Closing Words\n\nWe end here, with the work of the congress done and the delegates going home.\n\n12 March 1919\n")
    assert passages[-1].kind == "dateline"


def test_a_date_after_a_label_is_a_dateline_not_a_heading(raw):
    passages = passages_of(raw, "Notice Board\n\nPosted: 3 March 2024\n\n"
                                "The branch meets on Thursday evenings in the library of the old trades hall downtown.\n")
    assert [p.kind for p in passages] == ["title", "dateline", "paragraph"]


def test_a_line_underlined_or_framed_alone_by_rules_is_a_heading(raw):
    passages = passages_of(raw, """\
        Bulletin

        Our Affiliates
        ~~~~~~~~~~~~~~
        The affiliates of the federation meet once a year, in a different city each time, to elect the bureau.

        ******************
        WHAT WE WANT
        ******************
        We want the federation to grow in every port of the coast, from the north to the south of the country.
        """)
    assert [(p.kind, p.heading) for p in passages if p.text[:1] != "~" and p.text[:1] != "*"] == [
        ("title", None), ("heading", "Our Affiliates"), ("paragraph", "Our Affiliates"),
        ("heading", "WHAT WE WANT"), ("paragraph", "WHAT WE WANT")]


@pytest.mark.parametrize("text", [
    # the last line of a masthead framed by rules
    "Bulletin\n\n=====\nFEDERATION OF DOCKERS\nIssue 4, Spring\n=====\n\n"
    "The federation publishes this bulletin four times a year for its members in every port of the coast.\n",
    # a line with a blank line between it and the rule below
    "Bulletin\n\nSigned by the Dockers Union\n\n=====\n"
    "The federation publishes this bulletin four times a year for its members in every port of the coast.\n",
    # a site's menu over a rule, and a page's running head
    "Bulletin\n\nHome | About | Contact\n-----\n"
    "The federation publishes this bulletin four times a year for its members in every port of the coast.\n",
])
def test_lines_over_a_rule_that_is_no_underline_are_no_headings(raw, text):
    assert [p for p in passages_of(raw, text) if p.kind == "heading"] == []


def test_passage_ids_are_made_of_document_id_and_position(raw):
    passages = passages_of(raw, "Title Line\n\nOne paragraph of some length that says nothing at all in particular.\n")
    assert [p.id for p in passages] == ["doc-p1", "doc-p2"]
    assert [p.position for p in passages] == [1, 2]


def test_an_ends_before_that_stands_after_the_next_document_is_refused(raw):
    # Found by tests/etl/test_fuzz.py: the declaration ran to "Back to the index", over the letter after it.
    sidecar = SIDECAR.replace('first_line: "Declaration of the Harbour Conference"',
                              'first_line: "Declaration of the Harbour Conference"\n        ends_before: "Back to the index"')
    source = read_source(raw.add("harbour", THREE_DOCUMENTS, sidecar))
    with pytest.raises(BuildError) as error:
        split_documents(source)
    assert (error.value.field, error.value.line) == ("documents[0].ends_before", 8)
    assert "not found before the next document's first_line 'Letter to the Dockers'" in str(error.value)


PAGES = (  # as pdftotext writes a bulletin of three pages: a form feed before each page after the first
    "Resolution on the Strike Wave\n\n"
    "The conference salutes the miners and the railway workers whose strikes have spread from one valley to the next.\n\n"
    "Sections taking part:\n\n"
    "- Workers' Vanguard (Chile)\n"
    "- Socialist Action League (Peru)\n\n"
    "Andean Bulletin · No. 4\n"
    "— 1 —\n"
    "\fRESOLUTION ON THE STRIKE WAVE\n"
    "- Union of Revolutionary Miners (Bolivia)\n"
    "- October Group (Ecuador)\n\n"
    "Andean Bulletin · No. 4\n"
    "— 2 —\n"
    "\fThe strike wave will not stop at the borders the oil companies drew, and neither will our solidarity.\n\n"
    "Andean Bulletin · No. 4\n"
    "Page 3 of 3\n"
)


def test_what_pages_print_at_their_edges_is_no_passage_and_a_list_runs_on_over_the_page(raw):
    passages = passages_of(raw, PAGES, title="Resolution on the Strike Wave")
    texts = [passage.text for passage in passages]
    assert texts[0] == "Resolution on the Strike Wave"  # the title at the head of the first page is no running head
    assert not [text for text in texts if "Andean Bulletin" in text or "— 2 —" in text or text.startswith("Page 3")]
    assert "RESOLUTION ON THE STRIKE WAVE" not in texts  # the title again, as the second page's running head
    items = [passage.text for passage in passages if passage.kind == "list_item"]
    assert items == ["Workers' Vanguard (Chile)", "Socialist Action League (Peru)",
                     "Union of Revolutionary Miners (Bolivia)", "October Group (Ecuador)"]
    assert texts[-1].startswith("The strike wave will not stop")  # the first line of a page that is the text itself


def test_without_page_breaks_the_same_lines_stay_passages(raw):
    texts = [passage.text for passage in passages_of(raw, PAGES.replace("\f", ""), title="Resolution on the Strike Wave")]
    assert "Andean Bulletin · No. 4" in texts and "RESOLUTION ON THE STRIKE WAVE" in "\n".join(texts)


def test_a_page_head_set_in_two_parts_apart_is_no_passage_even_on_the_only_page_it_heads(raw):
    text = ("Appeal of the Dockers\n\nWe call on every port to stop work for one hour on the day of the trial.\n\n"
            "\fHarbour Workers' Federation                    Internal bulletin, May 2024\n\n"
            "We call on the unions of the seafarers to refuse to sail the ships of the company.\n")
    texts = [passage.text for passage in passages_of(raw, text, title="Appeal of the Dockers")]
    assert not [text for text in texts if "Internal bulletin" in text]
    assert texts[-1].startswith("We call on the unions of the seafarers")


@pytest.mark.parametrize("line", [
    "Start     Nos combats     Textes     Sections     Contact     Adhérer",  # a site's menu set with spaces
    "12 March 2024 | Print | Share",  # a post's date and buttons
])
def test_a_menu_over_the_text_is_no_heading(raw, line):
    passages = passages_of(raw, f"Bulletin of the Federation\n\n{line}\n\n"
                                "The federation publishes this bulletin four times a year for its members in every port.\n")
    assert [p.kind for p in passages] == ["title", "paragraph", "paragraph"]
    assert passages[2].heading is None


def test_a_line_under_a_single_labelled_line_is_a_passage_of_its_own(raw):
    passages = passages_of(raw, "Bulletin of the Federation\n\n"
                                "The federation publishes this bulletin four times a year for its members in every port.\n\n"
                                "Our branches: Hamburg · Rotterdam · Antwerp · Le Havre · Gdańsk · Genova\n"
                                "© 2024 Federation of Port Workers · Privacy policy\n")
    assert [p.text for p in passages[2:]] == ["Our branches: Hamburg · Rotterdam · Antwerp · Le Havre · Gdańsk · Genova",
                                              "© 2024 Federation of Port Workers · Privacy policy"]
