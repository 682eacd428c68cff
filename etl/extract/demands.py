"""Extract stage: demands, slogans and principles, by rules that hold for texts never seen.

- slogan: an exclamation that opens with For, Down with, Out with, Long live,
  Death to, Let, Rise, Free, No to, Hands off, Victory to, Stop, End, Release…
  (or that follows "we shout:" / "we say:"), ending in "!";
- demand: a sentence in which the authors demand, call for or on, ask or urge;
  an enumeration of demands, split at its semicolons (introduced by such a verb,
  by "we are fighting to/for", or referred to next as "these demands");
- principle: an item of a bulleted or numbered list that a passage introduces as
  points, principles, conditions or a programme (demand when it introduces demands).
A sentence that only tells what happened is none of these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..common.normalize import contains_any, in_capitals
from ..common.records import Passage
from ..read.split import RULE_LINE, TRAILING_PICTOGRAPHS, count_words, marker_style, strip_span

OPENERS = (
    r"for|down with|out with|long live|death to|let|let's|let’s|rise|free|freedom for|no to|no more|hands off|"
    r"victory to|stop|end|release|defend|abolish|away with|all power to|viva|vive|abajo|fuera"
)
SLOGAN = re.compile(rf"^(?:{OPENERS})\b", re.IGNORECASE)
CHANT = re.compile(r"\b(?:we|they)\s+(?:shout|say|chant|cry|raise the slogans?)\s*:\s*$", re.IGNORECASE)
DEMAND_VERB = re.compile(
    r"\b(?:(?:we|(?:the\s+)?(?:parties|organi[sz]ations|signatories|participants|undersigned|conference|congress|"
    r"meeting|plenum|council|committee|assembly))\s+"
    r"(?:(?:also|therefore|again|hereby|all|jointly|once again|\w+ly)\s+)*"
    r"(?:demand|call(?:\s+(?:for|on|upon|you))?|ask|urge|insist|appeal|invite|vow|instruct|raise the demand)s?|"
    r"(?:tasks?|dut(?:y|ies)|aims?) (?:is|are) to (?:call (?:on|for|upon)|demand)|"
    # who demands, in the first person in French, Spanish, Portuguese, Italian and German, or an organization that calls
    r"(?:nous\s+)?(?:exigeons|r[ée]clamons|revendiquons|appelons)|appel(?:le|lent)\s+(?:tou(?:te)?s\s+)?(?:les|à)|exigimos|"
    r"reclamamos|demandamos|reivindicamos|(?:llamamos|convocamos|apelamos|conclamamos)\s+(?:a|as|os|al|à|aux?)|chiediamo|esigiamo|"
    r"rivendichiamo|(?:chiamiamo|invitiamo)\s+(?:tutt[ie]|i|le|gli)|wir\s+fordern|fordern\s+wir|wir\s+rufen|rufen\s+wir|"
    r"wij\s+eisen|eisen\s+wij|"
    # who demands, in the third person: "Os partidos exigem:", "La Conferencia exige", "Die Parteien fordern"
    r"(?:partidos|partis|partiti|parteien|organizaciones|organiza[çc][õo]es|organisations|organizzazioni|signatarios|"
    r"signat[áa]rios|signataires|firmatari|unterzeichner\w*|conferencia|confer[êe]ncia|conf[ée]rence|conferenza|"
    r"konferenz|congreso|congresso|congr[èe]s|kongress|encuentro|encontro|rencontre|incontro)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:exigen|exigem|exigent|exige|esigono|esige|chiedono|chiede|reclaman|reclamam|r[ée]clament|r[ée]clame|"
    r"revendiquent|revendique|reivindicam|reivindican|reivindica|rivendica|rivendicano|fordern|fordert))\b",
    re.IGNORECASE,
)
# one of them is in every DEMAND_VERB match
DEMAND_WORDS = ("demand", "call", "ask", "urge", "insist", "appeal", "invite", "vow", "instruct", "exig", "clam", "vendiq",
                "eisen",
                "vindic", "vendic", "appel", "llam", "convoc", "apel", "chied", "esig", "chiam", "invit", "fordern",
                "rufen")
CHANT_LEAD = re.compile(r"\s+and\s+[^,;]*?\bwe\s+(?:shout|say|chant|cry)\s*:?$", re.IGNORECASE)
FIGHTING_FOR = re.compile(r"\bwe\s+(?:are\s+)?(?:fight(?:ing)?|struggl(?:e|ing)|campaign(?:ing)?)\s+(?:to|for)\b", re.IGNORECASE)
REFERS_BACK = re.compile(r"^(?:we\s+(?:raise|put forward|make)\s+)?these\s+(?:demands|slogans|points)\b", re.IGNORECASE)
INTRODUCES_PRINCIPLES = re.compile(
    r"\b(?:points?|principles?|conditions?|criteria|programme|program|platform|we stand for|basis|"
    # in Spanish, Portuguese, Italian, French and German: "los siguientes principios", "os seguintes princípios"
    r"princ[ií]p[iîíì]\w*|principes?|grunds[äa]tze|prinzipien|puntos|pontos|punti|condiciones|condi[çc][õo]es|"
    r"condizioni|plataforma|piattaforma|programa|programma|programm|beginselen|principes|uitgangspunten)\b", re.IGNORECASE)
# a heading over principles ("What we stand for", "Our principles"; not "Programme" over the parts of one)
HEADS_PRINCIPLES = re.compile(r"\b(?:principles?|we stand for|platform)\b", re.IGNORECASE)
# "resolves:", "decides to:" end the lead (not "… until the Conference decides on their admission:")
INTRODUCES_DEMANDS = re.compile(r"\b(?:demands?|demanding|we call for|calls? (?:for|on|upon)|we fight for|we struggle for|"
                                r"urges?|"
                                # in Spanish, Portuguese, French, Italian and German: "Exigimos:", "Nos revendications",
                                # "rivendicazioni", "Wir fordern:"
                                r"exig\w*|reivindica\w*|revendica\w*|rivendica\w*|reclamamos|pedimos|chiediamo|"
                                r"fordern|forderungen|bandeiras|banderas|"
                                # in Dutch: "Wij eisen:", "Onze eisen", "waar wij voor staan"
                                r"eisen|wij\s+strijden\s+voor|"
                                # what a campaign is to be for: "campaign together, …, on the basis of the following points"
                                r"campaign\w*\b[^.:;]{0,60}?\b(?:for|around|on\s+the\s+basis\s+of)|"
                                # a programme of struggle, of action or of emergency: "el siguiente programa de lucha:"
                                r"program(?:me|a|ma)?\s+(?:of\s+|de\s+|d['’]|di\s+)(?:struggle|action|lucha|luta|lutte|"
                                r"lotta|acci[oó]n|a[cç][aã]o|azione|emergencia|emerg[eê]ncia|urgence|emergenza)|"
                                r"(?:emergency|action)\s+program(?:me)?|(?:sofort|aktions)programm|"
                                # what the authors fight for: "Wofür wir kämpfen", "luchamos por", "What postal workers need"
                                r"kämpfen\s+(?:wir\s+)?für|wofür\s+wir\s+kämpfen|luchamos\s+por|por\s+(?:lo\s+que|qu[eé])\s+luchamos|"
                                r"lutamos\s+por|luttons\s+pour|lottiamo\s+per|what\s+(?:[\w'’-]+\s+){1,3}(?:need|want)s?|"
                                # in Turkish: "Talep ediyoruz:", "Taleplerimiz"
                                r"talep\s+ediyoruz|talepler\w*)\b|\b(?:resolves?|resolved|decides?|decided|agrees?)(?:\s+to)?\s*:\s*$",
                                re.IGNORECASE)
# "… del governo sovietico. [Su questo punto la delegazione svedese …]": an editor's note after a point
EDITORS_NOTE = re.compile(r"(?<=[.!?;:])\s*\[[^\[\]]*\]\s*$")
PARENTHESIS = re.compile(r"\([^()]*\)")  # "Wofür wir kämpfen (aus der Grundsatzerklärung von 2008)"
INTRODUCES_SLOGANS = re.compile(r"\bslogans?\b", re.IGNORECASE)
# what comes before a demand and is no part of it: "Comrades:", "Dear friends,"
VOCATIVE = re.compile(r"(?:dear\s+)?(?:comrades|friends|brothers and sisters|sisters and brothers|workers)"
                      r"(?:\s+of\s+[^:,!]{2,60})?\s*[:,]\s+(?=\S)", re.IGNORECASE)
QUOTED_SLOGAN = re.compile(r":\s*[“\"](?P<slogan>[^”\"]{3,200}!)[”\"]\s*$")
# a slogan the authors quote as theirs: '… the prognosis of revolutionary Marxism: “Socialism or Barbarism!”.'
QUOTED_AFTER_COLON = re.compile(r":\s*[“\"](?P<slogan>[^”\"]{3,200}!)[”\"]")
# an exclamation in quotes of any language: "…!", “…!”, «…!», « … ! », „…!“
QUOTED_EXCLAMATION = re.compile(r"[«“\"„‹]\s*(?P<slogan>[^«»“”\"„‹›]{2,200}?!)\s*[»”\"“›]")
WHOLLY_QUOTED = re.compile(r"[«“\"„‹]\s*(?P<inside>[^«»“”\"„‹›]{2,200}?)\s*[»”\"“›][.,]?")
# what says that quoted exclamations are slogans: "the slogans", "aux cris de", "gritamos", "mit den Parolen"
SLOGAN_WORDS = re.compile(r"\b(?:slogans?|chants?|chanting|shout(?:s|ing)?|cries|cris|consignas?|consignes?|"
                          r"mots?\s+d['’]ordre|palavras?\s+de\s+ordem|parol[ae]\s+d['’]ordine|losungen?|parolen?|"
                          r"gritamos|gritando|gritos?|gritam|grid[oa]|cri|cry|scandendo|scandant|rufen|ruf)\b", re.IGNORECASE)
GREETING = re.compile(r"^(?:revolutionary\s+|fraternal\s+|warm\s+|internationalist\s+|communist\s+)*(?:greetings|"
                      r"salutations|honou?r|thanks|congratulations|welcome)\b", re.IGNORECASE)
SPEAKER = re.compile(r"\b(?:we|us|our|ours|you|your|i|me|my)\b", re.IGNORECASE)  # someone speaks: a greeting or a pledge
TELLING = re.compile(r"\b(?:it|they|he|she|this|that|there)\b", re.IGNORECASE)
EXCLAMATIVE = re.compile(r"^(?:what|how|so|such)\b", re.IGNORECASE)
FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|shall)\b", re.IGNORECASE)
ADDRESSING = re.compile(r"^to\s+(?:the|all)\b", re.IGNORECASE)  # "To the working class …!": whom a text is for
STATEMENT = re.compile(r"^(?:this|that|it|there|these|those|here)\s+(?:is|are|was|were|has|have)\b", re.IGNORECASE)
# what opens an enumeration's clause and is no part of the demand: "We demand: ", "Exigimos lo siguiente: ", "; and "
ENUMERATION_LEAD = re.compile(r"(?:[^:;]*?:\s*|(?:and|y|e|et|und|ed|ve)\s+)(?=\S)", re.IGNORECASE)
# "and", then the article of what a list of demands wants next: "… y el fin de …", "… et la levée …", "… e l'apertura"
AND_THE = r"\s+(?:and|y|e|et|und)\s+(?=(?:the|el|la|los|las|o|a|os|as|le|les|il|lo|gli|i|die|der|das|den)\s|l['’])"
LAST_JOIN = re.compile(AND_THE)
# between the demands a sentence lists after a colon: ", ", ", and ", " e l'", " y el "
LISTED_APART = re.compile(rf",\s+(?:(?:and|y|e|et|und)\s+)?|{AND_THE}")
# a clause that names what is wanted: "to end …", "the closure of …", "la libertad de …", "le retrait …", "keine …"
CLAUSE_OPENING = re.compile(r"^(?:(?:and|y|e|et|und|ed)\s+)?(?:to|that|for|against|the|an?|no|free|an end to|"
                            r"el|la|los|las|lo|un|una|que|por|contra|fin|o|os|as|um|uma|pelo|pela|pelos|pelas|"
                            r"le|les|l['’]|des|du|une|pour|contre|non|il|gli|i|per|"
                            r"die|der|das|den|dem|ein|eine|einen|für|gegen|kein|keine|keinen)(?=[\s'’]|\b)", re.IGNORECASE)
# what may stand between a demand verb and the colon that opens its clauses: "the following", "lo siguiente"
FOLLOWING = re.compile(r"follow|siguien|seguint|suivan|ce qui suit|seguent|folgend", re.IGNORECASE)


@dataclass(frozen=True)
class DemandFound:
    kind: str  # slogan, demand, principle
    passage_id: str
    start: int  # offsets in the source's text
    end: int
    text: str
    found_by: str = "rule"


# [.!?]+[”"’')]*(?=\s+[“"‘'(¡]?[A-Z0-9])|:(?=\s+[A-Z][^.?]*!) -- a sentence's end, or a colon opening an
# exclamation -- written to begin with one set of characters, which the engine skips to (three times faster)
# what may stand between the exclamations of a row: "¡FUERA EL FMI!  ★  ¡NO AL PAGO DE LA DEUDA!"
BETWEEN_SENTENCES = "★☆✦✧•·|"
SENTENCE_END = re.compile(rf"[.!?:](?:(?<=[.!?])[.!?]*[”\"’')]*(?=\s+(?:[{BETWEEN_SENTENCES}]\s+)?[“\"‘'(¡]?[A-Z0-9])|"
                          r"(?<=:)(?=\s+[A-Z][^.?]*!))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a passage, ending at . ! or ? (and at a colon that opens an exclamation)."""
    spans, start = [], 0
    for stop in SENTENCE_END.finditer(text):
        spans.append((start, stop.end()))
        start = stop.end()
    spans.append((start, len(text)))
    stripped = [strip_span(text, a, b) for a, b in spans]
    stripped = [strip_span(text, a + 1, b) if text[a:a + 1] in BETWEEN_SENTENCES and b > a else (a, b)
                for a, b in stripped]
    stripped = [(a, a + len(TRAILING_PICTOGRAPHS.sub("", text[a:b]))) for a, b in stripped]  # "A luta continua! ✊"
    return [(a, b) for a, b in stripped if b > a]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The semicolon-separated clauses of text[start:end]."""
    spans, cursor = [], start
    for semicolon in re.finditer(";", text[start:end]):
        spans.append((cursor, start + semicolon.start()))
        cursor = start + semicolon.end()
    spans.append((cursor, end))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1] in " .!":
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def is_enumeration(text: str, start: int, end: int) -> bool:
    parts = clauses(text, start, end)
    return len(parts) >= 3 and sum(bool(CLAUSE_OPENING.match(text[a:b])) for a, b in parts[1:]) >= len(parts[1:]) - 1


def enumerated_demands(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The demands of an enumeration, each clause without what leads it: "We demand: ", "; and "."""
    spans = []
    for position, (a, b) in enumerate(clauses(text, start, end)):
        opening = ENUMERATION_LEAD.match(text, a, b)
        if opening and position and ":" in opening.group():
            opening = None  # a colon inside a later clause is part of it
        spans.append((opening.end() if opening else a, b))
    a, b = spans[-1]
    joined = LAST_JOIN.search(text, a, b)  # "…; el pago de los salarios y el fin de la Ley …": two demands
    return spans[:-1] + [(a, joined.start()), (joined.end(), b)] if joined else spans


