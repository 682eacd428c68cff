"""Extract stage: what the lists of a document are (sections, members, signatories, participants), and the names in them.

Rules only, no names: the code knows what a list of sections or a signature block looks like, found by its structure
(etl/extract/lists.py) and told apart by its lead, its headings and its place in the document; the registries in raw/ know who
is who. Addressees and issuers, at the head and the foot of a document, are found by etl/extract/letters.py. Every name
found keeps its span in the source text.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from ..common.normalize import caseless, contains_any, in_capitals, looks_like_abbreviation
from ..common.records import ListNotTaken, NameFound, OrganizationsFound, Passage, SectionFound, SignatoryFound
from ..read.split import (
    MENU_LINE,
    PAGE_NUMBER,
    SIGNATURE_DELIMITER,
    TRAILING_PICTOGRAPHS,
    count_words,
    heading_like,
    title_case_share,
)
from ..registries.countries import CountryIndex
from ..registries.naming import Naming
from .letters import ADDRESS_LINE, ISSUED_BY, MESSAGE_FIELD, body_range, find_addressees, find_issuers
from .lists import (
    BODY,
    MARKS,
    NAME_OF_PERSON,
    ORGANIZATION_NOUNS,
    Block,
    Columns,
    Item,
    Name,
    country_in_name,
    enumeration,
    find_blocks,
    found_of,
    is_lead,
    is_office_line,
    is_rule_line,
    is_signer_line,
    item_of,
    looks_like_organization,
    marks_of,
    name_found,
    names_by_columns,
    names_of,
    one_line,
    opens_like_a_name,
    sentence_end,
    table_columns,
    trim_name,
)

SIGNING = re.compile(r"\b(?:sign(?:ed|ing|s|atories|atory|ers|atures)|undersigned|co-?sign\w*|endorse(?:d|ments?|rs)|"
                     r"subscribe[ds]|adhesions?|supported by|support(?:ing|ers)|"
                     # who sign, in Spanish, French, Portuguese, Italian and German
                     r"firman|firmantes|firmado\s+por|firmas|suscriben|adhieren|adhesiones|signataires|sign[ée]e?s?\s+par|"
                     r"adh[ée]sions|assinaturas|ades(?:ões|oes)|assinam|assinantes|assinado\s+por|subscrevem|signat[áa]ri[ao]s|firmatari|"
                     r"firmano|aderiscono|adesioni|aderit[oi]|aderenti|adh[ée]r[ée]|adheridos?|aderiram|assinaram|firmaron|"
                     r"sign[èe]rent|firmato|unterzeichneten|sottoscri\w*|"
                     r"unterzeichne\w*|erstunterzeichne\w*|unterschriften|"
                     # who call a demonstration or back it: "Aufrufende Organisationen:", "Convocan:", "Promotori:"
                     r"aufrufende|aufrufer\w*|unterst[üu]tzer\w*|unterst[üu]tzende|convocan(?:tes)?|convocam|convoquent|"
                     r"convocano|promotori|impulsan|"
                     # who back it: "Com o apoio de:", "Con el apoyo de:", "Avec le soutien de :", "Apoiam:"
                     r"apoio\s+(?:\w+\s+)?de|apoyo\s+(?:\w+\s+)?de|soutien\s+(?:\w+\s+)?de|apoiam|apoyan|soutiennent|"
                     r"sostegno\s+(?:\w+\s+)?di|sostengono)\b", re.IGNORECASE)
PARTICIPATING = re.compile(r"\b(?:particip\w*|partecipa\w*|teilnehm\w*|"
                           r"present at|present were|were present|^\s*present\b|attended|attending|took part|"
                           r"taking part|delegations?|represented|in attendance|"
                           # in Spanish, Portuguese, Italian, French and German
                           r"delegaci[oó]n(?:es)?|delega[çc][ãaõo]o?e?s?|delegazion[ei]|d[ée]l[ée]gations?|delegation(?:en)?|"
                           r"rappresentat[ie]|representad[oa]s|représenté(?:e)?s|vertreten|presentes|presenti|présents|"
                           r"asisti\w*|invitad[oa]s|invités|guests|convidad[oa]s|ospiti|gäste)\b",
                           re.IGNORECASE)
MEMBERS_OF = re.compile(r"\b(?:(?:integrated|composed|formed|made up|constituted)\s+(?:by|of)|consist(?:s|ing)?\s+of|"
                        r"compris(?:es|ing)|"
                        # in Spanish, Portuguese, French, Italian and German: "se compone de", "é composta por"
                        r"se\s+compone\s+de|comp[õo]e-se\s+de|se\s+compose\s+de|si\s+compone\s+di|besteht\s+aus|"
                        r"(?:integrad|compuest|compost|format|formad|constituid|constitu[ií]d|compos[ée]e?)[oa]?s?\s+"
                        r"(?:por|de|da|par))\b", re.IGNORECASE)
# the word for sections (not for members or observers): what makes a list of members one of sections
SECTIONS = re.compile(r"\b(?:sections?|secci[oó]n(?:es)?|sec?[cç](?:[õo]es|[ãa]o)|sezion[ei]|sektion(?:en)?)\b", re.IGNORECASE)
SECTION_WORD = re.compile(r"\b(?:(?:national\s+)?sections?|affiliates?|affiliated (?:parties|organi[sz]ations|groups)|"
                          r"member(?:s|ship)?(?:\s+(?:parties|organi[sz]ations|groups))?|sympathi[sz]\w*|observers?|"
                          # the same in Spanish, Portuguese, French, Italian and German
                          r"secci[oó]n(?:es)?|sec?[cç](?:[õo]es|[ãa]o)|sezion[ei]|sektion(?:en)?|(?:voll)?mitglied\w*|membres|miembros|"
                          r"membros|membri|simpati[sz]\w*|sympathisi\w*|sympathisant\w*|beobachter|observador\w*|"
                          r"observateurs|osservatori|kandidat\w*)\b", re.IGNORECASE)
PARENTHESIS = re.compile(r"\s*\([^()]*\)")  # "(see point 3)": an aside, no part of what a lead says
NOT_ORGANIZATIONS = re.compile(r"\b(?:demands?|points?|principles?|conditions?|resolves?|decides?|calls? (?:for|on)|"
                               r"slogans?|aims?|tasks?|contents|chapters?|cities|countries|dates?)\b", re.IGNORECASE)
STATUS_WORDS = {"official": "official", "full": "full", "sympathizing": "sympathizing", "sympathising": "sympathizing",
                "sympathizer": "sympathizing", "sympathizers": "sympathizing", "sympathiser": "sympathizing",
                "sympathisers": "sympathizing", "observer": "observer", "observers": "observer", "member": "member",
                "members": "member", "candidate": "candidate", "candidates": "candidate", "fraternal": "fraternal",
                "associate": "associate", "permanent": "permanent",
                # in Spanish, Portuguese, French, Italian and German
                "simpatizante": "sympathizing", "simpatizantes": "sympathizing", "sympathisant": "sympathizing",
                "sympathisante": "sympathizing", "sympathisants": "sympathizing", "sympathisantes": "sympathizing",
                "simpatizzante": "sympathizing", "simpatizzanti": "sympathizing", "sympathisierende": "sympathizing",
                "observador": "observer", "observadores": "observer", "observateur": "observer", "observateurs": "observer",
                "osservatore": "observer", "osservatori": "observer", "beobachter": "observer", "candidato": "candidate",
                "candidatos": "candidate", "candidat": "candidate", "candidats": "candidate", "candidati": "candidate",
                "kandidat": "candidate", "kandidaten": "candidate", "miembro": "member", "miembros": "member",
                "membro": "member", "membros": "member", "membre": "member", "membres": "member", "membri": "member",
                "mitglied": "member", "mitglieder": "member", "mitgliedsorganisationen": "member", "vollmitglied": "full",
                "vollmitglieder": "full", "pleno derecho": "full", "plein droit": "full", "pleno direito": "full",
                "pieno diritto": "full", "plena": "full", "plenas": "full", "pleno": "full", "plenos": "full",
                "plein": "full", "pleins": "full", "pleine": "full", "pleines": "full", "piena": "full", "piene": "full",
                "pieni": "full"}
STATUS = re.compile(r"\b(?:" + "|".join(STATUS_WORDS) + r")\b", re.IGNORECASE)
# "* sympathizing section", "(*) = observer", "¹ admitted as candidate": what a mark after a name means
STAR_NOTE = re.compile(rf"^\s*(?P<mark>\(\s*[{MARKS}]+\s*\)|[{MARKS}]+)?\s*[=:–—-]?\s*"
                       r"(?:denotes\s+|means\s+|marks\s+|(?:admitted|accepted|listed|recognized|recognised)\s+as\s+)?"
                       r"(?:an?\s+)?(?:(?:organi[sz]ations?|groups?|part(?:y|ies)|sections?|members?)\s+with\s+(?:an?\s+)?)?"
                       r"(?P<status>" + "|".join(STATUS_WORDS) + r")\b[^.]{0,40}\.?\s*$", re.IGNORECASE)
MEMBERSHIP = re.compile(
    r"(?:\s*[-–—(,]\s*)?(?:which|that|who)?\s*(?:is|are|was|were)?\s*"
    r"\b(?:integrated|composed|formed|made up|constituted)\s+(?:by|of)\s+",
    re.IGNORECASE,
)
# what every MEMBERSHIP match holds, in caseless() text: a quick test before the slow pattern
MEMBERSHIP_HINT = re.compile(r"(?:integrated|composed|formed|made up|constituted)\s+(?:by|of)\s")
INLINE_LEAD = re.compile(
    r"(?:^|[.;:]\s+|\s)(?P<lead>(?:(?:this|the)\s+(?:statement|declaration|appeal|call|letter|resolution)\s+(?:is|was)\s+)?"
    r"(?:(?:co-?)?signed(?:\s+by)?|signatories|signatures|endorsed by|supported by|adhesions|"
    r"firman|firmantes|firmado\s+por|suscriben|adhieren|adhesiones|signataires|sign[ée]e?s?\s+par|assinam|assinantes|"
    r"assinado\s+por|firmatari|firmano|(?:erst)?unterzeichner(?:innen)?|unterzeichnet\s+von|"
    r"with the participation of|participants|participating (?:parties|organi[sz]ations)(?:\s+and\s+organi[sz]ations)?|"
    r"(?:the\s+)?following\s+(?:parties|organi[sz]ations|groups|sections)(?:\s+and\s+(?:parties|organi[sz]ations|groups))?|"
    # the same in French, Spanish, Portuguese, Italian and German: "des sections suivantes", "las siguientes
    # organizaciones", "as seguintes organizações", "le seguenti organizzazioni", "folgende Organisationen"
    r"(?:sections|organisations|partis|groupes)\s+suivante?s|(?:organizaciones|secciones|partidos)\s+siguientes|"
    r"(?:siguientes|seguintes|seguenti)\s+(?:organizaciones|secciones|partidos|organiza[cç][õo]es|sec?[cç](?:[õo]es|[ãa]o)|"
    r"organizzazioni|sezioni|partiti)|folgenden?\s+(?:Organisationen|Sektionen|Parteien|Gruppen)|"
    r"present(?=\s*:)|(?:our|its|their|the)\s+(?:national\s+)?sections\s+(?:are|include)|"
    r"delegations?\s+(?:from|of)|(?:was|were)\s+(?:represented|attended)\s+by|"
    # "as seguintes delegações — da Argentina: …", "erano rappresentati: per l'Italia, …"
    r"(?:siguientes|seguintes|seguenti)\s+(?:delegaciones|delega[çc][õo]es|delegazioni)|d[ée]l[ée]gations\s+suivantes|"
    r"following\s+delegations|(?:were|erano|estaban|estavam|[ée]taient|waren)\s+(?:represented|rappresentat[ie]|"
    r"representad[oa]s|représenté(?:e)?s|vertreten)(?=\s*:)|"
    # "Participou como observador o X", "took part as observers: X and Y", "Asistieron además, como invitados
    # fraternales, el X …", "attended as fraternal guests the X"
    r"(?:particip(?:ou|aram|ó|aron|ated)|took\s+part|attended|asistieron|asisti[óo]|a\s+particip[ée]|"
    r"ont\s+particip[ée]|ha(?:nno)?\s+partecipato)(?:\s+(?:además|también|also|aussi|anche|inoltre|também|auch|ebenfalls))?,?\s+"
    r"(?:como|as|en\s+tant\s+qu['’]e?|comme|come|in\s+qualit[àa]\s+di)\s*(?:an?\s+)?(?:observador(?:es|as)?|"
    r"observers?|observateurs?|osservator[ei]|invitad[oa]s\s+fraternales|fraternal\s+(?:guests|delegates)|"
    r"invités\s+fraternels|convidad[oa]s|delegad[oa]s\s+fraternales|ospiti)"
    r",?(?:\s+(?:o|a|os|as|el|la|los|las|the|le|les|il|i|gli))?(?=\s)|"
    # the same with the verb after: "En calidad de observadores asistieron el X", "As observers attended the X"
    r"(?:en\s+calidad\s+de|na\s+qualidade\s+de|como|as|en\s+tant\s+qu['’]|in\s+qualit[àa]\s+di)\s+"
    r"(?:observador(?:es|as)|observers|observateurs|osservatori|invitad[oa]s\s+fraternales|fraternal\s+guests)\s+"
    r"(?:asistieron|participaron|estuvieron\s+presentes|attended|took\s+part|were\s+present|participaram|"
    r"assistiram|estiveram\s+presentes|ont\s+particip[ée]|hanno\s+partecipato)"
    r"(?:\s+(?:o|a|os|as|el|la|los|las|the|le|les|il|i|gli))?(?=\s)|"
    r"(?:[\w-]+\s+){0,3}sections(?=\s*:))"
    r"(?:\s+(?:the\s+)?following(?:\s+(?:parties|organi[sz]ations|groups))?)?(?:\s+(?:were\s+present|took\s+part))?)"
    r"\s*(?::|[–—-]|,)?\s+(?=\S)",
    re.IGNORECASE,
)
# what every INLINE_LEAD match holds, in caseless() text: a quick test before the slow pattern
INLINE_LEAD_HINT = re.compile(r"sign|endorsed|supported|adhesi|particip|took part|asisti|following|present\s*:|sections|"
                              r"delega|d[ée]l[ée]gation|repr[eé]sent|rappresent|vertreten|attended|firm|suscri|adhier|assina|"
                              r"unterzeichn|suivant|siguiente|"
                              r"seguint|seguent|folgende")
VALEDICTION = re.compile(r"^(?:(?:with|in)\s+(?:\w+\s+){0,3}?(?:solidarity|greetings|regards|respect)|yours\b|fraternally|"
                         r"comradely|sincerely|saludos|salutations|cordialement|saluti|mit\s+\w+\s+grü)", re.IGNORECASE)
LABELLED_ROW = re.compile(r"^[\w-]+(?:\s[\w-]+)?:\s+[^,]+,\s*\S+.*,"  # "Tags: A, b, C": a label, then words apart by commas
                          # "Share: Facebook · X": a page's links to share it or to follow its publisher
                          r"|^(?:share|follow\s+us|compartir|comparte|partager|partagez|teilen|condividi|partilhar)\b[^:]{0,30}:",
                          re.IGNORECASE)
# a person and what they do: "Dr Samir Khalidi, lecturer, Birzeit"
PERSON = re.compile(rf"^{NAME_OF_PERSON},\s+[a-z]")
INDIVIDUALS = re.compile(r"\b(?:individual|individuals|personal|persons|people|individuales|individuels|individuelles|"
                         r"individuais|individuali|einzelpersonen|personales|personnelles|persönlich)\b", re.IGNORECASE)
SALUTATION = re.compile(r"^(?:dear|hello|greetings)\b", re.IGNORECASE)
WEB = re.compile(r"(?:https?://|www\.|@)\S|^\S+\.(?:org|com|net|info)(?:\.[a-z]{2})?\S*$|^\S+\.[a-z]{2,3}/?$", re.IGNORECASE)
INTERNATIONAL_WORD = re.compile(r"\b(?:internationale?|internacional|internazionale|international)\b", re.IGNORECASE)
INTERNATIONAL_STEMS = ("internationa", "internaciona", "internaziona")  # one is in every INTERNATIONAL_WORD match


# the words of a line that says what a list is
LEAD_WORDS = {
    "our", "the", "its", "their", "his", "her", "national", "official", "full", "sympathizing", "sympathising",
    "sympathizer", "sympathizers", "sympathiser", "sympathisers", "observer", "observers", "candidate", "candidates",
    "fraternal", "associate", "associated", "permanent", "member", "members", "membership", "affiliated",
    "affiliates", "affiliate", "section", "sections", "organization", "organizations", "organisation",
    "organisations", "group", "groups", "party", "parties", "signatories", "signatory", "signed", "signing",
    "signatures", "undersigned", "co-signed", "cosigned", "endorsed", "endorsing", "endorsers", "supported",
    "supporters", "participants", "participating", "participated", "present", "list", "of", "and", "by", "in", "at",
    "were", "was", "is", "are", "integrated", "composed", "formed", "made", "up", "constituted", "current", "this",
    "statement", "declaration", "appeal", "call", "letter", "following", "initial", "first", "countries", "country",
    "participantes", "partecipanti", "teilnehmer", "organisationen", "organizaciones", "organizações",
    "organizzazioni", "parteien", "partidos", "partis", "partiti", "gruppen", "grupos", "groupes", "gruppi",
    # "PREMIÈRES ORGANISATIONS SIGNATAIRES", "primeras organizaciones firmantes", "further signatories"
    "premières", "premiers", "primeras", "primeros", "primeiras", "primeiros", "prime", "primi", "erste", "ersten",
    "further", "new", "additional", "other", "more", "late", "later", "autres", "otras", "otros", "outras", "altre",
    "weitere", "les", "las", "los", "as", "os", "le", "gli", "die", "der", "des", "de", "du", "del", "da", "do", "et",
    "y", "e", "und", "nuevas", "nouvelles", "novas", "nuove", "neue",
}


@dataclass
class Segment:
    """The items of a block under one lead or heading, and what they are."""

    lead: Passage | None
    items: list[Item] = field(default_factory=list)
    role: str | None = None  # section, signatory, participant, member, addressee; None: not said
    status: str | None = None
    international: NameFound | None = None
    country: str | None = None  # from a heading that is a place
    explicit: bool = False  # the lead says what the items are
    places_follow: bool = False  # each name's place is a line of its own after it ("X" / "City" / "Country")


# ---------------------------------------------------------------- leads and headings

def parse_section_heading(text: str) -> tuple[str | None, str | None] | None:
    """'Official WFI-FI Sections:' -> ('official', 'WFI-FI'); 'Sections of the X:' -> (None, 'X');
    'Member organizations' -> ('member', None); None when the text does not speak of sections or members."""
    text = text.strip().rstrip(":").strip()
    word = SECTION_WORD.search(text)
    if not word or count_words(text) > 12:
        return None
    status = status_in(text)
    before = [w for w in text[: word.start()].split()
              if w.lower() not in {"national", "the", "our", "its", "their", "list", "of", "all", "directory", "table"}
              and not STATUS.fullmatch(w)]  # "LIST OF SECTIONS": in capitals, "OF" is no abbreviation
    after = re.sub(r"^(?:of|de|in)\s+(?:the\s+)?", "", text[word.end():].strip(), flags=re.IGNORECASE)
    after = re.sub(r"\s*[:(].*$", "", after)
    if after and re.match(r"^(?:of|de|in)\b", text[word.end():].strip(), re.IGNORECASE):
        return status, after
    if before and (looks_like_abbreviation(before[-1]) or INTERNATIONAL_WORD.search(" ".join(before))):
        return status, " ".join(before)
    return status, None


def status_in(text: str) -> str | None:
    """The status a heading gives: its word for it; 'member' for members; 'official' for plain sections (a section
    with no other word is a full section)."""
    words = [word.lower() for word in STATUS.findall(text)]
    if words:  # "Permanent observer": an observer, permanently
        return STATUS_WORDS[next((word for word in words if word != "permanent"), words[0])]
    if re.search(r"\bmember", text, re.IGNORECASE):
        return "member"
    return "official" if SECTIONS.search(text) else None


def status_of_first_kind(text: str) -> str | None:
    """The status of the items no note marks, in a lead that names several kinds ('the following sections, sympathizing
    sections and observers:'): that of the kind it names first. None when it names one kind."""
    sentence = PARENTHESIS.sub("", last_sentence(text))  # not "Secciones simpatizantes (con voz, sin voto)"
    word = SECTION_WORD.search(sentence)
    if word is None or not re.search(r"\s(?:and|&|y|et|und)\s|,", sentence[word.end():]):
        return None
    return status_in(sentence[:word.end()])


def role_of_lead(text: str) -> str | None:
    """What a lead or heading says its items are (people who sign for themselves are no organizations)."""
    if INDIVIDUALS.search(text):
        return "people"  # no rows: the rules make rows of organizations
    if re.fullmatch(r"\s*(?:to|attn\.?|attention|addressed to|addressees)\s*:?\s*", text, re.IGNORECASE):
        return "addressee"
    if SIGNING.search(text):
        return "signatory"
    if MEMBERS_OF.search(text):  # "… consists of the following sections:": sections of the issuer
        return "section" if SECTIONS.search(last_sentence(text)) else "member"
    if PARTICIPATING.search(text):
        return "participant"
    if parse_section_heading(text) is not None:
        return "section"
    return None


def last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


def is_place_line(item: Item, countries: CountryIndex) -> bool:
    return count_words(item.text) <= 5 and countries.place_code(item.text.strip().rstrip(":")) is not None


def is_region_line(item: Item, countries: CountryIndex) -> bool:
    """'Middle East', 'Southern Africa': a region of the world that heads the names below it, not a name itself."""
    text = item.text.strip().rstrip(":")
    return count_words(text) <= 6 and countries.is_world_region(text) and not ORGANIZATION_NOUNS.search(text)


def is_lead_word(word: str) -> bool:
    """A word of what a list is ('Signatories', 'Firman', 'Vollmitglieder', 'Beobachter', 'Individual') or of the
    words around it."""
    return word.lower() in LEAD_WORDS or bool(SECTION_WORD.fullmatch(word) or STATUS.fullmatch(word)
                                              or SIGNING.fullmatch(word) or INDIVIDUALS.fullmatch(word))


def is_lead_line(item: Item) -> bool:
    """An item that is no name but a lead: 'integrated by', 'Signed', 'Member organizations', 'Sympathizing groups',
    'Sympathizing WFI-FI Sections': words of what a list is, and at most the abbreviation of an international."""
    text = re.sub(r"\s*\([^()]*\)", "", item.text).strip().rstrip(":").strip()  # "SIGNATORIES (in alphabetical order)"
    words = re.findall(r"[\w'’-]+", text)
    others = [word for word in words if not is_lead_word(word)]
    return (0 < len(words) <= 8 and role_of_lead(text) is not None
            and len(others) <= 2 and all(looks_like_abbreviation(word) for word in others))


# ---------------------------------------------------------------- blocks into segments

def segments_of(block: Block, countries: CountryIndex) -> list[Segment]:
    """The block cut at its headings and at items that are leads, each segment told what it is by its lead, or, for
    a heading that is a region or a country, by the segment before it."""
    headings = dict(block.headings)
    segments = [new_segment(block.lead, None, countries)]
    places_follow = places_follow_names(block.items, countries)
    for index, item in enumerate(block.items):
        following = block.items[index + 1] if index + 1 < len(block.items) else None
        if index in headings and (index or headings[index] is not block.lead):
            segments.append(new_segment(headings[index], segments[-1], countries))
        if is_page_furniture(block.items, index, headings):
            continue  # a running head between rules, a page's number: the list goes on over the page
        if SIGNATURE_DELIMITER.match(item.text) or closes_the_text(block.items, index):
            break  # "-- ": an e-mail's signature follows, and a mailing list's footer; "Regional Secretariat" / "X"
        heads_a_name = (is_place_line(item, countries) or is_region_line(item, countries)) and following is not None \
            and not is_place_line(following, countries) and not is_region_line(following, countries) and not places_follow
        after = block.items[index + 2] if index + 2 < len(block.items) else None
        underlined = (following is not None and is_rule_line(following.text) and index + 1 not in headings
                      and not is_table_furniture(item)
                      and count_words(item.text) <= 6 and after is not None and not is_rule_line(after.text)
                      and not is_page_furniture(block.items, index + 2))
        # "Africa" over "------" over names: a heading
        titles_table = following is not None and table_columns(following) is not None and not is_table_furniture(item)
        if is_footnote(item):  # "* admitted at the Seventh Congress": what follows the note is no part of the list
            segments.append(Segment(None))
            continue
        said = item.text.rstrip().endswith(":") and count_words(item.text) <= 8 and role_of_lead(item.text) is not None
        if is_lead_line(item) or said or heads_a_name or underlined or titles_table or place_and_status(item, countries):
            segments.append(new_segment(item.passage, segments[-1], countries))  # a lead, or a heading of the names below
            continue
        if WEB.search(item.text) or VALEDICTION.match(item.text) or LABELLED_ROW.match(item.text) \
                or MESSAGE_FIELD.match(item.text) or CONTACT_LINE.match(item.text) or is_menu(item, countries):
            continue  # a website or an email address beside a name; "With solidarity and respect"; "Tags: A, b, C";
            # "To: …", "Cc: …": a field of a message's head, whose addressees are read as such
        segments[-1].items.append(item)
    for segment in segments:
        segment.places_follow = places_follow
    return [segment for segment in segments if segment.items]


# "Kenya — sympathizing section", "Chile: candidate section": a country's heading with the status of the names below
PLACE_STATUS = re.compile(r"^(?P<place>[^:—–(]{2,40}?)\s*(?:[—–:]|\s-)\s+(?P<status>[^:—–]{2,40})$")
# "Facebook: /x", "Tel.: …", "E-mail: …": how to reach an organization, beside its name
CONTACT_LINE = re.compile(r"^\s*(?:facebook|twitter|instagram|telegram|tiktok|youtube|mastodon|bluesky|x|e-?mail|mail|"
                          r"tel|tél|phone|fax|web|website|site|contact|contacto|kontakt)\.?\s*:", re.IGNORECASE)
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)  # "© IKAF 2025 · Impressum · Datenschutz"


