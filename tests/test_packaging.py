"""bin/package: the real `datasette package`, with a stand-in for docker that keeps the build context.

No image can be built here, so the test checks what docker would be given: a
Dockerfile and a context holding the database, metadata, plugins, templates and
static files; a Dockerfile that installs the plugins, makes the inspect file and
passes the settings. Then it runs the Dockerfile's own commands from inside the
context, as the image would, and asks the server for pages.
"""
from __future__ import annotations

import ast
import filecmp
import importlib.metadata
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from packaging.requirements import Requirement
from support import ROOT, stop

SETTINGS = json.loads((ROOT / "settings.json").read_text())
FAKE_DOCKER = """\
#!/bin/sh
# Stands in for docker: keeps a copy of the context of `docker build [-t tag] <dir>` in $CAPTURE.
[ "$1" = build ] || exit 0
for argument; do context="$argument"; done
printf '%s\\n' "$@" > "$CAPTURE.args"
cp -RL "$context" "$CAPTURE"
"""


@dataclass
class Packaged:
    context: Path
    docker_args: list[str]
    db: Path
    dockerfile: list[tuple[str, str]]  # (instruction, rest of the line)

    def lines(self, instruction: str) -> list[str]:
        return [rest for name, rest in self.dockerfile if name == instruction]


def shell_words(line: str) -> list[str]:
    """The words a shell makes of a RUN or CMD line, with redirections (`>`, `<`) as words of their own."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    return list(lexer)


def project_requirements() -> list[str]:
    import tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]


@pytest.fixture(scope="module")
def packaged(archive_db, tmp_path_factory) -> Packaged:
    folder = tmp_path_factory.mktemp("packaging")
    db = folder / "built" / "internationals.db"  # not archive.db: the image still serves it as /archive/
    db.parent.mkdir()
    shutil.copyfile(archive_db, db)
    fake = folder / "fake-bin"
    fake.mkdir()
    (fake / "docker").write_text(FAKE_DOCKER)
    (fake / "docker").chmod(0o755)
    capture = folder / "context"
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "CAPTURE": str(capture)}
    result = subprocess.run([sys.executable, str(ROOT / "bin" / "package"), str(db), "--tag", "archive-test:1"],
                            env=env, capture_output=True, text=True, timeout=300, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (capture / "Dockerfile").exists(), result.stdout + result.stderr
    dockerfile = []
    for line in (capture / "Dockerfile").read_text().splitlines():
        if line.strip():
            instruction, _, rest = line.strip().partition(" ")
            dockerfile.append((instruction, rest))
    return Packaged(capture, Path(f"{capture}.args").read_text().splitlines(), db, dockerfile)


def files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(".pyc")}


def test_docker_is_asked_to_build_the_tagged_image_from_the_context(packaged):
    assert packaged.docker_args == ["build", "-t", "archive-test:1", "."]


def test_the_context_holds_the_database_metadata_plugins_templates_and_static_files(packaged):
    context = packaged.context
    assert (context / "archive.db").read_bytes() == packaged.db.read_bytes()
    assert json.loads((context / "metadata.json").read_text()) == yaml.safe_load((ROOT / "metadata.yml").read_text())
    for folder in ("plugins", "templates", "static"):
        wanted = files_under(ROOT / folder)
        assert wanted and wanted <= files_under(context / folder), folder
        for path in wanted:
            assert filecmp.cmp(ROOT / folder / path, context / folder / path, shallow=False), path


def build_code(packaged: Packaged) -> Path:
    """The folder of the context that the Dockerfile installs as a project: the build's code."""
    (install,) = [rest for rest in packaged.lines("RUN") if rest.startswith("pip install")]
    (folder,) = [word for word in shell_words(install)[3:] if word.startswith("./")]
    return packaged.context / folder


def test_the_context_holds_the_build_s_code_as_a_project_pip_installs(packaged):
    """plugins/reconcile.py matches names with the build's code: the image installs etl/ from its context."""
    project = build_code(packaged)
    assert project.parent == packaged.context / "plugins"  # where Datasette loads only the *.py files
    wanted = files_under(ROOT / "etl")
    assert wanted and wanted == files_under(project / "etl")
    for path in wanted:
        assert filecmp.cmp(ROOT / "etl" / path, project / "etl" / path, shallow=False), path
    import tomllib
    metadata = tomllib.loads((project / "pyproject.toml").read_text())
    assert metadata["tool"]["setuptools"]["packages"]["find"]["include"] == ["etl", "etl.*"]  # with its stages' folders
    assert "dependencies" not in metadata["project"]  # what it needs is pinned with the image's requirements


