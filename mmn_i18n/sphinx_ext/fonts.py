"""Fonts for every script of the site: Noto, shipped with each site under the OFL.

Decision: the Noto fonts for Latin/Vietnamese, Myanmar (Burmese and Shan),
Khmer, Lao and Thai are copied from the system (Debian fonts-noto-core) into
each site's _static/fonts/ with their licence, and referenced by
mmn-fonts.css as local() first, then the shipped file. They are small
(30-210 KB a style) and unicode-range lets a browser fetch only the fonts a
page uses, so a reader whose device lacks a Shan-capable font still sees
Shan. Chinese is the exception: Noto Sans CJK is a 19 MB collection that
browsers cannot load from a .ttc, and every device sold where Chinese is
read has a CJK font, so the CSS names Noto Sans CJK SC (fonts-noto-cjk) via
local() and the usual system CJK fonts after it.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).with_name("static")
FONT_FOLDER = "fonts"
LICENCE_SOURCE = Path("/usr/share/doc/fonts-noto-core/copyright")


@dataclass(frozen=True)
class ShippedFont:
    family: str
    style: str  # fontconfig style: Regular, Bold
    file_name: str


SHIPPED_FONTS = tuple(
    ShippedFont(family, style, f"{family.replace(' ', '')}-{style}.ttf")
    for family in ("Noto Sans", "Noto Sans Myanmar", "Noto Sans Khmer", "Noto Sans Lao", "Noto Sans Thai")
    for style in ("Regular", "Bold")
)
CJK_FAMILY = "Noto Sans CJK SC"


def find_font_file(family: str, style: str = "Regular") -> Path | None:
    """The installed file of a font family and style, as fontconfig knows it."""
    try:
        listing = subprocess.run(["fc-list", f":family={family}:style={style}", "file"],
                                 capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        return None
    files = sorted(Path(line.split(":")[0].strip()) for line in listing.splitlines() if line.strip())
    return files[0] if files else None


def copy_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Put the shipped fonts and their licence into _static/fonts/ (only when missing or changed)."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / FONT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    missing = []
    for font in SHIPPED_FONTS:
        source = find_font_file(font.family, font.style)
        if source is None:
            missing.append(f"{font.family} {font.style}")
            continue
        destination = target / font.file_name
        if not destination.is_file() or destination.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, destination)
    if LICENCE_SOURCE.is_file():
        shutil.copyfile(LICENCE_SOURCE, target / "LICENSE-Noto-OFL.txt")
    if missing:
        logger.warning("fonts not installed: %s; pages fall back to the reader's fonts. "
                       "Install them: apt-get install fonts-noto-core", ", ".join(missing))


def add_stylesheets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_css_file("mmn-fonts.css")
    app.add_css_file("mmn-site.css")


def register_static(app: Sphinx, config) -> None:
    if str(STATIC_DIR) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", register_static)
    app.connect("builder-inited", add_stylesheets)
    app.connect("build-finished", copy_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
