"""Hear every screen: the preview samples (hmi.preview_samples) said in each language, one WAV
file each, with the text beside it, to listen to as a driver would.

    python -m hmi.speech_preview --out /tmp/voice [--language fr-CA] [--only charging-single]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hmi.format import Formatter
from hmi.i18n import LANGUAGES, Translations
from hmi.preview_samples import SAMPLES, TIME_ZONE
from hmi.speech import Engine, synthesize
from hmi.speech_text import spoken_text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for <language>/<sample>.wav and .txt")
    parser.add_argument("--language", action="append", choices=list(LANGUAGES), help="repeatable (default: all)")
    parser.add_argument("--only", action="append", help="only these samples (repeatable), e.g. charging-single")
    args = parser.parse_args(argv)
    engine = Engine.find()
    if engine.espeak is None:
        print(engine.problem("en-US"), file=sys.stderr)
        return 1
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # the translators are installed on it
    translations = Translations()
    for tag in args.language or LANGUAGES:
        problem = engine.problem(tag)
        if problem:
            print(f"{tag}: {problem}", file=sys.stderr)
        translations.activate(tag)
        folder = args.out / tag
        folder.mkdir(parents=True, exist_ok=True)
        for sample in SAMPLES:
            if args.only and sample.name not in args.only:
                continue
            text = spoken_text(sample.view(), Formatter(tag, TIME_ZONE))
            (folder / f"{sample.name}.txt").write_text(text + "\n", encoding="utf-8")
            synthesize(text, tag, folder / f"{sample.name}.wav", engine)
            print(f"{tag}/{sample.name}.wav  {text}")
    translations.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
