"""The landing page: every publication with its date, kind and the languages it is available in.

Written after the sites are built, as _build/index.html (English) and
_build/index.<lang>.html (each project language), each with a menu linking
the others. Every row links the HTML page and, where it has been built, the
PDF (_build/pdf/<lang>/<docname>.pdf, or each of its parts <docname>-1.pdf ...
when it is printed in parts) in each language the document is
published in. Titles come from each site's search index (the translated
titles Sphinx wrote), so the landing page needs no second Sphinx run. The
coverage report (_build/coverage/index.html) is linked as the "translation
status" page when it exists (`mmn-i18n build` writes it to _build/coverage/).

Only what exists on disk is linked: `build --lang th` after a fresh checkout
has no Burmese site, so no landing page offers Burmese. The pages use the
sites' fonts (mmn-fonts.css) and colours, become cards on a phone, and get
the same word marks for line breaks as the site pages.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from ..language_facts import html_lang as _html_lang
from .language_css import landing_rules, render_markers
from .pdf import printed_parts
from .pdf.furnish import part_label
from ..project import Project
from ..textfiles import write_text_atomically
from .readiness import Readiness
from .site.line_breaks import mark_line_breaks
from .site.site_text import format_document_date, kind_name, language_name, native_digits, translate

# Where the coverage report may be (mmn_i18n.publishing.status_page.write_report), first found wins.
COVERAGE_PAGES = (Path("coverage") / "index.html", Path("html") / "coverage" / "index.html")


@dataclass(frozen=True)
class Publication:
    name: str
    kind: str
    date: str
    languages: tuple[str, ...]


def landing_name(project: Project, language: str) -> str:
    return "index.html" if language == project.source_language else f"index.{language}.html"


def built_sites(project: Project, languages) -> list[str]:
    """The languages whose site is on disk, in the given order."""
    return [code for code in languages if (project.build_dir / "html" / code / "index.html").is_file()]


def publications(readiness: Readiness) -> list[Publication]:
    """Documents with a :kind:, newest first; the vocabulary is listed once, by its index page."""
    result = [Publication(doc.name, doc.kind, doc.date, tuple(readiness.published_in(doc.name)))
              for doc in readiness.documents
              if doc.kind and (not doc.name.startswith("vocabulary/") or doc.name == "vocabulary/index")]
    return sorted(result, key=lambda pub: (pub.date, pub.name), reverse=True)


def site_titles(site: Path) -> dict[str, str]:
    """{docname: title} of one built site, from its searchindex.js ({} when not built)."""
    index = site / "searchindex.js"
    if not index.is_file():
        return {}
    text = index.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return dict(zip(data["docnames"], data["titles"]))


STYLE = """
body { font-family: var(--mmn-font-stack, sans-serif); font-size: 17px; color: #000; background: #fff;
       max-width: 940px; margin: 0 auto; padding: 0 1em 2em; line-height: 1.6; }
