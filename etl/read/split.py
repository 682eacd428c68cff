"""Split stage: a source into its documents, a document into passages.

Passages are paragraphs, headings and list items. Their offsets index the
source's text, so `source.text[start_char:end_char] == passage.text` always.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..common.errors import BuildError
from ..common.normalize import fold
from ..common.records import Document, Passage, Source

# an arrow, a shape, a dingbat or an emoji, with the selectors and skin tones that may follow it: "▪️ ", "🔴 ", "➕ "
PICTOGRAPH = r"[\u2190-\u21ff\u2300-\u27bf\u2900-\u297f\u2b00-\u2bff\U0001F000-\U0001FAFF][\ufe0f\u200d\U0001F3FB-\U0001F3FF]*"
TRAILING_PICTOGRAPHS = re.compile(rf"(?:\s*{PICTOGRAPH})+\s*$")  # "✊🏽" after an exclamation or a name
# a list item's marker: a bullet, 1. 1) (1) 1/, 2.1, a. a), i. (i), XVIII. before two spaces or a tab (a capital
# Roman number before one space may be a heading's: "II. Democratic rights"), or a pictograph
LIST_ITEM = re.compile(r"^(?P<marker>[•·▪◦‣●○■□◆♦❖➢►→⇒➔➜➤✓✔*–-]|—(?!\s*\d{1,4}\s*[-–—])|\(?\d{1,3}[.)/°º]|\(?[a-z][.)]"
                       r"|\d{1,2}(?:\.\d{1,2}){1,2}\.?(?=\s{2,}|\t|\s+[A-ZÀ-Þ])"  # "2.1  Een wettelijk minimumloon …"
                       rf"|\(?[ivx]{{1,4}}[.)]|[IVXLC]{{1,7}}\.(?= {{2,}}|\t)|{PICTOGRAPH})\s+(?=\S)")  # "1°"; "II.  …" aligned
# "III. Cut …" under "I.   Cancel …" and "II.  Close …": one space after the widest numeral of an aligned list
NEXT_ROMAN_ITEM = re.compile(r"^(?P<marker>[IVXLC]{1,7}\.)\s+(?=\S)")
TERMINAL = ".!?:"
WIDE_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")  # between the columns of a table set with spaces
ROW_APART = re.compile(r"\s[·•/]\s|\s[·•/]$")  # between the names of a row: 'A · B', 'A / B'
RULE_LINE = re.compile(r"^[\s|:+]*[-=_~*─━═]{3,}[-=_~*─━═\s|:+]*$")  # a heading's underline, or the rule under a table's head
SIGNATURE_DELIMITER = re.compile(r"^--\s*$")  # the line over an e-mail's signature
HEADER_FIELD = re.compile(r"^[A-Za-z][\w-]{0,20}:\s+(?=\S)")  # "To: ", "Subject: ": a field of a message's head
LABELLED_LINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][^:\s]*(?:[ -][^:\s]+){0,3}:\s+\S")  # "Guiné-Bissau: …", "Costa Rica: …"
# "Home | About us | Sections", "Home » Sections", "Home    About us    Sections    Contact": a site's links, no heading
MENU_LINE = re.compile(r"\s[|»›]\s|^\s*(?:\S+(?: \S+){0,2} {3,}){3,}\S+(?: \S+){0,2}\s*$")
MARKED_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")  # "## See also": a heading marked as in Markdown
ADDRESS_LINE = re.compile(r"(?:https?://|www\.)\S+$|[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?\S*$")
FUNCTION_WORD_END = re.compile(r"\s(?:and|the|of|for|to|in|on|with|by|a|an|de|la|el|del|des|du|y|et|e|und|der|il|lo|le|"
                               r"les|los|las|un|una|um|uma|do|da|dos|das|di|dei|della|per|pour|para|por|für|von|zu)$")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE = re.compile(  # "Tuesday, 14 March 2023", "Last updated: 14 October 2023", "2023-03-14"
    rf"^(?:[A-Z][a-z]+(?:\s[a-z]+)?:\s+)?(?:(?:[A-Z][a-z]+day),?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})\s+"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?,?\s+)?\d{{4}}\.?$"
    rf"|^\d{{4}}-\d{{2}}(?:-\d{{2}})?$|^\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}$"
)
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
PAGE_WORD = r"(?:page|p[áa]g\.?|p\.|seite|s\.|p[áa]gina)"
# a page's number ("— 14 —", "Page 3 of 12", "… page 15", "Seite 3/12"), or a note that the text goes on overleaf
PAGE_NUMBER = re.compile(rf"^[\s\-–—]*(?:{PAGE_WORD}\s*)?\d{{1,4}}(?:\s*(?:/|of|de|di|von|sur)\s*\d{{1,4}})?[\s\-–—]*$"
                         rf"|\s{PAGE_WORD}\s*\d{{1,4}}(?:\s*/\s*\d{{1,4}})?\s*$"
                         r"|^\s*\((?:segue|suite|sigue|continued|cont\.|fortsetzung|continua)\)\s*$", re.IGNORECASE)
PAGE_EDGE = 3  # a page's head or foot: at most its first or last three lines
DIGITS = re.compile(r"\d+")
WORDS_MEMO = 1 << 14  # texts whose words are counted and kept (a source's passages and lines, several times over)
BODY_WORDS = 15


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # the line without its newline


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of text[start:end] with their offsets in text."""
    end = len(text) if end is None else end
    lines, position = [], start
    while position <= end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        lines.append(Line(position, stop, text[position:stop]))
        position = stop + 1
    return lines


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) so it neither begins nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_line(lines: list[Line], wanted: str, after: int) -> int | None:
    wanted = wanted.strip()
    return next((i for i in range(after, len(lines)) if lines[i].text.strip() == wanted), None)


