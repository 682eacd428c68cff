"""How deeply a YAML text nests, counted before any YAML parser sees it.

YAML parsers recurse once per level of nesting: thousands of levels make the pure-Python parser raise
RecursionError and have made libyaml's C parser crash the process. So the depth is counted here, by a
scanner of YAML's surface that needs no parser: block collections by their indentation (a line that is a
sequence entry `- …`, a mapping key `key: …` or `? …`), flow collections by their brackets, with quoted
scalars, comments and block scalars (`|`, `>`) skipped.

The count errs on the side of too deep, never too shallow: where the scanner cannot tell, it counts. A
bracket in a flow collection always counts; a quote opens a quoted scalar only where YAML allows a scalar
to begin, so an apostrophe inside a word never hides what follows it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

KEY = re.compile(r"""(?:[^ \t#'"\[\]{},&!*|>%@`?-]|[?-](?=[^ \t]))(?:[^:#]|:(?=[^ \t])|(?<=[^ \t])#)*?:(?=[ \t]|$)""")
QUOTED_KEY = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)""")
AFTER_KEY = re.compile(r"[ \t]*:(?=[ \t]|$)")
PROPERTIES = re.compile(r"(?:[&!][^ \t\[\]{},]*(?:[ \t]+|$))*")  # anchors and tags before a node
DOCUMENT_MARKER = re.compile(r"(?:---|\.\.\.)(?=[ \t]|$)")
BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*[ \t]*(?:#.*)?$")
OPENING, CLOSING = "[{", "]}"
BLANK = " \t"  # YAML's white space: no other space character separates its tokens
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as the end of a line


@dataclass
class Flow:
    """An open flow collection."""

    bracket: str
    pair: bool = False  # in a sequence, the item being read is a pair `a: b`: a mapping of one pair, a level more
    height: int = 1  # levels of this collection and of what it holds, so far


@dataclass
class Scanner:
    """The state carried from line to line: open block collections, flow depth, an open quoted scalar."""

    limit: int
    blocks: list[tuple[int, str]] = field(default_factory=list)  # (column, "map" or "seq") of open collections
    flow: list[Flow] = field(default_factory=list)  # open flow collections, outermost first
    closed: int = 0  # the height of the flow collection that closed last, until anything else is read
    quote: str | None = None  # the quote character of a scalar still open at the end of a line
    may_begin: bool = False  # in a flow collection: whether a scalar may begin here (so that a quote opens one)
    column: int = 0  # where the flow collection or quoted scalar being scanned began (a key of a mapping there?)
    text_above: int | None = None  # lines indented past this column go on a plain or block scalar: text, no nodes
    deepest: int = 0

    def depth(self) -> int:
        return len(self.blocks) + sum(1 + collection.pair for collection in self.flow)

    def line(self, text: str) -> bool:
        """Take one line; True when it takes the depth past the limit."""
        content = text.lstrip(" ")
        column = len(text) - len(content)
        marker = DOCUMENT_MARKER.match(text)
        if self.text_above is not None and not marker:
            if not content.strip(BLANK) or column > self.text_above and not content.startswith("#"):
                return False
            self.text_above = None
        if (self.quote or self.flow) and not marker:
            return self.inline(text, 0)
        if not content.strip(BLANK) or content.startswith("#"):
            return False
        if marker:  # a new document (inside a scalar or flow collection, an error): what follows is a node of it
            self.blocks.clear()
            self.flow.clear()
            self.quote = self.text_above = None
            text = " " * marker.end() + text[marker.end():]
            column = len(text) - len(text.lstrip(" "))
            if not text.strip(BLANK) or text.lstrip(BLANK).startswith("#"):
                return False
        return self.block_line(text, column)

    def block_line(self, text: str, column: int) -> bool:
        """A line in block context: the collections its indentation opens or closes, then its value."""
        entry = text[column:].startswith("-") and text[column + 1:column + 2] in ("", " ", "\t")
        while self.blocks and self.blocks[-1][0] > column:
            self.blocks.pop()
        while self.blocks and self.blocks[-1] == (column, "seq") and not entry and len(self.blocks) > 1 \
                and self.blocks[-2][0] == column:
            self.blocks.pop()  # back from a sequence written at its key's column to the mapping
        position = column
        while True:
            node = position  # where the node begins, before its anchor or tag
            properties = PROPERTIES.match(text, position)
            position = properties.end() if properties else position
            rest = text[position:]
            if rest.startswith("-") and rest[1:2] in ("", " ", "\t"):
                self.open(node, "seq")
                position += 1 + len(rest[1:]) - len(rest[1:].lstrip(" \t"))
            elif rest[:1] in "?:" and rest and rest[1:2] in ("", " ", "\t"):
                self.open(node, "map")
                position += 1 + len(rest[1:]) - len(rest[1:].lstrip(" \t"))
            else:
                break
            if self.depth() > self.limit:
                return True
        key = KEY.match(text, position) or QUOTED_KEY.match(text, position)
        if key:
            self.open(node, "map")
            if self.depth() > self.limit:
                return True
            position = key.end()
        return self.value(text, position, column)

    def open(self, column: int, kind: str) -> None:
        if not self.blocks or self.blocks[-1][0] < column:
            self.blocks.append((column, kind))
        elif self.blocks[-1] == (column, "map") and kind == "seq":
            self.blocks.append((column, "seq"))  # `key:` then `- item` at the same column: a level deeper
        self.deepest = max(self.deepest, self.depth())

    def value(self, text: str, position: int, column: int) -> bool:
        """What follows a block key or entry marker: a block scalar, a flow collection, a quoted or plain scalar."""
        rest = text[position:].lstrip(" \t")
        position = len(text) - len(rest)
        properties = PROPERTIES.match(text, position)
        position = properties.end() if properties else position
        rest = text[position:]
        indent = self.blocks[-1][0] if self.blocks else -1  # the lines of a scalar here are indented past it
        if BLOCK_SCALAR.match(rest):
            self.text_above = indent
            return False
        if rest[:1] in OPENING or rest[:1] in "'\"":
            self.may_begin, self.column, self.closed = True, position, 0
            return self.inline(text, position)
        if rest.strip(BLANK) and not rest.startswith("#") and not re.search(r"[ \t]#", rest):
            self.text_above = indent  # a plain scalar, which may go on over the lines below
        return False  # its brackets and quotes are its own characters

    def inline(self, text: str, position: int) -> bool:
        """Quoted scalars and flow collections from `position` to the end of the line."""
        index = position
        while index < len(text):
            char = text[index]
            if self.quote:
                index = self.in_quote(text, index)
            elif char in "'\"" and self.may_begin:
                self.quote, self.closed = char, 0
                index += 1
            elif char == "#" and (index == 0 or text[index - 1] in " \t"):
                return False  # a comment runs to the end of the line
            elif char in "&!" and self.may_begin:
                properties = PROPERTIES.match(text, index)
                index = max(properties.end() if properties else index, index + 1)
            else:
                if self.flow_character(char):
                    return True
                index += 1
            if not self.flow and not self.quote:
                return self.after_node(text, index)
        return False

    def flow_character(self, char: str) -> bool:
        """A character outside quotes in a flow collection; True when it takes the depth past the limit."""
        closed, self.closed = self.closed, 0
        if char in OPENING:
            self.flow.append(Flow(char))
        elif char in CLOSING and self.flow:
            collection = self.flow.pop()
            self.closed = collection.height
            if self.flow:
                parent = self.flow[-1]
                parent.height = max(parent.height, 1 + parent.pair + collection.height)
        elif self.flow and self.flow[-1].bracket == "[" and char in ":?,":
            parent = self.flow[-1]
            parent.pair = char != ","  # `? a` or `a: b`
            if parent.pair:  # the pair holds its key, perhaps a collection that closed just before the colon
                parent.height = max(parent.height, 2 + closed)
                self.deepest = max(self.deepest, self.depth() + closed)
        elif char in BLANK:
            self.closed = closed
        self.deepest = max(self.deepest, self.depth())
        if char not in BLANK:
            self.may_begin = char in OPENING or char in ",:?"
        return self.deepest > self.limit

    def in_quote(self, text: str, index: int) -> int:
        """Step over one character of a quoted scalar; where it closes, no scalar may begin straight after."""
        char = text[index]
        if self.quote == '"' and char == "\\":
            return index + 2
        if char == self.quote:
            if self.quote == "'" and text[index + 1:index + 2] == "'":
                return index + 2
            self.quote, self.may_begin = None, False
        return index + 1

    def after_node(self, text: str, index: int) -> bool:
        """After a flow collection or quoted scalar written in block context: a value follows if it was a key."""
        key = AFTER_KEY.match(text, index)
        if not key:
            return False  # the rest of the line is no node YAML would nest
        self.open(self.column, "map")
        self.deepest = max(self.deepest, self.depth() + self.closed)  # the node is a key of the mapping
        return self.deepest > self.limit or self.value(text, key.end(), self.column)


def too_deep(text: str, limit: int) -> int | None:
    """The 1-based line where `text` first nests deeper than `limit` levels, or None."""
    scanner = Scanner(limit)
    for number, line in enumerate(LINE_BREAK.split(text), 1):
        if scanner.line(line):
            return number
    return None
