"""Extract stage: the lines around a document's body: whom it is addressed to, and who issued it.

- Addressees: `To the …`, `To the comrades of …`, `Dear friends of …` lines before the first paragraph of body text
  (and their like in French, Spanish, Portuguese, Italian and German: `Aux …`, `A los …`, `Aos …`, `Ai …`,
  `An die …`), and a salutation naming people of a country that ends with a colon ("Workers and youth of Venezuela:").
  Each line of a block of such lines is one addressee. An addressee that is no organization ("the workers and people
  of Iraq", "syndicats de classe") is kept as people, with its country. "To Win the Youth …" is an aim, not an address.
- Issuers: the organization named in the closing lines, in any order with its body and a place and date: "Central
  Committee of the <Party> (<ABBR>)", "<Party>" over "Central Committee", "International Bureau" over "of the <X>".
"""
from __future__ import annotations

import re

from ..common.records import NameFound, Passage
from ..read.split import MENU_LINE, MONTHS, continues, count_words, lines_of
from ..registries.countries import CountryIndex
from ..registries.naming import Naming
from .lists import (
    BODY,
    MARKS,
    ORGANIZATION_NOUNS,
    Item,
    after_body,
    country_in_name,
    enumeration,
    looks_like_organization,
    name_found,
    names_of,
    trim_name,
)

BODY_WORDS = 15  # a paragraph of body text has at least this many words
NOTE_REACH = 8  # the passages above a note that closes a text looked at for who signs it
# "To the", "Dear", and the words that address in French, Spanish, Portuguese, Italian and German ("Aux", "A los",
# "Aos", "Ai", "An die"): each line of a block of them names one addressee
ADDRESS_LEAD = (r"(?:(?:to|dear|aux|au|an\s+(?:die|alle|den|das)|aos|às|ao|ai|agli|alle|allo|alla|"
                r"(?:à|a)\s+(?:tou(?:te)?s\s+)?(?:les|la|los|las|os|as)|a\s+tod[oa]s\s+(?:los|las|os|as)|"
                r"a\s+tutt[ie]\s+(?:i|gli|le)|al(?=\s+(?-i:[a-zà-ÿ]))|à(?=\s+(?-i:[A-ZÀ-Þ])))\s+|(?:(?:à|a)\s+l|all)['’]\s*)")
ADDRESS_LINE = re.compile(rf"^[ \t]*{ADDRESS_LEAD}(?=\S)", re.IGNORECASE | re.MULTILINE)
TO_WITHOUT_ARTICLE = re.compile(r"^\s*to\s+(?!(?:all|the|our|every|each|fellow)\b)", re.IGNORECASE)
INFINITIVE = re.compile(r"^\s*to\s+\w+\s+(?:a|an|the|our|their|its|all)\s", re.IGNORECASE)  # "To Win the Youth …": an aim
RELATIVE = re.compile(r",\s*(?:who|which|that|whose|que|qui|quienes|cuy[oa]s?|dont|che|cui)\b", re.IGNORECASE)
ADDRESS = re.compile(
    rf"^{ADDRESS_LEAD}(?:all\s+)?(?:the\s+)?(?:(?:comrades|members|delegates|participants|militants|organi[sz]ers|"
    r"leadership|leaders|editors|friends)\s+(?:of|in|at)\s+(?:the\s+)?)?(?P<name>.+?)[\s,.:;!]*$",
    re.IGNORECASE | re.DOTALL,
)
PEOPLE = re.compile(r"\b(?:workers|working (?:people|class|masses)|peoples?|peasants|farmers|youth|students|women|"
                    r"masses|toilers|labouring|laboring|comrades|citizens|nations?|proletarians?|proletariat|"
                    r"brothers|sisters|friends|trabajador(?:as|es)|pueblos?|travailleu(?:rs|ses)|peuples?|camarades|"
                    r"compañer[oa]s|companheir[oa]s|compagn[ie]|genossinnen|genossen|trabalhador(?:as|es)|povos?|"
                    r"lavorat(?:ori|rici)|popol[io]|arbeiter(?:innen)?|völker|jeunes(?:se)?|juventud|juventude|jóvenes|"
                    r"giovani|jugend|campesin[oa]s|paysan(?:ne)?s|camponeses|contadini|bauern|femmes|mujeres|mulheres|"
                    r"donne|frauen|étudiant(?:e)?s|estudiantes|studenti|militant[ae]?s|colleagues|collègues|colegas|colleghi|"
                    r"kolleg(?:inn)?en)\b", re.IGNORECASE)
