# Entry points of the project. The README's commands are the truth; CI runs `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed-requirements
NODE_STAMP := node_modules/.installed-lock
PORT ?= 8000
# Parallel test processes (pytest-xdist); files stay whole so fixture sites build once.
TEST_WORKERS ?= 2
# The Python code ruff checks; mypy reads its files from pyproject.toml.
LINT_PATHS := plugins scripts tests pelicanconf.py publishconf.py

.PHONY: help html serve test check publish bench clean lint typecheck new-event new-profile \
	new-post new-project from-mail import-wordpress fetch-feeds bench-network fuzz

help:
	@echo "make serve    Website bauen und auf http://localhost:$(PORT) ausliefern (baut bei Änderungen neu;"
	@echo "              SEARCH=1 baut auch den Suchindex, PORT=8001 wählt einen anderen Port)"
	@echo "make test     ruff, mypy und alle Tests"
	@echo "make lint     Code-Stil (ruff); make typecheck  Typprüfung (mypy)"
	@echo "make html     Website nach output/ bauen"
	@echo "make check    nur die Inhalte prüfen (schnell)"
	@echo "make fetch-feeds  Kalender aus dem Netzwerk (data/feeds.yaml) nach data/external/ laden"
	@echo "make publish  Produktions-Build (SITEURL aus der Umgebung)"
	@echo "make bench    Benchmark des ganzen Builds"
	@echo "make new-event | new-profile | new-post | new-project   neue Datei anlegen"

# Bootstrap: a virtual environment with the pinned dependencies, rebuilt when they change.
$(VENV_STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 oder neuer nötig (PYTHON=python3.11 make …)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Test tools from npm (Nu Html Checker, axe-core, ical.js, Lighthouse), pinned by the lock file.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

html: $(VENV_STAMP)
	$(PY) scripts/build.py

serve: $(VENV_STAMP)
	$(PY) scripts/serve.py --port $(PORT) $(if $(SEARCH),--search)

check: $(VENV_STAMP)
	$(PY) scripts/check.py $(CHECK_ARGS)

# The network's calendars: download data/feeds.yaml's feeds into data/external/ (the build
# itself never fetches). A feed that fails keeps its last good snapshot.
fetch-feeds: $(VENV_STAMP)
	$(PY) scripts/fetch_feeds.py

# How long fetching ten local feeds and a build with 500 outside events take.
bench-network: $(VENV_STAMP)
	$(PY) scripts/bench_network.py

publish: $(VENV_STAMP)
	$(PY) scripts/build.py --settings publishconf.py

# Style and types first (seconds); pytest last, so its summary is the last line printed.
test: $(VENV_STAMP) $(NODE_STAMP)
	$(PY) -m ruff check $(LINT_PATHS)
	$(PY) -m mypy
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

# The property tests of tests/fuzz with many more generated inputs (about ten minutes);
# prints how many inputs were tried. make test runs the same properties, bounded.
fuzz: $(VENV_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/fuzz -p no:xdist -q --hypothesis-show-statistics

lint: $(VENV_STAMP)
	$(PY) -m ruff check $(LINT_PATHS)

typecheck: $(VENV_STAMP)
	$(PY) -m mypy

bench: $(VENV_STAMP) $(NODE_STAMP)
	$(PY) -m scripts.bench

new-event new-profile new-post new-project: $(VENV_STAMP)
	$(PY) scripts/new.py $(subst new-,,$@)

# An e-mail written from a form's mail template becomes the file the form would give.
from-mail: $(VENV_STAMP)
	$(PY) scripts/from_mail.py "$(FILE)"

# WordPress export into content/ and data/: make import-wordpress WXR=export.xml MEDIA=uploads/
# (further options after ARGS=, e.g. ARGS=--download; see --help).
import-wordpress: $(VENV_STAMP)
	@test -n "$(WXR)" || { echo "Bitte die Exportdatei angeben: make import-wordpress WXR=export.xml"; exit 1; }
	$(PY) -m scripts.wordpress_import "$(WXR)" $(if $(MEDIA),--media "$(MEDIA)") $(ARGS)

clean:
	rm -rf output output.new output.old .output.folders .output.old-* cache .cache .pytest_cache