def marker_style(marker: str | None) -> str | None:
    """What a list's markers share: '3.' and '12.' are one style, '5)' another, 'a.' and 'b.' a third, '•' its own."""
    if marker is None:
        return None
    return re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "9", marker)))


@lru_cache(maxsize=WORDS_MEMO)
def count_words(text: str) -> int:
    """The words of a text (each rule asks it of the same passages and lines again: the answers are kept)."""
    return len(WORD.findall(text))


def split_documents(source: Source) -> list[Document]:
    """The documents of a source, each running from its first line to the next document's."""
    text = source.text
    lines = lines_of(text)
    starts: list[int] = []
    ends: list[int | None] = []
    cursor = 0
    for index, spec in enumerate(source.documents):
        if spec.first_line is None:
            starts.append(0)
            ends.append(None)
            continue
        found = find_line(lines, spec.first_line, cursor)
        if found is None:
            earlier = find_line(lines, spec.first_line, 0)
            why = ("it stands before the previous document's first line: list documents in the order of the text"
                   if earlier is not None else "no line of the text is exactly this")
            raise BuildError(source.sidecar_path, f"first_line {spec.first_line!r} not found: {why}",
                             line=spec.first_line_at, field=f"documents[{index}].first_line")
        stop = None
        if spec.ends_before:
            stop = find_line(lines, spec.ends_before, found + 1)
            if stop is None:
                raise BuildError(source.sidecar_path, f"ends_before {spec.ends_before!r} not found after the first line",
                                 line=spec.ends_before_at, field=f"documents[{index}].ends_before")
        starts.append(found)
        ends.append(stop)
        cursor = found + 1
    for index, stop in enumerate(ends[:-1]):
        if stop is not None and stop > starts[index + 1]:  # the document would run into the next one
            spec, following = source.documents[index], source.documents[index + 1]
            raise BuildError(source.sidecar_path, f"ends_before {spec.ends_before!r} not found before the next "
                             f"document's first_line {following.first_line!r}: documents must not overlap",
                             line=spec.ends_before_at, field=f"documents[{index}].ends_before")
    documents = []
    for index, spec in enumerate(source.documents):
        first = lines[starts[index]].start
        stop = ends[index]
        if stop is not None:
            last = lines[stop].start
        elif index + 1 < len(source.documents):
            last = lines[starts[index + 1]].start
        else:
            last = len(text)
        start, end = strip_span(text, first, last)
        documents.append(Document(
            id=spec.id, source_id=source.id, title=spec.title, date=spec.date, kind=spec.kind,
            author=spec.author, issued_by=spec.issued_by, start_char=start, end_char=end,
            word_count=count_words(text[start:end]),
        ))
    return documents


