# The archive's two set-up commands: `make serve` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
DB ?= archive.db
RAW ?= raw

.PHONY: serve test build install bench screenshots package quality clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

## build: raw/ -> archive.db (incremental: unchanged sources are not parsed again)
build: install
	$(BIN)/python -m etl --raw $(RAW) --db archive.db

## serve: build the archive and serve it on http://127.0.0.1:$(PORT); `make serve DB=path` serves a prebuilt database without building
serve: install $(if $(filter archive.db,$(DB)),build)
	$(BIN)/python bin/serve $(DB) --port $(PORT)

## test: the whole test suite
test: install
	bash bin/install-browser
	$(BIN)/python -m pytest

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

## quality: rebuild and rewrite the README's data-quality report from the build's quality_notes
quality: build
	$(BIN)/python -m etl.report archive.db --readme README.md

clean:
	rm -rf $(VENV) archive.db .pytest_cache
