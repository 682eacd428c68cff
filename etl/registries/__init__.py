"""Stage 2, the editorial registries of raw/: countries, organizations and their aliases, themes, abbreviation
patterns, each checked and indexed once per build."""