/*@tall-lines@*/
a { color: #004B6B; } a:hover { color: #6D4100; }
header { border-bottom: 1px solid #ddd; padding: 0.8em 0 0.4em; }
header p { margin: 0; font-size: 1.2em; font-weight: 700; }
nav ul, ul.languages { list-style: none; padding: 0; margin: 0; }
nav ul { display: inline; } nav li { display: inline-block; margin-right: 0.8em; white-space: nowrap; }
nav li.current { font-weight: 700; }
h1 { font-size: 1.9em; font-weight: 400; color: #3E4349; margin: 0.8em 0 0.3em; }
h2 { font-size: 1.4em; font-weight: 400; color: #3E4349; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.5em; text-align: left; vertical-align: top; }
ul.languages li { white-space: nowrap; }
span.mmn-w { white-space: nowrap; }
.label { font-weight: 700; }
@media screen and (max-width: 700px) {
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, tbody, tr, td { display: block; width: auto; }
  tr { border: 1px solid #ddd; border-radius: 4px; margin: 0 0 1em; padding: 0.4em 0.6em; }
  td { border: 0; padding: 0.2em 0; }
  td[data-label]::before { content: attr(data-label) ": "; color: #555; }
}
"""


def render_landing(project: Project, readiness: Readiness, language: str,
                   titles: dict[str, dict[str, str]], sites: list[str] | None = None) -> str:
    """The landing page in language, linking only the sites in `sites` (default: those on disk)."""
    t = lambda message: translate(language, message)  # noqa: E731
    e = html.escape
    build = project.build_dir
    sites = built_sites(project, readiness.languages) if sites is None else sites
    menu_languages = [code for code in readiness.languages
                      if code == project.source_language or code in sites or code == language]
    stylesheet_site = next((code for code in [language, *sites] if (build / "html" / code / "_static" / "mmn-fonts.css").is_file()), "en")
    head_title = titles.get(language, {}).get("index") or titles.get("en", {}).get("index") or "Publications"
    menu = " ".join(
        f'<li lang="{_html_lang(code)}"' + (' class="current"><span aria-current="page">' if code == language else
                                            f'><a href="{landing_name(project, code)}" hreflang="{_html_lang(code)}">')
        + e(language_name(code)) + ("</span></li>" if code == language else "</a></li>")
        for code in menu_languages)
    rows = []
    for pub in publications(readiness):
        here = [code for code in pub.languages if code in sites and (build / "html" / code / f"{pub.name}.html").is_file()]
        if not here:
            continue
        own = titles.get(language, {}).get(pub.name) if language in here else None
        title = own or titles.get("en", {}).get(pub.name) or pub.name
        title_lang = language if own else "en"
        date = native_digits(language, format_document_date(pub.date, language)) if pub.date else ""
        links = []
        for code in here:
            page = f"html/{code}/{pub.name}.html"
            parts = [f'<a href="{e(page)}" hreflang="{_html_lang(code)}">{e(t("Web page"))}</a>']
            pdfs = printed_parts(project, code, pub.name)
            for number, pdf in enumerate(pdfs, start=1):
                # A document printed in parts: one link per part, in order, "PDF (Part 1 of 3)".
                label = t("PDF") if len(pdfs) == 1 else f'{t("PDF")} ({part_label(language, number, len(pdfs))})'
                href = pdf.relative_to(build).as_posix()
                parts.append(f'<a href="{e(href)}" hreflang="{_html_lang(code)}" type="application/pdf">{e(label)}</a>')
            links.append(f'<li><span lang="{_html_lang(code)}">{e(language_name(code))}</span>: {" · ".join(parts)}</li>')
        rows.append(
            f'<tr id="{e(pub.name)}"><td lang="{_html_lang(title_lang)}">{e(title)}</td>'
            f'<td data-label="{e(t("Kind"))}">{e(kind_name(language, pub.kind))}</td>'
            f'<td data-label="{e(t("Date"))}">{e(date)}</td>'
            f'<td><ul class="languages">{"".join(links)}</ul></td></tr>')
    coverage = next((page for page in COVERAGE_PAGES if (build / page).is_file()), None)
    status = (f'<p class="status"><a href="{coverage.as_posix()}">{e(t("Translation status"))}</a></p>'
              if coverage else "")
    page = f"""<!DOCTYPE html>
<html lang="{_html_lang(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(head_title)}</title>
<link rel="stylesheet" href="html/{stylesheet_site}/_static/mmn-fonts.css">
<style>{render_markers(STYLE, {"tall-lines": landing_rules()})}</style>
</head>
<body>
<header>
<p>{e(t("Mekong Migration Network"))}</p>
<nav aria-label="{e(t("Read this page in:"))}"><span>{e(t("Read this page in:"))}</span> <ul>{menu}</ul></nav>
</header>
<main>
<h1>{e(head_title)}</h1>
<h2>{e(t("All publications"))}</h2>
<table>
<thead><tr><th scope="col">{e(t("Publication"))}</th><th scope="col">{e(t("Kind"))}</th><th scope="col">{e(t("Date"))}</th><th scope="col">{e(t("Languages"))}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{status}
</main>
</body>
</html>
"""
    return mark_line_breaks(page, language)


def write_landing(project: Project, readiness: Readiness) -> list[Path]:
    """Write the landing page in English and in every language whose site is on disk."""
    titles = {code: site_titles(project.build_dir / "html" / code) for code in readiness.languages}
    sites = built_sites(project, readiness.languages)
    written = []
    for code in [project.source_language, *(code for code in sites if code != project.source_language)]:
        path = project.build_dir / landing_name(project, code)
        write_text_atomically(path, render_landing(project, readiness, code, titles, sites))
        written.append(path)
    return written
