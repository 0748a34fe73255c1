"""``make bench``: every performance figure of the kiosk, measured in one run, against its target.

Start-up and memory are measured as ratios to a bare QML window started on the same
machine in the same run (interleaved with the kiosk for start-up), so a noisy machine
moves both and the ratio stays honest. The kiosk is prepared as an installed one is: its
modules byte-compiled (an environment with ``PYTHONDONTWRITEBYTECODE`` would otherwise
compile them from source at every start) and its translations compiled; one untimed
start of each warms the disk caches (Qt's compiled-QML cache among them).
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
START_RUNS = 7
IDLE_SECONDS = 30
IDLE_WARMUP_SECONDS = 5
#: One frame at 60 Hz, in milliseconds.
FRAME_MS = 1000 / 60

# Targets
FIRST_FRAME_RATIO = 1.5  # the kiosk's first frame, as a multiple of the bare window's
HOME_AFTER_SELF_TEST_MS = FRAME_MS  # Home on screen after the self-test ends
PRESS_P95_MS = FRAME_MS  # button press -> first frame of the next screen
IDLE_CPU_PERCENT = 0.5  # of one core, on Home with nothing happening
RSS_MB = 250.0

STOCK_BOOT = """
[station]
version = "J0U"
"""
#: Boards that answer the self-test at once: the kiosk's own start-up, nothing else.
FAST_BOOT = STOCK_BOOT + """
[simulation]
boot_time_factor = 0.0
"""


def offscreen_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software", PYTHONPATH=str(REPO))
    return env


def prepare() -> None:
    """The kiosk as installed: its modules byte-compiled, its translations (.qm) built."""
    for package in ("controller", "hmi", "benchmarks"):
        compileall.compile_dir(str(REPO / package), quiet=1)
    subprocess.run([PYTHON, str(REPO / "tools" / "i18n.py"), "release"], env=offscreen_env(), check=True,
                   stdout=subprocess.DEVNULL)


def start_timeline(command: list[str]) -> dict[str, float]:
    """Milliseconds from spawning ``command`` to each event it reports: ``reported frame`` (the
    frame it was asked to wait for), and the kiosk's start-up timeline (:mod:`hmi.startup`)."""
    started = time.monotonic()
    result = subprocess.run(command, env=offscreen_env(), capture_output=True, text=True, timeout=120, check=False)
    events: dict[str, float] = {}
    for line in result.stdout.splitlines():
        if " at monotonic " not in line:
            continue
        text, moment = line.rsplit(" at monotonic ", 1)
        event = text.split("startup: ", 1)[1] if "startup: " in text else "reported frame"
        events.setdefault(event, (float(moment) - started) * 1000)
    if "reported frame" not in events:
        raise RuntimeError(f"{command} reported no frame:\n{result.stdout}\n{result.stderr[-2000:]}")
    return events


@dataclass
class StartFigures:
    bare_ms: float
    first_frame_ms: float
    home_ms: float
    home_after_self_test_ms: float  # boards as shipped: the self-test takes 0.6 s
    home_after_instant_self_test_ms: float  # boards answering at once
    timeline: dict[str, float]  # the kiosk's start-up events, median milliseconds after spawning it

    @property
    def first_frame_ratio(self) -> float:
        return self.first_frame_ms / self.bare_ms

    @property
    def home_ratio(self) -> float:
        return self.home_ms / self.bare_ms


def after_self_test(events: dict[str, float]) -> float:
    return events["first home frame"] - events["self-test ended"]


