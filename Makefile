# pilotgraph: the commands a fresh machine needs.
#
#   make demo          install into .venv and serve the bundled sample reports (embedded store)
#   make test          install everything (Python, Debian packages, the Neo4j test server) and run all tests
#   make neo4j-server  build only the Neo4j 5 test server (tests/neo4j-server, Maven)
#   make bench         run every tests/benchmarks/bench_*.py as `python -m tests.benchmarks.bench_*`
#   make install       only the virtual environment and the project with its extras
#   make system-deps   only the Debian packages the tests use (installed when missing)
#
# Override any variable on the command line, e.g. `make test PYTHON=python3.12 PYTEST_ARGS="-m 'not neo4j'"`.

PYTHON      ?= python3
VENV        ?= .venv
MVN         ?= mvn
PYTEST_ARGS ?=
BENCH_ARGS  ?=
# Every optional-dependency group pyproject.toml declares (test, viz, ...), read when make starts.
EXTRAS      ?= $(shell $(PYTHON) -c 'import tomllib; print(",".join(tomllib.load(open("pyproject.toml", "rb")).get("project", {}).get("optional-dependencies", {})))' 2>/dev/null || echo test)
DEB_PACKAGES ?= chromium chromium-driver fonts-noto-cjk docker-compose poppler-utils

VENV_PYTHON   := $(VENV)/bin/python
INSTALLED     := $(VENV)/.installed
SERVER_DIR    := tests/neo4j-server
SERVER_BUILT  := $(SERVER_DIR)/target/.built
SERVER_SOURCES := $(SERVER_DIR)/pom.xml $(shell find $(SERVER_DIR)/src -name '*.java' 2>/dev/null)
SUDO          := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install system-deps neo4j-server test demo bench clean

help:
	@sed -n 's/^#   //p' Makefile

$(VENV_PYTHON):
	$(PYTHON) -m venv $(VENV)
	$(VENV_PYTHON) -m pip install --quiet --upgrade pip

# Re-installs when pyproject.toml changes; the stamp records that the last install succeeded.
$(INSTALLED): pyproject.toml | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --quiet -e ".[$(EXTRAS)]"
	@touch $@

install: $(INSTALLED)

# Debian packages (and a JDK and Maven for the Neo4j test server), each installed only when missing.
system-deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	command -v $(firstword $(MVN)) >/dev/null || missing="$$missing maven"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	else echo "Debian packages present: $(DEB_PACKAGES) java maven"; fi

$(SERVER_BUILT): $(SERVER_SOURCES) | system-deps
	rm -rf $(SERVER_DIR)/target/lib   # no jars of an older Neo4j version on the classpath
	cd $(SERVER_DIR) && $(MVN) -q -B package
	@touch $@

neo4j-server: $(SERVER_BUILT)

test: install system-deps neo4j-server
	$(VENV)/bin/pytest $(PYTEST_ARGS)

demo: install
	$(VENV)/bin/pilotgraph demo

bench: install
	@benches="$$(ls tests/benchmarks/bench_*.py 2>/dev/null)"; \
	if [ -z "$$benches" ]; then echo "no tests/benchmarks/bench_*.py yet"; exit 0; fi; \
	for f in $$benches; do \
		m="tests.benchmarks.$$(basename $$f .py)"; \
		echo "== $$m"; \
		$(VENV_PYTHON) -m $$m $(BENCH_ARGS) || exit $$?; \
	done

clean:
	rm -rf $(SERVER_DIR)/target .pytest_cache
