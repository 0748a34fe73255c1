"""The offline-proof charger: the central system killed and restarted, and a power loss."""

from __future__ import annotations

from pathlib import Path

from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import KNOWN, make_charger, run, wait_for
from tests.ocpp.test_ocpp_core import online_charger

TRANSACTION_MESSAGES = ("StartTransaction", "MeterValues", "StopTransaction")


def test_transaction_messages_survive_a_dead_central_system_in_order_exactly_once(
        start_central: CentralFactory, tmp_path: Path) -> None:
    central = start_central("--first-transaction-id", "1")

    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        client, station = charger.client, charger.station
        try:
            client.config.change("MeterValueSampleInterval", "1")
            station.start_session(1, KNOWN)
            await wait_for(lambda: client.queue.real_id(client.running[1].local_id) == 1, "transaction 1 online")
            await wait_for(lambda: len(client.queue) == 0, "an empty queue")
            central.kill()
            await wait_for(lambda: not station.online, "the charger offline")
            assert station.record.of("set_backend_online")[-1] == (False, "033900", False)
            station.deliver(1, 2000.0)
            await wait_for(lambda: len(client.queue) >= 2, "meter values queued offline")
            station.end_session(1, "EVDisconnected")
            station.start_session(2, KNOWN)  # a transaction that starts offline
            station.deliver(2, 500.0)
            await wait_for(lambda: any(m.action == "MeterValues" and m.local_tx == client.running[2].local_id
                                       for m in client.queue.pending()), "meter values of the offline transaction")
            station.end_session(2, "Local", KNOWN)
            queued = client.queue.pending()
            assert [m.action for m in queued][-1] == "StopTransaction"
            central.arguments = ["--first-transaction-id", "100"]
            mark = len(central.messages())
            central.start()
            await wait_for(lambda: station.online, "back online")
            await wait_for(lambda: len(client.queue) == 0, "the queue delivered")
            sent = [m["frame"] for m in central.messages()[mark:]
                    if m["direction"] == "from_charge_point" and m["frame"][2] in TRANSACTION_MESSAGES]
            assert [f[1] for f in sent] == [m.unique_id for m in queued], "in order, each once, nothing lost"
            by_action = [(f[2], f[3].get("transactionId"), f[3].get("connectorId")) for f in sent]
            assert ("StopTransaction", 1, None) in by_action
            assert ("StartTransaction", None, 2) in by_action
            assert ("MeterValues", 100, 2) in by_action, "the offline transaction got its real id"
            assert ("StopTransaction", 100, None) in by_action
            stamps = [f[3].get("timestamp") or f[3]["meterValue"][0]["timestamp"] for f in sent]
            assert stamps == sorted(stamps)
        finally:
            await charger.stop()

    run(scenario())


def test_a_transaction_cut_by_a_power_loss_is_stopped_with_power_loss(start_central: CentralFactory,
                                                                      tmp_path: Path) -> None:
    central = start_central()

    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        charger.station.start_session(1, KNOWN)
        await wait_for(lambda: central.from_charger("StartTransaction"), "StartTransaction")
        await wait_for(lambda: len(charger.client.queue) == 0, "an empty queue")
        await charger.stop()  # the process dies: no StopTransaction
        charger.storage.close()
        again = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        try:
            await wait_for(lambda: central.from_charger("StopTransaction"), "the PowerLoss stop")
        finally:
            await again.stop()

    run(scenario())
    stop = central.from_charger("StopTransaction")[0][3]
    assert stop["reason"] == "PowerLoss" and stop["transactionId"] == 1 and stop["meterStop"] == 1000
