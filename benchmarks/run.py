"""``make bench``: every performance figure of the kiosk, measured in one run, against its target.

Start-up is measured as a ratio to a bare QML window started on the same machine in
the same run (interleaved), so a noisy machine moves both and the ratio stays honest.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
START_RUNS = 5
IDLE_SECONDS = 30
IDLE_WARMUP_SECONDS = 5

FAST_BOOT = """
[station]
version = "J0U"
[simulation]
boot_time_factor = 0.0
"""


def offscreen_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software", PYTHONPATH=str(REPO))
    return env


def time_to_first_frame(command: list[str]) -> float:
    """Seconds from spawning ``command`` to the first frame it reports (monotonic clock)."""
    started = time.monotonic()
    result = subprocess.run(command, env=offscreen_env(), capture_output=True, text=True, timeout=120, check=False)
    for line in result.stdout.splitlines():
        if "at monotonic" in line:
            return float(line.rsplit(" ", 1)[1]) - started
    raise RuntimeError(f"{command} reported no frame:\n{result.stdout}\n{result.stderr[-2000:]}")


def bench_start(config: Path) -> dict[str, float]:
    bare = [PYTHON, "-m", "benchmarks.bare_window"]
    kiosk = [PYTHON, "-m", "hmi.app", "--kiosk", "--config", str(config), "--exit-on-screen"]
    samples: dict[str, list[float]] = {"bare": [], "first_frame": [], "home": []}
    for _ in range(START_RUNS):
        samples["bare"].append(time_to_first_frame(bare))
        samples["first_frame"].append(time_to_first_frame([*kiosk, "initializing"]))
        samples["home"].append(time_to_first_frame([*kiosk, "home"]))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "bare_s": medians["bare"],
        "kiosk_first_frame_s": medians["first_frame"],
        "kiosk_home_s": medians["home"],
        "ratio_home": medians["home"] / medians["bare"],
        "ratio_first_frame": medians["first_frame"] / medians["bare"],
    }


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


def bench_idle(config: Path) -> dict[str, float]:
    process = subprocess.Popen([PYTHON, "-m", "hmi.app", "--config", str(config), "--offscreen"],
                               env=offscreen_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(IDLE_WARMUP_SECONDS)
        before = cpu_seconds(process.pid)
        started = time.monotonic()
        time.sleep(IDLE_SECONDS)
        used = cpu_seconds(process.pid) - before
        elapsed = time.monotonic() - started
        return {"idle_cpu_percent": 100 * used / elapsed, "rss_mb": rss_mb(process.pid)}
    finally:
        process.terminate()
        process.wait(timeout=10)


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "bench.toml"
        config.write_text(FAST_BOOT)
        print("measuring start-up (bare QML window vs kiosk, interleaved) ...", flush=True)
        start = bench_start(config)
        print("measuring button press -> next screen frame (50 presses) ...", flush=True)
        press = run_json("benchmarks.press_latency")
        print("measuring emergency stop -> output off on the bus (200 runs) ...", flush=True)
        estop = run_json("benchmarks.estop_latency")
        print("measuring CAN decoding under a flooded bus ...", flush=True)
        can = run_json("benchmarks.can_decode")
        print(f"measuring idle CPU and memory on Home for {IDLE_SECONDS} s ...", flush=True)
        idle = bench_idle(config)

    kept_up = can["sustained_backlog_end"] == 0 and can["sustained_handled"] == can["sustained_sent"]
    rows = [
        ("bare QML window, first frame", f"{start['bare_s'] * 1000:.0f} ms", "yardstick", ""),
        ("kiosk, first frame (Initializing)", f"{start['kiosk_first_frame_s'] * 1000:.0f} ms",
         f"{start['ratio_first_frame']:.2f}x bare", ""),
        ("kiosk, first Home frame", f"{start['kiosk_home_s'] * 1000:.0f} ms", f"{start['ratio_home']:.2f}x bare",
         f"<= 1.5x: {verdict(start['ratio_home'] <= 1.5)}"),
        ("button press -> frame, median", f"{press['median_ms']:.1f} ms", "", ""),
        ("button press -> frame, p95", f"{press['p95_ms']:.1f} ms", f"max {press['max_ms']:.1f} ms",
         f"<= 50 ms: {verdict(press['p95_ms'] <= 50)}"),
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
        ("idle CPU on Home (30 s)", f"{idle['idle_cpu_percent']:.2f} % of a core", "",
         f"<= 2 %: {verdict(idle['idle_cpu_percent'] <= 2)}"),
        ("RSS on Home", f"{idle['rss_mb']:.0f} MB", "", f"<= 250 MB: {verdict(idle['rss_mb'] <= 250)}"),
    ]
    width = max(len(row[0]) for row in rows)
    print()
    for name, value, extra, target in rows:
        print(f"{name:<{width}}  {value:>22}  {extra:<20} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