def bench_start(fast: Path, stock: Path) -> StartFigures:
    """Interleaved: the bare window, the kiosk to Home with instant boards (its first frame,
    Home and the timeline), and the kiosk to Home with the shipped boards' self-test."""
    bare = [PYTHON, "-m", "benchmarks.bare_window"]

    def kiosk(config: Path) -> list[str]:
        return [PYTHON, "-m", "hmi.app", "--kiosk", "--config", str(config), "--exit-on-screen", "home"]

    start_timeline(bare)  # warm-up: disk caches, Qt's compiled-QML cache
    start_timeline(kiosk(fast))
    bare_ms: list[float] = []
    fast_runs: list[dict[str, float]] = []
    stock_runs: list[dict[str, float]] = []
    for _ in range(START_RUNS):
        bare_ms.append(start_timeline(bare)["reported frame"])
        fast_runs.append(start_timeline(kiosk(fast)))
        stock_runs.append(start_timeline(kiosk(stock)))
    events = [event for event in fast_runs[0] if all(event in run for run in fast_runs)]
    return StartFigures(
        bare_ms=statistics.median(bare_ms),
        first_frame_ms=statistics.median(run["first frame"] for run in fast_runs),
        home_ms=statistics.median(run["reported frame"] for run in fast_runs),
        home_after_self_test_ms=statistics.median(after_self_test(run) for run in stock_runs),
        home_after_instant_self_test_ms=statistics.median(after_self_test(run) for run in fast_runs),
        timeline={event: statistics.median(run[event] for run in fast_runs) for event in events},
    )


