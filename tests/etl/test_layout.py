"""The pipeline's modules import only down the pipeline: read, registries, split, extract, resolve, load, and the
build that orchestrates them. A new module is placed in a stage here, or this test says where it is missing."""
from __future__ import annotations

from pathlib import Path

from etl.stage_cache import imports_of

ETL = Path(__file__).resolve().parents[2] / "etl"
STAGES = [
    ("foundations", {"errors", "records", "normalize", "nesting", "yaml_input", "sidecar", "files", "__init__"}),
    ("read", {"read", "ids"}),
    ("registries", {"countries", "naming", "registry_file", "registry", "themes"}),
    ("split", {"split"}),
    ("extract", {"lists", "extract_letters", "extract_orgs", "extract_demands", "corrections", "extract"}),
    ("resolve", {"resolve", "registries", "review", "demand_themes", "link"}),
    ("load", {"load", "word_lists", "report"}),
    ("build", {"stage_cache", "parallel", "writing", "build", "__main__"}),
]
RANK = {module: rank for rank, (_, modules) in enumerate(STAGES) for module in modules}


def test_every_module_of_the_pipeline_has_its_stage():
    assert sorted(path.stem for path in ETL.glob("*.py") if path.stem not in RANK) == []


def test_no_stage_imports_a_later_one():
    upward = [(path.stem, imported) for path in sorted(ETL.glob("*.py")) for imported in sorted(imports_of(path))
              if RANK[imported] > RANK[path.stem]]
    assert upward == []


def test_the_test_would_see_an_import_from_a_later_stage(tmp_path):
    module = tmp_path / "lists.py"
    module.write_text("from .link import resolve_source\n", encoding="utf-8")
    assert any(RANK[imported] > RANK["lists"] for imported in imports_of(module))
