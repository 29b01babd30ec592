"""Search in languages written without spaces: Thai, Lao, Khmer, Burmese and Shan.

Sphinx's own search splits text at non-word characters, so a Thai paragraph
becomes one giant "word" and no query finds it; it only segments Chinese
(jieba, `sphinx.search.zh`, which zh_CN falls back to) and Japanese. Here each
of th, lo, km, my and shn gets a SearchLanguage whose splitter is
mmn_i18n.segment.words: ICU dictionary words for th/lo/km/my, syllables for
Shan (ICU has no Shan dictionary and its Burmese one cuts Shan syllables).

The query side runs in the reader's browser. Sphinx's default JS splitter
splits at anything that is not a \\p{Letter}, which cuts Thai, Khmer and
Myanmar words at every vowel sign or tone mark (they are \\p{Mark}). Our
splitQuery keeps marks, then segments each run with the browser's own ICU
word breaker (Intl.Segmenter, in every current browser), the same kind of
dictionary the index was built with; without Intl.Segmenter a run is kept
whole, so a one-word query still finds its word. For Shan the same syllable
rule as segment.py is written in JavaScript.

Chinese keeps Sphinx's jieba splitter; its query side is Sphinx's default
splitter (a run of Han characters is one query term, found when jieba
indexed it as a word), with the browser-side fault of Sphinx 9.0 repaired
(search_zh.SearchChineseFixed).
"""
from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from ...patches import register_chinese_search
from ...language_facts import DICTIONARY, FACTS, JIEBA, SYLLABLES, LanguageFacts
from ...languages import get_language
from ...segment import words

# Runs of letters, marks (vowel signs, tone marks, asat, virama), digits and
# joiners; everything else separates words in a query.
_JS_RUNS = r"/[\p{Letter}\p{Mark}\p{Number}_\u200c\u200d]+/gu"

DICTIONARY_SPLITTER = """
var splitQuery = (query) => {
  const runs = query.match(%(runs)s) || [];
  if (typeof Intl === "undefined" || !Intl.Segmenter) return runs;
  const segmenter = new Intl.Segmenter(%(lang)s, { granularity: "word" });
  const words = [];
  for (const run of runs)
    for (const part of segmenter.segment(run)) if (part.isWordLike) words.push(part.segment);
  return words;
};
"""

# The Myanmar-script syllable rule of mmn_i18n.segment.myanmar_syllable_starts.
SYLLABLE_SPLITTER = r"""
var splitQuery = (query) => {
  const base = /[\u1000-\u102a\u103f\u1040-\u1049\u104c-\u104f\u1050-\u1055\u105a-\u105d\u1061\u1065\u1066\u106e-\u1070\u1075-\u1081\u108e\u1090-\u1099\ua9e0-\ua9e4\ua9e7-\ua9ef\ua9fa-\ua9fe\uaa60-\uaa6f\uaa71-\uaa76\uaa7a]/u;
  const myanmar = /[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]/u;
  const digit = /[\u1040-\u1049\u1090-\u10990-9]/u;
  const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("und", { granularity: "word" }) : null;
  const words = [];
  const syllables = (chars) => {
    let start = 0;
    for (let i = 1; i < chars.length; i++) {
      const ch = chars[i], before = chars[i - 1], after = chars[i + 1] || "";
      if (base.test(ch) && !["\u103a", "\u1039"].includes(after) && before !== "\u1039"
          && !(digit.test(ch) && digit.test(before))) { words.push(chars.slice(start, i).join("")); start = i; }
    }
    words.push(chars.slice(start).join(""));
  };
  const other = (text) => {
    if (!segmenter) { words.push(text); return; }
    for (const part of segmenter.segment(text)) if (part.isWordLike) words.push(part.segment);
  };
  for (const run of query.match(%(runs)s) || []) {
    // Shan by the syllable rule; other scripts (the vocabulary table shows them all) by ICU's dictionaries
    for (const piece of run.match(/[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]+|[^\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]+/gu))
      myanmar.test(piece) ? syllables(Array.from(piece)) : other(piece);
  }
  return words;
};
"""


class _SegmentedSearch(SearchLanguage):
    """A language whose words come from mmn_i18n.segment, not from spaces."""

    segment_language = ""

    def split(self, input: str) -> list[str]:
        return words(input, self.segment_language)

    def stem(self, word: str) -> str:
        return word.lower()  # Latin names inside the text; the JS side lowercases queries too


_MYANMAR_RUNS = re.compile("([\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]+)")


class _SyllableSearch(_SegmentedSearch):
    def split(self, input: str) -> list[str]:
        """The page's Myanmar-script runs by the syllable rule (Shan); other scripts on the
        page (the vocabulary table shows Thai, Khmer, Lao and Chinese) by ICU's dictionaries,
        as on their own sites."""
        result = []
        for index, piece in enumerate(_MYANMAR_RUNS.split(input)):
            if piece.strip():
                result += words(piece, self.segment_language if index % 2 else "und")
        return result


def _language(entry: LanguageFacts) -> type[SearchLanguage]:
    """A SearchLanguage for a language whose search_splitter is ours (dictionary or syllables)."""
    code = entry.code
    splitter, base = ((SYLLABLE_SPLITTER, _SyllableSearch) if entry.search_splitter == SYLLABLES
                      else (DICTIONARY_SPLITTER, _SegmentedSearch))
    js = splitter % {"runs": _JS_RUNS, "lang": f'"{code}"'}
    name = get_language(code).english_name.split(" (")[0]
    return type(f"Search{name.replace(' ', '')}", (base,), {
        "lang": code, "language_name": name, "segment_language": code, "js_splitter_code": js,
    })


def search_languages() -> list[type[SearchLanguage]]:
    return [_language(entry) for entry in FACTS.values() if entry.search_splitter in (DICTIONARY, SYLLABLES)]


def setup(app: Sphinx) -> dict:
    for language in search_languages():
        app.add_search_language(language)
    # By name, as Sphinx lists its own: jieba is imported only by a Chinese build.
    register_chinese_search(sorted({entry.code.split("_")[0] for entry in FACTS.values() if entry.search_splitter == JIEBA}))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