@dataclass
class Block:
    """A passage in the making: a run of lines, or a list item."""

    start: int
    end: int
    kind: str
    marker: str | None = None
    last_line: str = ""
    text_column: int = 0  # where a list item's text (or a header field's value, "TO: …") begins on its first line
    commas: bool = False  # some line of the paragraph so far ends with a comma
    indent: int = 0  # of its first line
    lines: int = 1


def continues_item(block: Block, line: str) -> bool:
    """Whether `line` carries on the list item `block` (a point wrapped over several lines): indented as far as the
    item's text, or reading on from its last line."""
    indent = len(line) - len(line.lstrip())
    return indent >= block.text_column > 0 or continues(block.last_line, line)


def continues(previous: str, line: str, commas: bool = False) -> bool:
    """Whether `line` carries on the paragraph whose last line is `previous` (hard-wrapped text): it begins in lower
    case, or the line before it ends with a comma, a dash or a word such as "and" or "the", or with no punctuation in
    an enumeration whose lines end with commas (`commas`)."""
    previous, line = previous.rstrip(), line.strip()
    if not previous or not line or previous[-1] in TERMINAL or ADDRESS_LINE.match(line):
        return False
    if RULE_LINE.match(previous) or RULE_LINE.match(line) or SIGNATURE_DELIMITER.match(previous):
        return False  # a rule ends in dashes, but nothing reads on from it; nor from "--" over an e-mail's signature
    if "\t" in previous and "\t" in line:
        return False  # rows of a table apart by tabs: "Rwanda\t(to be confirmed)\t-" ends in a dash for an empty cell
    if len(WIDE_GAP.findall(line)) >= 2:
        return False  # "seit Juni 2008      Bund Revolutionärer Arbeiter      Deutschland": a row of columns, no prose
    if previous.endswith("),") and line[0].isupper():
        return False  # "… Union (Poland)," / "Portuguese …": names one a line, a comma after one of them
    if ROW_APART.search(previous) and (previous[-1] in "·•/" or line[0] == "("):
        return True  # "A · B ·" / "C · D", "A · B" / "(Britain) · C": a row of names wrapped over lines
    return line[0].islower() or previous[-1] in ",-–(" or commas or bool(FUNCTION_WORD_END.search(previous))


WRAPPED_SHARE = 0.8  # a line wrapped in a hard-wrapped run is at least this share of the run's widest line
WRAP_WIDTH = 110  # wider lines are paragraphs written on one line each, not wrapped
INNER_SEPARATOR = re.compile(r"[,;]\s+\S|\s[·•]\s+\S")  # a comma, a semicolon or a dot between names inside a line
PROSE_MARK = re.compile(r"[,;] |[.!?] +\S|,$")  # inside a line of running prose: a comma, a sentence that ends


def wrapped_prose(lines: list[Line]) -> set[int]:
    """The lines that carry on the line before them in a hard-wrapped paragraph: inside a run of lines with no blank
    line between them that reads as prose (lines up to WRAP_WIDTH long, of mostly lowercase words, with commas or
    full stops inside), every line after one that reaches at least half the run's width. A list of names one a
    line is no such run, nor are paragraphs written each on one long line."""
    joined: set[int] = set()
    run: list[int] = []
    for index in range(len(lines) + 1):
        line = lines[index].text.strip() if index < len(lines) else ""
        if line and (not LIST_ITEM.match(line) or run and cut_at_a_dash(lines[run[-1]].text.strip(), line)):
            run.append(index)
            continue
        texts = [lines[i].text.strip() for i in run]
        if len(run) >= 2 and (_reads_as_prose(texts) or _reads_as_wrapped_enumeration(texts)):
            width = max(len(t) for t in texts)
            joined.update(i for previous, i in zip(run, run[1:], strict=False) if len(lines[previous].text.strip()) * 2 >= width)
        run = []
    return joined


