# Two commands do everything on a fresh Debian machine (as root, or with sudo):
#   make demo   run the kiosk on simulated hardware (headless fallback without a display)
#   make test   run the whole test suite
# Both install what they need on first use: Debian packages, a .venv, the project.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
# Extra arguments for the demo, e.g. make demo ARGS="--version-code B0B"
ARGS   ?=
# How much faster than real time the demo's EV batteries fill (1 = real time).
DEMO_TIME_FACTOR ?= 30

.PHONY: demo kiosk test lint bench setup clean translations

setup: $(STAMP)

$(STAMP): pyproject.toml tools/install-system-packages
	tools/install-system-packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# The compiled translations (translations/*.qm, not committed): pyside6-lrelease on every
# .ts newer than its .qm. The application and the tests also build a missing one themselves.
translations: $(STAMP)
	$(PY) tools/i18n.py release

demo: $(STAMP) translations
	$(VENV)/bin/evse-hmi --time-factor $(DEMO_TIME_FACTOR) --demo-csms $(ARGS)

kiosk: $(STAMP) translations
	$(VENV)/bin/evse-hmi --kiosk $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	tools/qmllint

test: lint translations
	QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .qmllint-types translations/*.qm
