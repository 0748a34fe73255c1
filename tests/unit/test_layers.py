"""Imports go one way: UI -> adapters -> station -> pure cores (docs/architecture.md).

Every module under controller/ and hmi/ is parsed with ``ast`` (nothing is imported), and
every import counts: at module level, inside a function, and under ``TYPE_CHECKING`` (an
import only the type checker sees is still a dependency, and a wrong one if it points up).

The layers, lowest first:

- **core**: pure rules and data (session machine, power split, fault policy, pricing,
  status codes, configuration, ...): no I/O library, nothing from the layers above;
- **station**: the station and what it owns (its SQLite store, recording, retention,
  counters) and its snapshot for the screen (view.py);
- **adapters**: board support (controller/buses), the OCPP charge point (controller/ocpp)
  and its glue to the station (backend.py), the runtime and the entry points, the
  simulator (controller/sim);
- **ui**: the kiosk (hmi/).

Imports that break a rule today are listed, each with the reason it is there and what
removes it, in :data:`KNOWN_EXCEPTIONS`.  The list can only shrink: an exception that no
longer happens fails the test too, so it is deleted with the import that needed it.
"""

from __future__ import annotations

import ast
import enum
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("controller", "hmi")


class Layer(enum.IntEnum):
    CORE = 0
    STATION = 1
    ADAPTER = 2
    UI = 3


#: Pure cores: deterministic rules and plain data; time comes from the injected clock.
CORE = frozenset({
    "controller",  # the package itself (empty)
    "controller.auth",  # the local card allow-list
    "controller.buttons",  # the two physical buttons' rule
    "controller.clock",  # the Clock protocol, the real and the fake clock
    "controller.board_commands",  # what each connector board and LED is told, from the session's state
    "controller.boards",  # the boards' typed facts and commands, and the bus they travel (a protocol)
    "controller.commands",  # what can be asked of the station: frozen command classes
    "controller.config",  # the TOML configuration, parsed and checked
    "controller.config_error",  # the configuration's exception
    "controller.reliability",  # NEVI uptime and session success: outages, exclusions, rates
    "controller.display_config",  # [display]: the panel's platform, mode, rotation, touch, backlight
    "controller.display_launch",  # [display] -> the environment Qt reads before it starts
    "controller.display_messages",  # the operator's display messages: which one shows, what cannot
    "controller.display_power",  # the display's level (awake, dim, asleep), look and backlight brightness
    "controller.engineer",  # the engineer PIN (salted scrypt) and its lock-out
    "controller.estimate",  # time to target SOC
    "controller.fault_policy",  # what each status-code family does
    "controller.firmware.request",  # a software update's words: statuses, request, answer, notices (both protocols)
    "controller.limits",  # temperature derating, the grid supply's limits
    "controller.meter",  # the energy register and the power chart's history
    "controller.mrec",  # the ChargeX MREC table
    "controller.port",  # the station's backend port in its own words (sides, tokens, stop reasons)
    "controller.power",  # the power split and which limit holds
    "controller.queue",  # why a session gets no power yet, and until when
    "controller.preferences",  # the driver's language and contrast for one visit
    "controller.prices",  # the tariff shown, the backend's default price and time offset
    "controller.pricing",  # tariff and cost
    "controller.readings",  # the reading a status code is about
    "controller.security_events",  # security event kinds, which each OCPP version calls critical, their names
    "controller.session",  # the connector session machine (one transition table)
    "controller.start_failure",  # failed starts: their kind and whether a retry is safe
    "controller.retry_hold",  # the failed start shown, the authorization kept for a retry
    "controller.status_codes",  # the status-code catalogue (manual 5.4)
    "controller.types",  # enums and small value types shared by everything
})

