"""The landing page: every publication with its date, kind and the languages it is available in.

Written after the sites are built, as _build/index.html (English) and
_build/index.<lang>.html (each project language), each with a menu linking
the others. Every row links the HTML page and, where it has been built, the
PDF (_build/pdf/<lang>/<docname>.pdf) in each language the document is
published in. Titles come from each site's search index (the translated
titles Sphinx wrote), so the landing page needs no second Sphinx run. The
coverage report (_build/coverage/index.html) is linked as the "translation
status" page when it exists (`mmn-i18n build` writes it to _build/coverage/).
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from .languages import get_language
from .project import Project
from .readiness import Readiness
from .sphinx_ext.site_text import format_document_date, kind_name, language_name, translate

# Where the coverage report may be (mmn_i18n.coverage_report.write_report), first found wins.
COVERAGE_PAGES = (Path("coverage") / "index.html", Path("html") / "coverage" / "index.html")


@dataclass(frozen=True)
class Publication:
    name: str
    kind: str
    date: str
    languages: tuple[str, ...]


def landing_name(project: Project, language: str) -> str:
    return "index.html" if language == project.source_language else f"index.{language}.html"


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


def _html_lang(code: str) -> str:
    return get_language(code).html_lang if code != "en" else "en"


def render_landing(project: Project, readiness: Readiness, language: str,
                   titles: dict[str, dict[str, str]]) -> str:
    t = lambda message: translate(language, message)  # noqa: E731
    e = html.escape
    build = project.build_dir
    stylesheet_site = language if (build / "html" / language / "_static" / "mmn-fonts.css").is_file() else "en"
    head_title = titles.get(language, {}).get("index") or titles.get("en", {}).get("index") or "Publications"
    menu = " ".join(
        f'<li lang="{_html_lang(code)}"' + (' class="current"><span aria-current="page">' if code == language else
                                            f'><a href="{landing_name(project, code)}" hreflang="{_html_lang(code)}">')
        + e(language_name(code)) + ("</span></li>" if code == language else "</a></li>")
        for code in readiness.languages)
    rows = []
    for pub in publications(readiness):
        own = titles.get(language, {}).get(pub.name) if language in pub.languages else None
        title = own or titles.get("en", {}).get(pub.name) or pub.name
        title_lang = language if own else "en"
        date = format_document_date(pub.date, language) if pub.date else ""
        links = []
        for code in pub.languages:
            page = f"html/{code}/{pub.name}.html"
            pdf = f"pdf/{code}/{pub.name}.pdf"
            parts = [f'<a href="{e(page)}" hreflang="{_html_lang(code)}">{e(t("Web page"))}</a>']
            if (build / pdf).is_file():
                parts.append(f'<a href="{e(pdf)}" hreflang="{_html_lang(code)}" type="application/pdf">{e(t("PDF"))}</a>')
            links.append(f'<li><span lang="{_html_lang(code)}">{e(language_name(code))}</span>: {" · ".join(parts)}</li>')
        rows.append(
            f'<tr id="{e(pub.name)}"><td lang="{_html_lang(title_lang)}">{e(title)}</td>'
            f"<td>{e(kind_name(language, pub.kind))}</td><td>{e(date)}</td>"
            f'<td><ul class="languages">{"".join(links)}</ul></td></tr>')
    coverage = next((page for page in COVERAGE_PAGES if (build / page).is_file()), None)
    status = (f'<p class="status"><a href="{coverage.as_posix()}">{e(t("Translation status"))}</a></p>'
              if coverage else "")
    return f"""<!DOCTYPE html>
<html lang="{_html_lang(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(head_title)}</title>
<link rel="stylesheet" href="html/{stylesheet_site}/_static/mmn-fonts.css">
<style>
body {{ font-family: var(--mmn-font-stack, sans-serif); max-width: 1000px; margin: 1em auto; padding: 0 1em; line-height: 1.6; }}
nav ul, ul.languages {{ list-style: none; padding: 0; margin: 0; }}
nav li {{ display: inline; margin-right: 0.8em; }} nav li.current {{ font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #ddd; padding: 0.5em; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<nav aria-label="{e(t("Read this page in:"))}"><span>{e(t("Read this page in:"))}</span> <ul>{menu}</ul></nav>
<h1>{e(head_title)}</h1>
<h2>{e(t("All publications"))}</h2>
<table>
<thead><tr><th></th><th>{e(t("Kind"))}</th><th>{e(t("Date"))}</th><th>{e(t("Languages"))}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{status}
</body>
</html>
"""


def write_landing(project: Project, readiness: Readiness) -> list[Path]:
    """Write the landing page in English and in every language of the readiness matrix."""
    titles = {code: site_titles(project.build_dir / "html" / code) for code in readiness.languages}
    written = []
    for code in readiness.languages:
        path = project.build_dir / landing_name(project, code)
        partial = path.with_suffix(".part")
        partial.write_text(render_landing(project, readiness, code, titles), encoding="utf-8")
        partial.replace(path)
        written.append(path)
    return written
