"""Security profiles 1 and 2: HTTP Basic auth, TLS against a CA made for the test, and no
secret in any log."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import make_charger, run, wait_for
from tests.support.tls_pki import make_pki

PASSWORD = "0123456789abcdef0123"


@pytest.fixture
def tls_central(start_central: CentralFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    ca, cert, key = make_pki(tmp_path)
    central = start_central("--certfile", str(cert), "--keyfile", str(key), "--basic-auth-password", PASSWORD)
    return central, ca


def secrets_in(caplog: pytest.LogCaptureFixture, *secrets: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if any(s in r.getMessage() for s in secrets)]


def test_tls_with_basic_auth_connects_with_the_right_ca_and_password(tls_central, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    central, ca = tls_central
    caplog.set_level(logging.DEBUG)

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", key=PASSWORD, ca_file=str(ca)).start()
        try:
            await wait_for(lambda: charger.client.online, "online over TLS")
            answer = await central.call("GetConfiguration", {"key": ["SecurityProfile", "AuthorizationKey"]})
            keys = {k["key"]: k for k in answer["response"]["configurationKey"]}
            assert keys["SecurityProfile"]["value"] == "2"
            assert "value" not in keys["AuthorizationKey"], "AuthorizationKey is write-only"
            new_key = "fedcba9876543210fedc"
            changed = await central.call("ChangeConfiguration", {"key": "AuthorizationKey", "value": new_key})
            assert changed["response"] == {"status": "Accepted"}
            lower = await central.call("ChangeConfiguration", {"key": "SecurityProfile", "value": "1"})
            assert lower["response"] == {"status": "Rejected"}, "a profile is never lowered"
            assert secrets_in(caplog, new_key) == []
        finally:
            await charger.stop()

    run(scenario())
    basic = base64.b64encode(f"CP-TEST-1:{PASSWORD}".encode()).decode()
    assert secrets_in(caplog, PASSWORD, basic) == []


@pytest.mark.parametrize("case", ["wrong password", "unknown CA"])
def test_a_charger_without_the_right_credentials_stays_offline(tls_central, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               case: str) -> None:
    central, ca = tls_central

    async def scenario() -> None:
        key = "not-the-password-1234" if case == "wrong password" else PASSWORD
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", key=key,
                                     ca_file=str(ca) if case == "wrong password" else "").start()
        try:
            await wait_for(lambda: charger.client.backoff.failures >= 3, "three refused attempts")
            assert not charger.client.online
            assert charger.station.record.of("set_backend_online") == [(False, "033900", False)]
        finally:
            await charger.stop()

    run(scenario())
    assert central.from_charger() == []
