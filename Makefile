# Qalam — `make run` to try it, `make test` to test it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/dev.txt
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
# makemessages/compilemessages walk the tree; keep them out of what is not ours.
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules --ignore=staticfiles --ignore=requirements
LANGS := ru kk uz ky tg tk
# OCR packs of the region's languages (secure_docs/search/extract/ocr.py PACKS);
# Latin is the script model Turkmen is read with.
TESSERACT_PACKS := rus kaz uzb uzb_cyrl kir tgk eng Latin

.PHONY: help run test lint audit bench loadtest install tools messages compilemessages lock seed clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

tools: ## Stop with one line if a system tool Qalam needs is missing
	@command -v $(PYTHON) >/dev/null || { echo "qalam: Python 3.11 is missing; install it (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "qalam: Python 3.11 is required, $(PYTHON) is $$($(PYTHON) -V 2>&1); set PYTHON=/path/to/python3.11"; exit 1; }
	@command -v gpg >/dev/null || { echo "qalam: gpg is missing; install it (Debian: apt-get install gnupg)"; exit 1; }
	@command -v msgfmt >/dev/null || { echo "qalam: msgfmt is missing; install it (Debian: apt-get install gettext)"; exit 1; }
	@command -v tesseract >/dev/null || { echo "qalam: tesseract (OCR of scans) is missing; install it (Debian: apt-get install tesseract-ocr)"; exit 1; }
	@command -v pdftoppm >/dev/null || { echo "qalam: pdftoppm (renders scanned PDF pages) is missing; install it (Debian: apt-get install poppler-utils)"; exit 1; }
	@have=" $$(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ') "; missing=; packages=; \
	for pack in $(TESSERACT_PACKS); do case "$$have" in *" $$pack "*) ;; *) missing="$$missing $$pack"; \
	  case $$pack in Latin) packages="$$packages tesseract-ocr-script-latn";; *) packages="$$packages tesseract-ocr-$$(echo $$pack | tr _ -)";; esac;; esac; done; \
	[ -z "$$missing" ] || { echo "qalam: Tesseract language packs missing:$$missing; install them (Debian: apt-get install$$packages)"; exit 1; }
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { echo "qalam: DejaVu Sans (the tests draw scans with it) is missing; install it (Debian: apt-get install fonts-dejavu-core)"; exit 1; }
	@{ PATH="$$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null; } | grep -q libpangoft2-1.0 || { echo "qalam: Pango (WeasyPrint draws certificates with it) is missing; install it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"; exit 1; }

$(STAMP): $(LOCK) requirements/prod.txt | tools
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r $(LOCK)
	@touch $(STAMP)

install: tools $(STAMP) compilemessages ## Create .venv and install the locked packages

compilemessages: tools $(STAMP)
	@DEBUG=1 $(MANAGE) compilemessages $(I18N_IGNORE) -v 0

messages: $(STAMP) ## Extract translatable strings into locale/*/LC_MESSAGES/django.po and djangojs.po
	DEBUG=1 $(MANAGE) makemessages $(I18N_IGNORE) --no-obsolete $(addprefix -l ,$(LANGS))
	DEBUG=1 $(MANAGE) makemessages -d djangojs $(I18N_IGNORE) --no-obsolete $(addprefix -l ,$(LANGS))

lock: $(STAMP) ## Re-resolve pyproject.toml into the lock files
	$(BIN)/pip-compile -q --strip-extras --no-emit-find-links --no-emit-index-url -o requirements/prod.txt pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --no-emit-find-links --no-emit-index-url --extra dev -c requirements/prod.txt -o $(LOCK) pyproject.toml

seed: install ## Migrate and load the demo data (idempotent)
	@mkdir -p var
	DEBUG=1 $(MANAGE) migrate --no-input -v 0
	DEBUG=1 $(MANAGE) seed_demo

run: seed ## Install, migrate, seed and serve on http://127.0.0.1:8000
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

# axe-core (npm) for the accessibility test, installed from the lock file when missing.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "qalam: npm is missing; install it (Debian: apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	@touch $(AXE)

test: install $(AXE) ## Run the whole test suite (env: DATABASE_URL, CELERY_BROKER_URL, QALAM_REQUIRE_SERVICES)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff check, ruff format --check, makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# pip-audit asks PyPI's JSON API about each pinned version. --no-deps: the locks are
# complete; --disable-pip: no throwaway venv. Exits non-zero on a known vulnerability
# or when the vulnerability service cannot be reached (see README "Security checks").
audit: install ## pip-audit the locked requirements (prod and dev) for known vulnerabilities
	$(BIN)/pip-audit --strict --progress-spinner off --disable-pip --no-deps -r requirements/prod.txt -r $(LOCK)

bench: install ## Run the benchmarks in bench/ (one BENCH line per figure)
	$(BIN)/python -m bench

# Locust lives in its own venv (it pulls gevent and flask), never in the app's lock.
LOADTEST_VENV := var/loadtest-venv
$(LOADTEST_VENV)/.installed: bench/load/requirements.txt | tools
	@test -x $(LOADTEST_VENV)/bin/python || $(PYTHON) -m venv $(LOADTEST_VENV)
	$(LOADTEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/load/requirements.txt
	@touch $@

loadtest: install $(LOADTEST_VENV)/.installed ## Load test on loopback (env: SCENARIO=mixed|deadline, DATABASE_URL, CELERY_BROKER_URL, LOADTEST_USERS, LOADTEST_STEPS, LOADTEST_DURATION); figures to docs/performance.md
	bench/load/run.sh

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var staticfiles
