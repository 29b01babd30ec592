"""Render a fixed set of built pages to PNG in headless Chromium, for side-by-side review by a person.

    .venv/bin/python scripts/render_pages.py              # after `mmn-i18n build`
    .venv/bin/python scripts/render_pages.py --lang my --lang shn --width 390

Writes _build/renders/<lang>/<page>-<width>.png (full page, at most 4000 px
tall) for the landing page, the home page, the first statement, the
vocabulary index and table of each language that has a site, at 390 and
1280 px, and an index.html showing every language of one page side by side.
Nothing is compared automatically: tests/test_browser_site.py checks what
words can tell; this is for what only eyes can.
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import FLAGS, CHROMIUM, Server  # noqa: E402

PAGES = ("index", "statement", "vocabulary/index", "vocabulary/table")
LANGUAGES = ("en", "my", "shn", "km", "lo", "th", "vi", "zh_CN")
MAX_HEIGHT = 4000


def page_path(build: Path, language: str, page: str) -> str | None:
    """The built file of one of PAGES in a language, relative to _build (None when absent)."""
    site = build / "html" / language
    if page == "statement":
        found = sorted(site.glob("statement-*.html"))
        return found[0].relative_to(build).as_posix() if found else None
    target = site / f"{page}.html"
    return target.relative_to(build).as_posix() if target.is_file() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=REPO / "_build")
    parser.add_argument("--lang", action="append", choices=LANGUAGES)
    parser.add_argument("--width", action="append", type=int)
    args = parser.parse_args()
    build = args.build_dir.resolve()
    languages = args.lang or [code for code in LANGUAGES if (build / "html" / code).is_dir()]
    widths = args.width or [390, 1280]
    out = build / "renders"
    from playwright.sync_api import sync_playwright

    server = Server(build)
    rows: dict[str, list[tuple[str, int, str]]] = {}
    started = time.perf_counter()
    count = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for language in languages:
                landing = "index.html" if language == "en" else f"index.{language}.html"
                targets = [("landing", landing if (build / landing).is_file() else None)]
                targets += [(name, page_path(build, language, name)) for name in PAGES]
                for name, path in targets:
                    if path is None:
                        continue
                    page.goto(server.url + path, wait_until="load")
                    page.evaluate("() => document.fonts.ready.then(() => true)")
                    height = min(page.evaluate("() => document.documentElement.scrollHeight"), MAX_HEIGHT)
                    png = out / language / f"{name.replace('/', '-')}-{width}.png"
                    png.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(png), clip={"x": 0, "y": 0, "width": width, "height": height},
                                    full_page=True)
                    rows.setdefault(f"{name} {width}px", []).append((language, width, png.relative_to(out).as_posix()))
                    count += 1
            context.close()
        browser.close()
    server.close()
    cells = "\n".join(
        f"<h2>{html.escape(title)}</h2><div class=row>" + "".join(
            f'<figure><figcaption>{code}</figcaption><img src="{html.escape(src)}" width="{min(width, 400)}" alt=""></figure>'
            for code, width, src in items) + "</div>"
        for title, items in rows.items())
    (out / "index.html").write_text(
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Page renders</title>"
        "<style>.row{display:flex;gap:12px;overflow-x:auto;align-items:flex-start}figure{margin:0}</style>"
        f"<body>{cells}</body></html>\n", encoding="utf-8")
    print(f"{count} renders in {time.perf_counter() - started:.1f} s: {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