def _reads_as_prose(texts: list[str]) -> bool:
    words = sum(count_words(t) for t in texts)
    width = max(len(t) for t in texts)
    full = sum(1 for t in texts[:-1] if len(t) * 10 >= width * 7)  # a wrapped line fills most of the width
    return (55 <= width <= WRAP_WIDTH and words >= 15 and any(PROSE_MARK.search(t) for t in texts[:-1])
            and full * 10 >= (len(texts) - 1) * 8
            and any(count_words(t) >= 8 and title_case_share(t) < 0.5 for t in texts)
            and any(len(t) * 2 >= width and t[-1] not in TERMINAL for t in texts[:-1]))  # a full line cut mid-sentence


def _reads_as_wrapped_enumeration(texts: list[str]) -> bool:
    """'A (Ireland), B (Australia), C de' / 'D (Bolivia), Partido' / 'Obrero Socialista (Chile), …': names apart by
    commas, semicolons or dots, hard-wrapped, half the lines but the last at least with one inside them, and two lines
    at least cut inside a name (ending with 'de', 'of', 'des' or a dash, or followed by a line that opens with a
    parenthesis, a dash or a small letter), or one in lines set full to the same width."""
    texts = texts[1:] if texts[0].endswith(":") else texts  # "Aufrufende Organisationen:" over the names: their lead
    if len(texts) < 3 or sum(bool(INNER_SEPARATOR.search(t)) for t in texts[:-1]) * 2 < len(texts) - 1:
        return False
    pairs = zip(texts, texts[1:], strict=False)
    cut = sum(bool(FUNCTION_WORD_END.search(line)) or line.endswith(("–", "—")) or below.startswith(("(", "–", "—"))
              or below[:1].islower() for line, below in pairs)
    width = max(len(text) for text in texts)
    justified = width >= WRAP_WIDTH // 2 and all(len(text) * 10 >= width * 9 for text in texts[:-1])  # lines set full
    return cut >= 2 or cut >= 1 and justified


def cut_at_a_dash(previous: str, line: str) -> bool:
    """'… Partido Comunista Paraguayo' / '– Línea Proletaria; do Peru: …': a long line cut inside a name before the
    dash inside it, not an item of a list (the line above ends with no stop and no colon)."""
    return line[:1] in "–—" and len(previous) >= WRAP_WIDTH // 2 and previous[-1:] not in TERMINAL \
        and bool(INNER_SEPARATOR.search(line))


def page_edges(lines: list[Line], page_breaks: tuple[int, ...]) -> list[list[int]]:
    """For each page break among the lines, the last lines of the page before it and the first of the page after it
    (up to PAGE_EDGE non-blank lines each, from the break outward), as indexes of `lines`."""
    edges = []
    for at in page_breaks:
        foot = [i for i in range(len(lines) - 1, -1, -1) if lines[i].end <= at and lines[i].text.strip()][:PAGE_EDGE]
        head = [i for i in range(len(lines)) if lines[i].start > at and lines[i].text.strip()][:PAGE_EDGE]
        edges += [foot, head]
    return edges


def furniture_shape(text: str) -> str:
    """A line as a running head or foot repeats it from page to page: folded, its numbers made alike."""
    return DIGITS.sub("#", " ".join(fold(text).split()))


def page_furniture(lines: list[Line], page_breaks: tuple[int, ...], title: str) -> set[int]:
    """The lines a page prints around the text, at the edges of pages that page breaks divide (the head of the first
    page is the text's own): a page's number, a line repeated at the edge of another page (a running head or foot),
    or the document's title as a running head."""
    if not lines:
        return set()
    inside = tuple(at for at in page_breaks if lines[0].start <= at <= lines[-1].end)
    edges = page_edges(lines, (*inside, lines[-1].end))  # and the foot of the last page
    shapes = Counter(furniture_shape(lines[i].text) for i in {i for edge in edges for i in edge})
    furniture: set[int] = set()
    for edge in edges:
        for index in edge:  # from the page's edge inward, up to the first line of the text itself
            shape = furniture_shape(lines[index].text)
            if not (PAGE_NUMBER.search(lines[index].text) or shapes[shape] > 1 or shape == furniture_shape(title)
                    or set_apart_in_two(lines, index)):
                break
            furniture.add(index)
    return furniture


