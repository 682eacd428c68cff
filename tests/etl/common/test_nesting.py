"""Nesting is counted before any YAML parser sees a sidecar, and never counted shallower than the parser would nest."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.common.errors import BuildError
from etl.common.nesting import LINE_BREAK, Scanner, too_deep
from etl.common.yaml_input import MAX_DEPTH
from etl.read.sources import read_source

PROPERTY = dict(max_examples=400, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def parsed_depth(node: yaml.Node | None, path: tuple[int, ...] = ()) -> int:
    """Levels of collections in a composed tree (an alias back to an enclosing node adds none)."""
    if node is None or isinstance(node, yaml.ScalarNode) or id(node) in path:
        return 0
    children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
    return 1 + max([parsed_depth(child, (*path, id(node))) for child in children] or [0])


def counted_depth(text: str) -> int:
    scanner = Scanner(limit=10**9)
    for line in LINE_BREAK.split(text):
        scanner.line(line)
    return scanner.deepest


TRICKY = ["[", "]", "{", "}", "a: b", "#x", " #", "'", '"', "it's", "- x", "? y", "|", ">", "&a", "*b", "!t", "\\", "''",
          'a"b', ", ", "\n", "\t", ":", "---", "..."]
SCALARS = st.one_of(st.text(max_size=8), st.sampled_from(TRICKY), st.integers(), st.booleans(), st.none())
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=5), st.sampled_from(TRICKY)), inner, max_size=4)),
    max_leaves=30)
TOKENS = ["title: ", "documents:", "- ", "  ", "    ", "\n", "\r\n", "\t", "[", "]", "{", "}", ",", ":", ": ", "? ", "&a ",
          "*a", "!!str ", "---\n", "...\n", "#", " # c", "|\n", ">\n", "key: |\n", '"', "'", "''", "\\", "a", "x:", "a:b",
          "]: ", "{a: ", ", [", "\n- ", "\n  - ", "%YAML 1.1\n", "<<: "]


@settings(**PROPERTY)
@given(DATA, st.sampled_from([None, True, False]), st.sampled_from([2, 4]), st.sampled_from([None, "'", '"']))
def test_yaml_as_written_by_a_dumper_is_counted_exactly(data, flow, indent, style):
    text = yaml.dump(data, default_flow_style=flow, indent=indent, default_style=style, allow_unicode=True, width=20)
    assert counted_depth(text) == parsed_depth(yaml.compose(text))


@settings(**PROPERTY)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_any_yaml_the_parser_takes_is_never_counted_shallower(text):
    try:
        trees = list(yaml.compose_all(text))
    except yaml.YAMLError:
        return
    assert counted_depth(text) >= max([parsed_depth(tree) for tree in trees] or [0])


DEEP = {
    "flow sequences": "[" * 2000 + "x" + "]" * 2000,
    "flow mappings": "{a: " * 2000 + "x" + "}" * 2000,
    "block sequences": "\n" + "".join("  " * level + "-\n" for level in range(2000)),
    "block mappings": "\n" + "".join("  " * level + f"k{level}:\n" for level in range(2000)),
    "one line of entries": "\n" + "- " * 2000 + "x",
    "a key nested in brackets": "[" * 2000 + "]" * 2000 + ": x",
}


@pytest.mark.parametrize("nested", DEEP.values(), ids=list(DEEP))
def test_a_sidecar_nested_2000_levels_is_refused_at_its_line_by_any_parser(raw, monkeypatch, nested):
    path = raw.add("deep", "A\n", "title: T\nissued_by: " + nested + "\n")
    with pytest.raises(BuildError, match=rf"deep\.yml:\d+: nested more than {MAX_DEPTH} levels deep"):
        read_source(path)
    for fast in ("CBaseLoader", "CSafeLoader"):  # as where PyYAML has no libyaml
        monkeypatch.delattr(yaml, fast, raising=False)
    with pytest.raises(BuildError, match=rf"deep\.yml:\d+: nested more than {MAX_DEPTH} levels deep"):
        read_source(path)


def test_the_line_named_is_where_the_limit_is_passed():
    text = "title: T\nissued_by:\n" + "".join("  " * level + "-\n" for level in range(1, 40))
    assert too_deep(text, MAX_DEPTH) == 2 + MAX_DEPTH  # the mapping is level 1; each line a level more


def test_a_sidecar_of_the_archive_is_far_from_the_limit():
    sidecar = """\
title: "Collected documents [2009]"
note: it's a page with [brackets] and colons # and a comment
documents:
  - id: one
    title: 'A ''quoted'' title {with braces}'
    kind: declaration
    issued_by: [icmlpo, "Party of Labour of Iran (Toufan)"]
    first_line: "[1] Resolution: on Iran"
  - {id: two, title: Two, kind: letter, first_line: "Dear comrades,"}
"""
    assert counted_depth(sidecar) == parsed_depth(yaml.compose(sidecar)) == 4
    assert too_deep(sidecar, MAX_DEPTH) is None