def place_and_status(item: Item, countries: CountryIndex) -> str | None:
    """The country of a heading that gives a place and a status for the names below it ('Kenya — sympathizing
    section', 'Chile: candidate section'), or None."""
    line = PLACE_STATUS.match(item.text.strip().rstrip(":"))
    if line is None:
        return None
    words = re.findall(r"[\w'’-]+", line.group("status"))
    if not words or len(words) > 4 or not all(is_lead_word(word) for word in words):
        return None  # not "Mexico: Grupo Obrero [sympathizing]", a name with its status
    return countries.place_code(line.group("place"))


def is_menu(item: Item, countries: CountryIndex) -> bool:
    """'Home   About   Sections   Contact', 'English | Español': a site's links, which name no organization."""
    return bool(MENU_LINE.search(item.text)) and not ORGANIZATION_NOUNS.search(item.text) \
        and not any(countries.place_code(cell.strip(" |")) for cell in re.split(r"\s{3,}|\s[|»›·]\s", item.text.strip()))


def closes_the_text(items: tuple[Item, ...], index: int) -> bool:
    """Whether an item is a body that signs the text for its organization, under a list ('Regional Secretariat' over
    the organization and a place and date): among the last three items, after two at least."""
    text = items[index].text.strip()
    return index >= 2 and len(items) - index <= 3 and bool(BODY.match(text)) and not is_office_line(text)


