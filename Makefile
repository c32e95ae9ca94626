# policy-site: every command creates and uses its own virtual environment (.venv).
#   make serve   install, validate, preview with live reload (content/ included) and the web editor at /admin/
#   make test    install test needs (axe-core and Decap CMS with npm ci; Debian's chromium when missing), run all tests
#   make build   validated, atomic build into site/ with the published engine (policy_site/engines DEFAULT;
#                ENGINE=zensical or ENGINE=mkdocs: with that one); drafts are left
#                out and named (DRAFTS=1: included, each page marked 草稿 with its open review items);
#                with the web editor at /admin/ only when content/site.yaml names the office's forge (editor:);
#                installs the CJK fonts of the generated PDFs (fonts-noto-cjk) with apt-get when missing and root
#   make check   validate content/ only; print warnings (STRICT=1: fail on warnings too)
#   make bench   benchmarks: build time, catalogue scale, search, library scale (prints figures)
#   make bench-cms  the web editor against Sveltia CMS: bytes, time to the first form, Chinese strings, 5,000-entry search
#   make schema  regenerate schema/content.schema.json from the content model
#   make ids     write build/编号和取值.md: departments, documents and clause ids, allowed values (for editors)
#   make import SRC=<file> [ID=<document-id>]
#                turn an official text (.txt as copied from a government site, .docx, a saved .html page)
#                into a new draft under content/ that passes make check, and list what a person must review;
#                ID names the draft (default: from its 文号, else the file name); never overwrites a file

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
ADDR   ?= 127.0.0.1:8000
ENGINE ?=
SRC    ?=
ID     ?=
SITE_INSTALLED := $(VENV)/.site-installed
TEST_INSTALLED := $(VENV)/.test-installed
BENCH_INSTALLED := $(VENV)/.bench-installed
# From the npm registry, pinned by package-lock.json: axe-core for the
# accessibility audit and Decap CMS, the web editor make serve offers at /admin/.
NPM_INSTALLED := node_modules/.npm-installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: serve build check schema ids import test bench bench-cms chromium fonts clean

$(NPM_INSTALLED): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing npm with apt-get ..."; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
		else \
			echo "npm missing (needed for axe-core and the web editor): run 'sudo apt-get install npm'"; exit 1; \
		fi; }
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

$(AXE): $(NPM_INSTALLED)

$(SITE_INSTALLED): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(TEST_INSTALLED): $(SITE_INSTALLED) requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

$(BENCH_INSTALLED): $(TEST_INSTALLED) requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

# The preview works without the web editor: when npm cannot install it, say so and go on.
serve: $(SITE_INSTALLED) fonts check
	@$(MAKE) --no-print-directory $(NPM_INSTALLED) || echo "编辑后台未安装(需要 npm),预览照常 · The web editor is not installed (it needs npm); the preview works as usual."
	$(PY) -m policy_site serve --addr $(ADDR)

# A site.yaml that names the office's forge (editor:) publishes the web editor: install it first.
build: $(SITE_INSTALLED) fonts
	@if grep -q '^editor:' content/site.yaml 2>/dev/null; then $(MAKE) --no-print-directory $(NPM_INSTALLED); fi
	$(PY) -m policy_site build$(if $(ENGINE), --engine $(ENGINE))$(if $(DRAFTS), --drafts)

check: $(SITE_INSTALLED)
	$(PY) -m policy_site check $(if $(STRICT),--strict)

schema: $(SITE_INSTALLED)
	$(PY) -m policy_site schema

ids: $(SITE_INSTALLED)
	$(PY) -m policy_site ids

import: $(SITE_INSTALLED)
	@test -n "$(SRC)" || { echo "请写明要导入的文件:make import SRC=文件路径 [ID=编号]"; \
		echo "Name the file to import: make import SRC=path [ID=document-id]"; exit 2; }
	$(PY) -m policy_site import "$(SRC)" $(if $(ID),--id "$(ID)")

# The PDFs the build makes of documents' texts (policy_site/pdf.py) are set in
# Debian's Noto CJK fonts by WeasyPrint, which draws text with Pango. Install
# them when missing and we are root; otherwise say what to do (the build also
# stops with this message rather than print boxes for Chinese characters).
fonts:
	@if fc-list "Noto Serif CJK SC" family 2>/dev/null | grep -q . && fc-list "Noto Sans CJK SC" family | grep -q . \
		&& ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing the CJK fonts and Pango for the PDFs with apt-get ..."; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	else \
		echo "fonts-noto-cjk (the CJK fonts of the PDFs) or Pango missing: run 'sudo apt-get install fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0'"; exit 1; \
	fi

# Browser tests drive Debian's chromium. Install it when missing and we are root
# (CI containers, fresh machines); otherwise say what to do.
chromium:
	@if [ -n "$$CHROMIUM" ] && [ -x "$$CHROMIUM" ]; then exit 0; fi; \
	if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium and a CJK font with apt-get ..."; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else \
		echo "chromium (and a CJK font) missing: run 'sudo apt-get install chromium fonts-noto-cjk' or set CHROMIUM=/path/to/chrome"; exit 1; \
	fi

test: $(TEST_INSTALLED) $(NPM_INSTALLED) chromium fonts
	$(PY) -m pytest -n 2

# Build time of the site as published, the catalogue at 100/1,000/5,000 entries
# against the bare render of the same pages, the preview's start and edit times,
# and search (ours against Material's) at the same sizes in Chromium; a policy
# library of 300 documents and 5,000 entries (build, memory, 政策文件库 size and filters);
# the same 1,000- and 5,000-entry catalogues built by each engine, interleaved.
bench: $(BENCH_INSTALLED) chromium
	$(PY) -m scripts.bench.build_time
	$(PY) -m scripts.bench.catalogue_scale
	$(PY) -m scripts.bench.catalogue_scale --sizes 1000 5000 --engines mkdocs zensical --repeat 3 --settle 10
	$(PY) -m scripts.bench.preview
	$(PY) -m scripts.bench.search
	$(PY) -m scripts.bench.library_scale
	$(PY) -m scripts.bench.task_time
	$(PY) -m scripts.bench.search_engines

# Decap CMS (the editor we serve) against Sveltia CMS, side by side (README:
# Web editor). Sveltia comes from the benchmark's own npm manifest, pinned by its
# lock file: neither the site nor the tests install or ship it.
BENCH_CMS := scripts/bench/cms/node_modules/.npm-installed
$(BENCH_CMS): scripts/bench/cms/package.json scripts/bench/cms/package-lock.json $(NPM_INSTALLED)
	npm ci --prefix scripts/bench/cms --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

bench-cms: $(BENCH_INSTALLED) $(NPM_INSTALLED) $(BENCH_CMS) chromium
	$(PY) -m scripts.bench.cms

clean:
	rm -rf site .venv .pytest_cache node_modules scripts/bench/cms/node_modules
