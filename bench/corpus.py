"""A synthetic raw/ folder of N sources, made by recombining the archive's own text.

    python -m bench.corpus --n 1000 --out bench/scratch/raw-1000 [--seed 1917] [--raw raw]

Each source is ~16 KB (8 to 24 KB) of runs of consecutive blocks (paragraphs,
headings, lists: whatever stands between blank lines) taken from
raw/sources/*.txt, so the splitter and the extractors meet the shapes they meet
in real texts: section lists, signature blocks, numbered demands, slogans.
Sidecars follow the format of raw/sources/<id>.yml: a single document with
kind, date and issued_by, or (about one source in three) several documents with
first_line, sometimes ends_before, and text before the first document that
belongs to the source only. The registries raw/*.yml are copied as they are.

The same seed and N give the same files byte for byte; source i does not
depend on N, so the first 1,000 sources of a 10,000 corpus are the 1,000 corpus.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("statement", "declaration", "resolution", "letter", "article", "programme", "web-page")
PUBLISHERS = ("Revolutionary Democracy (Delhi)", "Workers' Voice / La Voz de los Trabajadores (United States)",
              "Revolutionary Communist International Tendency (thecommunists.net)", "Democracia Obrera (Argentina)",
              "En Marcha (Ecuador)", "Bulletin of the International Secretariat")
FURNITURE = "Click here to return to the index of this issue."


@dataclass(frozen=True)
class Pool:
    """What sources are made of: blocks in their original order, title lines, and registry names."""

    blocks: list[str]
    titles: list[str]
    issuers: list[str]


def blocks_of(text: str, longest: int = 2000) -> list[str]:
    """The runs of non-blank lines of a text; a run longer than `longest` (unwrapped paragraphs
    set one to a line) is cut into pieces of up to four lines."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        block = block.strip("\n")
        if not block.strip():
            continue
        if len(block) <= longest:
            blocks.append(block)
            continue
        lines = block.split("\n")
        blocks.extend("\n".join(lines[i:i + 4]) for i in range(0, len(lines), 4))
    return blocks


def load_pool(raw: Path) -> Pool:
    blocks: list[str] = []
    titles: list[str] = []
    for path in sorted((raw / "sources").glob("*.txt")):
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        blocks.extend(blocks_of(text))
        sidecar = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8")) or {}
        titles.append(sidecar["title"])
        titles.extend(entry["title"] for entry in sidecar.get("documents") or [])
    titles += [b for b in blocks if "\n" not in b and 12 <= len(b) <= 100 and b[:1].isupper() and b[-1:] not in ".,;"]
    registry = yaml.safe_load((raw / "organizations.yml").read_text(encoding="utf-8")) or []
    issuers = [entry["id"] for entry in registry] + [entry["name"] for entry in registry[::3]]
    return Pool(blocks, sorted(set(titles), key=titles.index), issuers)


def partial_date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.15:
        return None
    year = rng.randint(1919, 2024)
    if roll < 0.35:
        return str(year)
    if roll < 0.55:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's quoting is a subset of YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def body(rng: random.Random, pool: Pool, size: int) -> list[str]:
    """Runs of consecutive blocks of the archive, up to about `size` characters."""
    out: list[str] = []
    length = 0
    while length < size:
        start = rng.randrange(len(pool.blocks))
        for block in pool.blocks[start:start + rng.randint(1, 8)]:
            out.append(block)
            length += len(block) + 2
            if length >= size:
                break
    return out


def document_entry(rng: random.Random, pool: Pool, document_id: str, title: str) -> str:
    """The sidecar entry of one document of a source that holds several."""
    entry = [f"  - id: {document_id}", f"    title: {quoted(title)}"]
    date = partial_date(rng)
    if date:
        entry.append(f"    date: {date}")
    entry.append(f"    kind: {rng.choice(KINDS)}")
    if rng.random() < 0.7:
        entry.append(f"    issued_by: [{', '.join(quoted(i) for i in rng.sample(pool.issuers, rng.randint(1, 2)))}]")
    entry.append(f"    first_line: {quoted(title)}")
    return "\n".join(entry)