#: The station and what it owns.
STATION = frozenset({
    "controller.active_codes",  # the status codes in force, their readings and history
    "controller.authorization",  # who may charge where: cards, plug-ins, reservations, remote starts
    "controller.interaction",  # the driver's commands, the connector in front, the messages
    "controller.display_watch",  # what display power hears of the station's state: situation, changes
    "controller.queue_watch",  # which sessions wait for power and why, after each split
    "controller.connectors",  # one connector's runtime record: board facts, EV, meter, demand
    "controller.power_modules",  # the power modules: status, heat, faults, the healthy ones
    "controller.safety",  # e-stop, door, tilt, temperatures, the AC supply: their codes
    "controller.station_port",  # what a backend may ask of the station, in its words
    "controller.counters",  # maintenance counters, kept in the store
    "controller.crash_points",  # where the power-cut tests kill the process (persistence moments)
    "controller.engineer_screen",  # the PIN pad, the engineer pages, their view
    "controller.maintenance",  # the maintenance counters against their limits
    "controller.recording",  # session and meter checkpoints
    "controller.reliability_log",  # port outages and session outcomes, kept in the store
    "controller.reliability_store",  # the reliability tables: written by the log, read by the report
    "controller.retention",  # session history pruning
    "controller.security_log",  # the security log in the station's store: recorded, capped, delivered once
    "controller.self_test",  # the start-up self-test and the boards' watchdog
    "controller.snapshot",  # builds the StationState once per cycle, projects the kiosk's view
    "controller.station",  # the station: one owner of all charger state
    "controller.station_state",  # StationState: the station at one instant (SI units, enums)
    "controller.store",  # the station's SQLite store
    "controller.view",  # the immutable snapshots the HMI shows
})

#: Adapters: whole packages, and single modules at the top of controller/.
ADAPTER_PACKAGES = ("controller.buses", "controller.diagnostics", "controller.firmware", "controller.ocpp",
                    "controller.ocpp201", "controller.release", "controller.security", "controller.sim")
ADAPTER = frozenset({
    "controller.__main__",  # `python -m controller`: the controller without Qt, on its own hardware
    "controller.service",  # the headless process: its arguments, its state on standard output
    "controller.backlight",  # the panel's backlight (/sys/class/backlight)
    "controller.display_check",  # `evse-hmi display-check`
    "controller.display_probe",  # DRM outputs, framebuffers, touch screens, Qt plugins on this board
    "controller.assembly",  # the one composition root: bus, store, station, backend, devices
    "controller.backend",  # the station behind the OCPP charge point (either version)
    "controller.backend201",  # the station behind the OCPP 2.0.1 charging station
    "controller.backend_versions",  # two OCPP versions on one database: hand-over between them
    "controller.codes_cli",  # `evse-hmi codes`
    "controller.report_cli",  # `evse-hmi report`: the NEVI data from the store
    "controller.engineer_cli",  # `evse-hmi engineer-pin`
    "controller.logs",  # where the log goes (stderr, rotating file)
    "controller.runtime",  # the controller's thread, loop, buses and backend
    "controller.sd_notify",  # systemd's notification socket: READY, STATUS, WATCHDOG, STOPPING
    "controller.service_status",  # what the charger tells systemd: READY after the self-test, a STATUS line
    "controller.service_watchdog",  # systemd's watchdog, fed only while the watched threads are alive
})

UI_PACKAGES = ("hmi",)

#: Libraries that do I/O (buses, network, processes, threads, databases): never in a core.
IO_LIBRARIES = ("asyncio", "can", "cantools", "concurrent.futures", "http", "jsonschema", "multiprocessing",
                "ocpp", "selectors", "signal", "smartcard", "socket", "sqlite3", "ssl", "subprocess", "threading",
                "urllib.request", "websockets")
#: The station keeps its own SQLite store, but speaks no protocol and drives no bus itself.
STATION_FORBIDDEN_LIBRARIES = ("can", "cantools", "http", "jsonschema", "ocpp", "smartcard", "socket", "ssl",
                               "urllib.request", "websockets")
#: Qt and display-only libraries: the HMI's (controller/ never imports Qt).
UI_LIBRARIES = ("PySide6", "babel", "qrcode", "shiboken6")
#: Where each outside library may be used at all.
LIBRARY_HOMES: dict[str, tuple[str, ...]] = {
    "ocpp": ("controller.ocpp", "controller.ocpp201", "controller.sim"),  # the charge points; the demo CSMS
    "websockets": ("controller.ocpp", "controller.ocpp201", "controller.sim"),
    "jsonschema": ("controller.ocpp", "controller.ocpp201", "controller.sim"),
    "cantools": ("controller.buses",),  # the DBC: only board support knows message names
    "smartcard": ("controller.buses",),
    "can": ("controller.buses", "controller.sim", "controller.assembly"),  # the assembly opens the bus
    **{library: UI_PACKAGES for library in UI_LIBRARIES},
}
#: The station's internals: the HMI gets StationView snapshots through the runtime instead.
STATION_INTERNALS = ("controller.station", "controller.store", "controller.recording", "controller.retention",
                     "controller.counters")