def places_follow_names(items: tuple[Item, ...], countries: CountryIndex) -> bool:
    """Whether each name of a block has its country on a line after it: the block begins with no place and ends
    with one (a heading never ends a list), and has at least two place lines."""
    places = [index for index, item in enumerate(items) if is_place_line(item, countries)]
    return len(places) >= 2 and places[-1] == len(items) - 1 and 0 not in places \
        and not is_region_line(items[0], countries)


def is_page_furniture(items: tuple[Item, ...], index: int, headings: Collection[int] = ()) -> bool:
    """What a page prints around the text: a page's number ('— 14 —', '… page 15'), or a running head between two
    rules (not a name between the rule under its heading and the rule under the next heading)."""
    text = items[index].text
    framed = 0 < index < len(items) - 1 and is_rule_line(items[index - 1].text) and is_rule_line(items[index + 1].text) \
        and index not in headings and index + 1 not in headings
    return bool(PAGE_NUMBER.search(text) or COPYRIGHT.match(text)) or framed and not is_rule_line(text)


def new_segment(lead: Passage | None, before: Segment | None, countries: CountryIndex) -> Segment:
    segment = Segment(lead)
    if lead is None:
        return segment
    text = lead.text.strip()
    segment.role = role_of_lead(text)
    if segment.role and NOT_ORGANIZATIONS.search(PARENTHESIS.sub("", last_sentence(text))):  # not "(see point 3)"
        segment.role = None  # "… took part in protests in their cities, among them:": a list of places
    segment.explicit = segment.role is not None
    place = countries.place_code(text.rstrip(":")) or place_and_status(item_of(lead), countries)
    if segment.role == "section":
        parsed = parse_section_heading(text)
        segment.status, international = parsed if parsed else (None, None)
        segment.status = status_of_first_kind(text) or segment.status
        if international:
            at = lead.text.find(international)
            segment.international = name_found(lead, at, at + len(international), None)
    if before is not None and before.role and (segment.role is None or segment.role == before.role):
        segment.role = segment.role or before.role  # a region or country heading goes on with the list above
        # what the list above was said to be goes on under a place or a region, not under any heading ("DRAFT
        # PROGRAMME"): there its names must look like organizations
        carries_on = role_of_lead(text) is not None or place or countries.is_world_region(text)
        segment.explicit = segment.explicit or (before.explicit and bool(carries_on))
        # the status a country's own heading gives ("Kenya — sympathizing section") is not the next heading's
        inherited = None if before.lead is not None and place_and_status(item_of(before.lead), countries) else before.status
        segment.status = segment.status or (inherited if segment.role == "section" and not place
                                            and status_in(text) is None else segment.status)
        segment.status = segment.status or inherited
        segment.international = segment.international or before.international
    if place:
        segment.country = place
    return segment


