"""Lists found by their structure, before anyone asks what they list.

A block is a run of two or more items one a line: numbered or bulleted list items, short lines, or the rows of a
tab-separated table; blank lines between them do not matter. Lines inside a run that head the items below them
(EUROPE, "Sympathizing sections:", a country) are the block's headings, not items; the line just before a run that
introduces it ("The parties signing this statement:") is its lead. An enumeration inside a sentence after a lead
("Signed by: A, B and C.") is a block of its own.

Each item is then split into the names it holds and the place written apart from them: `Party, Country`,
`Party (Country)`, `Party – Country`, `Country: Party`, a Country column; `Party of Country` keeps its country
inside the name. What a block is (signatories, sections, addressees…) is decided by organizations.py.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..common.normalize import looks_like_abbreviation, stands_for
from ..common.records import NameFound, Passage
from ..read.split import LABELLED_LINE, PICTOGRAPH, RULE_LINE, count_words, strip_span, title_case_share
from ..registries.countries import CountryIndex
from ..registries.naming import Naming

MAX_ITEM_WORDS = 18
ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-[A-Z]")  # "al-Hizb al-Shuyu'i": a name that opens with an article
ORGANIZATION_NOUNS = re.compile(
    r"\b(?:part(?:y|ies|ido|ito|i|ei|ij|ia)|leagues?|liga|ligue|lega|groups?|grupo|groupe|committees?|comit[eé]|"
    r"movements?|movimiento|mouvement|movimento|platform|plataforma|piattaforma|union|uni[oó]n|unidad|federation|"
    r"federaci[oó]n|f[eé]d[eé]ration|front|frente|fraction|faction|fracci[oó]n|fra[cç][aã]o|organi[sz]ations?|"
    r"organizaci[oó]n|tendency|tendencia|current|corriente|courant|corrente|collective|colectivo|alliance|alianza|"
    r"association|asociaci[oó]n|network|red|r[eé]seau|conference|conferencia|international|internacional|"
    r"internationale|council|consejo|sindicato|syndicat|confederation|confederaci[oó]n|central|centrale|secretariat|"
    r"bureau|nucleus|n[uú]cleo|circle|c[ií]rculo|workers|trabajadores|trabalhadores|travailleurs|lavoratori|"
    r"communists|socialists|congress|assembly|coordination|coordinadora|bloc|bloque|association|society|youth|"
    r"juventud|jeunesse|students|association|action|acci[oó]n|a[cç][aã]o|azione|aktion|coalitions?|coalici[oó]n|"
    r"coaliz(?:ione|ão)|campaign|commissions?|comiss[aã]o|comisi[oó]n|commissione|kommission|coordinamento|cercle|"
    r"circolo|kreis|internazionale|ufficio|federazione|federa[cç][aã]o|unione|uni[aã]o|gruppo|fronte|alleanza|alian[cç]a|associazione|"
    r"associa[cç][aã]o|collettivo|coletivo|colectivo|tendenza|tend[eê]ncia|juventude|gioventù|giovanile|sindacato|"
    r"verbond|beweging|partij|bond)\b"
    # German names end compounds with the noun: "Arbeitergruppe", "Jugendbund", "Arbeiterföderation", "Initiative"
    r"|\b\w*(?:gruppen?|bund|partei|verband|kollektiv|zirkel|initiative|föderation|allianz|vereinigung|bewegung|komitee|"
    r"zelle|liga|union|front|jugend)\b",
    re.IGNORECASE,
)
# a line that names only a body of an organization, not the organization: "Central Committee", "Political Bureau"
_QUALIFIER = (r"(?:central|executive|national|political|international|permanent|coordinating|federal|general|standing|"
              r"regional|world|joint|provisional|extraordinary|enlarged|founding|first|second|third|fourth|fifth|sixth|"
              r"seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th|e|er|ème|º|°|\.)|[IVXL]+(?:e|er|ème|º|°)?|central|ejecutivo|ejecutiva|nacional|"
              r"internacional|pol[ií]tico|pol[ií]tica|politique|ex[eé]cutif|centrale?|nazionale|esecutivo|"
              r"internazionale|zentral|politisch\w*|nationale|nationales|nacionales|nazionali|internationale)")
BODY = re.compile(
    # the bodies of an organization, which sign for it: "Central Committee", "International Relations Bureau",
    # "Secretariado Internacional", "Bureau politique"
    rf"^(?:the\s+)?(?:(?:{_QUALIFIER}\s+)*(?:committee|council|commission|board|executive|congress|congr[eè]s|congreso|"
    rf"congresso|kongress|parteitag|plenum|plenary|"
    rf"plenary session|session|leadership|coordination|comit[eé]|comitato|consejo|conseil)"
    rf"|(?:[\w'’-]+\s+){{0,3}}(?:bureau|secretariat|presidium|politburo|department|office|secretary|secretary-general|"
    rf"spokesperson|press office|secretariado|secretar[ií]a|secr[eé]tariat|segreteria|bur[oó]|direcci[oó]n|direction|"
    rf"dire[cç][aã]o|direzione|vorstand|parteivorstand|bundesvorstand|leitung|bundesleitung|zentralkomitee|pr[aä]sidium|"
    rf"departamento|d[ée]partement|dipartimento|abteilung))"
    rf"(?:\s+{_QUALIFIER})*(?:\s+of\s+coordination)?"
    # "Secretariado de Relaciones Internacionales", "Departamento de Relações Internacionais", "Secrétariat aux relations …"
    rf"(?:\s+(?:de|of|for|des|aux|dei|per\s+le|für|del|do|da)\s+(?:las\s+|the\s+)?(?:relaciones|rela[çc][õo]es|relations|"
    rf"relazioni|beziehungen)\s+(?:internacionales|internacionais|internationales|internazionali|internationale|"
    rf"exteriores|ext[ée]rieures|international|external|foreign))?$",
    re.IGNORECASE,
)
# "comrades of the", "compañeros del": people of an organization, who stand for it in a list or a letter's head
_PEOPLE_OF = (r"(?:(?:comrades|members|delegates|participants|militants|leadership|leaders|friends)\s+(?:of|in|at)"
              r"|(?:compañer[oa]s|camaradas|companheir[oa]s|compagni|camarades|genoss(?:en|innen)|militantes|delegad[oa]s)"
              r"\s+(?:del|de\s+la|de\s+los|de|do|da|dos|das|du|des|della|dei|der|von))")
PEOPLE_OF = re.compile(rf"(?:the\s+)?{_PEOPLE_OF}\s+(?:the\s+)?", re.IGNORECASE)
# "the comrades of the X", "the Central Committee of the X": who in X is addressed or signs, before X's name
BODY_OF = re.compile(
    rf"(?:the\s+)?(?:{_PEOPLE_OF}"
    r"|(?P<body>(?:\S+\s+){0,3}?\S+)\s+(?P<of>of|du|de\s+la|de\s+l['’]|des|del|de\s+los|de\s+las|de|do|da|dos|das|"
    r"della|dello|dell['’]|dei|degli|del|der|des))(?:\s+(?:the\s+)?|(?<=['’]))(?=\S)", re.IGNORECASE)
# a descriptor written after a name: "ABC-Unidos trade union federation", "the XKP party"
DESCRIPTOR = re.compile(r"(?:\s+(?:trade|labour|labor|workers'?|students'?|youth|political|revolutionary|left|"
                        r"party|parties|union|unions|federation|confederation|organi[sz]ation|group|movement|network|"
                        r"committee|league|front|association|coalition))+$")
STATUS_NOTE = re.compile(r"[(\[](?P<status>sympathi[sz]\w*|observers?|candidates?|fraternal|official|full|associate)"
                         r"(?:\s+(?:sections?|members?|organi[sz]ations?|groups?|parties|party))?[)\]]", re.IGNORECASE)
STATUS_PREFIX = re.compile(r"(?:as\s+)?(?:an?\s+)?(?P<status>observers?|guests?|fraternal delegates?|invited|sympathi[sz]ers?)"
                           r"\s*:\s*", re.IGNORECASE)
STATUS_WORDS_IN_PREFIX = {"observer": "observer", "guest": "guest", "fraternal delegate": "fraternal",
                          "invited": "guest", "sympathizer": "sympathizing", "sympathiser": "sympathizing"}
MARKS = "*†‡°¹²³⁴⁵⁶⁷⁸⁹"  # what marks a name for a note elsewhere in the text ('* sympathizing section', '° observer')
STARS = " \t" + MARKS
REMARK_CELL = re.compile(r"^\((?-i:[a-z])[^()]*\)$")  # "(awaiting confirmation)": a cell of a table that is a remark
REMARK = re.compile(r"\s+[—–]\s+(?=[a-z])[^—–\n]{1,40}$")  # "X (OWRI) — in exile": a remark in lower case after a dash
YEAR = re.compile(r"(?<![\w-])(?:1[89]|20)\d\d(?![\w-])")
CELL_GAP = re.compile(r"\t+|(?<=\S) {3,}(?=\S)")  # between the cells of a table, or of names set in columns
TABLE_GAP = re.compile(r"\t+|(?<=\S) {2,}(?=\S)")  # between the cells of a table under a head row: two spaces do
PIPE = re.compile(r"\s*\|\s*")  # between the cells of a table drawn with pipes: | Country | Organization |
LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)/]?|\(?(?:[IVXLC]{1,7}|[ivxlc]{1,7})[.)]")  # a cell that numbers its row
# "LOR — ": an abbreviation and a dash before the name it stands for
LEADING_ABBREVIATION = re.compile(r"(?P<abbreviation>[^\s—–-]{2,12}(?:-[^\s—–-]{1,6})?)\s+[—–-]\s+(?=\S)")
BRACKET_NOTE = re.compile(r"\s*\[[^\[\]\n]{1,30}\]\s*$")  # "[NEW]", "[2]", "[added 14 March]" after an entry
TRAILING_ABBREVIATION = re.compile(r"\s+[—–-]\s+(?P<abbreviation>[^\s—–-]{2,12}(?:-[^\s—–-]{1,6})?)$")  # "X - FLTB"
DITTO = re.compile(r'^(?:["“”〃]|do\.?|ditto|id\.?|idem)$', re.IGNORECASE)  # the same as the row above
# the words that head a table's columns, and what the cells below them hold
COLUMN_ROLES = {
    **dict.fromkeys(["country", "countries", "state", "nation", "país", "pais", "pays", "paese", "land"], "place"),
    **dict.fromkeys(["organization", "organisation", "organizations", "organisations", "organización", "organisation",
                     "party", "parties", "partido", "parti", "partito", "partei", "name", "section", "group",
                     "signatory", "signatories", "union", "trade union", "centre", "center", "national centre",
                     "member", "members", "member organization", "member organisation",
                     "sección", "seccion", "secção", "seção", "sezione", "sektion", "organização", "organizzazione",
                     "groupe", "grupo", "gruppo", "gruppe", "membre", "miembro", "membro", "mitglied"], "name"),
    **dict.fromkeys(["status", "membership", "affiliation", "statut", "estatus", "estado", "estatuto", "stato",
                     "condición", "condição"], "status"),
    **dict.fromkeys(["no", "no.", "nr", "nr.", "n°", "#", "number", "delegates", "votes", "mandates", "seats",
                     "founded", "since", "year", "city", "region", "continent", "website", "web", "notes", "note",
                     "remarks", "address", "contact", "abbreviation", "abbr", "abbr.",
                     # what a section publishes: "Country | Section | Publication | Status"
                     "publication", "publications", "newspaper", "paper", "journal", "periodical", "organ", "press",
                     "magazine", "publicación", "periódico", "órgano", "revista", "jornal", "zeitung", "giornale"], "other"),
}
OF_PLACE = re.compile(r"(?:^|\s),?\s*(?:of|in|from|de|en|du|da|do|del|della|für)\s+(?:the\s+|la\s+|el\s+|le\s+)?(?=\S)",
                      re.IGNORECASE)
SEPARATORS = re.compile(r"\s+&\s+|\s*;\s+|\s+[·•]\s+|\s+/\s+(?=[A-Z(])|\s+and\s+(?=[A-Z(])|\s+y\s+(?=[A-Z])|\s+et\s+(?=[A-Z])"
                        r"|\s+e\s+(?=[A-Z])")
ALWAYS_APART = {"&", ";", "·", "•"}  # separators between two names whatever they look like
INLINE_SEPARATORS = re.compile(r"\s*,?\s+as\s+well\s+as\s+|\s*,\s+(?:(?:and|y|e|et|und)\s+|&\s+)?|\s*;\s+"
                               r"|\s+and\s+(?=(?:the\s+)?[A-Z(])|\s+&\s+|\s+[·•]\s+"
                               # "… e la Federazione …", "… y el Partido …", "… et le Parti …": "and", then the article of
                               # the next name (not the "e" inside "Partido Operário e Camponês")
                               r"|\s+(?:e|y|et|und)\s+(?=(?:la|il|lo|l['’]|i|gli|le|les|el|los|las|o|a|os|as|die|der|das)"
                               r"\s*[A-ZÀ-ÖØ-Þ])")
# "… · and others", "y otras organizaciones", "and 14 other organizations": the end of a list, no name
AND_OTHERS = re.compile(r"^(?:(?:and|y|et|e|und)\s+)?(?:(?:many|\d+)\s+)?(?:others?|otr[oa]s|autres|outr[oa]s|altr[ie]|"
                        r"andere|more|etc)\b", re.IGNORECASE)
FROM_PLACE = re.compile(r"^(?:de|from|of|du|da|do|aus|di|del)\s+(?:the\s+)?(?P<place>[^,()]{2,40})$")  # ", from Ghana"
# "the", and in a sentence of another language "la", "il", "l'", "die" before a name in capitals: no part of the name
ARTICLE_BEFORE_NAME = re.compile(r"^(?:the|The|THE)\s+(?=\S)|^(?:la|il|lo|el|los|las|le|les|gli|o|a|os|as|die|der|das)\s+"
                                 r"(?=[A-ZÀ-ÖØ-Þ])|^[lL]['’](?=[A-ZÀ-ÖØ-Þ])")


@dataclass(frozen=True)
class Item:
    """One item of a block: passage.text[start:end], its marker left out."""

    passage: Passage
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]


@dataclass(frozen=True)
class Block:
    items: tuple[Item, ...]
    lead: Passage | None  # the line that introduces the list, if one does
    headings: tuple[tuple[int, Passage], ...]  # (index of the first item it heads, the heading)
    first: int  # index in the document's passages of the block's first item or heading
    last: int  # and of its last
    inline: bool = False  # an enumeration inside a sentence


@dataclass(frozen=True)
class Name:
    """A name an item holds: passage.text[start:end], and what the item says of it."""

    passage: Passage
    start: int
    end: int
    country: str | None  # ISO code, from a place written apart or in the name; None: not said
    apart: bool = False  # the country was written apart from the name
    same_as_above: bool = False  # an empty place cell: the place of the row above
    starred: str = ""  # the mark after or before it, an asterisk or the like, explained by a note elsewhere ("": none)
    status: str | None = None  # from a note in the item: (sympathizing), (observer)

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]


@dataclass(frozen=True)
class Columns:
    """What the columns of a table hold, from its head row: 'Country | Organization | Status'."""

    roles: tuple[str, ...]  # place, name, status or other, column by column
    starts: tuple[int, ...]  # where each column's head begins in its line (for columns aligned with spaces)
    piped: bool  # cells between pipes, counted in order


# ---------------------------------------------------------------- lines

def one_line(passage: Passage) -> bool:
    return "\n" not in passage.text.strip()


def is_wrapped_name(passage: Passage) -> bool:
    """A name on two lines, the second set in under the first: 'Hellenic Communist Renewal' / '   Movement (Greece)'."""
    first, newline, second = passage.text.strip().partition("\n")
    return (bool(newline) and "\n" not in second and second[:2].isspace() and count_words(second) <= 4
            and not first.isupper() and count_words(first + " " + second) <= MAX_ITEM_WORDS)


def is_wrapped_label(passage: Passage) -> bool:
    """'Brasil: A (PRO); Movimento Comunista' / 'Revolucionário (MCR)': a labelled line of names wrapped onto a
    second, which the split joined to it."""
    first, newline, second = passage.text.strip().partition("\n")
    return bool(newline) and "\n" not in second and bool(LABELLED_LINE.match(first)) \
        and count_words(passage.text) <= 2 * MAX_ITEM_WORDS and passage.text.rstrip()[-1:] not in "!?:"


def is_tab_row(passage: Passage) -> bool:
    return "\t" in passage.text.strip(" \t") and one_line(passage)


def is_lead(passage: Passage) -> bool:
    """A line that introduces what follows: it ends with a colon."""
    return passage.text.rstrip().endswith(":") and passage.kind != "list_item"


def is_short_line(passage: Passage) -> bool:
    """A line that could be an item: short, on one line, not a sentence that ends in ! or ?."""
    text = passage.text.strip()
    if passage.kind in ("title", "dateline") or not text:
        return False
    if is_wrapped_label(passage):
        return True
    if not (one_line(passage) or is_wrapped_name(passage)):
        return False
    if is_tab_row(passage) or is_row_of_names(text):
        return True
    return count_words(text) <= MAX_ITEM_WORDS and text[-1] not in "!?:" and not (text.endswith(".") and sentence_like(text))


ROW_LABEL = re.compile(r"^[^:\n]{1,60}:\s+(?=\S)")  # "Received after 31 October: A / B / C": a label before a row
DOTS_APART = re.compile(r"\s+[·•]\s+")  # 'Workers' League of Ruritania · XPL (Cyprus)'
DASHES_APART = re.compile(r"\s+[–—]\s+")  # 'PTSR (Argentina) – LOI (Chile) – MSR (Bolivia)': two or more make a row
SLASHES_APART = re.compile(r"\s+/\s+")  # 'A / B / C'


def dashed_row(text: str) -> bool:
    """'A (Argentina) – B (Chile) – C': names apart by two dashes or more, two of them at least with their place
    (not 'México – A – B', a country and a name with a dash in it)."""
    pieces = DASHES_APART.split(text)
    return len(pieces) >= 3 and sum(piece.rstrip(" .;,").endswith(")") for piece in pieces) >= 2


def is_row_of_names(text: str) -> bool:
    """A line of short pieces apart by middle dots or bullets ('Workers' League of Ruritania · XPL (Cyprus) · …'), or
    three or more apart by slashes, perhaps after a label that ends with a colon."""
    if text.count(" / ") < 2 and not DOTS_APART.search(text) and not dashed_row(text):
        return False  # no row: the quick test of most lines
    label = ROW_LABEL.match(text)
    row = text[label.end():] if label and count_words(label.group()) <= 6 else text
    pieces = DOTS_APART.split(row)
    if len(pieces) < 2:
        pieces = SLASHES_APART.split(row) if row.count(" / ") >= 2 else []
    if len(pieces) < 2:
        pieces = DASHES_APART.split(row) if dashed_row(row) else []
    return len(pieces) >= 2 and all(0 < count_words(piece) <= MAX_ITEM_WORDS and not sentence_like(piece)
                                    for piece in pieces)


def sentence_like(text: str) -> bool:
    """Words of running prose rather than a name: few capitals, or a verb-like shape of many lowercase words."""
    return count_words(text) > 6 and title_case_share(re.sub(r"\([^()]*\)", "", text)) < 0.5


def is_inner_heading(passage: Passage) -> bool:
    """A line heading the items below it inside a block: a heading, a line in capitals, or one ending with a colon."""
    text = passage.text.strip()
    if not one_line(passage) or not text or passage.kind == "list_item" and not text.endswith(":"):
        return False
    if passage.kind == "heading" or text.endswith(":"):
        return True
    return len(text) <= 120 and count_words(text) <= 4 and text.isupper()  # a line in capitals


LEADER = r"(?:\s*(?:\.\s?){3,}\s*|\s*…+\s*)"  # dots that lead the eye from a name to its place: "Kenya ........ X"
NAME_PLACE_JOINT = re.compile(r"\s[—–-]\s|:\s|\t")  # between a name and its place: "XPL — CYPRUS", "Chile: X"


def like_its_neighbours(passages: list[Passage], index: int) -> bool:
    """'XPL — CYPRUS' between 'X — GREECE' and 'Y — ISRAEL': a line in capitals that is an item like the lines
    around it, joined to its place as they are, not a heading."""
    text = passages[index].text.strip()
    joint = NAME_PLACE_JOINT.search(text)
    if joint is None or text.endswith(":") or not 0 < index < len(passages) - 1:
        return False
    return all(joint.group() in passages[near].text and one_line(passages[near]) for near in (index - 1, index + 1))


def is_item_line(passage: Passage) -> bool:
    return passage.kind == "list_item" or is_short_line(passage)


# ---------------------------------------------------------------- blocks of lines

def find_blocks(passages: list[Passage]) -> list[Block]:
    """Runs of two or more items one a line, with the headings inside them and the lead before them."""
    shapes = LineShapes([is_item_line(p) for p in passages], [is_inner_heading(p) for p in passages])
    blocks: list[Block] = []
    index = 0
    while index < len(passages):
        block, index = _block_at(passages, index, shapes)
        if block:
            blocks.append(block)
    return blocks


class LineShapes(NamedTuple):
    """Of each passage of a document, worked out once: whether it may be an item, whether it may head items."""

    item: list[bool]  # is_item_line()
    heading: list[bool]  # is_inner_heading()


def _block_at(passages: list[Passage], start: int, shapes: LineShapes) -> tuple[Block | None, int]:
    """The block that begins at passages[start] (None if none does), and where to look next."""
    items: list[Item] = []
    headings: list[tuple[int, Passage]] = []
    index, last = start, start - 1
    while index < len(passages):
        passage = passages[index]
        following = index + 1 < len(passages)
        heading_here = shapes.heading[index] and following and shapes.item[index + 1] \
            and not shapes.heading[index + 1] and not like_its_neighbours(passages, index)
        if heading_here and (items or passage.kind != "list_item"):
            headings.append((len(items), passage))
        elif shapes.item[index] and not (is_lead(passage) and not items):
            items.append(item_of(passage))
        else:
            break
        last = index
        index += 1
    if len(items) < 2 and not (items and headings):
        return None, max(start + 1, index if index > start else start + 1)
    lead = None
    if start > 0 and is_lead(passages[start - 1]):  # "Signatories:" above, then perhaps a first country heading
        lead = passages[start - 1]
    elif headings and headings[0][0] == 0:
        lead = headings[0][1]
    elif start > 0 and passages[start - 1].kind == "heading":
        lead = passages[start - 1]
    return Block(tuple(items), lead, tuple(headings), start, last), last + 1


def item_of(passage: Passage) -> Item:
    text = passage.text
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Item(passage, start, end)


# ---------------------------------------------------------------- enumerations inside a sentence

def after_its_place(before: str, piece: str) -> bool:
    """'A (Brazil), Izquierda Obrera (Spanish State)': after a name closed by its place in parentheses, a piece
    in capitals with its own place is a name of its own, whatever its words."""
    return before.rstrip().endswith(")") and piece.rstrip().endswith(")") and opens_like_a_name(piece) \
        and count_words(piece.split("(")[0]) >= 2


def enumeration(passage: Passage, start: int, countries: CountryIndex, naming: Naming,
                stop: int | None = None) -> list[tuple[Item, str]]:
    """The items of 'A, B (Country), C of Bohemia and Moravia, and the D.' from `start` to the end of the sentence,
    leaving out a clause in lowercase words after a comma.

    Commas and "and" separate items, except where what they separate is no name on its own: a country after a
    comma is the place of the item before it; a piece after "and" or a comma that does not look like an
    organization (Moravia, Montenegro) belongs to the name before it. Each item comes with the separator after it
    (", ", " and ", "" at the end)."""
    text = passage.text
    stop = sentence_end(text, start) if stop is None else stop
    pieces: list[list] = []  # [start, end, separator after it] of each item, growing as pieces are joined
    cursor = start
    after_clause = False  # the piece before this one was a clause left out, not the end of the last item
    for separator in [*INLINE_SEPARATORS.finditer(text, start, stop), None]:
        if separator and text.count("(", cursor, separator.start()) > text.count(")", cursor, separator.start()):
            continue  # "Liga X (Uruguay, con un saludo)": a comma inside parentheses parts no names
        piece_end = separator.start() if separator else stop
        piece = PEOPLE_OF.sub("", ARTICLE_BEFORE_NAME.sub("", text[cursor:piece_end].strip()), count=1)  # "compañeros del X"
        joiner = separator.group() if separator else ""
        first_half = bool(pieces) and not after_clause and pieces[-1][2].strip() == "and" \
            and half_a_name(text[pieces[-1][0]:pieces[-1][1]], countries, naming)
        after_clause = False
        if pieces and (from_place := FROM_PLACE.match(piece)) and countries.place_code(from_place.group("place")):
            pieces[-1][1], pieces[-1][2] = piece_end, joiner  # "X, de São Tomé e Príncipe": the place of X
        elif pieces and (piece[:1].islower() and count_words(piece) >= 3 or AND_OTHERS.match(piece)):
            pieces[-1][2] = joiner  # ", all of them headed by …": a clause of the sentence, no part of a name
            after_clause = True
        elif pieces and piece and pieces[-1][2].strip() != ";" and not after_its_place(text[pieces[-1][0]:pieces[-1][1]], piece) \
                and (not looks_like_organization(piece, countries, naming) or first_half):  # ";" always parts names
            pieces[-1][1], pieces[-1][2] = piece_end, joiner  # a place, or a part of the name before it ("Rank and File")
        elif piece:
            pieces.append([cursor, piece_end, joiner])
        if separator:
            cursor = separator.end()
    return [(Item(passage, a, b), joiner) for a, b, joiner in pieces if b > a]


def half_a_name(text: str, countries: CountryIndex, naming: Naming) -> bool:
    """'Dockers' Rank' before 'and File Network': words in capitals that are no organization, no place and no
    abbreviation by themselves."""
    text = ARTICLE_BEFORE_NAME.sub("", text.strip())
    return (count_words(text) >= 2 and title_case_share(text) == 1.0 and not countries.place_code(text)
            and country_in_name(text, countries) is None and not looks_like_organization(text, countries, naming))


def sentence_end(text: str, start: int) -> int:
    """Where the sentence that runs on from `start` ends: at a full stop before a capital, at a relative clause
    (', which hosted …'), or at the end."""
    stop = re.compile(r"[.!?](?=\s+[A-Z“\"(]|\s*$)|\n\s*\n|,\s+(?:which|who|whose|that|while|whereas)\b")
    for match in stop.finditer(text, start):
        before = text[max(start, match.start() - 4):match.start() + 1]
        if re.search(r"(?:\b[A-Z]\.|\b(?:No|St|Mt|Dr|Co|Ltd)\.)$", before):
            continue  # U.S. or No. 5: not the end of the sentence
        return match.start()
    return len(text)


# ---------------------------------------------------------------- tables

def is_rule_line(text: str) -> bool:
    return bool(RULE_LINE.match(text))


def cell_spans(text: str, start: int, end: int, gap: re.Pattern = CELL_GAP) -> list[tuple[int, int]]:
    """The cells of a table row in text[start:end]: between pipes, or apart by tabs or three spaces (`gap`)."""
    body = text[start:end]
    piped = body.count("|") >= 2 or body.strip().startswith("|")
    gap = PIPE if piped else gap
    cells, cursor = [], start
    for match in [*gap.finditer(text, start, end), None]:
        stop = match.start() if match else end
        cells.append((cursor, stop))
        cursor = match.end() if match else end
    if piped:  # the pipes that open and close the row leave empty cells at its ends
        cells = cells[1:] if cells and cells[0][0] == cells[0][1] else cells
        cells = cells[:-1] if cells and cells[-1][0] == cells[-1][1] else cells
    return cells


def table_columns(item: Item) -> Columns | None:
    """The columns a table's head row names ('No.  Organization  Country'), or None if the item is no head row: at
    least two cells, every one a word that heads columns, one of them the name's."""
    text = item.passage.text
    cells = cell_spans(text, item.start, item.end, TABLE_GAP)
    roles = [COLUMN_ROLES.get(re.sub(r"\s+", " ", text[a:b].strip(" *:").lower())) for a, b in cells]
    if len(cells) < 2 or None in roles or "name" not in roles:
        return None
    line_start = text.rfind("\n", 0, item.start) + 1
    piped = text[item.start:item.end].count("|") >= 2
    return Columns(tuple(role for role in roles if role), tuple(a - line_start for a, _ in cells), piped)


def column_of(cell_start: int, index: int, columns: Columns) -> int:
    """The column a cell is in, by where it begins under the heads."""
    before = [n for n, head in enumerate(columns.starts) if head <= cell_start + 2]
    return before[-1] if before else 0


def aligned_cells(text: str, line_start: int, item: Item, columns: Columns) -> list[tuple[int, int]]:
    """The cells of a row aligned under its heads with spaces: cut where a head's column begins after a space (so
    that two spaces between cells are enough), and where three spaces or a tab part two cells."""
    cuts = {line_start + head for head in columns.starts[1:]
            if item.start < line_start + head < item.end and text[line_start + head - 1].isspace()}
    cuts |= {gap.end() for gap in TABLE_GAP.finditer(text, item.start, item.end)}
    cells, cursor = [], item.start
    for cut in sorted(cuts) + [item.end]:
        a, b = strip_span(text, cursor, cut)
        if b > a:
            cells.append((a, b))
        cursor = cut
    return cells


def names_by_columns(item: Item, columns: Columns, countries: CountryIndex) -> list[Name]:
    """The name of a table row under its head: the cell under the name's head, its country from the cell under the
    place's (a ditto mark or an empty cell: the row above's), its status from the cell under the status's."""
    text = item.passage.text
    line_start = text.rfind("\n", 0, item.start) + 1
    cells: dict[str, tuple[int, int]] = {}
    numbered = item.passage.marker is not None  # "1/   Name   Country": the marker was the first column's cell
    tabbed = "\t" in text[item.start:item.end]  # cells apart by tabs, which a head row's offsets do not align
    if columns.piped or numbered or tabbed:
        roles = columns.roles[1:] if numbered and columns.roles[0] == "other" and len(columns.roles) > 2 else columns.roles
        spans = cell_spans(text, item.start, item.end, TABLE_GAP)
        placed = [(span, roles[min(index, len(roles) - 1)]) for index, span in enumerate(spans)]
    else:
        placed = [(span, columns.roles[column_of(span[0] - line_start, index, columns)])
                  for index, span in enumerate(aligned_cells(text, line_start, item, columns))]
    for (a, b), role in placed:
        if role not in cells and text[a:b].strip():
            cells[role] = (a, b)
    if "name" not in cells:
        return []
    if REMARK_CELL.match(text[slice(*cells["name"])].strip()):
        return []  # "| (list remains open for signatures) |": a row that names no one
    a, b = trim_name(text, *cells["name"])
    starred = marks_of(text[cells["name"][0]:cells["name"][1]])
    status = text[slice(*cells["status"])].strip() if "status" in cells else None
    note = trailing_note(text, a, b) if status is None else None
    if note and text[a:note.start()].strip():  # "Socialist Workers' Circle (observer)" in its cell
        status, (a, b) = note.group("status").lower(), trim_name(text, a, note.start())
    place = text[slice(*cells["place"])].strip(" ()") if "place" in cells else ""
    if "place" in columns.roles and (not place or DITTO.match(place)):
        return [Name(item.passage, a, b, None, False, True, starred, status)]
    code = countries.place_code(place) if place else None
    if code is None and "place" not in columns.roles:
        code = country_in_name(text[a:b], countries)
    return [Name(item.passage, a, b, code, code is not None, False, starred, status)]


# ---------------------------------------------------------------- names and places in an item

def names_of(item: Item, countries: CountryIndex, naming: Naming, cells: int = 0, prose: bool = False) -> list[Name]:
    """The names an item holds, each with its country, and whether it carries a star or a status note. `cells`: in
    a table, how many cells its widest row has; `prose`: the item is part of a sentence, where 'in X' and 'from X'
    after a name say where it is."""
    passage, text = item.passage, item.passage.text
    start, end = item.start, item.end
    starred = ""
    while start < end and text[start] in STARS:
        starred += text[start] if text[start] in MARKS else ""
        start += 1
    while end > start and text[end - 1] in STARS + ".,;:":
        starred = (text[end - 1] if text[end - 1] in MARKS else "") + starred  # "(Costa Rica)**": the run of marks
        end -= 1
    start = signed_for(text, start, end, countries, naming) or start  # "Name, office, X (Country)": X signs
    status = None
    prefix = STATUS_PREFIX.match(text, start, end)
    if prefix:  # "As observer: Britain: Young Communist League"
        status, start = STATUS_WORDS_IN_PREFIX.get(prefix.group("status").lower().rstrip("s")), prefix.end()
    note = trailing_note(text, start, end)
    if note:
        status, end = note.group("status").lower(), note.start()
        while end > start and text[end - 1] in " \t," + MARKS:
            starred = (text[end - 1] if text[end - 1] in MARKS else "") + starred
            end -= 1
    bracket = BRACKET_NOTE.search(text, start, end)
    if bracket and bracket.start() > start:  # "X (Belgium) [NEW]", "X [2]": a note after the entry, no part of it
        end = bracket.start()
    if CELL_GAP.search(text, start, end) or cells > 1:
        return _row_names(passage, start, end, countries, naming, starred, status, cells)
    start = after_body(text, start, end)
    if is_row_of_names(text[start:end]):  # each name of the row has its own place, the label none but a place
        label = ROW_LABEL.match(text, start, end)
        country = countries.place_code(label.group().strip(" \t:")) if label else None
        name_start, name_end, apart = label.end() if label else start, end, country is not None
    elif (apart_by_commas := names_after_a_place(text, start, end, countries, naming)) is not None:
        code, spans = apart_by_commas  # "Deutschland: A, B": the place's, each name
        return [name for a, b in spans
                for name in pieces_named(passage, a, b, (code, True), countries, naming, starred, status, prose)]
    else:
        country, name_start, name_end, apart = place_apart(text, start, end, countries, prose)
        note = trailing_note(text, name_start, name_end) if status is None else None
        if note:  # "X (observer) ...... Country"
            status, name_end = note.group("status").lower(), note.start()
        remark = REMARK.search(text, name_start, name_end)
        name_end = remark.start() if remark else name_end
    return pieces_named(passage, name_start, name_end, (country, apart), countries, naming, starred, status, prose)


COMMA_APART = re.compile(r",\s+")


def names_after_a_place(text: str, start: int, end: int, countries: CountryIndex,
                        naming: Naming) -> tuple[str, list[tuple[int, int]]] | None:
    """'Deutschland: A, B': the place a label names, and the spans of the names after it apart by commas, when each
    is capitalized and one at least looks like an organization (None when the item is no such row)."""
    label = ROW_LABEL.match(text, start, end)
    code = countries.place_code(label.group().strip(" \t:")) if label else None
    if label is None or code is None or "," not in text[label.end():end]:
        return None
    commas = list(COMMA_APART.finditer(text, label.end(), end))
    spans = list(zip([label.end(), *(comma.end() for comma in commas)], [*(comma.start() for comma in commas), end],
                     strict=True))
    pieces = [text[a:b].strip() for a, b in spans]
    if len(pieces) < 2 or not all(count_words(piece) >= 2 and title_case_share(piece) >= 0.5 for piece in pieces) \
            or not any(looks_like_organization(piece, countries, naming) for piece in pieces):
        return None  # "Deutschland: Sozialistische Arbeitergruppe, Kommunistischer Bund …"
    return code, spans


def pieces_named(passage: Passage, start: int, end: int, place: tuple[str | None, bool], countries: CountryIndex,
                 naming: Naming, starred: str, status: str | None, prose: bool) -> list[Name]:
    """The names of text[start:end], split where several are written together, each with its place: its own, or
    `place` (the item's country, and whether it is written apart from the names)."""
    text, (country, apart) = passage.text, place
    found = []
    pieces = split_names(text, start, end, countries, naming)
    for a, b in pieces:
        marked = starred or mark_in(text[a:b].strip(" \t")[:1] + text[a:b].strip(" \t")[-1:])
        code, own = (country, apart)
        if len(pieces) > 1:  # "XPL (Cyprus) · YPE (Spain)", "A (Malta); B (Indonesia)": each name with its own place
            own_code, own_a, own_b, own_place = place_apart(text, a, b, countries, prose)
            if not apart or own_place and own_code:
                code, a, b, own = own_code, own_a, own_b, own_place
        a, b = trim_name(text, a, b)
        a, b = trim_name(text, a, without_descriptor(text, a, b))
        if b - a < 2:
            continue
        code = code if own else country_in_name(text[a:b], countries)
        found.append(Name(passage, a, b, code, own and code is not None, False, marked, status))
    return found


def _row_names(passage: Passage, start: int, end: int, countries: CountryIndex, naming: Naming, starred: str,
               status: str | None, width: int) -> list[Name]:
    """A row of a table, or of names set in columns: a cell that is a place is the row's country; the others that are
    no number are names (one, in a table with a Country column; several, in columns of names). A row whose place cell
    is empty (or missing, in a row narrower than the widest) has the place of the row above."""
    text = passage.text
    cells, cursor = [], start
    for match in [*CELL_GAP.finditer(text, start, end), None]:
        stop = match.start() if match else end
        cells.append((cursor, stop))
        cursor = match.end() if match else end
    names: list[tuple[int, int]] = []
    country, empty_place = None, False
    for a, b in cells:
        cell = text[a:b].strip(" .*")
        note = trailing_note(text, a, b)
        if note and text[a:note.start()].strip():  # "Socialist Workers' Circle (observer)"
            status, b = status or note.group("status").lower(), note.start()
        if REMARK_CELL.match(cell) or YEAR.search(cell) and not ORGANIZATION_NOUNS.search(cell) and names == [] \
                and cell[:1].islower():
            continue  # "(awaiting confirmation)", "seit Juni 2008": a remark or a date in a row, no name
        if not cell:
            empty_place = empty_place or bool(names)
        elif countries.place_code(cell):
            country = country or countries.place_code(cell)
        elif not LIST_NUMBER.fullmatch(cell):
            names.append(trim_name(text, a, b))
    if not names:
        return []
    if len(names) > 1 and country is None:  # columns of names: each as a name of a list
        return [found for a, b in names for found in names_of(Item(passage, a, b), countries, naming)]
    empty_place = empty_place or len(cells) < width
    (a, b), *_ = names
    if country is None and not empty_place:
        return [Name(passage, a, b, country_in_name(text[a:b], countries), False, False, starred, status)]
    return [Name(passage, a, b, country, country is not None, country is None, starred, status)]


def after_body(text: str, start: int, end: int) -> int:
    """Where the organization's name begins in 'the comrades of the X', 'the Central Committee of the X' or 'la
    direction nationale du X' (in other languages than English a body of one word is the name's own: 'Comité de …')."""
    prefix = BODY_OF.match(text, start, end)
    if prefix is None or prefix.end() >= end:
        return start
    body = prefix.group("body")
    if body is None or BODY.match(body) and (prefix.group("of").lower() == "of" or count_words(body) >= 2):
        return prefix.end()  # "la direction nationale du X", not "Comité de Solidarité Ouvrière": a body said with its kind
    return start


def without_descriptor(text: str, start: int, end: int) -> int:
    """The end of a name without the lowercase descriptor written after it ('ABC-Unidos trade union federation'):
    only where what comes before it is a name by itself, in capitals."""
    descriptor = DESCRIPTOR.search(text[start:end])
    if descriptor and descriptor.start() > 0 and text[start + descriptor.start() + 1:start + descriptor.start() + 2].islower():
        before = text[start:start + descriptor.start()].strip()
        if before and (looks_like_abbreviation(before) or title_case_share(before) == 1.0):
            return start + descriptor.start()
    return end


def place_apart(text: str, start: int, end: int, countries: CountryIndex,
                prose: bool = False) -> tuple[str | None, int, int, bool]:
    """(country, where the names begin and end, whether the country was written apart from them) of an item such
    as 'Country: A & B', 'Country — A', 'A – Country', 'A, Country' or 'A (Country)'."""
    body = text[start:end]
    leading = re.match(rf"^(?P<place>(?:[^:—–\-(]|(?<=\w)-(?=\w)){{2,40}}?)\s*(?::\s|\s[—–-]\s|{LEADER})\s*(?=\S)", body)
    if leading:  # "Turkey / North Kurdistan: …": the first of places written together is the country
        code = countries.place_code(leading.group("place")) or countries.place_code(leading.group("place").split("/")[0])
        if code:
            return code, start + leading.end(), end, True
    patterns = [r"\s+[—–-]\s+(?P<place>[^—–\-]{2,40})$", r",\s*(?P<place>[^,]{2,40})$", rf"{LEADER}(?P<place>[^.…]{{2,40}})$",
                r"\s*\((?P<place>[^()]{2,40})\)$",
                r"(?<=\))\s*,?\s+(?:of|de|from|in|du|da|do|del|dal|della)\s+(?P<place>[^()]{2,40})$",  # "X (PTR) del Paraguay"
                r"\s*\((?P<place>[^(),]{2,40}),[^()]*\)$"]  # "X (Österreich, solidarische Grüße)": a place, a remark
    if prose:  # "X in Chile", "X, de São Tomé e Príncipe", "X, from Ghana"
        patterns += [r"\s+(?:in|from)\s+(?:the\s+)?(?P<place>[^,()]{2,40})$",
                     r",\s*" + FROM_PLACE.pattern.removeprefix("^")]
    for pattern in patterns:
        trailing = re.search(pattern, body)
        if trailing and pattern.startswith("(?<=") and not after_abbreviation(body, trailing.start()):
            continue  # 'Platform (Marxist-Leninist) of Norway': the country is part of the name
        place = re.sub(PICTOGRAPH, "", trailing.group("place")).strip() if trailing else ""  # "(Argentina 🇦🇷)"
        if trailing and looks_like_abbreviation(place) and stands_for(place, body[:trailing.start()]):
            continue  # "Juventude Revolucionária Anticapitalista – JURA": its abbreviation, not the canton of Jura
        if trailing and countries.place_code(place):
            return countries.place_code(place), start, without_city(text, start, start + trailing.start()), True
    return None, start, end, False


def without_city(text: str, start: int, end: int) -> int:
    """The end of a name without the city written between it and its country ('Comité Ouvrier Internationaliste,
    Lyon, France'): a short piece in capitals after its last comma, that names no organization."""
    city = re.search(r",\s*(?P<city>[^,()]{2,30})$", text[start:end])
    if city is None or count_words(city.group("city")) > 3 or ORGANIZATION_NOUNS.search(city.group("city")) \
            or title_case_share(city.group("city")) < 1.0 or not ORGANIZATION_NOUNS.search(text[start:start + city.start()]):
        return end
    return start + city.start()


def after_abbreviation(text: str, end: int) -> bool:
    """Whether text[:end] ends with an abbreviation in parentheses: 'Name (ABBR)' closes a name, so that a country
    after it is written apart."""
    last = re.search(r"\(([^()]+)\)$", text[:end])
    return bool(last and looks_like_abbreviation(last.group(1).strip()))


def split_names(text: str, start: int, end: int, countries: CountryIndex, naming: Naming) -> list[tuple[int, int]]:
    """Spans of the organizations of 'A & B', 'A; B' or 'A and B', where both sides are names on their own (so that
    'Communist Party of Bohemia and Moravia' stays whole)."""
    spans, cursor = [], start
    dashed = dashed_row(text[start:end])
    for separator in (DASHES_APART if dashed else SEPARATORS).finditer(text, start, end):
        left, right = text[cursor:separator.start()].strip(), text[separator.end():end].strip()
        left, right = left[len(the.group()) if (the := ARTICLE_BEFORE_NAME.match(left)) else 0:], \
            right[len(the.group()) if (the := ARTICLE_BEFORE_NAME.match(right)) else 0:]  # "… and the Lao People's …"
        if not dashed and separator.group().strip() not in ALWAYS_APART and not (
                looks_like_organization(left, countries, naming) and looks_like_organization(right, countries, naming)
                and count_words(left) >= 2 and not only_of_a_place(right, countries, naming)
                and not left.endswith(("'", "’")) and not a_lone_word(right)):
            continue  # "Workers' and Peasants' Union", "Party of Flanders and Wallonia (RSPFW)": one name
        spans.append((cursor, separator.start()))
        cursor = separator.end()
    spans.append((cursor, end))
    return spans


def trailing_note(text: str, start: int, end: int) -> re.Match | None:
    """The status note that ends text[start:end] ('… (observer)', '… [candidate] *'), if one does."""
    note = STATUS_NOTE.search(text, start, end)
    return note if note and not text[note.end():end].strip(" .,;" + MARKS) else None


def mark_in(text: str) -> str:
    """The first mark of MARKS in a text ("" if none)."""
    return next((char for char in text if char in MARKS), "")


def marks_of(text: str) -> str:
    """The marks of MARKS in a text, in their order ("**" is a mark of its own beside "*")."""
    return "".join(char for char in text if char in MARKS)


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Without white space, a leading "the", list punctuation and stars around it."""
    while start < end and text[start] in f" \t\n.,;:–—-{MARKS}\"“”'’":
        if text[start] in "\"“'’" and text.count(text[start], start, end) > 1:
            break  # an opening quote that is closed inside the name
        start += 1
    the = ARTICLE_BEFORE_NAME.match(text[start:end])
    if the:
        start += the.end()
    while end > start and text[end - 1] in f" \t\n.,;:–—-{MARKS}":
        end -= 1
    return start, end


def last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def country_in_name(name: str, countries: CountryIndex) -> str | None:
    """The country a name says it belongs to: 'Party of Greece', 'Party in Denmark', 'Hungarian Labour Party',
    'Party of the Russian Federation'; None when it names none, or more than one."""
    last = last_match(OF_PLACE, name)
    if last:
        tail = name[last.end():].strip()
        tail = re.sub(r"\s*\([^()]*\)\s*$", "", tail)
        code = countries.place_code(tail)
        if code:
            return code
    codes = {code for code, _, _ in countries.mentions(re.sub(r"\([^()]*\)", " ", name))}
    return codes.pop() if len(codes) == 1 else None


# ---------------------------------------------------------------- what a name looks like

def opens_like_a_name(text: str) -> bool:
    """A capital, a digit, a quote or a bracket first, or an article such as 'al-' before a capital."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘(" or bool(ARTICLE.match(text)))