#: Imports that break a rule today: (importing module, imported module).  Each is exempt
#: from every rule and left out of the cycle check; each must still be wrong (break a rule
#: or close a cycle): delete it with the import it covers.
KNOWN_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset({
    # none left: the last one (`python -m controller` wiring the simulator in) went when the
    # simulated charger got its own entry point, `python -m controller.sim`
})


@dataclass(frozen=True, slots=True)
class Import:
    importer: str
    imported: str  # a module of ours, or an outside name (``ocpp.v16.call``, ``sqlite3``)
    line: int
    where: str  # "module level", "inside a function", "under TYPE_CHECKING"

    @property
    def ours(self) -> bool:
        return _top(self.imported) in PACKAGES

    def describe(self) -> str:
        note = " (a type-checking import is still a dependency)" if self.where == "under TYPE_CHECKING" else ""
        return f"{self.importer} imports {self.imported} at line {self.line}, {self.where}{note}"


def _top(name: str) -> str:
    return name.partition(".")[0]


def _within(name: str, prefixes: tuple[str, ...] | frozenset[str]) -> bool:
    """``name`` is one of ``prefixes`` or inside one (``can.bus`` is in ``can``; ``cantools`` is not)."""
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def discover() -> dict[str, Path]:
    """Every module of ours by dotted name (a package by its own name)."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


MODULES = discover()


def layer_of(module: str) -> Layer | None:
    if module in CORE:
        return Layer.CORE
    if module in STATION:
        return Layer.STATION
    if module in ADAPTER or _within(module, ADAPTER_PACKAGES):
        return Layer.ADAPTER
    if _within(module, UI_PACKAGES):
        return Layer.UI
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_in(source: str, module: str, is_package: bool = False,
               known: dict[str, Path] | None = None) -> list[Import]:
    """Every import in ``source`` (the text of ``module``), wherever it stands."""
    known = MODULES if known is None else known
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []

    def resolve(node: ast.ImportFrom) -> list[str]:
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            parts = parts[: len(parts) - (node.level - 1)]
            base = ".".join([*parts, *([node.module] if node.module else [])])
        names = []
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            if submodule in known or _top(base) not in PACKAGES:
                names.append(submodule)  # a module of ours, or an outside name
            else:
                names.append(base)  # a class or function of one of our modules
        return names

    def visit(node: ast.AST, where: str) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno, where) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.extend(Import(module, name, node.lineno, where) for name in dict.fromkeys(resolve(node)))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = where if where == "under TYPE_CHECKING" else "inside a function"
            for child in ast.iter_child_nodes(node):
                visit(child, inner)
            return
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, "under TYPE_CHECKING")
            for child in node.orelse:
                visit(child, where)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, where)

    visit(ast.parse(source), "module level")
    return [i for i in found if i.imported != "__future__.annotations"]


@functools.cache
def all_imports() -> tuple[Import, ...]:
    """Every import of every module of ours (parsed once per test run)."""
    return tuple(i for module, path in MODULES.items()
                 for i in imports_in(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"))


# --- the rules: each returns why an import is wrong, or None ----------------------------


def rule_layers(i: Import) -> str | None:
    """Imports go down: ui -> adapters -> station -> core, never up."""
    if not i.ours:
        return None
    mine, theirs = layer_of(i.importer), layer_of(i.imported)
    if mine is None or theirs is None or theirs <= mine:
        return None
    return f"a {mine.name.lower()} module imports the {theirs.name.lower()} layer above it"


def rule_pure_core(i: Import) -> str | None:
    """A pure core does no I/O."""
    if layer_of(i.importer) is Layer.CORE and _within(i.imported, IO_LIBRARIES):
        return "a pure core imports an I/O library"
    return None


def rule_station_knows_no_protocol(i: Import) -> str | None:
    """The station never imports a protocol (controller.ocpp, controller.backend) nor a bus or
    network library: those reach it through adapters."""
    if layer_of(i.importer) is not Layer.STATION:
        return None
    if _within(i.imported, ("controller.ocpp", "controller.ocpp201", "controller.backend", "controller.backend201",
                            "controller.backend_versions")):
        return "the station imports a protocol adapter"
    if _within(i.imported, STATION_FORBIDDEN_LIBRARIES):
        return "the station imports a bus, network or protocol library"
    return None


def rule_controller_without_qt(i: Import) -> str | None:
    """controller/ is plain Python: no Qt, no display library, nothing from hmi/."""
    if _within(i.importer, ("controller",)) and _within(i.imported, (*UI_LIBRARIES, *UI_PACKAGES)):
        return "controller/ imports Qt, a display library or hmi/"
    return None


def rule_ocpp_stands_apart(i: Import) -> str | None:
    """The OCPP charge point depends on the pure cores and itself only: never on the station
    (it sees the station through its port) nor on the other adapters."""
    if not _within(i.importer, ("controller.ocpp",)) or not i.ours:
        return None
    if layer_of(i.imported) is Layer.CORE or _within(i.imported, ("controller.ocpp",)):
        return None
    return "controller.ocpp imports the station or another adapter"


def rule_board_support_below(i: Import) -> str | None:
    """Board support (controller/buses) depends on the pure cores and itself only."""
    if not _within(i.importer, ("controller.buses",)) or not i.ours:
        return None
    if layer_of(i.imported) is Layer.CORE or _within(i.imported, ("controller.buses",)):
        return None
    return "controller.buses imports the station or another adapter"


def rule_diagnostics_speaks_no_protocol(i: Import) -> str | None:
    """Logs on request (controller/diagnostics) are protocol-neutral: the OCPP adapters call it
    through their own ``LogService`` protocol, never the other way."""
    if _within(i.importer, ("controller.diagnostics",)) and _within(
            i.imported, ("controller.ocpp", "controller.ocpp201", "controller.backend", "controller.backend201",
                         "controller.backend_versions")):
        return "controller.diagnostics imports a protocol adapter"
    return None


def rule_no_simulator_in_production(i: Import) -> str | None:
    """Production code (everything in controller/ but controller/sim) never imports the simulator."""
    if _within(i.importer, ("controller",)) and not _within(i.importer, ("controller.sim",)) \
            and _within(i.imported, ("controller.sim",)):
        return "production code imports the simulator"
    return None


def rule_library_homes(i: Import) -> str | None:
    """Protocol, bus and display libraries stay in their adapter (see LIBRARY_HOMES)."""
    for library, homes in LIBRARY_HOMES.items():
        if _within(i.imported, (library,)) and not _within(i.importer, homes):
            return f"{library} is used outside {', '.join(homes)}"
    return None


def rule_hmi_reads_snapshots(i: Import) -> str | None:
    """The HMI never reaches into the station's internals; it gets snapshots through the runtime."""
    if _within(i.importer, UI_PACKAGES) and _within(i.imported, STATION_INTERNALS):
        return "hmi/ imports the station's internals"
    return None