def locked() -> dict[str, dict]:
    import tomllib
    return {package["name"]: package for package in tomllib.loads((ROOT / "uv.lock").read_text())["package"]}


def test_the_dockerfile_installs_datasette_the_plugins_and_what_they_need_as_the_lock_pins_them(packaged):
    (install,) = [rest for rest in packaged.lines("RUN") if rest.startswith("pip install")]
    # as a RUN line's shell hands them to pip; the build's code is a folder of the context
    requirements = [Requirement(r) for r in shell_words(install)[3:] if not r.startswith("./")]
    assert str(requirements[0]) == "datasette"
    pinned, versions = requirements[1:], locked()
    for requirement in pinned:
        assert str(requirement.specifier) == f"=={versions[requirement.name]['version']}", requirement
    names = [r.name for r in pinned]
    plugins = [Requirement(r).name for r in project_requirements() if Requirement(r).name.startswith("datasette")]
    assert names[:len(plugins)] == plugins
    assert {"datasette", "datasette-search-all", "datasette-cluster-map", "datasette-block-robots"} <= set(plugins)
    for name in names:  # whatever a pinned package needs is pinned too
        assert {d["name"] for d in versions[name].get("dependencies", [])} <= set(names), name
    assert {"rapidfuzz", "pydantic", "pyyaml"} <= set(names)  # what the build's code the plugins import needs
    assert "sqlite-utils" not in names and "pycountry" not in names and "pytest" not in names  # what only builds or tests