NAME_OF_PERSON = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Rev|Cde)\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
# "Maria Lopez, " and "Jorge Ramírez and Lucía Pérez, ": who signs, before what they sign for
SIGNING_PERSON = re.compile(rf"^{NAME_OF_PERSON}(?:\s+(?:and|&|y|e|et|und)\s+{NAME_OF_PERSON})?,\s+")
# "General Secretary", "Member of the National Bureau", "membre du Bureau politique": a signer's office, on its own
OFFICE_WORDS = (r"secretary(?:-general)?|secretaria|secretario|secrétaire|segretari[oa]|sekretär(?:in)?|member|membre|"
                r"miembro|membro|mitglied|convenor|spokes(?:person|man|woman)|porte-parole|portavoz|sprecher(?:in)?|"
                r"president|presidente|président|chair(?:man|woman|person)?|coordinator|coordinador[a]?|coordinatore|"
                r"organi[sz]er|treasurer|editor|delegate|representative|rep|leader")
OFFICE = re.compile(rf"^(?:(?:[A-Z]\w+|first|deputy|acting)\s+){{0,3}}(?:{OFFICE_WORDS})\b", re.IGNORECASE)


def signed_for(text: str, start: int, end: int, countries: CountryIndex, naming: Naming) -> int | None:
    """'Maria Lopez, General Secretary, Socialist Union of X (Country)': where the organization a person signs for
    begins (the last part apart by a comma that looks like one), or None when the line is no such signature."""
    person = SIGNING_PERSON.match(text, start, end)
    if not person or looks_like_organization(text[start:person.end()], countries, naming) \
            or INDIVIDUAL_CAPACITY.search(text, start, end):
        return None
    depth, parts = 0, [person.end()]
    for at in range(person.end(), end):  # the parts apart by commas outside parentheses
        depth += {"(": 1, ")": -1}.get(text[at], 0)
        if text[at] == "," and depth == 0:
            parts.append(at + 1)
    found = next((at for at in reversed(parts) if looks_like_organization(text[at:end].strip(), countries, naming)), None)
    if found is None and len(parts) > 1 and OFFICE.match(text[parts[-2]:parts[-1]].strip()) \
            and title_case_share(text[parts[-1]:end]) >= 0.5:
        found = parts[-1]  # "…, Spokesperson, Alternative Ouvrière Socialiste (France)": what follows an office
    return found