def run_json(module: str) -> dict[str, float]:
    result = subprocess.run([PYTHON, "-m", module], env=offscreen_env(), capture_output=True, text=True,
                            timeout=600, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"{module} failed:\n{result.stderr[-3000:]}")
    return json.loads(lines[-1])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_idle(command: list[str], seconds: float) -> dict[str, float]:
    """CPU (% of one core) over ``seconds`` after a warm-up, and the RSS at the end."""
    process = subprocess.Popen(command, env=offscreen_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(IDLE_WARMUP_SECONDS)
        before = cpu_seconds(process.pid)
        started = time.monotonic()
        time.sleep(seconds)
        used = cpu_seconds(process.pid) - before
        elapsed = time.monotonic() - started
        return {"idle_cpu_percent": 100 * used / elapsed, "rss_mb": rss_mb(process.pid)}
    finally:
        process.terminate()
        process.wait(timeout=10)


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def print_rows(rows: list[tuple[str, str, str, str]]) -> None:
    width = max(len(row[0]) for row in rows)
    for name, value, extra, target in rows:
        print(f"{name:<{width}}  {value:>22}  {extra:<22} {target}")


def main() -> int:
    print("byte-compiling the project's modules, compiling the translations ...", flush=True)
    prepare()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "bench.toml"
        config.write_text(FAST_BOOT)
        stock = Path(tmp) / "stock.toml"
        stock.write_text(STOCK_BOOT)
        print(f"measuring start-up (bare QML window vs kiosk, interleaved, {START_RUNS} runs) ...", flush=True)
        start = bench_start(config, stock)
        print("measuring button press -> next screen frame (50 presses) ...", flush=True)
        press = run_json("benchmarks.press_latency")
        print("measuring emergency stop -> output off on the bus (200 runs) ...", flush=True)
        estop = run_json("benchmarks.estop_latency")
        print("measuring CAN decoding under a flooded bus ...", flush=True)
        can = run_json("benchmarks.can_decode")
        print(f"measuring the bare window's memory, then idle CPU and memory on Home for {IDLE_SECONDS} s ...",
              flush=True)
        bare_idle = bench_idle([PYTHON, "-m", "benchmarks.bare_window", "--stay"], 0)
        idle = bench_idle([PYTHON, "-m", "hmi.app", "--config", str(config), "--offscreen"], IDLE_SECONDS)

    kept_up = can["sustained_backlog_end"] == 0 and can["sustained_handled"] == can["sustained_sent"]
    rss_ratio = idle["rss_mb"] / bare_idle["rss_mb"]
    rows = [
        ("bare QML window, first frame", f"{start.bare_ms:.0f} ms", "yardstick", ""),
        ("kiosk, first frame (Initializing)", f"{start.first_frame_ms:.0f} ms", f"{start.first_frame_ratio:.2f}x bare",
         f"<= {FIRST_FRAME_RATIO}x: {verdict(start.first_frame_ratio <= FIRST_FRAME_RATIO)}"),
        ("kiosk, first Home frame (instant boards)", f"{start.home_ms:.0f} ms", f"{start.home_ratio:.2f}x bare",
         "(controller start + self-test)"),
        ("self-test end -> first Home frame", f"{start.home_after_self_test_ms:.1f} ms",
         f"{start.home_after_self_test_ms / HOME_AFTER_SELF_TEST_MS:.2f}x a frame",
         f"<= {HOME_AFTER_SELF_TEST_MS:.1f} ms: "
         f"{verdict(start.home_after_self_test_ms <= HOME_AFTER_SELF_TEST_MS)}"),
        ("  ... with boards answering at once", f"{start.home_after_instant_self_test_ms:.1f} ms",
         f"{start.home_after_instant_self_test_ms / HOME_AFTER_SELF_TEST_MS:.2f}x a frame",
         "(the first snapshot still being drawn)"),
        ("button press -> frame, median", f"{press['median_ms']:.1f} ms", "", ""),
        ("button press -> frame, p95", f"{press['p95_ms']:.1f} ms", f"max {press['max_ms']:.1f} ms",
         f"<= {PRESS_P95_MS:.1f} ms: {verdict(press['p95_ms'] <= PRESS_P95_MS)}"),
        ("emergency stop -> PSUs off, p50", f"{estop['psu_off_p50_us']:,.0f} µs",
         f"p95 {estop['psu_off_p95_us']:,.0f} µs", ""),
        ("emergency stop -> PSUs off, max", f"{estop['psu_off_max_us']:,.0f} µs", "", ""),
        ("emergency stop -> contactors open, p50", f"{estop['contactor_p50_us']:,.0f} µs",
         f"p95 {estop['contactor_p95_us']:,.0f} µs", ""),
        ("emergency stop -> contactors open, max", f"{estop['contactor_max_us']:,.0f} µs", "", ""),
        ("emergency stop, extra controller cycles", f"{estop['cycles_max']} (max of {estop['runs']})",
         f"polled bus: +<={estop['cycle_ms']} ms", f"0 (same cycle): {verdict(estop['cycles_max'] == 0)}"),
        ("CAN decode capacity", f"{can['capacity_fps']:,.0f} frames/s", "", ""),
        ("CAN sustained 4,000 frames/s", f"{can['sustained_handled']:,}/{can['sustained_sent']:,} handled",
         f"backlog at end {can['sustained_backlog_end']}",
         f">= 4,000/s, no backlog: {verdict(kept_up)}"),
        (f"idle CPU on Home ({IDLE_SECONDS} s)", f"{idle['idle_cpu_percent']:.2f} % of a core", "",
         f"<= {IDLE_CPU_PERCENT} %: {verdict(idle['idle_cpu_percent'] <= IDLE_CPU_PERCENT)}"),
        ("bare QML window, RSS", f"{bare_idle['rss_mb']:.0f} MB", "yardstick", ""),
        ("RSS on Home", f"{idle['rss_mb']:.0f} MB", f"{rss_ratio:.2f}x bare",
         f"<= {RSS_MB:.0f} MB: {verdict(idle['rss_mb'] <= RSS_MB)}"),
    ]
    print()
    print_rows(rows)
    print(f"\nwhere the start-up time goes (kiosk to Home, instant boards, median of {START_RUNS} runs, "
          "ms after spawning it):")
    previous = 0.0
    for event, moment in sorted(start.timeline.items(), key=lambda item: item[1]):
        if event == "reported frame":
            continue
        print(f"  {moment:7.0f}  (+{moment - previous:4.0f})  {event}")
        previous = moment
    return 0


if __name__ == "__main__":
    sys.exit(main())