def set_apart_in_two(lines: list[Line], index: int) -> bool:
    """'Bulletin of the X          No. 12 – April 2024': a line in two parts far apart, a blank line on either side,
    as a page's head or foot is set (the row of a table has its neighbours close)."""
    def blank(at: int) -> bool:
        return at < 0 or at >= len(lines) or not lines[at].text.strip()
    return len(WIDE_GAP.findall(lines[index].text.strip())) == 1 and blank(index - 1) and blank(index + 1)


def blocks_of(text: str, start: int, end: int, page_breaks: tuple[int, ...] = (), title: str = "") -> list[Block]:
    """The paragraphs, headings and list items of text[start:end]; what pages print around it (`page_furniture`) is
    left out of them, and ends the block it stands in, as a blank line does."""
    blocks: list[Block] = []
    current: Block | None = None
    lines = lines_of(text, start, end)
    wrapped = wrapped_prose(lines)
    furniture = page_furniture(lines, page_breaks, title) if page_breaks else set()
    for number, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped or number in furniture:
            current = None
            continue
        indent = len(line.text) - len(line.text.lstrip())
        lead = line.start + indent
        if current is not None and number and current.end == lines[number - 1].end \
                and (continues_a_cell(lines[number - 1].text, line.text)  # "México     Partido …" / "    – Corriente …"
                     or current.kind == "paragraph" and continues_a_label(lines, number)):  # "Brasil: A; B" / "C"
            current.end, current.last_line = line.end, stripped
            current.lines += 1
            continue
        last = blocks[-1] if blocks else None  # "III. …" after "II.  …" and a blank line
        item = LIST_ITEM.match(line.text.lstrip()) or next_roman_item(current or last, line.text)
        if item and number in wrapped:
            item = None  # "– Línea Proletaria; do Peru: …": a wrapped line of a paragraph that goes on after a dash
        if item and item.group("marker") == "—" and not dashed_neighbour(lines, number):
            item = None  # "— Secretariado Internacional, X": a signature set after a dash, not a point of a list
        if item:
            marker = item.group("marker")
            current = Block(lead + item.end(), line.end, "list_item", marker, stripped, indent + item.end())
            blocks.append(current)
            continue
        if current is not None and current.kind == "list_item" and continues_item(current, line.text):
            current.end, current.last_line = line.end, stripped
            continue
        hanging = current is not None and indent >= current.text_column > 0  # "TO: NATIONAL …" / "    SECRETARIATS"
        # "Firman: A, Argentina; B – Chile;" / "C, México; …": a field whose items, apart by semicolons, run on
        hanging = hanging or current is not None and current.text_column > 0 and not HEADER_FIELD.match(stripped) \
            and (current.last_line.endswith(";") or text.count(";", current.start, current.end) >= 2)
        if current is not None and current.kind != "list_item" and (continues(current.last_line, stripped, current.commas)
                                                                     or number in wrapped or hanging
                                                                     or wraps_a_name(current, lines, number)):
            current.end, current.last_line = line.end, stripped
            current.commas = current.commas or stripped.endswith(",")
            current.lines += 1
            continue
        field = HEADER_FIELD.match(stripped)
        current = Block(lead, line.end, "paragraph", None, stripped, indent + field.end() if field else 0,
                        commas=stripped.endswith(","), indent=indent)
        blocks.append(current)
    return blocks


def continues_a_cell(row: str, line: str) -> bool:
    """Whether a line goes on with the last cell of the table row above it: set in exactly under that cell (after a
    first), with no gap of cells of its own."""
    gaps = list(WIDE_GAP.finditer(row))
    return bool(gaps) and indent_of(line) == gaps[-1].end() and not WIDE_GAP.search(line.strip())