INDIVIDUAL_CAPACITY = re.compile(r"\b(?:personal|individual)\s+capacity\b|\btitre\s+personnel\b|\bt[ií]tulo\s+personal\b",
                                 re.IGNORECASE)


def is_office_line(text: str) -> bool:
    """A line of a signature that names no organization: the signer's office ('International Secretary', 'Member of
    the National Bureau')."""
    return bool(OFFICE.match(text.strip())) and count_words(text) <= 8 and "(" not in text


def is_signer_line(items: Sequence[Item], index: int) -> bool:
    """A signer's office on its line, or a person's name on the line above one: 'Rohan Silva' / 'International
    Secretary' / 'X League (Sri Lanka)', where the organization is the signatory."""
    text = items[index].text
    if is_office_line(text) or INDIVIDUAL_CAPACITY.search(text):
        return True  # "Member of the National Bureau"; "Dr. N. Perera, lecturer (in a personal capacity)"
    following = items[index + 1].text if index + 1 < len(items) else ""
    return bool(re.fullmatch(NAME_OF_PERSON, text.strip())) and is_office_line(following)


def looks_like_organization(text: str, countries: CountryIndex, naming: Naming) -> bool:
    """A short, capitalized name of an organization rather than a place, a date or a sentence."""
    text = text.strip().strip(".,;:*").strip()
    if not text or count_words(text) > MAX_ITEM_WORDS or text[-1] in "!?" or not opens_like_a_name(text):
        return False
    if countries.place_code(text) or BODY.match(text):
        return False
    if YEAR.search(re.sub(r"\([^()]*\)", "", text)) and not ORGANIZATION_NOUNS.search(text):
        return False  # "Santiago de Chile, 9 December 2024": a place and a date
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    has_abbreviation = any(looks_like_abbreviation(a.strip()) for a in re.findall(r"\(([^()]+)\)", text))
    if bare and title_case_share(bare) < 0.5 and not (has_abbreviation and count_words(bare) <= 10) \
            and not (ORGANIZATION_NOUNS.match(bare) and count_words(bare) <= 8):
        return False  # words of a sentence; but "Union juive française pour la paix (UJFP)" is a name
    if looks_like_abbreviation(bare) or naming.abbreviated(text):
        return True
    of_country = OF_PLACE.search(bare) and country_in_name(bare, countries)
    return bool(ORGANIZATION_NOUNS.search(text)) or has_abbreviation or bool(of_country and count_words(bare) >= 3)


