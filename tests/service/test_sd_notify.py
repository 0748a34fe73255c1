"""The notification protocol against a real datagram socket, and the pinger that feeds the
watchdog only while every watched heartbeat is fresh (real threads, real clock)."""

from __future__ import annotations

import os
import threading
import time
import uuid

import pytest

from controller import sd_notify
from controller.service_watchdog import Heartbeat, Liveness, WatchdogPinger
from tests.service.notify_listener import NotifyListener


def test_ready_status_and_stopping_arrive_as_fields(listener: NotifyListener, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", listener.address)
    assert sd_notify.ready("Ready: left available")
    assert sd_notify.status("Updating\nthe software")
    assert sd_notify.stopping()
    listener.wait_for(lambda: len(listener.received) == 3, "three datagrams", timeout=5)
    assert [n.fields for n in listener.received] == [
        {"READY": "1", "STATUS": "Ready: left available"},
        {"STATUS": "Updating the software"},  # a newline would have started a field of its own
        {"STOPPING": "1"},
    ]


def test_an_abstract_socket_name_is_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"@evse-test-{uuid.uuid4().hex}"
    abstract = NotifyListener(name)
    try:
        monkeypatch.setenv("NOTIFY_SOCKET", name)
        assert sd_notify.watchdog()
        abstract.wait_for(abstract.pings, "the ping", timeout=5)
    finally:
        abstract.close()


def test_without_a_socket_nothing_is_sent_and_nothing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not sd_notify.ready()
    monkeypatch.setenv("NOTIFY_SOCKET", "/nonexistent/notify.sock")
    assert not sd_notify.watchdog(), "a failed send is reported, not raised"


def test_the_watchdog_interval_is_for_this_process_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert sd_notify.watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "20000000")
    assert sd_notify.watchdog_interval() == 20.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert sd_notify.watchdog_interval() == 20.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))
    assert sd_notify.watchdog_interval() is None, "meant for another process (a parent's variables leaked)"
    monkeypatch.setenv("WATCHDOG_PID", str(os.getppid()))
    monkeypatch.delenv("EVSE_RELEASE_ROOT", raising=False)
    assert sd_notify.watchdog_interval() is None, "the parent's, and the parent is no release launcher"
    monkeypatch.setenv("EVSE_RELEASE_ROOT", "/opt/evse-hmi")
    assert sd_notify.watchdog_interval() == 20.0, "the release launcher hands its watchdog to its child"
    monkeypatch.setenv("WATCHDOG_PID", "")
    monkeypatch.setenv("WATCHDOG_USEC", "0")
    assert sd_notify.watchdog_interval() is None


def test_pings_stop_while_one_heartbeat_is_stale_and_resume_after(listener: NotifyListener,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", listener.address)
    lively, flaky = Heartbeat(), Heartbeat()
    beating = threading.Event()
    beating.set()
    stop = threading.Event()

    def beat() -> None:  # a thread that shows life every 50 ms, the other only while "beating"
        while not stop.wait(0.05):
            lively.beat()
            if beating.is_set():
                flaky.beat()

    beater = threading.Thread(target=beat, daemon=True)
    beater.start()
    pinger = WatchdogPinger([Liveness("lively", lively.age), Liveness("flaky", flaky.age)], interval_s=0.4)
    assert pinger.start()
    try:
        listener.wait_for(lambda: len(listener.pings()) >= 3, "pings while both beat", timeout=10)
        beating.clear()
        stalled_at = time.monotonic()
        listener.wait_for(lambda: listener.silent_for(1.0), "the pings to stop", timeout=10, check_every=0.05)
        assert pinger.hung() == ("flaky",)
        late = [n.at - stalled_at for n in listener.pings(since=stalled_at)]
        # at most: the limit, one period, and some scheduling
        assert all(delay <= 0.4 + 0.2 + 0.5 for delay in late), f"pinged {late} s after the heartbeat stopped"
        beating.set()
        resumed_at = time.monotonic()
        listener.wait_for(lambda: len(listener.pings(since=resumed_at)) >= 2, "pings again", timeout=10)
    finally:
        stop.set()
        pinger.stop()


def test_no_watchdog_asked_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    pinger = WatchdogPinger([Liveness("anything", lambda: 0.0)])
    assert not pinger.start()
    pinger.stop()