# ---------------------------------------------------------------- what a list without a lead is

def context_role(segment: Segment, block: Block, passages: list[Passage], title: str, first_body: int,
                 last_body: int) -> tuple[str | None, bool, str | None]:
    """The role of a list no lead names, whether its context says so in words, and the status it gives: sections
    under a heading or a title about sections ('Member organizations': members); else, by its place alone,
    participants before the body of the text and signatories after it; nothing in the middle."""
    first = segment.lead.position - 1 if segment.lead is not None else block.first  # passages[i].position == i + 1
    for heading in (segment.items[0].passage.heading, *headings_above(first, passages), title):
        parsed = parse_section_heading(heading) if heading else None
        if parsed is not None and not NOT_ORGANIZATIONS.search(heading or ""):
            several = re.search(r"\s(?:and|&|y|et|und)\s|,", heading or "", re.IGNORECASE)  # "Sections and sympathizing groups"
            return "section", True, None if several else parsed[0]
    if segment.lead is not None and NOT_ORGANIZATIONS.search(segment.lead.text):
        return None, False, None
    if under_valediction(segment.items[0].passage.position - 1, passages):
        return "signatory", False, None  # the lines under "In solidarity,": who signs
    if block.last < first_body and block.first > 0:
        return "participant", False, None
    if block.first > last_body:
        return "signatory", False, None
    return None, False, None




