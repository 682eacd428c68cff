"""The pipeline's folders import only down the pipeline: common, read, registries, extract, resolve, load, then the
pipeline's machinery and build.py that orchestrates them. A new folder is placed in the order here, or this test
says where it is missing."""
from __future__ import annotations

from pathlib import Path

from etl.pipeline.stage_cache import imports_of, module_name

ETL = Path(__file__).resolve().parents[2] / "etl"
STAGES = ["common", "read", "registries", "extract", "resolve", "load", "pipeline", "build", "__main__"]
RANK = {stage: rank for rank, stage in enumerate(STAGES)}
MODULES = sorted(path for path in ETL.rglob("*.py") if path != ETL / "__init__.py")


def stage_of(module: str) -> str:
    return module.split(".")[0]


def test_every_module_of_the_pipeline_is_in_a_stage():
    assert sorted(module_name(path) for path in MODULES if stage_of(module_name(path)) not in RANK) == []


def test_the_stages_are_folders_and_only_build_py_orchestrates_at_the_top():
    assert sorted(path.name for path in ETL.glob("*.py")) == ["__init__.py", "__main__.py", "build.py"]
    assert all((ETL / stage / "__init__.py").is_file() for stage in STAGES[:-2])


def test_no_stage_imports_a_later_one():
    upward = [(module_name(path), imported) for path in MODULES for imported in sorted(imports_of(path))
              if RANK[stage_of(imported)] > RANK[stage_of(module_name(path))]]
    assert upward == []


def test_the_test_sees_an_import_from_a_later_stage_written_relative_to_a_folder(tmp_path):
    written = tmp_path / "lists.py"
    written.write_text("from ..resolve.link import resolve_source\nfrom .letters import body_range\n", encoding="utf-8")
    imported = imports_of(written, package=("extract",))
    assert imported == {"resolve.link", "extract.letters"}
    assert [name for name in imported if RANK[stage_of(name)] > RANK["extract"]] == ["resolve.link"]
