# Sangam: the two commands are `make run` and `make test`.
# Everything is installed from requirements.lock (pinned, hashed) into .venv;
# nothing but python3 is needed on the machine (and gcc with the Python headers to compile
# the screening hot path; without them it runs as plain Python).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck bench lock install compile pure clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

# The screening hot path compiled with mypyc (src/sangam/compiled.py); a no-op when the
# compiled modules match their sources, plain Python (with a note) without a C compiler.
compile: $(STAMP)
	$(BIN)/python -m sangam.compiled

# Remove the compiled modules: the sources run as plain Python.
pure: $(STAMP)
	$(BIN)/python -m sangam.compiled --remove

run: compile
	$(BIN)/sangam init --seed
	$(BIN)/sangam serve --port $(PORT)

test: compile
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: compile
	$(BIN)/python -m benchmarks

# Regenerate the lock file after editing dependencies in pyproject.toml (needs the registry).
lock:
	$(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet uv
	.lockenv/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
	rm -rf .lockenv

clean:
	test ! -x $(BIN)/python || $(BIN)/python -m sangam.compiled --remove
	rm -rf $(VENV) var/*.db