def imports_of(path: Path) -> set[str]:
    """The modules a Python file imports by their full names (not those it imports relative to its package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_the_plugins_import_nothing_the_image_does_not_install(packaged):
    """plugins/*.py may import the standard library, what the image's requirements install and the build's code it
    installs, whose modules they import may in turn import only the standard library and what the image installs."""
    from etl.pipeline.stage_cache import modules_imported
    (install,) = [rest for rest in packaged.lines("RUN") if rest.startswith("pip install")]
    todo, installed = [Requirement(r).name for r in shell_words(install)[3:] if not r.startswith("./")], set()
    while todo:  # the requirements and everything they require
        name = todo.pop().lower().replace("_", "-")
        if name not in installed:
            installed.add(name)
            for requirement in importlib.metadata.requires(name) or []:
                parsed = Requirement(requirement)
                if not parsed.marker or parsed.marker.evaluate({"extra": ""}):
                    todo.append(parsed.name)
    provided = {module for module, distributions in importlib.metadata.packages_distributions().items()
                if any(d.lower().replace("_", "-") in installed for d in distributions)}
    shipped = build_code(packaged) / "etl"
    imported: dict[str, set[str]] = {plugin.name: imports_of(plugin) for plugin in (packaged.context / "plugins").glob("*.py")}
    build_modules: set[str] = set()

    def shipped_file(name: str) -> Path:  # "resolve.names": etl/resolve/names.py; "resolve": etl/resolve/__init__.py
        module = shipped.joinpath(*name.split("."))
        return module.with_suffix(".py") if module.with_suffix(".py").is_file() else module / "__init__.py"

    for module in {module for modules in imported.values() for module in modules if module.startswith("etl.")}:
        assert shipped_file(module.removeprefix("etl.")).is_file(), module
        modules_imported(module.removeprefix("etl."), build_modules)
    assert build_modules  # plugins/reconcile.py matches names with the build's code
    imported |= {str(shipped_file(name).relative_to(shipped.parent)): imports_of(shipped_file(name))
                 for name in build_modules}
    for where, modules in sorted(imported.items()):
        for module in modules:
            top = module.split(".")[0]
            assert top in sys.stdlib_module_names or top in provided or top in ("__future__", "etl"), (where, module)


def test_the_image_serves_immutable_with_an_inspect_file_and_the_settings(packaged):
    (inspect,) = [rest for rest in packaged.lines("RUN") if rest.startswith("datasette inspect")]
    assert shell_words(inspect) == ["datasette", "inspect", "archive.db", "--inspect-file", "inspect-data.json"]
    command = shell_words(packaged.lines("CMD")[0])
    assert command[:2] == ["datasette", "serve"]
    options = " ".join(command)
    for option in ["-i archive.db", "--inspect-file inspect-data.json", "--metadata metadata.json",
                   "--plugins-dir plugins/", "--template-dir templates/", "--static static:static", "--port $PORT"]:
        assert option in options, option
    settings = {command[i + 1]: command[i + 2] for i, word in enumerate(command) if word == "--setting"}
    assert settings == {name: str(value).lower() if isinstance(value, bool) else str(value)
                        for name, value in SETTINGS.items()}


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_server_starts_from_the_context_as_the_image_would_run_it(packaged, tmp_path):
    """The Dockerfile's `datasette` steps, run here from inside the context: the home page, a table and a
    canned query answer."""
    context = tmp_path / "app"
    shutil.copytree(packaged.context, context)  # as `COPY . /app`
    datasette = str(Path(sys.executable).with_name("datasette"))
    env = dict(os.environ)
    for rest in packaged.lines("ENV"):
        name, value = rest.split(" ", 1)
        env[name] = shlex.split(value)[0]
    # the build's code importable as once pip has installed it (a build of it would need setuptools from PyPI)
    env["PYTHONPATH"] = str(context / build_code(packaged).relative_to(packaged.context))
    for rest in packaged.lines("RUN"):
        if rest.startswith("datasette "):
            subprocess.run([datasette, *shell_words(rest)[1:]], cwd=context, env=env, check=True, timeout=120)
    assert (context / "inspect-data.json").exists()
    port = free_port()
    env["PORT"] = str(port)
    command = [datasette if word == "datasette" else "127.0.0.1" if word == "0.0.0.0" else word
               for word in shell_words(packaged.lines("CMD")[0].replace("$PORT", str(port)))]
    log = tmp_path / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=context, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                if httpx.get(url + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        for path in ["/", "/archive/passages", "/archive/search?q=workers"]:
            response = httpx.get(url + path, timeout=30)
            assert response.status_code == 200, (path, response.text[:500])
        rows = httpx.get(url + "/archive/search.json", params={"q": "workers", "_shape": "array"}, timeout=30).json()
        assert rows and all("passage_id" in row for row in rows)
        (database,) = httpx.get(url + "/-/databases.json", timeout=30).json()
        assert (database["name"], database["is_mutable"]) == ("archive", False)
        assert httpx.get(url + "/-/settings.json", timeout=30).json().items() >= SETTINGS.items()
        plugins = {plugin["name"] for plugin in httpx.get(url + "/-/plugins.json", timeout=30).json()}
        assert {"datasette-search-all", "datasette-cluster-map", "datasette-block-robots", "reader.py", "charts.py",
                "reconcile.py"} <= plugins
        answer = httpx.post(url + "/archive/organizations/-/reconcile", data={"queries": '{"q": {"query": "LIT-CI"}}'},
                            timeout=30).json()
        assert answer["q"]["result"][0]["id"] == "iwl-fi"
    finally:
        stop(process)


def test_cloud_run_is_asked_for_replicas_with_the_same_files_and_settings(archive_db):
    result = subprocess.run([sys.executable, str(ROOT / "bin" / "package"), str(archive_db), "--cloudrun", "archive",
                             "--max-instances", "5", "--min-instances", "1", "--print"],
                            capture_output=True, text=True, check=True)
    command = shlex.split(result.stdout)
    assert command[1:4] == ["publish", "cloudrun", str(archive_db)]
    options = " ".join(command)
    for option in ["--service archive", "--max-instances 5", "--min-instances 1", f"--metadata {ROOT / 'metadata.yml'}",
                   f"--template-dir {ROOT / 'templates'}", f"--static static:{ROOT / 'static'}",
                   "--setting sql_time_limit_ms", "--install datasette-search-all==1.1.4", "--install rapidfuzz=="]:
        assert option in options, option
    plugins = Path(command[command.index("--plugins-dir") + 1])  # the plugins, and the build's code they import
    assert files_under(ROOT / "plugins") <= files_under(plugins)
    assert f"--install ./plugins/{next(p.name for p in plugins.iterdir() if (p / 'etl').is_dir())}" in options


def test_packaging_again_reuses_one_scratch_folder_beside_the_database(archive_db):
    def plugins_folder() -> Path:
        command = shlex.split(subprocess.run([sys.executable, str(ROOT / "bin" / "package"), str(archive_db), "--print"],
                                             capture_output=True, text=True, check=True).stdout)
        return Path(command[command.index("--plugins-dir") + 1])
    first, second = plugins_folder(), plugins_folder()
    assert first == second and first.parent.parent == archive_db.resolve().parent  # not a new folder in /tmp each run
    assert files_under(ROOT / "plugins") <= files_under(second)  # made again, whole, on the second run
