"""``python -m controller.release build | install | status`` (docs/updates.md)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from controller import config as configuration
from controller.release.launcher import ENV_ROOT, read_state

PROJECT_DIR = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; the exit status."""
    parser = argparse.ArgumentParser(prog="python -m controller.release")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build and sign a release bundle into dist/")
    build.add_argument("--out", type=Path, default=PROJECT_DIR / "dist", help="output directory (default dist/)")
    choice = build.add_mutually_exclusive_group()
    choice.add_argument("--version", help="build this version from a copy of the tree (pyproject's replaced)")
    choice.add_argument("--wheels-from", type=Path, help="take the wheels from this directory instead of building")
    install = commands.add_parser("install", help="install a bundle beside the running version")
    install.add_argument("bundle", type=Path)
    install.add_argument("--activate", action="store_true", help="then make it current (as a trial if one runs)")
    for command in (install, commands.add_parser("status", help="the install root's versions and pointers")):
        command.add_argument("--root", type=Path, default=os.environ.get(ENV_ROOT) or None,
                             help=f"the install root (default ${ENV_ROOT})")
    install.add_argument("--manufacturer-root", type=Path, help="PEM of the manufacturer root(s)")
    install.add_argument("--config", type=Path, help="station configuration: its [updates] manufacturer_root")
    options = parser.parse_args(argv)
    if options.command == "build":
        return _build(options)
    if options.root is None:
        parser.error(f"--root is needed (or ${ENV_ROOT})")
    if options.command == "install":
        return _install(options, parser)
    return _status(options.root)


def _build(options: argparse.Namespace) -> int:
    from controller.release.build import build_release
    from controller.release.signing import dev_identity, load_identity
    from controller.release.verify import load_roots

    key, chain = os.environ.get("RELEASE_KEY"), os.environ.get("RELEASE_CHAIN")
    roots = None
    if key and chain:
        identity = load_identity(Path(key), Path(chain))
        if os.environ.get("RELEASE_ROOT"):
            roots = load_roots(Path(os.environ["RELEASE_ROOT"]))
    else:
        identity, root_pem = dev_identity(PROJECT_DIR / "build" / "dev-signing")
        roots = load_roots(root_pem)
    release = build_release(PROJECT_DIR, options.out, identity, PROJECT_DIR / "build", version=options.version,
                            wheels_from=options.wheels_from, roots=roots)
    print(f"release   {release.bundle}\nsize      {release.size} bytes\nversion   {release.version}\n"
          f"sha256    {release.sha256}\nsignature {release.signature}\ncert      {release.certificate}")
    if not (key and chain):
        print(f"\n*** DEVELOPMENT-SIGNED RELEASE: signed by a development key made in build/dev-signing/.\n"
              f"*** A charger accepts it only with {root_pem} as its manufacturer root\n"
              f"*** ([updates] manufacturer_root). Set RELEASE_KEY and RELEASE_CHAIN to sign a real release.",
              file=sys.stderr)
    return 0


def _install(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from controller.release.install import Installer, InstallError
    from controller.release.verify import VerificationError, load_roots

    root_file = options.manufacturer_root
    if root_file is None and options.config is not None:
        root_file = configuration.load(options.config).updates.manufacturer_root or None
    if root_file is None:
        parser.error("--manufacturer-root or a --config with [updates] manufacturer_root is needed")
    installer = Installer(options.root)
    try:
        version = installer.install(options.bundle, load_roots(Path(root_file)))
        print(f"installed {version} in {options.root}")
        if options.activate:
            installer.begin_trial(version)
            print(f"current: {installer.current()} (trial: {installer.trial() or 'no'}); restart the service to run it")
    except VerificationError as exc:
        print(f"refused ({exc.status}): {exc}", file=sys.stderr)
        return 2
    except InstallError as exc:
        print(f"install failed: {exc}", file=sys.stderr)
        return 1
    return 0


def _status(root: Path) -> int:
    from controller.release.install import Installer

    state = read_state(root)
    print(f"root      {root}\ncurrent   {state.current}\nprevious  {state.previous}\ntrial     {state.trial}"
          f"{f' (started {state.trial_starts} times)' if state.trial else ''}")
    if state.outcome:
        print(f"outcome   {state.outcome.version} {state.outcome.result} at {state.outcome.at}: {state.outcome.reason}")
    print(f"installed {', '.join(Installer(root).installed()) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