def under_valediction(first: int, passages: list[Passage]) -> bool:
    """Whether passages[first] stands under 'In solidarity,' with nothing but signature lines between (no sentence
    of the body text, which ends with a full stop)."""
    for passage in reversed(passages[max(0, first - 12):first]):
        text = passage.text.strip()
        if VALEDICTION.match(text):
            return True
        if count_words(text) >= 15 and text[-1] in ".!?":
            return False
    return False


def headings_above(first: int, passages: list[Passage]) -> Iterator[str]:
    """The headings before passages[first], nearest first, over at most two paragraphs: headings, lines in capitals,
    short lines that end with a colon, and short lines in title case (a page's heading the split took for a line of
    a run: "Sections and Groups of the X" under a site's menu)."""
    paragraphs = 0
    for index in range(first - 1, max(0, first - 6) - 1, -1):
        passage, text = passages[index], passages[index].text.strip()
        short = count_words(text) <= 10 and not MENU_LINE.search(text)
        over_body = (index + 1 < len(passages) and count_words(passages[index + 1].text) >= 15
                     and ":" not in text and not text.endswith(")"))  # not a name with its place or its status
        if passage.kind == "heading" or short and (in_capitals(text) or text.endswith(":")
                                                   or over_body and heading_like(text) and title_case_share(text) >= 0.6):
            yield passage.heading if passage.kind == "heading" and passage.heading else text
        elif count_words(text) >= 15:
            paragraphs += 1
            if paragraphs > 2:
                return


def star_status(passages: list[Passage]) -> dict[str, str]:
    """What each mark after a name means, from notes such as '* sympathizing section' and '° observer' anywhere in
    the document (a note that shows no mark, '(*) …' under a list of asterisks, is the asterisk's)."""
    meanings: dict[str, str] = {}
    for passage in passages:
        text = passage.text.strip()
        if (passage.marker in tuple(MARKS) or text[:1] in "(" + MARKS) and count_words(text) <= 8:
            note = STAR_NOTE.match(text)
            if note:
                mark = marks_of(passage.marker or "") or marks_of(note.group("mark") or "") or "*"
                meanings.setdefault(mark, STATUS_WORDS[note.group("status").lower()])
    return meanings


def is_footnote(item: Item) -> bool:
    """A line marked with a star that says something in words rather than naming: '* admitted at the congress'."""
    text = item.text.strip()
    starred = item.passage.marker in tuple(MARKS) or text[:1] in MARKS
    return starred and (is_star_note(item) or text.lstrip(MARKS + " \t")[:1].islower()
                        or bool(re.search(r",\s+[a-z]\w*\s", text)) and text.endswith("."))  # "† Group in formation, …."


def is_star_note(item: Item) -> bool:
    return (item.passage.marker in tuple(MARKS) or item.text[:1] in "(" + MARKS) and bool(STAR_NOTE.match(item.text))


# ---------------------------------------------------------------- the names of a segment

@dataclass
class Taken:
    """What the lists of a document gave, and which passages they used."""

    sections: list[SectionFound] = field(default_factory=list)
    signatories: list[SignatoryFound] = field(default_factory=list)
    addressees: list[NameFound] = field(default_factory=list)
    members_of_issuer: list[NameFound] = field(default_factory=list)
    passages: set[str] = field(default_factory=set)
    not_taken: list[ListNotTaken] = field(default_factory=list)
    positions: Counter = field(default_factory=Counter)  # role -> signatories of that role so far

    def add_signatories(self, names: list[NameFound], role: str) -> None:
        """Signatories of a role, numbered on from those of the same role before them."""
        start = self.positions[role]
        self.signatories.extend(SignatoryFound(name, role, start + n) for n, name in enumerate(names, 1))
        self.positions[role] += len(names)


def columns_of_rows(block: Block) -> dict[Item, Columns | None]:
    """Each item of a block, with the columns of the table it is a row of (None: no table with a head row); head
    rows and the rules under them, with None too, are left out of their segments (is_table_furniture)."""
    rows: dict[Item, Columns | None] = {}
    headings = dict(block.headings)
    columns = table_columns(item_of(block.lead)) if block.lead is not None else None
    for index, item in enumerate(block.items):
        if index in headings:  # a head row the splitter took for a heading
            columns = table_columns(item_of(headings[index])) or columns
        head = table_columns(item)
        if head is not None:
            columns = head
            rows[item] = None
        else:
            rows[item] = columns
    return rows


def is_table_furniture(item: Item) -> bool:
    """A table's head row, or a rule line under a head or a heading: no name."""
    return is_rule_line(item.text) or table_columns(item) is not None


def segment_names(segment: Segment, countries: CountryIndex, naming: Naming,
                  columns: dict[Item, Columns | None] | None = None) -> list[Name]:
    """The names of a segment's items, each with its country (from the item, the heading, or the row above)."""
    if segment.places_follow:
        return names_over_places(segment, countries, naming)
    names: list[Name] = []
    above = segment.country
    width = max((item.text.count("\t") + 1 for item in segment.items), default=1)
    for index, item in enumerate(segment.items):
        if is_star_note(item) or is_table_furniture(item) or index == 0 and width > 1 and is_table_header(item, countries):
            continue
        head = (columns or {}).get(item)  # a row of a table under its head row: its cells say what they are
        if head is None and is_signer_line(segment.items, index):
            continue  # "Rohan Silva" / "International Secretary" over the organization they sign for
        found = names_by_columns(item, head, countries) if head else names_of(item, countries, naming, width)
        for name in found:
            if name.same_as_above:
                name = Name(name.passage, name.start, name.end, above, above is not None, True, name.starred, name.status)
            elif name.country is None and segment.country:
                name = Name(name.passage, name.start, name.end, segment.country, True, False, name.starred, name.status)
            if name.apart or name.same_as_above:
                above = name.country
            names.append(name)
    return names


