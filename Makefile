# The archive's two set-up commands: `make serve` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
DB ?= archive.db
RAW ?= raw

.PHONY: serve test build install upgrade lint fuzz bench screenshots package release quality review clean

# Everything is installed from uv.lock (exact versions, checked by their hashes) by uv, which pip installs
# first into .tools/ from requirements-uv.txt (also checked by hashes). No Python is downloaded: uv uses $(PYTHON).
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never

$(UV): requirements-uv.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --require-hashes --no-deps -r requirements-uv.txt
	touch $@

$(BIN)/.installed: pyproject.toml uv.lock $(UV)
	$(UV) sync --locked --extra test --python $(PYTHON)
	touch $@

## install: .venv/ exactly as uv.lock says (it fails if pyproject.toml asks for something the lock lacks: run `make upgrade`)
install: $(BIN)/.installed

## upgrade: the lock refreshed to the newest versions pyproject.toml allows, installed, and the tests run on them
upgrade: $(UV)
	$(UV) lock --upgrade --python $(PYTHON)
	$(MAKE) test

## build: raw/ -> archive.db (incremental: unchanged sources are not parsed again)
build: install
	$(BIN)/python -m etl --raw $(RAW) --db archive.db

## serve: build the archive and serve it on http://127.0.0.1:$(PORT); `make serve DB=path` serves a prebuilt database without building
serve: install $(if $(filter archive.db,$(DB)),build)
	$(BIN)/python bin/serve $(DB) --port $(PORT)

## test: lint, types and the whole test suite
test: install lint
	bash bin/install-browser
	$(BIN)/python -m pytest

## lint: ruff and mypy on the code
lint: install
	$(BIN)/ruff check etl plugins bin bench tests
	$(BIN)/mypy

## fuzz: the build fuzzed long (FUZZ_EXAMPLES hostile sources, new ones each run); make test runs a fixed few
FUZZ_EXAMPLES ?= 5000
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 $(BIN)/python -m pytest tests/etl/test_fuzz.py -p no:cacheprovider

## screenshots: PNGs of the home page, search, the reader, the map and the chart in docs/screenshots/
screenshots: build
	bash bin/install-browser
	$(BIN)/python bin/screenshots archive.db --out docs/screenshots

SIZES ?= 1000,10000
## bench: build, rebuild, search, pages and load at $(SIZES) synthetic sources; results in bench/out/ (SIZES=1000,10000,50000 for more)
bench: install
	$(BIN)/python -m bench --sizes $(SIZES) --out bench/out

TAG ?= internationals-archive
## package: a Docker image of $(DB) with `datasette package` (needs docker)
package: install $(if $(filter archive.db,$(DB)),build)
	$(BIN)/python bin/package $(DB) --tag $(TAG)

## release: build, then write dist/: archive.db, one CSV per table, datapackage.json, CITATION.cff and SHA256SUMS
release: build
	$(BIN)/python bin/release archive.db --out dist

## review: rebuild and print the review queue: what the editors should look at, with the corrections to paste
review: build
	$(BIN)/python -m etl.resolve.review archive.db

## quality: rebuild and rewrite the README's data-quality report from the build's quality_notes
quality: build
	$(BIN)/python -m etl.load.report archive.db --readme README.md

clean:
	rm -rf $(VENV) $(TOOLS) archive.db dist .pytest_cache .mypy_cache .ruff_cache