def continues_a_label(lines: list[Line], number: int) -> bool:
    """Whether a line, with no label of its own, goes on with the labelled line above it in a run of labelled lines
    hard-wrapped ('Brasil: A; B' / 'C (MCR)' / 'Chile: D'): the line above is labelled, open and as wide as the run's
    widest, the line below labelled or none, and another line of the run labelled too."""
    above = lines[number - 1].text.strip()
    below = lines[number + 1].text.strip() if number + 1 < len(lines) else ""
    line = lines[number].text.strip()
    return bool(LABELLED_LINE.match(above)) and not LABELLED_LINE.match(line) and not line.endswith(":") \
        and above[-1] not in TERMINAL and (not below or bool(LABELLED_LINE.match(below))) \
        and wrapped_run_of_labels(run_around(lines, number), above)


def wrapped_run_of_labels(run: list[str], line: str) -> bool:
    """Whether a run holds two labelled lines at least, and `line` of it is as wide as its widest (hard-wrapped)."""
    return sum(bool(LABELLED_LINE.match(text)) for text in run) >= 2 \
        and len(line) >= WRAPPED_SHARE * max(len(text) for text in run)


def run_around(lines: list[Line], number: int) -> list[str]:
    """The lines, stripped, of the run of lines with no blank line between them that holds lines[number]."""
    first, last = number, number
    while first > 0 and lines[first - 1].text.strip():
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].text.strip():
        last += 1
    return [line.text.strip() for line in lines[first:last + 1]]


def dashed_neighbour(lines: list[Line], number: int) -> bool:
    """Whether the nearest line above or below lines[number] (across blank lines) begins with an em dash too."""
    for step in (-1, 1):
        index = number + step
        while 0 <= index < len(lines) and not lines[index].text.strip():
            index += step
        if 0 <= index < len(lines) and lines[index].text.lstrip().startswith("—"):
            return True
    return False


def next_roman_item(current: Block | None, line: str) -> re.Match | None:
    """'III. Cut …' as the item after 'II.  Close …', its text begun where theirs is."""
    if current is None or current.kind != "list_item" or not re.fullmatch(r"[IVXLC]{1,7}\.", current.marker or ""):
        return None
    item = NEXT_ROMAN_ITEM.match(line.lstrip())
    return item if item and indent_of(line) + item.end() == current.text_column else None


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip())


def wraps_a_name(block: Block, lines: list[Line], number: int) -> bool:
    """Whether lines[number] is the end of a name on the one line above, set under it with a hanging indent
    ('Hellenic Communist Renewal' / '   Movement (Greece)'): a few words, indented further than the name, which is
    no heading (no colon, not in capitals); the two inside a run of lines, and no other line near them set in (else
    they are a heading and its items: 'United Kingdom' / '   <its section>')."""
    line = lines[number].text
    following = lines[number + 1].text if number + 1 < len(lines) else ""
    before = lines[number - 2].text if number >= 2 else ""
    after = lines[number + 2].text if number + 2 < len(lines) else ""
    name = block.last_line
    set_in = [indent_of(near) > block.indent for near in (before, following, after) if near.strip()]
    return (block.lines == 1 and indent_of(line) >= block.indent + 2 and count_words(line) <= 4
            and bool(before.strip() or following.strip())
            and not any(set_in)  # the one line set in among lines that are not: no heading's items
            and count_words(name) >= 2 and name[-1] not in TERMINAL + ":" and not name.isupper()
            and not RULE_LINE.match(line) and not RULE_LINE.match(name))


@lru_cache(maxsize=WORDS_MEMO)
def title_case_share(text: str) -> float:
    """The share of the words of four letters or more that start with a capital."""
    words = [w for w in WORD.findall(text) if len(w) >= 4 and w[0].isalpha()]
    if not words:
        return 1.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def heading_like(text: str) -> bool:
    """Short, unpunctuated at the end, starting with a capital: the shape of a title or heading."""
    return (
        "\n" not in text and len(text) <= 120 and count_words(text) <= 14
        and text[-1] not in ".,;!" and (text[0].isupper() or text[0].isdigit())
    )