def names_over_places(segment: Segment, countries: CountryIndex, naming: Naming) -> list[Name]:
    """'X' / 'Porto Alegre' / 'Brasil': each entry's first line is its name; the last of the place lines that end
    the entry is its country, and the lines between (a city, a street) are no names."""
    names: list[Name] = []
    entry: list[Item] = []
    items = segment.items
    for index, item in enumerate(items):
        if not is_place_line(item, countries) or index + 1 < len(items) and is_place_line(items[index + 1], countries):
            entry.append(item)  # a name, or a line of its address ('Salvador' over 'Brasil': the last place counts)
            continue
        code = countries.place_code(item.text.strip().rstrip(":"))
        if entry:
            names += [Name(name.passage, name.start, name.end, name.country or code, True, False, name.starred, name.status)
                      for name in names_of(entry[0], countries, naming)]
        entry = []
    return names


def is_table_header(item: Item, countries: CountryIndex) -> bool:
    """'No.  Organisation  Country': a first row of short words, none of them a place."""
    cells = [cell.strip(" .") for cell in item.text.split("\t") if cell.strip(" .")]
    return all(count_words(cell) <= 2 and not countries.place_code(cell) for cell in cells)


def acceptable(names: list[Name], segment: Segment, countries: CountryIndex, naming: Naming) -> list[Name]:
    """The names of a segment that are organizations: under a lead that says so, every capitalized name that is no
    place, date or body; without one, only a list whose names all look like organizations."""
    plausible = [n for n in names if plausible_name(n.text, countries, naming)]
    if segment.explicit:
        return plausible if len(plausible) * 2 >= len(names) else []
    organizations = [n for n in plausible if looks_like_organization(n.text, countries, naming)]
    return plausible if len(plausible) == len(names) and len(organizations) * 10 >= len(names) * 6 else []


def plausible_name(text: str, countries: CountryIndex, naming: Naming) -> bool:
    text = TRAILING_PICTOGRAPHS.sub("", text).strip()  # "Vamos juntas! ✊🏽": an exclamation, whatever follows it
    if not opens_like_a_name(text) or text.startswith("(") and text.endswith(")") and text[1:2].islower():
        return False  # "(formerly Gruppo Operaio, until 2019)": a remark on the name above
    if countries.place_code(text) or count_words(text) > 16 or text[-1] in "!?":
        return False
    if text.isupper() and count_words(text) >= 4 and parse_section_heading(text) is not None:
        return False  # "Sections represented at the Sixth World Congress": a heading over a list, not a name in it
    if re.search(r"\b(?:1[89]|20)\d\d\b", text) and not looks_like_organization(text, countries, naming):
        return False  # a date
    if PERSON.match(text):
        return False  # "Hannah Okafor, nurse, …": a person, signing for themselves
    if ISSUED_BY.match(text) and not text.lower().startswith("for "):
        return False  # "Adopted by the Founding Conference, Lisbon, …": who issued the text, under its title
    if BODY.match(re.split(r",\s|\s+of\s+the\s", text)[0].strip()) and text != text.split(",")[0]:
        return False  # "Secretariado Internacional, Internacional …": the closing lines of an issuer
    if re.match(r"^(?:the\s+)?\S+(?:\s+\S+){0,3}?\s+of\s+the\s", text) and BODY.match(text.split(" of ")[0]):
        return False  # "Central Committee of the …": the closing lines of an issuer
    return looks_like_organization(text, countries, naming) or title_case_share(text) >= 0.5 or count_words(text) <= 5


def heads_by_place(segment: Segment, countries: CountryIndex) -> bool:
    """Whether a segment's lead is a region of the world or a country, not words of its own."""
    text = segment.lead.text.strip().rstrip(":") if segment.lead is not None else ""
    return bool(text) and (countries.is_world_region(text) or countries.place_code(text) is not None)


def take_block(block: Block, passages: list[Passage], title: str, body: tuple[int, int], countries: CountryIndex,
               naming: Naming, stars: dict[str, str], taken: Taken) -> None:
    """The rows a block gives, by the role of each of its segments."""
    first_body, last_body = body
    lines = [item for item in block.items if not is_rule_line(item.text)]
    if lines and all(ADDRESS_LINE.match(item.text) for item in lines):
        return  # "To the …" lines (under a rule, perhaps): the addressees of a letter (letters.py)
    gave = False
    columns = columns_of_rows(block)
    above: tuple[str | None, bool, str | None] = (None, False, None)  # what the segment before was found to be
    for segment in segments_of(block, countries):
        role = segment.role
        if role is None and above[0] is not None and heads_by_place(segment, countries):
            role, segment.explicit, segment.status = above  # "LATIN AMERICA" / "Europe:": the list above goes on
        elif role is None:
            role, segment.explicit, status = context_role(segment, block, passages, title, first_body, last_body)
            segment.status = segment.status or status
        if role == "section":
            segment.status = segment.status or "official"
        above = (role, segment.explicit, segment.status)
        if role == "people":  # who sign for themselves: no organizations, and no one who issues the text
            taken.passages.update(item.passage.id for item in segment.items)
            continue
        if role is None:
            continue
        names = acceptable(segment_names(segment, countries, naming, columns), segment, countries, naming)
        if not names or len(names) < 2 and not segment.explicit and len(segment.items) < len(block.items):
            continue  # one name left of lines that only their place calls a list: a closing line, no list
        gave = True
        taken.passages.update(item.passage.id for item in segment.items)
        if segment.lead is not None:
            taken.passages.add(segment.lead.id)
        add_rows(role, segment, names, stars, taken)
    if not gave and len(block.items) >= 2:
        first = block.items[0]
        written = tuple(name.text for item in block.items for name in names_of(item, countries, naming))
        last = block.items[-1]
        taken.not_taken.append(ListNotTaken(
            first.passage.id, len(block.items), first.text[:80], tuple(item.passage.id for item in block.items),
            written, first.passage.start_char + first.start, last.passage.start_char + last.end, first.passage.document_id))


def add_rows(role: str, segment: Segment, names: list[Name], stars: dict[str, str], taken: Taken) -> None:
    """The rows the names of a segment make, by its role; a 'name' of fewer than two letters ('- 3 -', a page's
    number) makes none."""
    names = [name for name in names if sum(c.isalpha() for c in name.text) >= 2]
    if role == "section":
        for name in names:
            status = name.status and (STATUS_WORDS.get(name.status.lower()) or status_in(name.status) or name.status)
            status = status or stars.get(name.starred) or segment.status
            taken.sections.append(SectionFound(segment.international, found_of(name), status))
    elif role == "addressee":  # not the salutation that follows ("Dear comrades,")
        taken.addressees.extend(found_of(name) for name in names if not SALUTATION.match(name.text))
    elif role == "member":
        members = [found_of(name) for name in names]
        taken.members_of_issuer.extend(members)
        taken.add_signatories(members, "signatory")
    else:
        taken.add_signatories([found_of(name) for name in names], role)


# ---------------------------------------------------------------- enumerations in a sentence

