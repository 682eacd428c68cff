"""The data-quality report: a table of what the build noticed, and the README section made from it."""
from __future__ import annotations

import re

import sqlite_utils

from etl.report import END, START, quality_report
from support import ROOT


def test_the_readme_shows_the_report_of_a_fresh_build(archive_db):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), readme, re.DOTALL).group(1)
    assert section == quality_report(sqlite_utils.Database(archive_db)), "run `make quality` to refresh the README"


def test_the_report_lists_contradictions_and_new_names(archive_db):
    report = quality_report(sqlite_utils.Database(archive_db))
    assert "official sections in 13 countries" in report
    assert "**Fuzzy matches accepted** (" in report