Rule = Callable[[Import], str | None]
RULES: tuple[Rule, ...] = (rule_layers, rule_pure_core, rule_station_knows_no_protocol, rule_controller_without_qt,
         rule_ocpp_stands_apart, rule_board_support_below, rule_no_simulator_in_production, rule_library_homes,
         rule_hmi_reads_snapshots, rule_diagnostics_speaks_no_protocol)


def violations() -> dict[tuple[str, str], list[str]]:
    """Every import that breaks a rule, by (importer, imported): where and why."""
    found: dict[tuple[str, str], list[str]] = {}
    for i in all_imports():
        reasons = [reason for rule in RULES if (reason := rule(i)) is not None]
        if reasons:
            found.setdefault((i.importer, i.imported), []).append(f"{i.describe()}: {'; '.join(reasons)}")
    return found


# --- the tests ------------------------------------------------------------------------


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in MODULES if layer_of(m) is None)
    assert not unplaced, f"put each in a layer (CORE, STATION or ADAPTER in {Path(__file__).name}): {unplaced}"


def test_the_layer_lists_name_only_modules_that_exist() -> None:
    assert not sorted((CORE | STATION | ADAPTER) - MODULES.keys())


def test_imports_go_one_way() -> None:
    wrong = [line for pair, lines in sorted(violations().items()) if pair not in KNOWN_EXCEPTIONS for line in lines]
    assert not wrong, "imports against the layers (docs/architecture.md):\n" + "\n".join(wrong)


