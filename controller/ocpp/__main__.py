"""A headless charge point on the in-memory station, for trying a central system by hand:

    python -m controller.sim.csms &
    python -m controller.ocpp --csms ws://127.0.0.1:9000/DSWX601-0001 --database /tmp/cp.sqlite3

Then drive it from the central system (``curl -d ... localhost:9001/call``); RemoteStart
starts a session on the in-memory station at once, RemoteStop ends it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from controller.clock import SystemClock
from controller.config import load
from controller.ocpp.memory_port import MemoryStation
from controller.ocpp.setup import build_client


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m controller.ocpp", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="station configuration (TOML); default: the defaults")
    parser.add_argument("--csms", required=True, help="ws(s)://host:port/.../<charge point id>")
    parser.add_argument("--database", default=":memory:", help="SQLite file of the charge point")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    config = load(args.config)
    config = config.with_overrides(ocpp={"database": args.database})
    station = MemoryStation(2)
    client = build_client(config, station, SystemClock(), csms_url=args.csms)
    assert client is not None
    station.sink = client.post
    original = station.remote_start

    def remote_start(connector_id: int | None, id_tag: str) -> bool:
        accepted = original(connector_id, id_tag)
        if accepted:
            target = next(c for c, tag in station.remote_authorized.items() if tag == id_tag)
            asyncio.get_running_loop().call_soon(station.start_session, target, id_tag)
        return accepted

    station.remote_start = remote_start  # type: ignore[method-assign]
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(client.run())


if __name__ == "__main__":
    main()