def inline_lists(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: Taken) -> None:
    """'Signed by: A, B, C, and the Z.', '… with the participation of A, B and C.': the names after the lead."""
    for index, passage in enumerate(passages):
        if is_lead(passage) and index + 1 < len(passages):
            enumeration_under_lead(passage, passages[index + 1], countries, naming, taken)
        if passage.id in taken.passages or passage.kind == "title" or is_lead(passage):
            continue  # a line ending with a colon introduces the lines below it
        if not INLINE_LEAD_HINT.search(caseless(passage.text)):
            continue
        after = 0  # where the last enumeration taken ends: a sentence may follow with another lead
        for lead in INLINE_LEAD.finditer(passage.text):
            if lead.start() < after:
                continue
            if INDIVIDUALS.search(passage.text[max(0, lead.start() - 30):lead.end() + 15]):
                continue  # "Individual signatories: …", "Adhesiones individuales: …": people, no organizations
            role = role_of_lead(lead.group("lead")) or ("section" if SECTION_WORD.search(lead.group("lead")) else None)
            role = role if role in ("signatory", "participant") else ("signatory" if role is None else role)
            start, international, status = lead.end(), None, status_in(lead.group("lead")) if role == "section" else None
            said = CLAUSE_TO_COLON.match(passage.text, start)
            if said and role == "signatory" and not lead.group().rstrip().endswith(":") \
                    and (heading := parse_section_heading(said.group("clause"))) is not None:
                # "the following organisations constitute the founding affiliates of the X: A, B …"
                role, start, status = "section", said.end(), heading[0]
                if heading[1]:
                    at = passage.text.find(heading[1], lead.end())
                    international = name_found(passage, at, at + len(heading[1]), None)
            if PLACE_GROUP.match(passage.text, start):  # "da Argentina: A e B; da Bolívia: C; …"
                names, end = grouped_by_place(passage, start, countries, naming)
                items = [(Item(passage, start, end), "")]
            else:
                items = enumeration(passage, start, countries, naming)
                announced = lead.group().rstrip().endswith(":") or "following" in lead.group("lead").lower()
                accept = plausible_name if announced else looks_like_organization
                names = [n for n in enumerated_names(items, countries, naming) if accept(n.text, countries, naming)]
            if len(names) < 1 or (len(names) < 2 and passage.kind == "paragraph" and count_words(passage.text) > 40):
                continue
            taken.passages.add(passage.id)
            segment = Segment(None, role=role, status=status, international=international)
            add_rows(role, segment, names, {}, taken)
            after = max(item.end for item, _ in items)


def grouped_by_place(passage: Passage, start: int, countries: CountryIndex, naming: Naming) -> tuple[list[Name], int]:
    """The names of 'da Argentina: A e B; da Bolívia: C; …' or 'per l'Italia, il A; per la Francia, il B …' from
    `start` to the sentence's end, each with the place its group opens with (a group that opens with no place names
    no one), and where they end."""
    text, names = passage.text, []
    stop = sentence_end(text, start)
    for a, b in group_spans(text, start, stop):
        group = PLACE_GROUP.match(text, a, b)
        code = countries.place_code(group.group("place")) if group else None
        if group is None or code is None:
            continue
        for name in enumerated_names(enumeration(passage, group.end(), countries, naming, stop=b), countries, naming):
            name_start, name_end = name.start, without_note(text, name.start, name.end)
            if plausible_name(text[name_start:name_end], countries, naming):
                names.append(Name(passage, name_start, name_end, name.country or code, True, False, name.starred,
                                  name.status))
    return names, stop


