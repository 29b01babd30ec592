"""Sphinx's Chinese search (jieba) with its browser side repaired; loaded by name, only for Chinese builds."""
from __future__ import annotations

from sphinx.search import _MINIFIED_JS_PATH
from sphinx.search.zh import SearchChinese


class SearchChineseFixed(SearchChinese):
    """Sphinx's Chinese search (jieba), with a browser side that runs.

    Sphinx 9.0's zh search writes language_data.js ending in
    `window.Stemmer = ChineseStemmer;`, a name its English stemmer file
    does not define: the script throws in the browser, searchtools.js has no
    Stemmer and Chinese search finds nothing. Same splitter and stemmer here,
    bound under the name the file defines.
    """

    js_stemmer_rawcode = ""  # language_data.js gets js_stemmer_code below instead

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        return "\n".join((
            (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
            (_MINIFIED_JS_PATH / "english-stemmer.js").read_text(encoding="utf-8"),
            "window.Stemmer = EnglishStemmer;",
        ))