def make_source(index: int, pool: Pool, seed: int) -> tuple[str, str, str]:
    """(source id, text, sidecar) of the index-th synthetic source."""
    rng = random.Random(f"{seed}:{index}")
    words = re.findall(r"[a-z0-9]+", rng.choice(pool.titles).lower())[:4] or ["source"]
    source_id = f"s{index:06d}-" + "-".join(words)
    size = rng.randint(8_000, 22_000)
    documents = 1 if rng.random() < 0.65 else rng.randint(2, 5)
    lines: list[str] = []
    entries: list[str] = []
    seen_lines: set[str] = set()
    if documents > 1 and rng.random() < 0.5:
        lines.append(f"{rng.choice(PUBLISHERS)}, No. {index}")  # page furniture: the source's, no document's
        seen_lines.add(lines[-1])
    for number in range(1, documents + 1):
        title = rng.choice(pool.titles).strip()
        while title in seen_lines:  # a first_line must be the first line of the text that reads so
            title = f"{title} ({number})"
        blocks = [title] + body(rng, pool, size // documents)
        for block in blocks:
            seen_lines.update(line.strip() for line in block.split("\n"))
        lines.append("\n\n".join(blocks))
        if documents > 1:
            entries.append(document_entry(rng, pool, f"{source_id}-{number}", title))
    if documents > 1 and rng.random() < 0.3:
        entries[-1] += f"\n    ends_before: {quoted(FURNITURE)}"
        lines.append(FURNITURE)
    text = "\n\n".join(lines) + "\n"
    head = [f"# Synthetic source {index} for the benchmark (bench/corpus.py, seed {seed}).",
            f"title: {quoted(rng.choice(pool.titles))}", f"publisher: {quoted(rng.choice(PUBLISHERS))}",
            f"url: https://example.org/archive/{source_id}"]
    published = partial_date(rng)
    if published:
        head.append(f"published: {published}")
    head.append("language: en")
    if documents == 1:
        head.append(f"kind: {rng.choice(KINDS)}")
        date = partial_date(rng)
        if date:
            head.append(f"date: {date}")
        if rng.random() < 0.7:
            head.append(f"issued_by: [{quoted(rng.choice(pool.issuers))}]")
    else:
        head.append("documents:")
        head.extend(entries)
    return source_id, text, "\n".join(head) + "\n"


def generate(n: int, out: Path, seed: int = 1917, raw: Path = ROOT / "raw") -> dict:
    """Write raw/ with n synthetic sources into out (emptied first); return its figures."""
    pool = load_pool(raw)
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    for registry in sorted(raw.glob("*.yml")):
        shutil.copy(registry, out / registry.name)
    text_bytes = 0
    for index in range(n):
        source_id, text, sidecar = make_source(index, pool, seed)
        data = text.encode("utf-8")
        (out / "sources" / f"{source_id}.txt").write_bytes(data)
        (out / "sources" / f"{source_id}.yml").write_text(sidecar, encoding="utf-8")
        text_bytes += len(data)
    return {"sources": n, "text_bytes": text_bytes, "seed": seed, "path": str(out)}


def add_alias(raw: Path, alias: str) -> str:
    """`alias` added to the first organization of raw/organizations.yml, as an editor would; that organization's id."""
    path = raw / "organizations.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("- id: "))
    at = next(i for i, line in enumerate(lines) if i > first and line.strip() == "aliases:")
    lines.insert(at + 1, "    - " + json.dumps(alias))
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[first].removeprefix("- id: ").strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "scratch" / "raw")
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--raw", type=Path, default=ROOT / "raw")
    args = parser.parse_args()
    figures = generate(args.n, args.out, args.seed, args.raw)
    print(f"{figures['sources']} sources, {figures['text_bytes'] / 1e6:.1f} MB of text in {figures['path']}")


if __name__ == "__main__":
    main()