def test_the_release_launcher_imports_only_the_standard_library() -> None:
    """controller/release/launcher.py is copied alone to the install root and run by the system's
    python3, outside every version's venv: it can import nothing of ours nor any outside library."""
    found = [i for i in all_imports() if i.importer == "controller.release.launcher"]
    assert found, "the launcher was not parsed"
    wrong = [i.describe() for i in found if _top(i.imported) not in sys.stdlib_module_names]
    assert not wrong, "the launcher imports beyond the standard library:\n" + "\n".join(wrong)


def test_every_known_exception_still_happens() -> None:
    """The list only shrinks: once an exception's import is gone (or allowed), delete it."""
    graph = import_graph()
    in_cycles = {(a, b) for cycle in _cycles(graph) for a in cycle for b in graph[a] if b in cycle}
    stale = sorted(KNOWN_EXCEPTIONS - violations().keys() - in_cycles)
    assert not stale, f"no longer wrong, remove from KNOWN_EXCEPTIONS: {stale}"


def test_no_module_imports_itself_back() -> None:
    """No import cycles among our modules, counting type-checking and function-level imports."""
    cycles = _cycles(import_graph(without=KNOWN_EXCEPTIONS))
    assert not cycles, f"import cycles: {cycles}"


def import_graph(without: frozenset[tuple[str, str]] = frozenset()) -> dict[str, set[str]]:
    """Which of our modules each of our modules imports (``without`` those pairs)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for i in all_imports():
        if i.imported in MODULES and i.imported != i.importer and (i.importer, i.imported) not in without:
            graph[i.importer].add(i.imported)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


# --- the checker itself ---------------------------------------------------------------

SAMPLE = '''
from __future__ import annotations
import sqlite3
from typing import TYPE_CHECKING
from controller import session as sm
from controller.view import StationView
from . import power
from urllib import request

if TYPE_CHECKING:
    from controller.station import Station
else:
    import json

def load():
    import asyncio
    from controller.sim.hardware import SimulatedHardware
'''


def test_the_checker_sees_every_kind_of_import() -> None:
    found = {(i.imported, i.where) for i in imports_in(SAMPLE, "controller.example")}
    assert found == {
        ("sqlite3", "module level"),
        ("typing.TYPE_CHECKING", "module level"),
        ("controller.session", "module level"),
        ("controller.view", "module level"),  # StationView is a class of controller.view
        ("controller.power", "module level"),  # relative
        ("urllib.request", "module level"),
        ("controller.station", "under TYPE_CHECKING"),
        ("json", "module level"),
        ("asyncio", "inside a function"),
        ("controller.sim.hardware", "inside a function"),
    }


@pytest.mark.parametrize(("importer", "imported", "where", "rule"), [
    ("controller.power", "controller.view", "module level", rule_layers),
    ("controller.power", "sqlite3", "inside a function", rule_pure_core),
    ("controller.station", "controller.backend", "under TYPE_CHECKING", rule_station_knows_no_protocol),
    ("controller.session", "PySide6.QtCore.QObject", "module level", rule_controller_without_qt),
    ("controller.ocpp.port", "controller.station", "under TYPE_CHECKING", rule_ocpp_stands_apart),
    ("controller.ocpp.port", "controller.view", "module level", rule_ocpp_stands_apart),
    ("controller.buses.can_link", "controller.store", "module level", rule_board_support_below),
    ("controller.backend", "controller.sim.world", "inside a function", rule_no_simulator_in_production),
    ("controller.station", "cantools", "module level", rule_library_homes),
    ("hmi.presenter", "controller.station", "under TYPE_CHECKING", rule_hmi_reads_snapshots),
    ("controller.diagnostics.engine", "controller.ocpp.outbox", "module level", rule_diagnostics_speaks_no_protocol),
])
def test_each_rule_catches_its_wrong_import(importer: str, imported: str, where: str, rule: Rule) -> None:
    assert rule(Import(importer, imported, 1, where)) is not None


@pytest.mark.parametrize(("importer", "imported"), [
    ("controller.station", "controller.power"),
    ("controller.backend", "controller.station"),
    ("controller.ocpp.mapping", "controller.session"),
    ("controller.sim.world", "controller.station"),
    ("controller.sim.hardware", "can.interface.Bus"),
    ("hmi.presenter", "controller.view"),
    ("controller.pricing", "decimal.Decimal"),
])
def test_the_rules_let_the_right_imports_pass(importer: str, imported: str) -> None:
    i = Import(importer, imported, 1, "module level")
    assert [rule.__name__ for rule in RULES if rule(i) is not None] == []
