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

from .normalize import contains_any
from .records import Passage

OPENERS = (
    r"for|down with|out with|long live|death to|let|let's|let’s|rise|free|freedom for|no to|no more|hands off|"
    r"victory to|stop|end|release|defend|abolish|away with|all power to|viva|vive|abajo|fuera"
)
SLOGAN = re.compile(rf"^(?:{OPENERS})\b", re.IGNORECASE)
CHANT = re.compile(r"\b(?:we|they)\s+(?:shout|say|chant|cry|raise the slogans?)\s*:\s*$", re.IGNORECASE)
DEMAND_VERB = re.compile(
    r"\b(?:we\s+(?:(?:also|therefore|again|hereby|all|jointly|strongly|vehemently)\s+)*"
    r"(?:demand|call(?:\s+(?:for|on|upon|you))?|ask|urge|insist|appeal|raise the demand)s?|"
    r"(?:tasks?|dut(?:y|ies)|aims?) (?:is|are) to (?:call (?:on|for|upon)|demand))\b",
    re.IGNORECASE,
)
DEMAND_WORDS = ("demand", "call", "ask", "urge", "insist", "appeal")  # one is in every DEMAND_VERB match
CHANT_LEAD = re.compile(r"\s+and\s+[^,;]*?\bwe\s+(?:shout|say|chant|cry)\s*:?$", re.IGNORECASE)
FIGHTING_FOR = re.compile(r"\bwe\s+(?:are\s+)?(?:fight(?:ing)?|struggl(?:e|ing)|campaign(?:ing)?)\s+(?:to|for)\b", re.IGNORECASE)
REFERS_BACK = re.compile(r"^(?:we\s+(?:raise|put forward|make)\s+)?these\s+(?:demands|slogans|points)\b", re.IGNORECASE)
INTRODUCES_PRINCIPLES = re.compile(
    r"\b(?:points?|principles?|conditions?|criteria|programme|program|platform|we stand for|basis)\b", re.IGNORECASE)
INTRODUCES_DEMANDS = re.compile(r"\b(?:demands?|we call for|we fight for|we struggle for|slogans?)\b", re.IGNORECASE)
CLAUSE_OPENING = re.compile(r"^(?:and\s+)?(?:to|that|for|against|the|an?|no|free|an end to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DemandFound:
    kind: str  # slogan, demand, principle
    passage_id: str
    start: int  # offsets in the source's text
    end: int
    text: str


# [.!?]+[”"’')]*(?=\s+[“"‘'(¡]?[A-Z0-9])|:(?=\s+[A-Z][^.?]*!) -- a sentence's end, or a colon opening an
# exclamation -- written to begin with one set of characters, which the engine skips to (three times faster)
SENTENCE_END = re.compile(r"[.!?:](?:(?<=[.!?])[.!?]*[”\"’')]*(?=\s+[“\"‘'(¡]?[A-Z0-9])|(?<=:)(?=\s+[A-Z][^.?]*!))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a passage, ending at . ! or ? (and at a colon that opens an exclamation)."""
    spans, start = [], 0
    for stop in SENTENCE_END.finditer(text):
        spans.append((start, stop.end()))
        start = stop.end()
    spans.append((start, len(text)))
    result = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            result.append((a, b))
    return result


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


def find_in_passage(passage: Passage, referred: bool) -> list[DemandFound]:
    """Slogans and demands in one passage; `referred`: the next passage speaks of 'these demands'."""
    text, found = passage.text, []

    def add(kind: str, a: int, b: int) -> None:
        found.append(DemandFound(kind, passage.id, passage.start_char + a, passage.start_char + b, text[a:b]))

    spans = sentences(text)
    may_demand = contains_any(text, DEMAND_WORDS)  # else DEMAND_VERB is not searched for in each sentence
    for index, (a, b) in enumerate(spans):
        sentence = text[a:b]
        previous = text[spans[index - 1][0]:spans[index - 1][1]] if index else ""
        if sentence.rstrip("”\"’'").endswith("!") and (SLOGAN.match(sentence) or CHANT.search(previous)):
            add("slogan", a, b)
        elif REFERS_BACK.match(sentence):
            continue  # speaks of demands made elsewhere
        else:
            verb = DEMAND_VERB.search(sentence) if may_demand else None
            enumeration = sentence.count(";") >= 2 and is_enumeration(text, a, b)  # three clauses at least
            if not (verb or enumeration and (referred or FIGHTING_FOR.search(sentence))):
                continue
            if enumeration:
                for c, d in clauses(text, a, b):
                    add("demand", c, d)
            elif verb:
                lead = CHANT_LEAD.search(sentence)
                add("demand", a, a + lead.start() if lead else (b - 1 if sentence.endswith(":") else b))
    return found


def find_demands(passages: list[Passage]) -> list[DemandFound]:
    """Every slogan, demand and principle of a document, in reading order."""
    found: list[DemandFound] = []
    intro: Passage | None = None
    list_kind: str | None = None
    for index, passage in enumerate(passages):
        if passage.kind == "list_item":
            if list_kind:
                start, end = passage.start_char, passage.end_char
                found.append(DemandFound(list_kind, passage.id, start, end, passage.text))
            continue
        following = passages[index + 1] if index + 1 < len(passages) else None
        referred = bool(following and REFERS_BACK.match(following.text.strip()))
        if passage.kind in ("paragraph", "heading", "title"):
            found.extend(find_in_passage(passage, referred))
        intro = passage
        list_kind = None
        if following and following.kind == "list_item":
            if INTRODUCES_DEMANDS.search(intro.text):
                list_kind = "demand"
            elif INTRODUCES_PRINCIPLES.search(intro.text) or intro.text.rstrip().endswith(":") and DEMAND_VERB.search(intro.text):
                list_kind = "principle"
    return found