def group_spans(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The spans of text[start:stop] between its semicolons (those outside brackets)."""
    spans, cursor, depth = [], start, 0
    for at in range(start, stop):
        depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(text[at], 0)
        if text[at] == ";" and depth <= 0:
            spans.append((cursor, at))
            cursor = at + 1
    return [*spans, (cursor, stop)]


def without_note(text: str, start: int, end: int) -> int:
    """The end of a name without an editor's note in brackets after it ('X [1]', 'X [groups in exile, …')."""
    bracket = text.find("[", start, end)
    return end if bracket <= start else trim_name(text, start, bracket)[1]


def labelled_by_a_lead(passage: Passage) -> bool:
    """'Adhesiones individuales: María Torres, …', 'Signed: A, B': a line whose label says what the names after it are."""
    label, colon, _ = passage.text.partition(":")
    return bool(colon) and count_words(label) <= 6 and role_of_lead(label) is not None


def enumeration_under_lead(lead: Passage, following: Passage, countries: CountryIndex, naming: Naming,
                           taken: Taken) -> None:
    """'Signed (as of 8 March):' over a paragraph 'A (Ireland), B (Australia), C …': the names of the paragraph."""
    role = role_of_lead(lead.text.strip())
    if role not in ("signatory", "participant") or following.id in taken.passages or following.kind != "paragraph" \
            or len(re.findall(r"[,;·•]", following.text)) < 2:
        return
    items = enumeration(following, 0, countries, naming)
    names = [n for n in enumerated_names(items, countries, naming) if plausible_name(n.text, countries, naming)]
    if len(names) * 10 >= len(items) * 8 and len(names) >= 3:  # a paragraph of names, not a sentence
        taken.passages.update((lead.id, following.id))
        add_rows(role, Segment(lead, role=role), names, {}, taken)


# "da Argentina: ", "per l'Italia, ", "from Brazil: ", "pour la France, ": a place that opens a group of names
PLACE_GROUP = re.compile(r"\s*(?:(?:and|e|y|et|und)\s*,?\s+)?(?:from|for|of|da|do|das|dos|de|del|de\s+la|du|des|per|dal|"
                         r"dall['’]|dalla|della|aus|für|pour|por|para)\s+(?:l['’]|la\s+|il\s+|lo\s+|the\s+|le\s+|les\s+|"
                         r"los\s+|las\s+|o\s+|a\s+|os\s+|as\s+|el\s+|gli\s+|i\s+)?(?P<place>[A-ZÀ-ÖØ-Þ][^:,;]{1,40}?)"
                         r"\s*[:,]\s+(?=\S)")
CLAUSE_TO_COLON = re.compile(r"(?P<clause>[^.:;]{3,100}?):\s+(?=\S)")  # what a sentence says of its list before it


def enumerated_names(items: list[tuple[Item, str]], countries: CountryIndex, naming: Naming) -> list[Name]:
    """The names of an enumeration's items, a place at the end of 'A and B (Turkey)' the place of both, and 'in X' or
    'from X' after a name its place (in a sentence, not a name one a line, "in" says where)."""
    names: list[Name] = []
    waiting: list[int] = []  # names joined by "and" to the next, with no place of their own yet
    for item, separator in items:
        found = names_of(item, countries, naming, prose=True)
        for name in found:
            if name.country and name.apart and waiting:  # a place written after the names, not in one
                for index in waiting:
                    before = names[index]
                    names[index] = Name(before.passage, before.start, before.end, name.country, True, False,
                                        before.starred, before.status)
                waiting = []
            names.append(name)
        if separator.strip() in ("and", "&"):
            waiting += [len(names) - len(found) + i for i, name in enumerate(found) if name.country is None]
        else:
            waiting = []
    return names


STATUS_CLAUSE = re.compile(
    r"(?:^|[,;]\s+|\s(?:while|whereas|and)\s+|\.\s+)(?:the\s+)?(?P<name>[A-Z][^,;.()]{2,80}?)"
    r"(?:\s*\((?P<place>[^()]{2,40})\))?\s+(?:is|are|remains|became|has become)\s+(?:now\s+)?(?:an?\s+|our\s+|its\s+)?"
    r"(?P<status>sympathi[sz]\w*|observer|candidate|full|official)\s+(?:national\s+)?(?:section|organi[sz]ation|group|"
    r"member|party)")


def status_clauses(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: Taken) -> None:
    """'… while the X (Peru) is a sympathizing organization': a section named in a sentence with its status."""
    for passage in passages:
        if not contains_any(passage.text, ("sympathi", "observer", "candidate", "full ", "official ")):
            continue
        for clause in STATUS_CLAUSE.finditer(passage.text):
            start, end = trim_name(passage.text, clause.start("name"), clause.end("name"))
            if not looks_like_organization(passage.text[start:end], countries, naming):
                continue
            country = countries.place_code(clause.group("place") or "") or country_in_name(passage.text[start:end],
                                                                                          countries)
            status = STATUS_WORDS.get(clause.group("status").lower(), "sympathizing")
            taken.sections.append(SectionFound(None, name_found(passage, start, end, country), status))


# "Argentina (Partido Obrero)": a place, then the name of its section in parentheses
PLACE_AND_NAME = re.compile(r"(?P<place>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3})\s*\((?P<name>[^()]{3,120})\)")
PAIRS_JOINED = re.compile(r"\s*,\s*(?:(?:and|y|e|et|und|ed)\s+)?|\s+(?:and|y|e|et|und|ed)\s+")
UP_TO_A_PLACE = re.compile(r"(?:\s+(?-i:[a-zà-ÿ])[\w-]*){0,5}?\s+(?=[A-ZÀ-ÖØ-Þ])")  # "… de pleno derecho en "


def sections_by_place(passages: list[Passage], countries: CountryIndex, naming: Naming, taken: Taken) -> None:
    """'… our full sections in Argentina (X), Brazil (Y) and Chile (Z), and the sympathizing sections of Ecuador (W)':
    in running text, the sections a sentence names by their places."""
    for passage in passages:
        if passage.id in taken.passages or passage.kind == "title" or "(" not in passage.text:
            continue
        after = 0
        for word in SECTION_WORD.finditer(passage.text):
            if word.start() < after:
                continue
            found, end = placed_names(passage, word.end(), countries, naming)
            if found:
                status = status_in(passage.text[word.start():found[0].start - passage.start_char])
                taken.sections += [SectionFound(None, name, status) for name in found]
                taken.passages.add(passage.id)
                after = end


def placed_names(passage: Passage, start: int, countries: CountryIndex, naming: Naming) -> tuple[list[NameFound], int]:
    """The names of a run of 'Place (Name)' pairs that opens a few words after start, and where the run ends."""
    text, found = passage.text, []
    opening = UP_TO_A_PLACE.match(text, start)
    at = opening.end() if opening else start
    while (pair := PLACE_AND_NAME.match(text, at)) and (code := countries.place_code(pair.group("place"))):
        a, b = trimmed(text, pair.start("name"), pair.end("name"))
        if not plausible_name(text[a:b], countries, naming) or countries.place_code(text[a:b]):
            break
        found.append(name_found(passage, a, b, code))
        at = pair.end()
        joint = PAIRS_JOINED.match(text, at)
        if joint is None:
            break
        at = joint.end()
    if len(found) == 1 and not looks_like_organization(found[0].text, countries, naming):
        return [], start
    return found, at


# ---------------------------------------------------------------- members named in running text

def trimmed(text: str, start: int, end: int, strip: str = " \t\n.,;:-–—") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


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
    if start >= stop or not passage.text[start].isupper():
        return None
    return name_found(passage, start, stop, None)


def members_listed(passage: Passage, start: int, countries: CountryIndex) -> list[NameFound]:
    """'A of Chile, B (Translation) of Peru and C of Bolivia' from start up to where the list ends."""
    text = passage.text
    members, cursor = [], start
    for code, country_start, country_end in countries.mentions(text[start:]):
        country_start, country_end = country_start + start, country_end + start
        before = re.search(r"\s*,?\s+(?:of|de|from|in|en|du|da|do)\s+(?:the\s+|la\s+|el\s+)?$", text[cursor:country_start])
        if not before:
            continue
        name_end = cursor + before.start()
        lead = re.match(r"\s*(?:,|\band\b|\by\b|&)?\s*(?:the\s+)?", text[cursor:name_end])
        item_start, item_end = trim_name(text, cursor + (lead.end() if lead else 0), name_end)
        if item_end - item_start >= 2 and text[item_start].isupper():
            members.append(name_found(passage, item_start, item_end, code))
        cursor = country_end
        if not re.match(r"\s*(?:,|and\b|y\b|&)", text[cursor:cursor + 6]):
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


# ---------------------------------------------------------------- the context: internationals a document is about

def internationals_named(passages: list[Passage], countries: CountryIndex, naming: Naming) -> list[NameFound]:
    """Names of internationals in the title, the headings and the first two paragraphs of a document: where a list
    of sections that names no international takes it from."""
    found = []
    first_paragraphs = [i for i, p in enumerate(passages) if p.kind == "paragraph" and count_words(p.text) >= 15][:2]
    for index, passage in enumerate(passages):
        capitals = one_line(passage) and passage.text.isupper() and count_words(passage.text) >= 2  # a heading too
        if passage.kind not in ("title", "heading") and index not in first_paragraphs and not capitals:
            continue
        if not contains_any(passage.text, INTERNATIONAL_STEMS):
            continue  # no name of an international in it
        for match in re.finditer(r"(?:[A-Z][\w’'-]*|of|the|for|de|la|los|las|del|\(|\)|[-–]|\s)+", passage.text):
            if not contains_any(match.group(), INTERNATIONAL_STEMS):
                continue  # no part of it can be the name of an international
            start, end = match.start(), match.end()
            for joint in list(re.finditer(r"\s(?:of|for|to|from|at|in|by)\s+the\s", passage.text[start:end], re.IGNORECASE)):
                if start < match.start() + joint.start() and \
                        not INTERNATIONAL_WORD.search(passage.text[start:match.start() + joint.start()]):
                    start = match.start() + joint.end()  # "… Conference of the Internacional …": it begins after
            start, end = trim_name(passage.text, start, end)
            phrase = passage.text[start:end]
            phrase_start = phrase.find(next(iter(re.findall(r"[A-Z]", phrase)), ""))
            start += max(phrase_start, 0)
            page = re.search(r"\s[–—]\s+(?P<words>[^–—]+)$", passage.text[start:end])  # "X – Mitgliedsorganisationen"
            if page and all(is_lead_word(word) for word in page.group("words").split()):
                end = start + page.start()
            phrase = passage.text[start:end]
            if INTERNATIONAL_WORD.search(phrase) and looks_like_organization(phrase, countries, naming) and (
                    count_words(phrase) >= 3 or re.search(r"\([A-Z][^()]*\)", phrase)
                    or re.fullmatch(r"[A-Z]\w+ (?:International|INTERNATIONAL)", phrase)):  # "Fourth International"
                found.append(name_found(passage, start, end, None))
    return found


# ---------------------------------------------------------------- all of it

def find_organizations(passages: list[Passage], countries: CountryIndex, naming: Naming | None = None) -> OrganizationsFound:
    """Sections, members, signatories, participants, addressees and issuers of one document."""
    naming = naming or Naming()
    title = next((p.text for p in passages if p.kind == "title"), "")
    body = body_range(passages)
    stars = star_status(passages)
    taken = Taken()
    for block in find_blocks(passages):
        take_block(block, passages, title, body, countries, naming, stars, taken)
    inline_lists(passages, countries, naming, taken)
    status_clauses(passages, countries, naming, taken)
    sections_by_place(passages, countries, naming, taken)
    addressees = taken.addressees + find_addressees(passages, countries, naming, taken.passages)
    leads = {passage.id for passage in passages if is_lead_line(item_of(passage)) or labelled_by_a_lead(passage)}
    issuers = find_issuers(passages, countries, naming, taken.passages | leads, body)
    sections = find_memberships(passages, countries) + taken.sections
    if taken.members_of_issuer and issuers:
        sections += [SectionFound(issuers[0], member, "member") for member in taken.members_of_issuer]
    signatories = [SignatoryFound(issuer, "issuer", 0) for issuer in issuers] + taken.signatories
    return OrganizationsFound(sections=sections, signatories=signatories, addressees=addressees,
                              claims=find_country_claims(passages),
                              internationals=internationals_named(passages, countries, naming),
                              not_taken=taken.not_taken)