def listed_after_colon(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The demands a sentence lists after a colon that ends a lead naming demands ('Sosteniamo le vostre
    rivendicazioni: il reintegro …, il ritiro … e l'apertura …'): three clauses at least, apart by commas or by
    'and', each opening as a demand does; none otherwise."""
    colon = text.find(":", start, end)
    if colon < 0 or not INTRODUCES_DEMANDS.search(text, start, colon + 1) or ";" in text[colon:end]:
        return []
    spans, cursor = [], colon + 1
    for apart in [*LISTED_APART.finditer(text, colon + 1, end), None]:
        a, b = strip_span(text, cursor, apart.start() if apart else end)
        while b > a and text[b - 1] in ".!":
            b -= 1
        spans.append((a, b))
        cursor = apart.end() if apart else end
    if len(spans) < 3 or not all(CLAUSE_OPENING.match(text[a:b]) for a, b in spans):
        return []
    return spans


def says_its_object(text: str, verb_end: int, end: int) -> bool:
    """Whether the demand verb has an object of its own before the colon that opens the clauses ('we demand an answer
    of the ministry: …'), rather than introducing them ('we demand:', 'exigimos lo siguiente:', 'wir fordern jetzt:')."""
    colon, semicolon = text.find(":", verb_end, end), text.find(";", verb_end, end)
    if not 0 <= colon < semicolon:
        return False
    between = text[verb_end:colon]
    return count_words(between) > 1 and not FOLLOWING.search(between)


def slogans_in(sentence: str, previous: str, in_paragraph: bool) -> list[tuple[int, int]]:
    """The slogans of a sentence (spans in it): the sentence itself when it is one (inside its quotes, if it is
    quoted whole), else the exclamations it quotes after a colon or as slogans, chants or cries."""
    inner = WHOLLY_QUOTED.fullmatch(sentence)
    bare = inner.group("inside") if inner else sentence
    if bare.rstrip("”\"’'").rstrip().endswith("!") and (SLOGAN.match(bare) or CHANT.search(previous)
                                                       or in_paragraph and exclaimed(bare)):
        quoted = QUOTED_SLOGAN.search(sentence)
        if quoted:
            return [(quoted.start("slogan"), quoted.end("slogan"))]
        return [(inner.start("inside"), inner.end("inside"))] if inner else [(0, len(sentence))]
    if SLOGAN_WORDS.search(sentence):  # 'under the common slogans "Workers of the world, unite!" and …'
        return [(quoted.start("slogan"), quoted.end("slogan")) for quoted in QUOTED_EXCLAMATION.finditer(sentence)]
    return [(quoted.start("slogan"), quoted.end("slogan")) for quoted in QUOTED_AFTER_COLON.finditer(sentence)]


def exclaimed(sentence: str) -> bool:
    """A short exclamation that names what it wants, in no one's voice: 'Socialism or Barbarism!', 'The homeland is
    not for sale!', 'Proletarians of all countries, unite!' (a greeting is none)."""
    words = count_words(sentence) + (1 if sentence.startswith("¡") else 0)  # "¡Venceremos!" is a slogan
    finite = FINITE.search(sentence)
    longest = 12 if finite else 30  # a long exclamation that tells something is no slogan
    if finite and (TELLING.search(sentence) or EXCLAMATIVE.match(sentence)):
        return False  # "What a victory it was!", "They came!": an exclamation about something, not a slogan
    return (2 <= words <= longest and not SPEAKER.search(sentence) and not GREETING.match(sentence)
            and not STATEMENT.match(sentence) and not ADDRESSING.match(sentence) and sentence.lstrip("¡¿“\"«„ ")[:1].isupper())


def is_lead_only(passage: Passage) -> bool:
    """'We demand:', 'The Congress resolves:' — a line that introduces the points below it and says nothing itself."""
    return passage.text.rstrip().endswith(":") and count_words(passage.text) <= 8


def find_in_passage(passage: Passage, referred: bool, leads: bool = False) -> list[DemandFound]:
    """Slogans and demands in one passage; `referred`: the next passage speaks of 'these demands'; `leads`: its last
    sentence introduces the points below it ('Congress calls on the movement to:'), which hold the demands."""
    text, found = passage.text, []

    def add(kind: str, a: int, b: int) -> None:
        found.append(DemandFound(kind, passage.id, passage.start_char + a, passage.start_char + b, text[a:b]))

    spans = sentences(text)
    may_demand = contains_any(text, DEMAND_WORDS)  # else DEMAND_VERB is not searched for in each sentence
    for index, (a, b) in enumerate(spans):
        vocative = VOCATIVE.match(text, a, b)
        if vocative and count_words(text[vocative.end():b]) >= 4:  # not "Workers of all countries, unite!"
            a = vocative.end()
        sentence = text[a:b]
        if leads and index == len(spans) - 1 and sentence.endswith(":"):
            continue
        previous = text[spans[index - 1][0]:spans[index - 1][1]] if index else ""
        slogans = slogans_in(sentence, previous, passage.kind == "paragraph")
        if slogans:
            for c, d in slogans:
                add("slogan", a + c, a + d)
        elif REFERS_BACK.match(sentence):
            continue  # speaks of demands made elsewhere
        else:
            for c, d in demands_in_sentence(text, a, b, may_demand, referred):
                add("demand", c, d)
    return found


def demands_in_sentence(text: str, a: int, b: int, may_demand: bool, referred: bool) -> list[tuple[int, int]]:
    """The demands of the sentence text[a:b]: those it lists after a colon or apart by semicolons, or itself when the
    authors demand in it."""
    sentence = text[a:b]
    listed = listed_after_colon(text, a, b)  # "… le vostre rivendicazioni: il X, il Y e l'Z."
    if listed:
        return listed
    verb = DEMAND_VERB.search(sentence) if may_demand and contains_any(sentence, DEMAND_WORDS) else None
    enumeration = (sentence.count(";") >= 2 and is_enumeration(text, a, b)  # three clauses at least
                   and not (verb and says_its_object(text, a + verb.end(), b)))
    if enumeration and (verb or referred or FIGHTING_FOR.search(sentence)):
        return enumerated_demands(text, a, b)
    if verb:
        lead = CHANT_LEAD.search(sentence)
        return [(a, a + lead.start() if lead else (b - 1 if sentence.endswith(":") else b))]
    return []


def find_demands(passages: list[Passage]) -> list[DemandFound]:
    """Every slogan, demand and principle of a document, in reading order."""
    found: list[DemandFound] = []
    list_kind: str | None = None
    list_style: str | None = None  # the markers of the points a lead introduces; an item marked otherwise ends them
    outer: tuple[str | None, str | None] | None = None  # the kind and markers of the list a sublist stands in
    for index, passage in enumerate(passages):
        if is_rule_line(passage):
            continue  # "What we stand for" / "-----------------": the rule under a heading leads nothing
        following = next((p for p in passages[index + 1:] if not is_rule_line(p)), None)
        if passage.kind == "list_item" and list_kind and heads_points(passages, index):
            list_style = None  # "2. JOBS": a heading among the points; those under it, marked as they are, go on
            continue
        if passage.kind == "list_item":
            style = marker_style(passage.marker)
            list_style = style if list_style is None else list_style
            if style != list_style:  # the points of a sublist are over: those of the list around it go on, or none
                if outer is not None and style == outer[1]:
                    list_kind, list_style = outer
                else:
                    list_kind = None
                outer = None
            if leads_a_sublist(passage, following) and (list_kind_of(passage.text) or list_kind):
                # "4. … for the following demands:" over "– …" points; "3) Face aux licenciements :" over "a) …"
                outer, list_kind, list_style = (list_kind, list_style), list_kind_of(passage.text) or list_kind, None
            elif list_kind:
                kind = "slogan" if list_kind == "demand" and passage.text.rstrip().endswith("!") else list_kind
                note = EDITORS_NOTE.search(passage.text)  # "… [note 2]" after the point, no part of it
                end = note.start() if note else len(passage.text)
                found.append(DemandFound(kind, passage.id, passage.start_char, passage.start_char + end,
                                         passage.text[:end]))
            else:  # a numbered paragraph of a resolution: "5. We call on all workers' organizations to …"
                found.extend(find_in_passage(passage, False))
            continue
        referred = bool(following and REFERS_BACK.match(following.text.strip()))
        leads = bool(following and following.kind == "list_item" and (passage.text.rstrip().endswith(":")
                                                                        or heads_list(passage)
                                                                        or heads_points(passages, index + 1)))
        if passage.kind in ("paragraph", "heading", "title") and not is_lead_only(passage):
            found.extend(find_in_passage(passage, referred, leads and list_kind_of(passage.text) is not None))
        list_kind, list_style, outer = (list_kind_of(passage.text) if leads else None), None, None
    return found


def is_rule_line(passage: Passage) -> bool:
    return passage.kind == "paragraph" and bool(RULE_LINE.match(passage.text))


def is_heading_point(passage: Passage) -> bool:
    """'1. WAGES AND THE COST OF LIVING': a numbered heading in capitals, over points of its own."""
    text = passage.text.strip()
    return in_capitals(text) and count_words(text) <= 10 and text[-1:] not in ".!?;,"


def heads_points(passages: list[Passage], index: int) -> bool:
    """Whether passages[index] is a heading point over points marked otherwise ('1. JOBS' over '- …')."""
    if index + 1 >= len(passages) or not is_heading_point(passages[index]):
        return False
    below = passages[index + 1]
    return below.kind == "list_item" and marker_style(below.marker) != marker_style(passages[index].marker)


def leads_a_sublist(item: Passage, following: Passage | None) -> bool:
    """Whether a point of a list ends by introducing points of its own, marked otherwise, below it."""
    return (following is not None and following.kind == "list_item" and item.text.rstrip().endswith(":")
            and marker_style(following.marker) != marker_style(item.marker))


def heads_list(passage: Passage) -> bool:
    """'Nos revendications immédiates', 'What we stand for' over a list: a heading, with no colon, that names demands,
    slogans or principles."""
    text = passage.text.strip()
    return "\n" not in text and count_words(PARENTHESIS.sub("", text)) <= 6 and text[-1:] not in ".!?" \
        and (list_kind_of(text) in ("demand", "slogan") or bool(HEADS_PRINCIPLES.search(text)))


def list_kind_of(lead: str) -> str | None:
    """What the points a lead introduces are: slogans, demands or principles (None: none of these)."""
    if INTRODUCES_SLOGANS.search(lead):
        return "slogan"
    if INTRODUCES_DEMANDS.search(lead):
        return "demand"
    if INTRODUCES_PRINCIPLES.search(lead) or DEMAND_VERB.search(lead):
        return "principle"
    return None
