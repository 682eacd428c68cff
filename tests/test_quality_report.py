"""The data-quality report: a table of what the build noticed, and the README section made from it."""
from __future__ import annotations

import re

import sqlite_utils
from support import ROOT

from etl.load.report import END, START, quality_report


def test_every_note_the_readme_shows_is_one_a_fresh_build_makes(archive_db):
    """The README shows the report of the archive when it was last refreshed (`make quality`): each of its notes is
    still made by a fresh build, whatever sources were added since."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), readme, re.DOTALL).group(1)
    report = quality_report(sqlite_utils.Database(archive_db)).splitlines()
    shown = [line for line in section.splitlines() if line.startswith("- ") and line != "- none"]
    assert shown and [line for line in shown if line not in report] == [], "run `make quality` to refresh the README"
    headings = [line.split(" (")[0] for line in section.splitlines() if line.startswith("**")]
    assert headings == [line.split(" (")[0] for line in report if line.startswith("**")]


def test_the_report_lists_contradictions_and_new_names(archive_db):
    report = quality_report(sqlite_utils.Database(archive_db))
    assert "official sections in 13 countries" in report
    assert "**Fuzzy matches accepted** (" in report
