#!/usr/bin/env python3
"""Make the kiosk's CJK fonts: subsets of Noto Sans CJK with the glyphs the translations use.

    apt-get install fonts-noto-cjk && .venv/bin/pip install fonttools
    .venv/bin/python tools/subset_fonts.py [--source DIR]

For each CJK language (Traditional Chinese, Simplified Chinese, Japanese) this takes that
language's face of Noto Sans CJK (its own glyph forms: 骨 and 直 differ between TC, SC and
JP), keeps the characters of its translations (``translations/evse_<lang>.ts``), of what
Babel prints for its locale (clock, date and unit words), its own name in the language
picker and the usual CJK punctuation, and writes ``assets/fonts/KioskNotoSans<TC|SC|JP>-
<Regular|Bold>.otf`` under the family name "Kiosk Noto Sans TC|SC|JP" (so a Noto CJK
installed on the machine can never stand in for it). Latin letters, digits and Western
punctuation are left out on purpose: the kiosk draws them with Inter (``hmi/i18n.py``).

The result is committed; run this again after translations add characters (the
screenshot tests report missing glyphs). The source is Debian's fonts-noto-cjk
(/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc, SIL OFL 1.1).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hmi.format import Formatter  # noqa: E402
from hmi.i18n import FONT_DIR, LANGUAGES, ts_path  # noqa: E402

DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto")
WEIGHTS = ("Regular", "Bold")
#: language tag -> (Noto Sans CJK face, suffix of the kiosk's family)
FACES = {"zh-TW": ("Noto Sans CJK TC", "TC"), "zh-CN": ("Noto Sans CJK SC", "SC"), "ja-JP": ("Noto Sans CJK JP", "JP")}
#: Punctuation of CJK text, kept whether or not today's translations use it.
CJK_PUNCTUATION = "　、。〃〈〉《》「」『』【】〔〕〜・ー～！（），．：；？［］｛｝％＋－／＝“”‘’…"


def is_cjk(char: str) -> bool:
    """Drawn with the CJK font (else with Inter): CJK blocks, kana, full-width forms, curly quotes."""
    return ord(char) >= 0x2E80 or char in "“”‘’…"


def characters(tag: str) -> str:
    texts = [LANGUAGES[tag].name, CJK_PUNCTUATION]
    for message in ET.parse(ts_path(tag)).getroot().iter("message"):
        texts.append(message.findtext("translation") or "")
    fmt = Formatter(tag, "UTC")
    for hour in (0, 13):
        moment = datetime(2026, 11, 25, hour, 5, tzinfo=UTC)
        texts += [fmt.date_time(moment), fmt.clock(moment), fmt.date(moment)]
    for month in range(1, 13):
        texts.append(fmt.date(datetime(2026, month, 1, tzinfo=UTC)))
    texts += [fmt.minutes(3900), fmt.minutes(60), fmt.grace(10)]
    return "".join(sorted({char for text in texts for char in text if is_cjk(char)}))


def face(collection: Path, family: str) -> TTFont:
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(1) == family:
            return font
    raise SystemExit(f"{collection}: no face {family!r}")


def rename(font: TTFont, family: str, weight: str) -> None:
    """Give the subset its own family name (name table and CFF) and a note on its origin."""
    postscript = f"{family.replace(' ', '')}-{weight}"
    names = font["name"]
    names.names = [record for record in names.names if record.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for name_id, value in ((1, family), (2, weight), (3, f"{postscript};subset"), (4, f"{family} {weight}"),
                           (6, postscript), (16, family), (17, weight)):
        names.setName(value, name_id, 3, 1, 0x409)
    description = ("Subset of Noto Sans CJK for the DSWx601 kiosk (tools/subset_fonts.py); "
                   "SIL Open Font License 1.1.")
    names.setName(description, 10, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, family if key == "FamilyName" else f"{family} {weight}")


def match_inter_metrics(font: TTFont) -> None:
    """Give the subset Inter's line box (ascent and descent per em), so that a line of Chinese
    or Japanese is as tall as a line of English and every layout holds in every language.
    The ideographs' em box (0.88 em up, 0.12 em down) stays inside it."""
    inter = TTFont(str(FONT_DIR / "Inter-Regular.otf"))
    scale = font["head"].unitsPerEm / inter["head"].unitsPerEm
    ascent = round(inter["hhea"].ascent * scale)
    descent = round(-inter["hhea"].descent * scale)
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent
    os2.version = max(os2.version, 4)  # fsSelection bit 7 is defined from version 4 on
    os2.fsSelection |= 1 << 7  # USE_TYPO_METRICS


def build(source: Path) -> list[Path]:
    written = []
    for tag, (noto_family, suffix) in FACES.items():
        chars = characters(tag)
        family = f"Kiosk Noto Sans {suffix}"
        assert LANGUAGES[tag].font_family == family, (tag, family)
        for weight in WEIGHTS:
            font = face(source / f"NotoSansCJK-{weight}.ttc", noto_family)
            options = subset.Options()
            options.layout_features = ["locl", "kern", "palt", "vert", "vrt2"]
            options.name_IDs = ["*"]
            options.name_languages = ["*"]
            options.notdef_outline = True
            options.glyph_names = False
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[ord(char) for char in chars])
            subsetter.subset(font)
            rename(font, family, weight)
            match_inter_metrics(font)
            target = FONT_DIR / f"KioskNotoSans{suffix}-{weight}.otf"
            font.save(str(target))
            written.append(target)
            print(f"{target.relative_to(REPO)}: {len(chars)} characters, {target.stat().st_size // 1024} KiB")
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of NotoSansCJK-*.ttc")
    args = parser.parse_args(argv)
    build(args.source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