EVENT = re.compile(r"^(?:the\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                   r"[IVXL]+)\b.*\b(?:assembly|conference|congress|meeting|seminar|forum|festival|rally|summit|"
                   r"gathering|session|plenum|camp|encounter)\b", re.IGNORECASE)
SALUTATION = re.compile(r"^(?:(?:dear|to)\s+)?(?P<name>[A-Z][^:!?]{3,120}?)\s*:$")
OF_THE = re.compile(r"\s+(?:of\s+the|del|de\s+la|de\s+los|du|de\s+l['’]|des|dos|da|do|der)(?:\s+|(?<=['’]))(?=[A-ZÀ-Þ\"“(])")
DECLARING = (r"(?:condemn|denounce|declare|call|express|salute|greet|support|welcome|demand|state|reaffirm|send|"
             r"stand|protest|reject|repudiate|warn|appeal|address|extend|congratulate|affirm|hail|mourn|"
             r"solidari[sz]e)(?:s|es)?")
# "From the Secretariat of … of the X -which …", "The member organisations of the X repudiate …", "The X condemns …"
# "From the Secretariat of …", "From: Bureau – X <x@y>", "De: …"
FROM_LINE = re.compile(r"^\s*(?:From:?|De\s?:|Von:|Da:)\s+(?:the\s+)?(?=\S)")
OPENING = re.compile(rf"^\s*(?:The\s+)?(?P<name>[A-Z][^.;:!?]{{2,160}}?)\s+(?:(?:has|have|hereby|strongly|firmly)\s+)*"
                     rf"{DECLARING}\b")
SPEAKERS = re.compile(r"^(?:the\s+)?(?:member\s+|affiliated\s+)?(?:parties|organi[sz]ations|sections|groups)"
                      r"(?:\s+and\s+(?:parties|organi[sz]ations|groups))?$", re.IGNORECASE)
GATHERING_OR_BODY = re.compile(r"\b(?:council|conference|congress|congr[eè]s|congreso|congresso|kongress|committee|plenum|"
                               r"assembly|meeting|session)\s*$", re.IGNORECASE)
BODY_DASH = re.compile(r"(?P<body>[^–—,]{3,60}?)\s+[–—-]\s+(?=\S)")
NAME_ENDS = re.compile(r"\s*[-–—,(]?\s*\b(?:which|that|who|whose)\b|\s*[,;:.]\s|\s*<|\s+[·•|]\s|\s*$")
ISSUED_BY = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:(?:printed|written|edited)\s+and\s+)?(?:issued|published|adopted|approved|released|printed|"
    r"edited|compiled|organi[sz]ed)\s+by|on\s+behalf\s+of|for|pour|por|per|für|"
    # the same in French, Spanish, Portuguese, Italian and German
    r"(?:adopt|publi|[ée]dit|approuv|organis|établi)[ée]e?s?\s+par|au\s+nom\s+d[eu]|"
    r"(?:adoptad|aprobad|publicad|adotad|aprovad|organizad|elaborad)[oa]s?\s+(?:por|pel[oa])|"
    r"en\s+nombre\s+de|em\s+nome\s+d[eoa]|(?:approvat|adottat|pubblicat)[oaie]\s+da|a\s+nome\s+d[ei]|"
    r"(?:beschlossen|verabschiedet|herausgegeben)\s+(?:von|vom|auf)|im\s+namen|"
    # an imprint's label: "Uitgave:", "Edita:", "Herausgeber:", "Publisher:", "Éditeur :" (not a person's "V.i.S.d.P.")
    r"(?:uitgave|uitgegeven\s+door|edita|editado\s+por|[ée]diteur|herausgeber(?:in)?|hrsg\.|"
    r"publisher|editore|impressum)(?=\s*:))"
    r"\s*:?\s+(?:the\s+|le\s+|la\s+|les\s+|l['’]|el\s+|los\s+|il\s+|der\s+|die\s+|des\s+|dem\s+|den\s+|o\s+|a\s+)?(?=\S)",
    re.IGNORECASE)