def is_body(block_text: str, kind: str) -> bool:
    return kind == "list_item" or count_words(block_text) >= BODY_WORDS


def passage_kind(text: str, kind: str, index: int, texts: list[tuple[str, str]], title: str, previous_kind: str | None,
                 underlined: bool = False) -> str:
    """title, heading, dateline, paragraph or list_item, judged from the block and the one after it."""
    if kind == "list_item":
        return kind
    if DATELINE.match(text):
        return "dateline"
    if MARKED_HEADING.match(text):
        return "heading"
    if index == 0 and (text.strip(" :") == title.strip() or heading_like(text) or count_words(text) <= 25 and text[-1] in "!?"):
        return "title"
    if not heading_like(text) or MENU_LINE.search(text):
        return "paragraph"
    if underlined:
        return "heading"
    if text.endswith(":"):
        return "heading" if title_case_share(text) >= 0.6 else "paragraph"
    previous = texts[index - 1] if index > 0 else None
    if previous and previous_kind == "paragraph" and heading_like(previous[0]) and not previous[0].endswith(":"):
        return "paragraph"  # one of a run of short lines: an address block or a list, not a heading
    if previous and WIDE_GAP.search(text) and WIDE_GAP.search(previous[0]):
        return "paragraph"  # a row of a table under another, one of them wrapped over two lines
    following = texts[index + 1] if index + 1 < len(texts) else None
    if following and is_body(*following) and (text.endswith("?") or title_case_share(text) >= 0.6):
        return "heading"
    return "paragraph"


def ruled(index: int, blocks: list[Block], text: str) -> bool:
    """Whether a line is underlined with a rule on the line below it ('Fraternal relations' over '-----'), or framed
    alone between two rules, as plain text marks a heading: not the last line of a masthead framed by rules, nor a
    line over the top of a frame round the next line, nor a site's menu or a page's number."""
    def adjacent(at: int) -> bool:  # blocks[at] and blocks[at + 1] are on consecutive lines
        return at >= 0 and at + 1 < len(blocks) and text.count("\n", blocks[at].end, blocks[at + 1].start) == 1

    def is_rule(at: int) -> bool:
        line = text[blocks[at].start:blocks[at].end]
        return bool(RULE_LINE.match(line)) and "|" not in line

    def rule_below(at: int) -> bool:
        return adjacent(at) and is_rule(at + 1)

    line = text[blocks[index].start:blocks[index].end]
    if not rule_below(index) or MENU_LINE.search(line) or PAGE_NUMBER.search(line):
        return False
    if index + 2 < len(blocks) and heading_like(text[blocks[index + 2].start:blocks[index + 2].end]) \
            and rule_below(index + 2):
        return False  # the rule below opens a frame round the next line
    above = index - 1
    while adjacent(above) and not is_rule(above):
        above -= 1  # the lines set close above it, up to a rule
    return not (adjacent(above) and is_rule(above) and above < index - 1)


def split_passages(source: Source, document: Document) -> list[Passage]:
    """The passages of a document in reading order, with the heading each stands under."""
    text = source.text
    blocks = blocks_of(text, document.start_char, document.end_char, source.page_breaks, document.title)
    texts = [(text[b.start:b.end], b.kind) for b in blocks]
    passages: list[Passage] = []
    heading = None
    for index, block in enumerate(blocks):
        body = texts[index][0]
        kind = passage_kind(body, block.kind, index, texts, document.title, passages[-1].kind if passages else None,
                            ruled(index, blocks, text))
        if kind == "heading":
            heading = MARKED_HEADING.sub("", body).rstrip(":").strip()
        passages.append(Passage(
            id=f"{document.id}-p{index + 1}", document_id=document.id, position=index + 1,
            heading=heading if kind not in ("title",) else None, kind=kind, text=body,
            start_char=block.start, end_char=block.end, marker=block.marker,
        ))
    return passages
