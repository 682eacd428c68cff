"""Measure where the fuzzy-match threshold of etl.resolve.names should sit.

    python -m bench.fuzzy_threshold [--raw raw]

Two distributions over the registry in raw/organizations.yml:
- the closest names of two *different* organizations that a country would not
  tell apart (same country, or one without a country): a threshold at or below
  these would merge organizations;
- small misspellings of real names (a letter dropped, doubled or swapped,
  British/American spelling): a threshold above these would miss them.
The threshold belongs between the two.
"""
from __future__ import annotations

import argparse
import itertools
import random
import statistics
from pathlib import Path

from rapidfuzz import fuzz

from etl.common.normalize import name_key
from etl.registries.countries import load_countries
from etl.registries.organizations import load_registry
from etl.resolve.names import FUZZY_THRESHOLD


def names_of(organization) -> list[str]:
    names = [organization.name, *organization.aliases]
    if organization.name_original:
        names.append(organization.name_original)
    return [name_key(n) for n in names if len(n) >= 8]


def misspell(name: str, rng: random.Random) -> str:
    if "labour" in name:
        return name.replace("labour", "labor")
    i = rng.randrange(1, len(name) - 1)
    dropped, doubled = name[:i] + name[i + 1:], name[:i] + name[i] + name[i:]
    swapped = name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]
    return rng.choice([dropped, doubled, swapped])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", default="raw", type=Path)
    args = parser.parse_args()
    countries = load_countries(args.raw)
    registry = load_registry(args.raw, set(countries.countries))
    confusable = []
    for a, b in itertools.combinations(registry, 2):
        if a.country_code and b.country_code and a.country_code != b.country_code:
            continue
        pairs = [(fuzz.ratio(x, y), x, y) for x in names_of(a) for y in names_of(b) if x != y]
        best = max(pairs) if pairs else None
        if best:
            confusable.append((best[0], a.id, b.id, best[1], best[2]))
    confusable.sort(reverse=True)
    rng = random.Random(1917)
    typos = [fuzz.ratio(key, misspell(key, rng)) for o in registry for key in names_of(o)]
    print(f"registry: {len(registry)} organizations; current threshold {FUZZY_THRESHOLD}")
    print("\nclosest names of different organizations a country would not separate:")
    for score, a, b, x, y in confusable[:8]:
        print(f"  {score:5.1f}  {a} / {b}: {x!r} ~ {y!r}")
    print(f"\nmisspellings of real names (n={len(typos)}): min {min(typos):.1f}, "
          f"5th percentile {statistics.quantiles(typos, n=20)[0]:.1f}, median {statistics.median(typos):.1f}")
    caught = sum(t >= FUZZY_THRESHOLD for t in typos) / len(typos)
    merged = sum(c[0] >= FUZZY_THRESHOLD for c in confusable)
    print(f"\nat {FUZZY_THRESHOLD}: {caught:.0%} of misspellings matched, {merged} pairs of organizations confusable")


if __name__ == "__main__":
    main()