def a_lone_word(text: str) -> bool:
    """'Wallonia (RSPFW)': one word, not an abbreviation, perhaps with the abbreviation of the whole name after it."""
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    return count_words(bare) == 1 and not looks_like_abbreviation(bare) and not ORGANIZATION_NOUNS.search(bare)


def only_of_a_place(text: str, countries: CountryIndex, naming: Naming) -> bool:
    """'Campesino del Perú': words that look like an organization only because they end with a country, which after
    'and' go on the name before them ('Bloque Obrero y Campesino del Perú')."""
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    return not (ORGANIZATION_NOUNS.search(text) or "(" in text or looks_like_abbreviation(bare.split(" ")[0])
                or naming.abbreviated(text))


def name_found(passage: Passage, start: int, end: int, country: str | None, people: bool = False) -> NameFound:
    """The NameFound of passage.text[start:end]: its span in the source, its abbreviation (in parentheses, or apart by
    a dash before or after it), and the name without a trailing "of <Country>" as a variant to match."""
    abbreviation = None
    for apart in (LEADING_ABBREVIATION.match(passage.text, start, end), TRAILING_ABBREVIATION.search(passage.text, start, end)):
        if apart is None or not looks_like_abbreviation(apart.group("abbreviation")):
            continue
        name = (start, apart.start()) if apart.end() == end else (apart.end(), end)
        if stands_for(apart.group("abbreviation"), passage.text[name[0]:name[1]]):
            # "LOR — Ligue Ouvrière Révolutionnaire", "Federazione Lavoratori Tessili di Base - FLTB" (not "MPLA –
            # Party of Labour"): the name, and the abbreviation it is known by
            (start, end), abbreviation = name, apart.group("abbreviation")
    text = passage.text[start:end]
    variants = []
    if country:
        last = last_match(OF_PLACE, text)
        if last and last.start() > 0:
            variants.append(text[:last.start()].rstrip(" ,-–"))
    abbreviation = abbreviation or next(
        (a.strip() for a in re.findall(r"\(([^()]+)\)", text) if looks_like_abbreviation(a.strip())), None)
    absolute = passage.start_char + start
    return NameFound(text, absolute, absolute + len(text), passage.id, country, abbreviation, tuple(variants), people)


def found_of(name: Name, country: str | None = None, people: bool = False) -> NameFound:
    return name_found(name.passage, name.start, name.end, name.country or country, people)
