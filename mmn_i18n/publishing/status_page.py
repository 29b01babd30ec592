"""Write the translation status page (one self-contained HTML file) and SVG badges."""
from __future__ import annotations

import html
from pathlib import Path

from ..textfiles import write_text_atomically
from ..gettext.coverage import Counts, Coverage, floor_percent, measure
from ..errors import MmnError
from ..languages import Language, UnknownLanguage, get_language
from ..project import Project

PAGE = "index.html"
# Colours of the bars and badges; also what a colour-blind reader can tell apart.
TRANSLATED, FUZZY, UNTRANSLATED = "#2e7d32", "#f9a825", "#d9d9d9"
CSS = """
body { font-family: system-ui, "Noto Sans", "Noto Sans Thai", "Noto Sans Khmer", "Noto Sans Lao",
       "Noto Sans Myanmar", "Noto Sans CJK SC", sans-serif; margin: 2rem auto; max-width: 64rem;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
p.lead { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
th, td { padding: .35rem .5rem; text-align: left; border-bottom: 1px solid #e5e5e5; vertical-align: middle; }
th { font-weight: 600; background: #f6f6f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: flex; height: .9rem; min-width: 10rem; border-radius: 3px; overflow: hidden;
       background: %(untranslated)s; }
.bar span { display: block; height: 100%%; }
.bar .t { background: %(translated)s; } .bar .f { background: %(fuzzy)s; }
.legend span { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 1rem;
               vertical-align: -.1rem; border-radius: 2px; }
table.matrix td.cell { text-align: center; font-variant-numeric: tabular-nums; }
table.matrix td.none { color: #999; text-align: center; }
.native { color: #555; }
.problems { color: #b00020; }
""".replace("%(untranslated)s", UNTRANSLATED).replace("%(translated)s", TRANSLATED) \
   .replace("%(fuzzy)s", FUZZY).replace("%%", "%")


def _language(code: str) -> Language | None:
    try:
        return get_language(code)
    except UnknownLanguage:
        return None  # a --locale-dir can hold codes CLDR does not know


def _bar(counts: Counts) -> str:
    if not counts.total:
        return '<div class="bar"><span class="t" style="width:100%"></span></div>'
    done = 100 * counts.translated / counts.total
    fuzzy = 100 * counts.fuzzy / counts.total
    return (f'<div class="bar" role="img" aria-label="{floor_percent(counts.percent)}% translated">'
            f'<span class="t" style="width:{done:.2f}%"></span><span class="f" style="width:{fuzzy:.2f}%"></span></div>')


def _cell_colour(percent: float) -> str:
    """From pale red (nothing) to green (complete), light enough for black text."""
    if percent >= 100:
        return "#a5d6a7"
    red, green = (255, 205) if percent < 50 else (int(255 - (percent - 50) * 1.5), 225)
    return f"rgb({red},{green},{int(170 + percent * 0.3)})"


def badge_colour(percent: float) -> str:
    if percent >= 100:
        return "#4c1"
    if percent >= 90:
        return "#97ca00"
    if percent >= 75:
        return "#dfb317"
    if percent >= 50:
        return "#fe7d37"
    return "#e05d44"


def _text_width(text: str) -> int:
    # Verdana 11px averages about 7 px a character; wide letters get a little more.
    return sum(9 if ch in "mwMW%" else 4 if ch in "iljtf.: " else 7 for ch in text) + 10


