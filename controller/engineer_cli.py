"""``evse-hmi engineer-pin``: make the ``[engineer].pin_hash`` line for a new engineer PIN.

The PIN is asked twice without echo (or read from standard input when it is not a terminal,
one line); only its salted scrypt hash is printed, never the PIN.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from typing import TextIO

from controller.engineer import PIN_MAX, PIN_MIN, PinError, check_pin, hash_pin


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run ``evse-hmi engineer-pin``; returns the exit status."""
    argparse.ArgumentParser(prog="evse-hmi engineer-pin",
                            description=f"Print the [engineer].pin_hash line for a new PIN of {PIN_MIN} to "
                                        f"{PIN_MAX} digits.").parse_args(list(argv or []))
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    if stdin.isatty():
        pin = getpass.getpass("New engineer PIN: ")
        if getpass.getpass("Again: ") != pin:
            print("evse-hmi engineer-pin: the two PINs differ", file=err)
            return 2
    else:
        pin = stdin.readline().strip()
    try:
        check_pin(pin)
    except PinError as exc:
        print(f"evse-hmi engineer-pin: {exc}", file=err)
        return 2
    print("# [engineer] in the station's configuration file:", file=out)
    print(f'pin_hash = "{hash_pin(pin)}"', file=out)
    return 0
