"""Fonts for every script of the site: Noto, shipped with each site as WOFF2 subsets under the OFL.

Decision: the Noto fonts for Latin/Vietnamese, Myanmar (Burmese and Shan),
Khmer, Lao and Thai are taken from the system (Debian fonts-noto-core),
cut to the characters of their script (fontTools, every OpenType feature
kept so shaping is unchanged, hinting dropped: browsers on phones ignore
it) and compressed as WOFF2 into each site's _static/fonts/, with their
licence. mmn-fonts.css is written beside them from the same table, with
each font's unicode-range, so a browser downloads a script's font only for
a page that uses the script. No local(): every reader gets the same font,
not whatever a phone calls "Myanmar" (often Zawgyi-encoded). Subsets are
cached (~/.cache/mmn-i18n/fonts) by source file, ranges and fontTools
version: cutting all ten takes a few seconds once.

Chinese is the exception: Noto Sans CJK is a 19 MB collection, and every
device sold where Chinese is read has a CJK font, so the CSS names Noto
Sans CJK SC (fonts-noto-cjk) and the usual system CJK fonts after it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ...textfiles import write_bytes_atomically, write_text_atomically
from ...subprocesses import FONTCONFIG_SECONDS, run
from ...language_facts import FACTS
from ...languages import SOURCE_LANGUAGE
from ..language_css import site_rules

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).with_name("static")
FONT_FOLDER = "fonts"
STYLESHEET = "mmn-fonts.css"
LICENCE_SOURCE = Path("/usr/share/doc/fonts-noto-core/copyright")
WEIGHTS = {"Regular": 400, "Bold": 700}

# Each script's font and the characters it is cut to (the unicode-range of its @font-face).
SCRIPT_RANGES = {
    # Latin with Vietnamese, punctuation, currency signs: the digits and punctuation of every page
    "Noto Sans": "U+0000-024F, U+0300-036F, U+1E00-1EFF, U+2000-206F, U+20A0-20CF, U+2122, U+25CC",
    "Noto Sans Myanmar": "U+1000-109F, U+A9E0-A9FF, U+AA60-AA7F, U+200B-200D, U+25CC",
    "Noto Sans Khmer": "U+1780-17FF, U+19E0-19FF, U+200B-200D, U+25CC",
    "Noto Sans Lao": "U+0E80-0EFF, U+200B-200D, U+25CC",
    "Noto Sans Thai": "U+0E00-0E7F, U+200B-200D, U+25CC",
}
CJK_FAMILIES = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"')
CJK_FAMILY = "Noto Sans CJK SC"
# Which script font leads the stack on a page in each language is its font_family fact
# (mmn_i18n.language_facts; digits and punctuation still come from Noto Sans: the script
# fonts have none).


@dataclass(frozen=True)
class ShippedFont:
    family: str
    style: str  # fontconfig style: Regular, Bold

    @property
    def file_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.style}.woff2"


SHIPPED_FONTS = tuple(ShippedFont(family, style) for family in SCRIPT_RANGES for style in WEIGHTS)


def find_font_file(family: str, style: str = "Regular") -> Path | None:
    """The installed file of a font family and style, as fontconfig knows it."""
    try:
        listing = run(["fc-list", f":family={family}:style={style}", "file"], FONTCONFIG_SECONDS,
                      f"fc-list (looking for the font {family})").stdout
    except FileNotFoundError:
        return None
    files = sorted(Path(line.split(":")[0].strip()) for line in listing.splitlines() if line.strip())
    return files[0] if files else None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mmn-i18n" / "fonts"


def _unicodes(ranges: str) -> list[int]:
    result = []
    for part in ranges.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        result.extend(range(int(first, 16), int(last or first, 16) + 1))
    return result


def woff2_subset(source: Path, ranges: str) -> Path:
    """The WOFF2 subset of source cut to ranges, made once and cached."""
    import fontTools
    from fontTools import subset

    key = hashlib.sha256(source.read_bytes() + ranges.encode() + fontTools.version.encode()).hexdigest()[:20]
    cached = cache_dir() / f"{source.stem}-{key}.woff2"
    if cached.is_file():
        return cached
    options = subset.Options()
    options.layout_features = ["*"]  # every shaping feature: Myanmar and Khmer need them all
    options.hinting = False
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # keep the copyright and licence names
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_unicodes(ranges))
    subsetter.subset(font)
    data = BytesIO()
    subset.save_font(font, data, options)
    write_bytes_atomically(cached, data.getvalue())  # parallel builds may race: each rename is whole
    return cached


def font_stack(family_first: str | None = None) -> str:
    families = [f'"{family}"' for family in SCRIPT_RANGES]
    if family_first:
        families.remove(f'"{family_first}"')
        families.insert(0, f'"{family_first}"')
    return ", ".join([*families, CJK_FAMILIES, "sans-serif"])


def stylesheet(shipped: list[ShippedFont], source_language: str = "en") -> str:
    """mmn-fonts.css: one @font-face per shipped file, the stack of every page, and each language's typography."""
    lines = ["/* Fonts of the network's sites, written by mmn_i18n/publishing/site/fonts.py.",
             "   Noto, under the SIL Open Font License 1.1 (fonts/LICENSE-Noto-OFL.txt), cut per script.",
             "   unicode-range: a browser downloads a script's font only for a page that uses the script. */", ""]
    for font in shipped:
        lines.append(f'@font-face {{ font-family: "{font.family}"; font-weight: {WEIGHTS[font.style]}; '
                     f"font-display: swap;\n  unicode-range: {SCRIPT_RANGES[font.family]};\n"
                     f'  src: url("{FONT_FOLDER}/{font.file_name}") format("woff2"); }}')
    lines += ["", "/* One stack for every element of every page (each script's font claims only its own",
              "   characters, so the language menu renders every language); the page's own script first. */",
              f":root {{ --mmn-font-stack: {font_stack()}; }}"]
    for entry in FACTS.values():
        if entry.font_family in SCRIPT_RANGES:
            lines.append(f":root:lang({entry.bcp47}) {{ --mmn-font-stack: {font_stack(entry.font_family)}; }}")
    lines += site_rules(source_language)
    return "\n".join(lines) + "\n"


def ship_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Put the WOFF2 subsets, their licence and mmn-fonts.css into _static/ (only when changed)."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    target = static / FONT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    shipped, missing = [], []
    for font in SHIPPED_FONTS:
        source = find_font_file(font.family, font.style)
        if source is None:
            missing.append(f"{font.family} {font.style}")
            continue
        subset = woff2_subset(source, SCRIPT_RANGES[font.family])
        destination = target / font.file_name
        if not destination.is_file() or destination.read_bytes() != subset.read_bytes():
            shutil.copyfile(subset, destination)
        shipped.append(font)
    for stale in target.glob("*.ttf"):  # whole TTFs shipped by earlier versions
        stale.unlink()
    if LICENCE_SOURCE.is_file():
        shutil.copyfile(LICENCE_SOURCE, target / "LICENSE-Noto-OFL.txt")
    write_text_atomically(static / STYLESHEET, stylesheet(shipped, SOURCE_LANGUAGE))
    if missing:
        logger.warning("fonts not installed: %s; pages fall back to the reader's fonts. "
                       "Install them: apt-get install fonts-noto-core", ", ".join(missing))


def add_stylesheets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_css_file(STYLESHEET)
    app.add_css_file("mmn-site.css")


def register_static(app: Sphinx, config) -> None:
    if str(STATIC_DIR) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", register_static)
    app.connect("builder-inited", add_stylesheets)
    app.connect("build-finished", ship_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