def badge_svg(label: str, percent: float | None) -> str:
    """A flat badge in the style of shields.io: label on grey, percentage on a colour.

    percent None: the language has no catalogs yet; the badge says so in grey.
    """
    value = "no catalogs" if percent is None else f"{floor_percent(percent):g}%"
    colour = "#9f9f9f" if percent is None else badge_colour(percent)
    left, right = _text_width(label), _text_width(value)
    total = left + right
    title = html.escape(f"{label}: {value}" + ("" if percent is None else " translated"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        f'<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{html.escape(label)}</text>'
        f'<text x="{left / 2:.1f}" y="14">{html.escape(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{value}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{value}</text></g></svg>\n'
    )


def _language_cell(code: str) -> str:
    language = _language(code)
    if language is None:
        return f"<td>{html.escape(code)}</td>"
    return (f'<td><b>{html.escape(language.english_name)}</b> '
            f'<span class="native" lang="{language.html_lang}">{html.escape(language.native_name)}</span> '
            f"<code>{html.escape(code)}</code></td>")


def render_page(coverage: Coverage) -> str:
    """The whole HTML page: no script, no stylesheet or font to fetch."""
    totals = coverage.by_language()
    present = {catalog.language for catalog in coverage.catalogs}
    rows = []
    for code, counts in totals.items():
        if code not in present:
            rows.append(f'<tr>{_language_cell(code)}<td colspan="5">no catalogs yet</td>'
                        f'<td><img src="coverage-{html.escape(code)}.svg" alt="no catalogs" height="20"></td></tr>')
            continue
        rows.append(
            f"<tr>{_language_cell(code)}<td>{_bar(counts)}</td>"
            f'<td class="num">{floor_percent(counts.percent)}%</td>'
            f'<td class="num">{counts.translated} / {counts.total}</td>'
            f'<td class="num">{counts.fuzzy}</td>'
            f'<td class="num">{counts.words_translated} / {counts.words_total}</td>'
            f'<td><img src="coverage-{html.escape(code)}.svg" alt="{floor_percent(counts.percent)}%" height="20"></td></tr>')
    head = "".join(f'<th class="num" title="{html.escape(_language(c).english_name if _language(c) else c)}">'
                   f"{html.escape(c)}</th>" for c in coverage.languages)
    matrix = []
    for document, row in coverage.by_document().items():
        cells = []
        for code in coverage.languages:
            counts = row.get(code)
            if counts is None:
                cells.append('<td class="none" title="no catalog">–</td>')
                continue
            tip = (f"{code}: {counts.translated} translated, {counts.fuzzy} fuzzy, "
                   f"{counts.untranslated} untranslated of {counts.total} messages")
            cells.append(f'<td class="cell" style="background:{_cell_colour(counts.percent)}" '
                         f'title="{html.escape(tip)}">{floor_percent(counts.percent):g}%</td>')
        matrix.append(f"<tr><td>{html.escape(document)}</td>{''.join(cells)}</tr>")
    problems = ""
    if coverage.problems:
        items = "".join(f"<li>{html.escape(str(problem))}</li>" for problem in coverage.problems)
        problems = f'<h2>Catalogs that could not be read</h2><ul class="problems">{items}</ul>'
    overall = sum(totals.values(), Counts())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Translation status</title>
<style>{CSS}</style>
</head>
<body>
<h1>Translation status</h1>
<p class="lead">{overall.translated} of {overall.total} messages translated
({floor_percent(overall.percent)}%) in {len(coverage.catalogs)} catalogs and {len(totals)} languages.
Counts follow <code>msgfmt --statistics</code>; words are English source words.</p>
<p class="legend"><span style="background:{TRANSLATED}"></span>translated
<span style="background:{FUZZY}"></span>fuzzy (needs review)
<span style="background:{UNTRANSLATED}"></span>untranslated</p>
<h2>By language</h2>
<table class="languages">
<thead><tr><th>Language</th><th>Progress</th><th class="num">Done</th><th class="num">Messages</th>
<th class="num">Fuzzy</th><th class="num">Words</th><th>Badge</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h2>By document</h2>
<table class="matrix">
<thead><tr><th>Document</th>{head}</tr></thead>
<tbody>
{chr(10).join(matrix)}
</tbody>
</table>
{problems}
</body>
</html>
"""


def write_coverage_report(coverage: Coverage, output_dir: Path | str) -> Path:
    """Write index.html and coverage-<lang>.svg into output_dir; returns the page's path."""
    output_dir = Path(output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MmnError(f"{output_dir}: cannot create the folder ({error.strerror}). Choose another folder.") from None
    present = {catalog.language for catalog in coverage.catalogs}
    for code, counts in coverage.by_language().items():
        percent = counts.percent if code in present else None
        write_text_atomically(output_dir / f"coverage-{code}.svg", badge_svg(code, percent))
    page = output_dir / PAGE
    write_text_atomically(page, render_page(coverage))
    return page


def write_report(project_or_locale_dir: Project | Path | str, output_dir: Path | str) -> Path:
    """Count a project's (or any sphinx-intl locale folder's) catalogs and write the report.

    For the site builder: `write_report(project, project.build_dir / "html" / "coverage")`.
    A catalog that cannot be read is listed on the page instead of counted.
    """
    if isinstance(project_or_locale_dir, Project):
        project = project_or_locale_dir
        coverage = measure(project.locale_dir, project.language_codes)
    else:
        coverage = measure(Path(project_or_locale_dir))
    return write_coverage_report(coverage, output_dir)
