"""tools/install-charger, run for real in its two modes that need no root: ``--prefix DIR``
(every file under DIR, the system steps listed as skipped) and ``--dry-run`` (nothing done,
every command printed)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from controller.config import load

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "tools" / "install-charger"


def install(*arguments: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(INSTALLER), *arguments], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_a_prefix_install_lays_out_a_charger(tmp_path: Path) -> None:
    image = tmp_path / "image"
    result = install("--prefix", str(image))
    unit = image / "etc/systemd/system/evse-hmi.service"
    assert unit.read_bytes() == (ROOT / "deploy/evse-hmi.service").read_bytes()
    for directory in ("opt/evse-hmi", "var/lib/evse-hmi", "var/log/evse-hmi", "etc/evse-hmi"):
        assert (image / directory).is_dir(), directory
    assert (image / "usr/share/doc/evse-hmi/charger.md").is_file()
    config_file = image / "etc/evse-hmi/config.toml"
    assert config_file.stat().st_mode & 0o777 == 0o640, "it holds the engineer PIN's hash and the OCPP password"
    config = load(config_file)
    assert config.storage.path == "/var/lib/evse-hmi/evse.sqlite3"
    assert config.ocpp.database == "/var/lib/evse-hmi/ocpp.sqlite3"
    assert config.logging.file == "/var/log/evse-hmi/evse-hmi.log"
    assert config.ocpp.certificate_dir == "/var/lib/evse-hmi/certificates", "writable under the unit"
    assert config.updates.root == "/opt/evse-hmi"
    assert not config.simulation.enabled and (config.can.interface, config.can.channel) == ("socketcan", "can0")
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped (--prefix):")]
    assert any("systemctl enable evse-hmi.service" in line for line in skipped)
    assert any("chown -R evse:evse" in line for line in skipped)
    assert "no bundle given" in result.stdout
    assert config.display.platform == "linuxfb", "no window system: the unit sets no QT_QPA_PLATFORM"
    assert config.display_power.enabled, "the panel dims, sleeps and drives its backlight"
    rule = image / "etc/udev/rules.d/90-evse-backlight.rules"
    assert rule.read_bytes() == (ROOT / "deploy/90-evse-backlight.rules").read_bytes()
    assert any("udevadm trigger --action=add --subsystem-match=backlight" in line for line in skipped)


def test_a_configuration_from_before_the_display_section_gets_it_appended_once(tmp_path: Path) -> None:
    image = tmp_path / "image"
    install("--prefix", str(image))
    config_file = image / "etc/evse-hmi/config.toml"
    old = config_file.read_text().split("\n[display]\n")[0].replace('charge_point_id = "DSWX601-0001"',
                                                                     'charge_point_id = "SITE-7"')
    config_file.write_text(old)
    result = install("--prefix", str(image))
    assert "appended [display] platform = \"linuxfb\"" in result.stdout
    assert config_file.read_text().startswith(old), "nothing else changed"
    config = load(config_file)
    assert (config.display.platform, config.station.charge_point_id) == ("linuxfb", "SITE-7")
    appended = config_file.read_text()
    assert "left as it is" in install("--prefix", str(image)).stdout and config_file.read_text() == appended


def test_a_headless_install_has_no_backlight_rule(tmp_path: Path) -> None:
    image = tmp_path / "image"
    install("--prefix", str(image), "--headless")
    assert not (image / "etc/udev").exists()


def test_installing_again_keeps_the_technicians_configuration(tmp_path: Path) -> None:
    image = tmp_path / "image"
    install("--prefix", str(image))
    config_file = image / "etc/evse-hmi/config.toml"
    edited = config_file.read_text().replace('charge_point_id = "DSWX601-0001"', 'charge_point_id = "SITE-7"')
    config_file.write_text(edited)
    result = install("--prefix", str(image))
    assert config_file.read_text() == edited
    assert "left as it is" in result.stdout
    assert [p.name for p in (image / "etc/evse-hmi").iterdir()] == ["config.toml"], "no draft left behind"


def test_a_simulated_headless_install_keeps_the_simulator_and_installs_the_controller_unit(tmp_path: Path) -> None:
    image = tmp_path / "image"
    install("--prefix", str(image), "--headless", "--simulated")
    assert (image / "etc/systemd/system/evse-controller.service").is_file()
    assert not (image / "etc/systemd/system/evse-hmi.service").exists()
    config = load(image / "etc/evse-hmi/config.toml")
    assert config.simulation.enabled and config.can.interface == "virtual"


def test_a_dry_run_prints_the_release_install_and_touches_nothing(tmp_path: Path) -> None:
    bundle = tmp_path / "evse-hmi-9.9.9.tar"
    bundle.write_bytes(b"not read in a dry run")
    before = sorted(tmp_path.rglob("*"))
    result = install("--dry-run", "--prefix", str(tmp_path / "image"), str(bundle))
    commands = [shlex.split(line.removeprefix("would run:")) for line in result.stdout.splitlines()
                if line.startswith("would run:")]
    release = next(command for command in commands if "controller.release" in command)
    assert release[release.index("-m"):] == ["-m", "controller.release", "install", str(bundle), "--root",
                                             str(tmp_path / "image/opt/evse-hmi"), "--activate"]
    assert f"PYTHONPATH={ROOT}" in release
    assert sorted(tmp_path.rglob("*")) == before, "a dry run writes nothing"


def test_without_root_and_without_a_mode_it_refuses(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # as nobody, from a copy nobody can reach (the checkout may sit in a directory only root can enter)
        reachable = Path(tempfile.mkdtemp(prefix="install-charger-"))
        try:
            reachable.chmod(0o755)
            script = reachable / INSTALLER.name
            shutil.copy2(INSTALLER, script)
            result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(script)],
                                    capture_output=True, text=True, timeout=60, check=False, cwd=reachable)
        finally:
            shutil.rmtree(reachable)
    else:
        result = subprocess.run([str(INSTALLER)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "run as root" in result.stderr