# a sentence that begins with where or when, not with who: "On the occasion of the 70th anniversary of the X, we …"
ADVERBIAL = re.compile(r"^(?:On|In|At|For|With|After|Before|During|Since|Today|As|By|From|Through|Under|Upon|When|While|"
                       r"Following|Despite|Against|Like)\s")
WEB = re.compile(r"https?://|www\.|\S@\S")  # a line with an address on the web is a letterhead's or a footer's
MESSAGE_FIELD = re.compile(r"^\s*(?:to|cc|bcc|from|date|sent|subject|re|attachments?|an|von|betreff|de|para|asunto|objet|"
                           r"oggetto|da)\s*:\s", re.IGNORECASE)  # the head of an e-mail or a memo, in its languages
TO_HEADER = re.compile(r"^\s*(?:to|para|à|an|a)\s*:\s+(?=\S)", re.IGNORECASE)  # "To:", "Para:", "À :", "An:"
# "national trade union centres and international trade secretariats": kinds of organizations, not one of them
GROUP_OF_ORGANIZATIONS = re.compile(r"\b(?:parties|organi[sz]ations|centres|centers|unions|secretariats|federations|"
                                    r"confederations|committees|sections|movements|forces|associations|councils)\s*$",
                                    re.IGNORECASE)
# "member parties of the X", "syndicats de classe", "organizações populares", "Gewerkschaften": the noun comes first
GROUP_FIRST = re.compile(r"^(?:all\s+)?(?:the\s+)?(?:(?:member|affiliated|fraternal|sister|trade)\s+)?"
                         r"(?:parties|organi[sz]ations|sections|unions|syndicats|partis|sindicatos|partidos|organizaciones|organizações|sindacati|"
                         r"partiti|organizzazioni|gewerkschaften|parteien|organisationen)\b", re.IGNORECASE)
TITLE_OF = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:resolutions?|declaration|statement|theses|manifesto|appeal|call|"
                      r"letter|programme|program|decisions?|documents?)(?:\s+[\w'’-]+){0,3}?\s+of\s+the\s+(?=\S)",
                      re.IGNORECASE)
PLACE_DATE = re.compile(rf"\b(?:1[89]\d\d|20\d\d)\b|\b(?:{MONTHS})\b")


def is_body_text(passage: Passage) -> bool:
    """A paragraph or point of at least BODY_WORDS words that is no field of a message's head ('To: A, B, …'), no
    imprint and no line of a footer."""
    return passage.kind in ("paragraph", "list_item") and count_words(passage.text) >= BODY_WORDS \
        and not MESSAGE_FIELD.match(passage.text) and not imprinted(passage.text) \
        and not ("\n" not in passage.text.strip() and WEB.search(passage.text))  # a footer's line with its address


def imprinted(text: str) -> bool:
    """'Printed and published by the X, …', 'adopté par …': who issued the text, not a sentence of it ('For decades …')."""
    issued = ISSUED_BY.match(text)
    return issued is not None and not issued.group().strip(" -–—").lower().startswith(("for", "on behalf"))


def body_range(passages: list[Passage]) -> tuple[int, int]:
    """The indexes of the first and the last passage of body text ((len, -1) when there is none),
    looked for from each end, so that the passages between are not counted."""
    first = next((i for i, p in enumerate(passages) if is_body_text(p)), len(passages))
    last = next((i for i in range(len(passages) - 1, first - 1, -1) if is_body_text(passages[i])), -1)
    return first, last


# ---------------------------------------------------------------- addressees

def find_addressees(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: set[str]) -> list[NameFound]:
    """'To the comrades of X', 'To the Y' lines and salutations to people, before the first paragraph of body text."""
    found = []
    for index, passage in enumerate(passages):
        header = TO_HEADER.match(passage.text)
        if header and passage.id not in taken:  # "To: A; B; C" at the head of a message, or one a line below it
            items = field_lines(passage, header.end()) \
                or [item for item, _ in enumeration(passage, header.end(), countries, naming)]
            found += [name_found(passage, n.start, n.end, n.country, people=is_group(n.text))
                      for item in items for n in names_of(item, countries, naming)
                      if looks_like_organization(n.text, countries, naming) or is_group(n.text)]
            continue
        spans = address_spans(passage.text)
        if len(spans) == 1 and is_body_text(passage):  # a block of "To the …" lines is no body text, however long
            break
        if passage.id not in taken:
            block = len(spans) > 1 or in_block_of_addresses(passages, index)
            found += [name for start, end in spans if (name := addressee_in(passage, start, end, countries, naming, block))]
    return found


