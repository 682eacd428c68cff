"""Extract stage: organizations named in lists of sections, members, signatories and addressees.

Rules only, no names: the code knows what a list of sections, a signature block
or a letter's address looks like; the registry in raw/ knows who is who.
Every name found keeps its span in the source text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .countries import CountryIndex
from .normalize import caseless, contains_any
from .records import Passage
from .resolve import looks_like_abbreviation
from .split import count_words, title_case_share

ORGANIZATION_NOUNS = re.compile(
    r"\b(?:part(?:y|ies|ido|ito|i)|leagues?|liga|ligue|lega|groups?|grupo|groupe|committees?|comit[eé]|movements?|"
    r"movimiento|mouvement|movimento|platform|plataforma|piattaforma|union|uni[oó]n|unidad|federation|federaci[oó]n|"
    r"f[eé]d[eé]ration|front|frente|fraction|faction|fracci[oó]n|fra[cç][aã]o|organi[sz]ations?|organizaci[oó]n|"
    r"tendency|tendencia|current|corriente|courant|corrente|collective|colectivo|alliance|alianza|association|"
    r"asociaci[oó]n|network|red|r[eé]seau|conference|conferencia|international|internacional|internationale|council|"
    r"consejo|sindicato|syndicat|confederation|confederaci[oó]n|central|centrale|secretariat|bureau|nucleus|n[uú]cleo|"
    r"circle|c[ií]rculo|workers|trabajadores|trabalhadores|travailleurs|lavoratori)\b",
    re.IGNORECASE,
)
LIST_TRIGGER = re.compile(
    r"^(?P<trigger>signed(?: by)?|signatories|signatures|signers|co-?signed by|endorsed by|supported by|"
    r"participants|participating (?:parties|organi[sz]ations)(?: and organi[sz]ations)?|"
    r"(?:which is |that is )?(?:integrated|composed|formed|made up|constituted) (?:by|of))\s*[:\-–—]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
MEMBERSHIP = re.compile(
    r"(?:\s*[-–—(,]\s*)?(?:which|that|who)?\s*(?:is|are|was|were)?\s*"
    r"\b(?:integrated|composed|formed|made up|constituted)\s+(?:by|of)\s+",
    re.IGNORECASE,
)
# what every MEMBERSHIP match holds, in caseless() text: a quick test before the slow pattern
MEMBERSHIP_HINT = re.compile(r"(?:integrated|composed|formed|made up|constituted)\s+(?:by|of)\s")
SECTION_WORD = re.compile(r"\b(?:sections?|affiliates|member (?:parties|organi[sz]ations|groups))\b", re.IGNORECASE)
ADDRESS = re.compile(
    r"^(?:to|dear)\s+(?:all\s+)?(?:the\s+)?(?:(?:comrades|members|delegates|participants|militants|organi[sz]ers|"
    r"leadership|leaders|editors|friends)\s+(?:of|in|at)\s+(?:the\s+)?)?(?P<name>.+?)[\s,.:;]*$",
    re.IGNORECASE,
)
OF_COUNTRY = r"\s*,?\s+(?:of|de|from|in|en|du|da|do)\s+(?:the\s+|la\s+|el\s+)?"


@dataclass(frozen=True)
class NameFound:
    """A name as written, its span in the source, and what its context tells."""

    text: str
    start: int
    end: int
    passage_id: str
    country_code: str | None = None
    abbreviation: str | None = None
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionFound:
    international: NameFound | None  # None: the list's heading names no international
    member: NameFound
    status: str | None


@dataclass(frozen=True)
class SignatoryFound:
    name: NameFound
    role: str  # signatory, participant, issuer
    position: int


@dataclass(frozen=True)
class OrganizationsFound:
    sections: list[SectionFound]
    signatories: list[SignatoryFound]
    addressees: list[NameFound]
    claims: list[tuple[str | None, int, Passage]]  # (status, number of countries claimed, passage)


def trimmed(text: str, start: int, end: int, strip: str = " \t\n.,;:-–—") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def name_at(passage: Passage, start: int, end: int, countries: CountryIndex, country: str | None = None) -> NameFound | None:
    """The name written in passage.text[start:end], with a trailing "of <Country>" or "(Country)" read as its country."""
    start, end = trimmed(passage.text, start, end)
    if end - start < 2:
        return None
    text = passage.text[start:end]
    variants: list[str] = []
    for trailing in list(re.finditer(rf"{OF_COUNTRY}(?=[^()]+$)|\s*\((?=[^()]+\)\s*$)", text)):
        code = countries.code_for(text[trailing.end():].rstrip(")"))
        if code:
            country = country or code
            variants.append(text[: trailing.start()].rstrip(" -–,"))
            break
    abbreviation = next((a for a in re.findall(r"\(([^()]+)\)", text) if looks_like_abbreviation(a.strip())), None)
    absolute = passage.start_char + start
    return NameFound(text, absolute, absolute + len(text), passage.id, country, abbreviation and abbreviation.strip(),
                     tuple(variants))


def split_items(text: str) -> list[tuple[int, int]]:
    """Spans of the organizations in 'A & B', 'A; B' or 'A and B' (where both sides look like names)."""
    spans, start = [], 0
    for separator in re.finditer(r"\s+&\s+|\s*;\s+|\s+and\s+(?=[A-Z])|\s+y\s+(?=[A-Z])|\s+et\s+(?=[A-Z])|\s+e\s+(?=[A-Z])", text):
        left = text[start:separator.start()]
        if separator.group().strip() in {"and", "y", "et", "e"} and (count_words(left) < 2 or not left[:1].isupper()):
            continue
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    return spans


def looks_like_organization(text: str, countries: CountryIndex) -> bool:
    """A short, capitalized line that names an organization rather than saying something."""
    text = text.strip().rstrip(".")
    if not text or count_words(text) > 16 or text[-1] in "!?:" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if title_case_share(re.sub(r"\([^()]*\)", "", text)) < 0.6:
        return False
    has_country = bool(re.search(rf"{OF_COUNTRY}\S", text)) and any(True for _ in countries.mentions(text))
    has_abbreviation = any(looks_like_abbreviation(a) for a in re.findall(r"\(([^()]+)\)", text))
    return bool(ORGANIZATION_NOUNS.search(text)) or has_country or has_abbreviation


# ---------------------------------------------------------------- sections

def parse_section_heading(text: str) -> tuple[str | None, str | None] | None:
    """'Official IWL-FI Sections:' -> ('official', 'IWL-FI'); 'Sections of the X:' -> (None, 'X')."""
    text = text.strip().rstrip(":").strip()
    word = SECTION_WORD.search(text)
    if not word:
        return None
    before = [w for w in text[: word.start()].split() if w.lower() not in {"national", "the"}]
    after = re.sub(r"^(?:of|de|in)\s+(?:the\s+)?", "", text[word.end():].strip(), flags=re.IGNORECASE)
    if after:
        return (before[0].lower() if before else None), after
    if len(before) >= 2:
        return before[0].lower(), " ".join(before[1:])
    if len(before) == 1 and looks_like_abbreviation(before[0]):
        return None, before[0]
    if len(before) == 1:
        return before[0].lower(), None  # "Observer Sections:": the international is named elsewhere
    return None


def section_line(passage: Passage, countries: CountryIndex) -> list[NameFound] | None:
    """The organizations of a 'Country: A & B', 'Country — A' or 'A (Country)' line, or None."""
    text = passage.text
    split = re.match(r"^(?P<country>[^:—–]{2,40}?)\s*(?::|\s[—–-])\s+(?P<orgs>\S.*)$", text)
    if split and countries.code_for(split.group("country")):
        code = countries.code_for(split.group("country"))
        offset = split.start("orgs")
        found = [name_at(passage, offset + a, offset + b, countries, code) for a, b in split_items(split.group("orgs"))]
        return [f for f in found if f]
    trailing = re.match(r"^(?P<orgs>.+?)\s*\((?P<country>[^()]+)\)\s*\.?$", text)
    if trailing and countries.code_for(trailing.group("country")):
        code = countries.code_for(trailing.group("country"))
        found = [name_at(passage, a, b, countries, code) for a, b in split_items(trailing.group("orgs"))]
        return [f for f in found if f]
    return None


def find_section_lists(passages: list[Passage], countries: CountryIndex) -> list[SectionFound]:
    """Lists of national sections under a heading that names an international and a status."""
    found: list[SectionFound] = []
    for index, passage in enumerate(passages):
        if not passage.text.rstrip().endswith(":") and passage.kind != "heading":
            continue
        parsed = parse_section_heading(passage.text)
        if not parsed:
            continue
        status, international = parsed
        intl = None
        if international:
            start = passage.text.find(international)
            at = passage.start_char + start
            intl = NameFound(international, at, at + len(international), passage.id)
        for item in passages[index + 1:]:
            members = section_line(item, countries)
            if members is None:
                break
            found.extend(SectionFound(intl, member, status) for member in members)
    return found


# ---------------------------------------------------------------- members named in running text

def international_before(passage: Passage, end: int) -> NameFound | None:
    """The organization named just before 'which is integrated by': the phrase after the last 'of the'."""
    sentence_start = max(passage.text.rfind(". ", 0, end) + 1, 0)
    start, stop = trimmed(passage.text, sentence_start, end, " -–—(,")
    phrase = passage.text[start:stop]
    last_of = None
    for found in re.finditer(r"\b(?:of|from|de)\s+(?:the\s+)?(?=[A-Z])", phrase):
        last_of = found
    if last_of:
        start += last_of.end()
    elif not phrase[:1].isupper():
        return None
    text = passage.text[start:stop]
    if not text or not text[0].isupper():
        return None
    abbreviation = next((a for a in re.findall(r"\(([^()]+)\)", text) if looks_like_abbreviation(a)), None)
    return NameFound(text, passage.start_char + start, passage.start_char + stop, passage.id, abbreviation=abbreviation)


def members_listed(passage: Passage, start: int, countries: CountryIndex) -> list[NameFound]:
    """'A of Chile, B (Translation) of Peru and C of Bolivia' from start up to where the list ends."""
    text = passage.text
    members, cursor = [], start
    for code, country_start, country_end in countries.mentions(text[start:]):
        country_start, country_end = country_start + start, country_end + start
        before = re.search(rf"{OF_COUNTRY}$", text[cursor:country_start])
        if not before:
            continue
        name_end = cursor + before.start()
        item_start = cursor
        lead = re.match(r"\s*(?:,|\band\b|\by\b|&)?\s*(?:the\s+)?", text[item_start:name_end])
        item_start += lead.end() if lead else 0
        name = name_at(passage, item_start, name_end, countries, code)
        if name and name.text[:1].isupper():
            members.append(NameFound(name.text, name.start, name.end, name.passage_id, code, name.abbreviation, name.variants))
        cursor = country_end
        after = text[cursor:cursor + 6]
        if not re.match(r"\s*(?:,|and\b|y\b|&)", after):
            break
    return members


def find_memberships(passages: list[Passage], countries: CountryIndex) -> list[SectionFound]:
    """An organization 'integrated by' or 'composed of' organizations 'of <Country>', in running text."""
    found: list[SectionFound] = []
    for passage in passages:
        if not MEMBERSHIP_HINT.search(caseless(passage.text)):
            continue  # MEMBERSHIP is slow to search: most passages are ruled out by its words
        for trigger in MEMBERSHIP.finditer(passage.text):
            if trigger.start() == 0:
                continue
            international = international_before(passage, trigger.start())
            members = members_listed(passage, trigger.end(), countries)
            if international and members:
                found.extend(SectionFound(international, member, "member") for member in members)
    return found


# ---------------------------------------------------------------- signatories, participants, issuers

def line_items(passage: Passage, countries: CountryIndex) -> list[NameFound]:
    names = [name_at(passage, a, b, countries) for a, b in split_items(passage.text)]
    return [n for n in names if n]


def closing_issuer(passages: list[Passage], countries: CountryIndex) -> NameFound | None:
    """'Secretariat of … / of the <Organization>' in the short closing lines: the body that issued the text."""
    for passage in reversed(passages):
        if count_words(passage.text) > 16 or passage.text.rstrip()[-1:] in "!?":
            break
        match = None
        for found in re.finditer(r"(?:^|\s)(?:of|de)\s+(?:the\s+|la\s+|el\s+)?(?=[A-Z])", passage.text):
            match = found
        if match:
            name = name_at(passage, match.end(), len(passage.text), countries)
            if name and looks_like_organization(name.text, countries):
                return name
    return None


def find_signatories(passages: list[Passage], countries: CountryIndex) -> tuple[list[SignatoryFound], list[SectionFound]]:
    """Signature blocks and participants' lists: after 'Signed:' or 'integrated by', or a run of names at the foot or head.

    A block 'X … integrated by' followed by names also makes those names members of X.
    """
    signatories: list[SignatoryFound] = []
    sections: list[SectionFound] = []
    taken: set[str] = set()
    for index, passage in enumerate(passages):
        trigger = LIST_TRIGGER.match(passage.text.strip())
        if not trigger:
            continue
        word = trigger.group("trigger").lower()
        role = "participant" if word.startswith("particip") else "signatory"
        names: list[NameFound] = []
        if trigger.group("rest"):
            offset = passage.text.find(trigger.group("rest"))
            rest_passage = Passage(passage.id, passage.document_id, passage.position, passage.heading, passage.kind,
                                   trigger.group("rest"), passage.start_char + offset, passage.end_char)
            for a, b in _comma_items(trigger.group("rest")):
                name = name_at(rest_passage, a, b, countries)
                if name:
                    names.append(name)
        else:
            for item in passages[index + 1:]:
                if not looks_like_organization(item.text, countries):
                    break
                names.extend(line_items(item, countries))
                taken.add(item.id)
        taken.add(passage.id)
        if not names:
            continue
        if word.startswith(("integrated", "composed", "formed", "made up", "constituted", "which", "that")):
            issuer = closing_issuer(passages[:index], countries)
            if issuer:
                signatories.append(SignatoryFound(issuer, "issuer", 0))
                sections.extend(SectionFound(issuer, name, "member") for name in names)
        signatories.extend(SignatoryFound(name, role, position) for position, name in enumerate(names, 1))
    return signatories + runs_at_foot_and_head(passages, countries, taken, signatories), sections


def runs_at_foot_and_head(passages: list[Passage], countries: CountryIndex, taken: set[str],
                          found: list[SignatoryFound]) -> list[SignatoryFound]:
    """Names one a line after the last paragraph of body text (signatories, or the issuer in the closing lines), and
    before the first (participants)."""
    signatories: list[SignatoryFound] = []
    first_body, last_body = body_range(passages)
    foot = [p for p in passages[last_body + 1:] if p.id not in taken and p.kind != "dateline"]
    run = _run_of_names(foot, countries)
    if len(run) >= 2:
        signatories.extend(SignatoryFound(name, "signatory", position)
                           for position, name in enumerate((n for p in run for n in line_items(p, countries)), 1))
    elif not any(s.role == "issuer" for s in found):
        issuer = closing_issuer([p for p in passages[last_body + 1:] if p.kind != "dateline"], countries)
        if issuer:
            signatories.append(SignatoryFound(issuer, "issuer", 0))
    head = [p for p in passages[1:first_body] if p.id not in taken and p.kind not in ("dateline", "heading")]
    head_run = _run_of_names(head, countries, from_end=False)
    if len(head_run) >= 2:
        signatories.extend(SignatoryFound(name, "participant", position)
                           for position, name in enumerate((n for p in head_run for n in line_items(p, countries)), 1))
    return signatories


def is_body_text(passage: Passage) -> bool:
    return passage.kind in ("paragraph", "list_item") and count_words(passage.text) >= 15


def body_range(passages: list[Passage]) -> tuple[int, int]:
    """The indexes of the first and the last passage of body text ((len, -1) when there is none),
    looked for from each end, so that the passages between are not counted."""
    first = next((i for i, p in enumerate(passages) if is_body_text(p)), len(passages))
    last = next((i for i in range(len(passages) - 1, first - 1, -1) if is_body_text(passages[i])), -1)
    return first, last


def _run_of_names(passages: list[Passage], countries: CountryIndex, from_end: bool = True) -> list[Passage]:
    ordered = list(reversed(passages)) if from_end else passages
    run = []
    for passage in ordered:
        addressed = ADDRESS.match(passage.text) and passage.text.lower().startswith("to ")
        if not looks_like_organization(passage.text, countries) or addressed:
            break
        run.append(passage)
    return list(reversed(run)) if from_end else run


def _comma_items(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for separator in re.finditer(r"\s*[,;]\s+|\s+and\s+(?=[A-Z])|\s+&\s+", text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    return spans


# ---------------------------------------------------------------- addressees

def find_addressees(passages: list[Passage], countries: CountryIndex) -> list[NameFound]:
    """'To the comrades of X', 'To the Y' lines at the head of a letter, before its first paragraph of body text."""
    found = []
    for passage in passages:
        if passage.kind in ("paragraph", "list_item") and count_words(passage.text) >= 15:
            break
        text = passage.text.strip()
        if text[-1:] in "!?" or count_words(text) > 20:
            continue
        match = ADDRESS.match(text)
        if not match:
            continue
        name = name_at(passage, match.start("name"), match.end("name"), countries)
        if name and name.text[:1].isupper() or name and name.text[:1].isdigit():
            found.append(name)
    return found


# ---------------------------------------------------------------- claims about how many countries

NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
     "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}


CLAIM = re.compile(
    r"(?:(?P<status>\w+)\s+(?:national\s+)?sections?\s+in\s+|present\s+in\s+)"
    r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?:additional\s+|other\s+)?(?:countries|ones)",
    re.IGNORECASE,
)


def find_country_claims(passages: list[Passage]) -> list[tuple[str | None, int, Passage]]:
    """'official sections in 13 countries', 'present in 23 countries': counts a text states about itself."""
    claims = []
    for passage in passages:
        if not (contains_any(passage.text, ("countries", "ones")) and contains_any(passage.text, ("section", "present"))):
            continue  # every claim has one word of each pair
        for match in CLAIM.finditer(passage.text):
            n = match.group("n").lower()
            number = int(n) if n.isdigit() else NUMBER_WORDS[n]
            status = match.group("status").lower() if match.group("status") else None
            claims.append((status, number, passage))
    return claims


def find_organizations(passages: list[Passage], countries: CountryIndex) -> OrganizationsFound:
    signatories, block_sections = find_signatories(passages, countries)
    sections = find_section_lists(passages, countries) + find_memberships(passages, countries) + block_sections
    return OrganizationsFound(
        sections=sections, signatories=signatories, addressees=find_addressees(passages, countries),
        claims=find_country_claims(passages),
    )
