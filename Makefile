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
# The OCPP version of the demo (1.6, 2.0.1 or auto; empty: the configured one, the demo central system both)
OCPP_VERSION ?=

.PHONY: demo kiosk test stress-test lint bench fuzz soak soak-kiosk powercut setup clean translations release

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
	$(VENV)/bin/evse-hmi --time-factor $(DEMO_TIME_FACTOR) --demo-csms $(if $(OCPP_VERSION),--ocpp-version $(OCPP_VERSION)) $(ARGS)

kiosk: $(STAMP) translations
	$(VENV)/bin/evse-hmi --kiosk $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	tools/qmllint

test: lint translations
	QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software $(PY) -m pytest $(PYTEST_ARGS)

# The README's test command on a fresh clone of HEAD, STRESS_ARGS="--runs 5" times, with every
# core kept busy by spinning processes; prints "N/M runs passed" and the failing test ids.
# About 10 minutes a run on 2 cores.
STRESS_ARGS ?=
stress-test:
	tools/stress-test $(STRESS_ARGS)

bench: $(STAMP)
	$(PY) -m benchmarks.run

# Hostile input at length (CAN, OCPP, RFID, configuration) and the stateful invariants;
# prints inputs per target and the findings (0 expected). FUZZ_ARGS="--examples 2000" for more.
FUZZ_ARGS ?=
fuzz: $(STAMP)
	$(PY) -m tests.robustness.fuzz $(FUZZ_ARGS)

# 1,000 simulated sessions with random faults and backend outages (the demo central system
# killed, restarted, disconnected) on a fake clock; prints sessions, faults, outages, the
# transactions accounted for at the central system, losses, RSS, open files, threads and
# tasks, per OCPP version (half the sessions on 1.6, half on 2.0.1; SOAK_ARGS="--ocpp-version
# 2.0.1" for one). About 12 minutes; SOAK_ARGS="--no-backend" (5 minutes) or "--sessions 200".
SOAK_ARGS ?=
soak: $(STAMP)
	$(PY) -m tests.robustness.soak $(SOAK_ARGS)

# The real kiosk scene (station on a fake clock + bridge + QML scene, offscreen) through a
# simulated week of idle and charging on both connectors: faults, invalid cards, languages
# picked by touch, connector switches. Prints RSS (and its heap), CPU, live QObjects, PySide
# wrappers, Python objects, open files and threads at the start, after a warm-up and twice a
# simulated day, and whether they stayed flat after the warm-up (exit status 1 when not).
# About 10 minutes; SOAK_KIOSK_ARGS="--days 2" for a short run.
SOAK_KIOSK_ARGS ?=
soak-kiosk: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software $(PY) -m tests.robustness.kiosk_soak $(SOAK_KIOSK_ARGS)

# The real controller process killed with SIGKILL at every moment of a session (preparing,
# charging, stopping, on the summary) and restarted: 40 times with one session, and 40 times
# at each moment of a second session while the other connector charges; prints the kills,
# the transactions stopped exactly once, PowerLoss stops and losses; on OCPP 1.6, then on 2.0.1
# (POWERCUT_ARGS="--ocpp-version 2.0.1" for one). About 12 minutes;
# POWERCUT_ARGS="--kills 8 --dual-kills 8" for a short run.
POWERCUT_ARGS ?=
powercut: $(STAMP)
	$(PY) -m tests.robustness.power_cut $(POWERCUT_ARGS)

# The release bundle (docs/updates.md): dist/evse-hmi-<version>.tar (the project and every pinned
# dependency as wheels, a signed manifest), its signature evse-hmi-<version>.tar.sig and the
# signing certificate dist/signing-cert.pem. RELEASE_KEY=key.pem RELEASE_CHAIN=chain.pem sign with
# the manufacturer's key; without them a development PKI is made in build/dev-signing/.
# RELEASE_ARGS="--version 0.2.0" builds another version.
RELEASE_ARGS ?=
release: $(STAMP) translations
	$(PY) -m controller.release build $(RELEASE_ARGS)

clean:
	rm -rf $(VENV) out dist .pytest_cache .ruff_cache .qmllint-types translations/*.qm