def field_lines(passage: Passage, start: int) -> list[Item]:
    """'To:     A (Peru)' / '        B (Ireland)': a field's value one item a line, set under its first (a line indented
    further, one that reads on, or a word alone carry on the one above); none when the value is one item."""
    text = passage.text
    column = start - (text.rfind("\n", 0, start) + 1)
    items: list[Item] = []
    for line in lines_of(text, start):
        indent = len(line.text) - len(line.text.lstrip())
        if not line.text.strip():
            continue
        carries_on = bool(items) and (indent > column or continues(text[items[-1].start:items[-1].end], line.text)
                                      or count_words(line.text) == 1 and "(" not in line.text)
        if carries_on:
            items[-1] = Item(passage, items[-1].start, line.end)
        else:
            items.append(Item(passage, line.start + (indent if line.start != start else 0), line.end))
    return items if len(items) > 1 else []


def in_block_of_addresses(passages: list[Passage], index: int) -> bool:
    """Whether passages[index] begins 'To the …' and so does the passage before or after it (lines of their own)."""
    neighbours = passages[max(index - 1, 0):index] + passages[index + 1:index + 2]
    return bool(ADDRESS_LINE.match(passages[index].text)) and any(ADDRESS_LINE.match(p.text) for p in neighbours)


def is_group(name: str) -> bool:
    """'national trade union centres', 'the member parties of the X', 'syndicats de classe': organizations of a kind."""
    return bool(GROUP_OF_ORGANIZATIONS.search(name) or GROUP_FIRST.match(name))


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where each addressee of a passage is written: each line that begins 'To the …', 'Aux …' of a block of them,
    with the lines that continue it; else the whole passage."""
    starts = [line.start() for line in ADDRESS_LINE.finditer(text)]
    if len(starts) < 2 or text[:starts[0]].strip():
        return [(0, len(text))]
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def addressee_in(passage: Passage, start: int, end: int, countries: CountryIndex, naming: Naming,
                 block: bool) -> NameFound | None:
    """The addressee, or people saluted, that passage.text[start:end] names, if it is a short line that may. `block`:
    the line is one of several that begin 'To the …', so that what it names in capitals is addressed, if only as people
    ('An die Betriebsräte')."""
    text = passage.text[start:end].strip()
    if text[-1:] == "?" or count_words(text) > 30 or text.count("\n") > 2:
        return None
    name = addressed(passage, start, end, countries, naming, block) or saluted(passage, start, end, countries)
    if name and text.endswith("!") and not name.people:
        return None  # "To the … !" hails people; an organization is addressed in plain words
    return name


def addressed(passage: Passage, start: int, end: int, countries: CountryIndex, naming: Naming,
              block: bool = False) -> NameFound | None:
    written = passage.text[start:end]
    match = ADDRESS.match(written.strip())
    if not match or INFINITIVE.match(written):
        return None
    offset = start + len(written) - len(written.lstrip())
    clause = RELATIVE.search(passage.text, offset + match.start("name"), offset + match.end("name"))
    start, end = trim_name(passage.text, offset + match.start("name"), clause.start() if clause else offset + match.end("name"))
    start = after_body(passage.text, start, end)  # "To the National Executive Committee / of the X"
    body_after = re.search(r",\s*(?P<body>[^,]+)$", passage.text[start:end])
    if body_after and BODY.match(body_after.group("body").strip()):  # "To the X, Central Committee:"
        end = start + body_after.start()
    apart = re.search(r"\s*\((?P<place>[^()]{2,40})\)$", passage.text[start:end])
    place = countries.place_code(apart.group("place")) if apart else None
    if apart and place:  # "Au Front Ouvrier Populaire (Sénégal)": its country written apart
        end = start + apart.start()
    name = passage.text[start:end]
    dear = written.lstrip().lower().startswith("dear")
    addressed_in_block = block and not dear and not TO_WITHOUT_ARTICLE.match(written)  # "Al movimiento estudiantil,"
    if not name or not (name[0].isupper() or name[0].isdigit() or PEOPLE.match(name) or is_group(name) or addressed_in_block):
        return None
    if EVENT.search(name):  # "the 46th International Anti-war Assembly": a gathering, not an organization
        return name_found(passage, start, end, place or country_in_name(name, countries), people=True)
    if is_group(name):  # "To the communist and workers' parties of Europe", "Aux syndicats de classe"
        return name_found(passage, start, end, place or country_in_name(name, countries), people=True)
    if looks_like_organization(name, countries, naming) and not only_people(name):
        return name_found(passage, start, end, place or country_in_name(name, countries))
    country = place or country_in_name(name, countries)
    if PEOPLE.search(name) and (country or not dear) or addressed_in_block:
        return name_found(passage, start, end, country, people=True)  # "Dear comrades," greets; it names no one
    return None


def only_people(name: str) -> bool:
    """'DOCKERS AND LOGISTICS WORKERS ON MERSEYSIDE': words for people, and no other word an organization is named by
    (a party, a union, a league…)."""
    return bool(PEOPLE.search(name)) and not ORGANIZATION_NOUNS.search(PEOPLE.sub(" ", name))


def saluted(passage: Passage, start: int, end: int, countries: CountryIndex) -> NameFound | None:
    """A salutation to people of a country: 'Workers, peasants and youth of Venezuela:'."""
    written = passage.text[start:end]
    match = SALUTATION.match(written.strip())
    if not match or not PEOPLE.search(match.group("name")):
        return None
    offset = start + len(written) - len(written.lstrip())
    start, end = trim_name(passage.text, offset + match.start("name"), offset + match.end("name"))
    country = country_in_name(passage.text[start:end], countries)
    return name_found(passage, start, end, country, people=True) if country else None


# ---------------------------------------------------------------- issuers

def find_issuers(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: set[str],
                 body: tuple[int, int]) -> list[NameFound]:
    """Who issued a document, as its own lines say: at its head ('From the Secretariat of the X', 'The X condemns …')
    and in its closing lines."""
    found = opening_issuers(passages, countries, naming, body) + closing_issuers(passages, countries, naming, taken, body)
    found = found or signed_above_a_note(passages, countries, naming, taken, body)
    return [name for index, name in enumerate(found) if all(name.text != other.text for other in found[:index])]


def signed_above_a_note(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: set[str],
                        body: tuple[int, int]) -> list[NameFound]:
    """Who signs in the passages just above a note that closes a text ('Pour le Comité exécutif de l'X :',
    'Secretariado de Relaciones Internacionales' / 'Confederación …', then 'La CLT es miembro …'): a line that says
    for whom, a body over its organization, or a name in capitals under the place and date; none when they name
    several."""
    first_body, last_body = body
    names = []
    for index in range(max(first_body + 1, last_body - NOTE_REACH), last_body):
        passage, following = passages[index], passages[index + 1]
        if passage.id in taken or is_body_text(passage):
            continue
        if for_a_body(passage.text):
            name = issuer_in_line(passage, countries, naming)
        elif BODY.match(passage.text.strip()) and not is_body_text(following) and following.id not in taken:
            name = issuer_in_line(following, countries, naming)
        elif (passage.kind == "dateline" or PLACE_DATE.search(passage.text) and count_words(passage.text) <= 6) \
                and following.text.isupper() and following.id not in taken:
            name = issuer_in_line(following, countries, naming)  # "Parigi, 30 settembre 1935." / "L'UFFICIO …"
        else:
            continue
        if name:
            names.append(name)
    return names[:1] if len({name.text for name in names}) == 1 else []


def for_a_body(text: str) -> bool:
    """'Pour le Comité exécutif de l'X :', 'Für den Bundesvorstand der X:': a line that signs for a body of an
    organization."""
    issued = ISSUED_BY.match(text)
    if issued is None:
        return False
    of = OF_THE.search(text, issued.end())
    return of is not None and bool(BODY.match(text[issued.end():of.start()].strip()))


def opening_issuers(passages: list[Passage], countries: CountryIndex, naming: Naming,
                    body: tuple[int, int]) -> list[NameFound]:
    """'From the <body> of the X' before or in the first two paragraphs, and a first sentence in which the X, or its
    body, or its member organisations, condemn, declare, call… ."""
    first_body, _ = body
    found = []
    for index, passage in enumerate(passages[:first_body + 2]):
        following = passages[index + 1] if index + 1 < len(passages) else None
        name = titled_by(passage, following, countries, naming) if index == 0 or passage.kind == "title" else None
        if name:
            found.append(name)
        name = issued_at_head(passage, countries, naming) if index < first_body else None
        if name:
            found.append(name)
        start = FROM_LINE.match(passage.text)
        if start:
            name = speaker(passage, start.end(), countries, naming, body_required=True)
            if name:
                found.append(name)
        if index == first_body:
            opening = OPENING.match(passage.text)
            if opening:
                name = speaker(passage, opening.start("name"), countries, naming, body_required=False,
                               end=opening.end("name"))
                if name:
                    found.append(name)
    return found


def titled_by(passage: Passage, following: Passage | None, countries: CountryIndex, naming: Naming) -> NameFound | None:
    """The X of a title 'Resolutions of the Seventh World Congress of the X', the X perhaps on the next line."""
    title = TITLE_OF.match(passage.text)
    if not title:
        return None
    name = speaker(passage, title.end(), countries, naming, body_required=True)
    if name is None and title.end() < len(passage.text.rstrip()):  # "Programme of Struggle of the X"
        name = speaker(passage, title.end(), countries, naming, body_required=False)
        name = None if name and BODY.match(" ".join(name.text.split()[:3])) else name
    if name is None and re.search(r"\bof(?:\s+the)?\s*$", passage.text) and following is not None:
        name = speaker(following, 0, countries, naming, body_required=False)
    if name and passage.text.isupper() and not ORGANIZATION_NOUNS.search(name.text):
        return None  # "DECLARATION ON THE MILITARISATION OF THE PACIFIC": in capitals, a word is no abbreviation
    return name


def issued_at_head(passage: Passage, countries: CountryIndex, naming: Naming) -> NameFound | None:
    """'adopté par le IIIe Congrès de la X (LPI)' under a title: the X; not a body or a gathering named alone ('Adopted by
    the Party Council', 'by the Second National Conference')."""
    if not imprinted(passage.text):
        return None
    issued = ISSUED_BY.match(passage.text)
    assert issued is not None
    name = speaker(passage, issued.end(), countries, naming, body_required=False)
    return None if name is None or EVENT.search(name.text) or GATHERING_OR_BODY.search(name.text) else name


def speaker(passage: Passage, start: int, countries: CountryIndex, naming: Naming, body_required: bool,
            end: int | None = None) -> NameFound | None:
    """The organization that speaks in passage.text[start:…]: after 'of the' if what comes first is one of its
    bodies or its member organisations, else the name itself; it ends where a clause begins ('-which is')."""
    text = passage.text
    end = end if end is not None else len(text)
    of = next(iter(OF_THE.finditer(text, start, end)), None)
    dash = BODY_DASH.match(text, start, end)
    if of and (BODY.match(text[start:of.start()].split(" of ")[0].strip()) or SPEAKERS.match(text[start:of.start()].strip())):
        start = of.end()
    elif dash and BODY.match(dash.group("body")):  # "International Bureau – League for Revolutionary Unity"
        start = dash.end()
    elif body_required:
        return None
    stop = NAME_ENDS.search(text, start, end)
    dated = re.search(r",\s*(?:\w+\s+){0,2}?\d", text[start:end])  # ", 21 May 2023", ", Athens 3 May"
    if dated and (stop is None or start + dated.start() < stop.start()):
        end = start + dated.start()
        stop = None
    name_start, name_end = trim_name(text, start, stop.start() if stop and stop.start() > start else end)
    name = text[name_start:name_end]
    if BODY.match(name) and text.startswith(", ", name_end) and name_end + 2 < end:  # "the General Secretariat, FDTWU"
        return speaker(passage, name_end + 2, countries, naming, body_required=False, end=end)
    if not looks_like_organization(name, countries, naming) or BODY.match(name) or ADVERBIAL.match(name):
        return None
    return name_found(passage, name_start, name_end, country_in_name(name, countries))


def closing_issuers(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: set[str],
                    body: tuple[int, int]) -> list[NameFound]:
    """The organization named in the closing lines after the body, with its body ('Central Committee of …') and a
    place and date in any order; none when the closing lines name several organizations (they sign) or none."""
    _, last_body = body
    closing = [p for p in passages[last_body + 1:]
               if p.id not in taken and (p.kind not in ("title", "dateline", "list_item", "heading") or imprinted(p.text))]
    candidates: list[NameFound] = []
    index = 0
    while index < len(closing):
        passage = closing[index]
        following = closing[index + 1] if index + 1 < len(closing) else None
        text = passage.text.strip()
        if count_words(text) > 16 and not ISSUED_BY.match(passage.text) or text[-1:] in "!?" or text[:1] in MARKS:
            index += 1  # a slogan; a note under a list ('** Group with observer status'), which names no issuer
            continue
        continued = following is not None and re.match(r"^\s*(?:of|del|de|du|des)\s+", following.text)
        if continued and following is not None and not looks_like_organization(text, countries, naming) \
                or continued and following is not None and BODY.match(text.split(" of ")[0]):
            name = after_of(following, countries, naming, from_start=True)
            if name:
                candidates.append(name)
            index += 2
            continue
        name = issuer_in_line(passage, countries, naming)
        if name:
            candidates.append(name)
        index += 1
    unique = {c.text: c for c in candidates}
    return [candidates[0]] if len(unique) == 1 else []


def issuer_in_line(passage: Passage, countries: CountryIndex, naming: Naming) -> NameFound | None:
    """The organization a closing line names: itself, or the organization of the body it names."""
    issued = ISSUED_BY.match(passage.text)
    if issued:  # "Issued by the Executive Committee of the X, 21 May 2023"
        return speaker(passage, issued.end(), countries, naming, body_required=False)
    if WEB.search(passage.text):  # a footer: only "X – BP 217, Lyon – x@y.org" names who publishes
        return imprint(passage, countries, naming)
    if MENU_LINE.search(passage.text) or len(re.findall(r"\s[·•]\s", passage.text)) >= 2:
        return None  # "Add your name | Download the leaflet (PDF) | Share", "See also: A · B · C": a page's links
    text = passage.text.strip()
    name, comma, place_date = text.partition(", ")
    named = ORGANIZATION_NOUNS.search(name) or re.search(r"\([A-Z]", name)  # not "Santiago de Chile, 9 December …"
    if comma and named and PLACE_DATE.search(place_date) and not BODY.match(name) \
            and looks_like_organization(name, countries, naming) and not looks_like_organization(place_date, countries, naming):
        # "Emek Partisi (EMEP), İstanbul, 1 May 2022": the organization, then where and when
        offset = passage.text.index(text)
        return name_found(passage, offset, offset + len(name), country_in_name(name, countries))
    if BODY.match(text) or (PLACE_DATE.search(text) and not looks_like_organization(text, countries, naming)):
        return None
    of = next(iter(OF_THE.finditer(text)), None)
    if of and BODY.match(text[:of.start()].strip()):
        return after_of(passage, countries, naming, from_start=False)
    body, comma, rest = text.lstrip("-–— ").partition(", ")
    if comma and BODY.match(body.strip()):  # "Secretariado Internacional, <the organization>"
        return speaker(passage, passage.text.index(rest), countries, naming, body_required=False)
    if looks_like_organization(text, countries, naming):
        offset = len(passage.text) - len(passage.text.lstrip())
        start, end = trim_name(passage.text, offset, offset + len(text))
        return name_found(passage, start, end, country_in_name(passage.text[start:end], countries))
    return None


def imprint(passage: Passage, countries: CountryIndex, naming: Naming) -> NameFound | None:
    """The organization that opens a footer of its address and web or mail address, before a dash or a bar."""
    text = passage.text
    apart = re.search(r"\s+[–—|·]\s+", text)
    if "\n" in text.strip() or apart is None:
        return None
    start, end = trim_name(text, 0, apart.start())
    name = text[start:end]
    if WEB.search(name) or BODY.match(name) or not looks_like_organization(name, countries, naming):
        return None
    return name_found(passage, start, end, country_in_name(name, countries))


def after_of(passage: Passage, countries: CountryIndex, naming: Naming, from_start: bool) -> NameFound | None:
    """The organization after the first 'of the' of a line ('Central Committee of the X', 'of the X')."""
    text = passage.text
    of = re.match(r"^\s*(?:of\s+the|of|del|de\s+la|de\s+los|du|de\s+l['’]|des|dos|da|do)\s+", text) if from_start \
        else next(iter(OF_THE.finditer(text)), None)
    if not of:
        return None
    start, end = trim_name(text, of.end(), len(text))
    name = text[start:end]
    if not looks_like_organization(name, countries, naming):
        return None
    return name_found(passage, start, end, country_in_name(name, countries))
