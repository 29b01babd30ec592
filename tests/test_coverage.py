"""Coverage counts: equal to GNU msgfmt --statistics on every catalog, broken ones named."""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mmn_i18n.gettext.coverage import (
    Counts, ScanError, count_catalog, count_lines, count_text, count_tidy_text, decode, measure,
)
from mmn_i18n.errors import CatalogError

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "data" / "coverage"
STAT = re.compile(r"(\d+) (translated|fuzzy|untranslated)")
BUNDLED = sorted(path for path in (REPO / "locale").glob("*/LC_MESSAGES/**/*.po"))


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as GNU msgfmt reports them."""
    result = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)],
                            capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    found = {kind: int(count) for count, kind in STAT.findall(result.stderr)}
    assert found, result.stderr
    return found.get("translated", 0), found.get("fuzzy", 0), found.get("untranslated", 0)


def ours(path: Path) -> tuple[int, int, int]:
    counts = count_catalog(path)
    return counts.translated, counts.fuzzy, counts.untranslated


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.po")), ids=lambda p: p.name)
def test_fixture_counts_equal_msgfmt(path):
    assert ours(path) == msgfmt_statistics(path)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(REPO / "locale").as_posix())
def test_bundled_catalog_counts_equal_msgfmt(path):
    assert ours(path) == msgfmt_statistics(path)


def test_there_are_bundled_catalogs_in_every_language():
    assert {path.relative_to(REPO / "locale").parts[0] for path in BUNDLED} >= {"my", "km", "lo", "th", "vi", "zh_CN", "shn"}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.po")) + BUNDLED, ids=lambda p: p.name)
def test_fast_path_agrees_with_line_scanner(path):
    text = decode(path.read_bytes()).replace("\r\n", "\n")
    fast = count_tidy_text(text)
    assert fast is None or fast == count_lines(text)


def test_gettext_layout_takes_the_fast_path_and_untidy_files_do_not():
    tidy = decode((FIXTURES / "fuzzy_obsolete.po").read_bytes())
    untidy = decode((FIXTURES / "untidy_layout.po").read_bytes())
    assert count_tidy_text(tidy) is not None
    assert count_tidy_text(untidy) is None


def test_fixture_traps_give_the_documented_counts():
    # the traps written in the fixtures' comments, in numbers
    assert count_catalog(FIXTURES / "fuzzy_obsolete.po") == Counts(
        translated=2, fuzzy=2, untranslated=2,
        words_translated=2 + 2, words_fuzzy=4 + 4, words_untranslated=3 + 4)
    assert count_catalog(FIXTURES / "empty_header_msgstr.po").untranslated == 1  # msgfmt's quirk
    plurals = count_catalog(FIXTURES / "plurals.po")
    assert (plurals.translated, plurals.fuzzy, plurals.untranslated) == (2, 1, 1)
    assert plurals.words_untranslated == 4 + 4  # msgid and msgid_plural are both source words


def test_words_are_english_source_words():
    counts = count_catalog(FIXTURES / "escapes.po")
    # "Line one\nline two\tand a tab" is 7 words: escapes separate words
    assert counts.words_untranslated == 7 + 3  # and "Only empty strings"
    zero_width = count_catalog(FIXTURES / "zero_width.po")
    assert zero_width.words_untranslated == 3  # a zero-width space does not separate English words


BROKEN = {path.name: int(re.search(r"line (\d+)", path.read_text(encoding="utf-8", errors="replace")).group(1))
          for path in sorted((FIXTURES / "broken").glob("*.po"))}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_catalog_is_named_with_its_line_and_msgfmt_rejects_it_too(name):
    path = FIXTURES / "broken" / name
    result = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)], capture_output=True)
    assert result.returncode != 0
    with pytest.raises(CatalogError) as raised:
        count_catalog(path)
    assert raised.value.line == BROKEN[name]
    assert str(raised.value).startswith(f"{path}:{BROKEN[name]}: ")


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(CatalogError, match="cannot read"):
        count_catalog(tmp_path / "nothing.po")


def test_one_broken_catalog_does_not_stop_the_others(tmp_path):
    for lang in ("th", "km"):
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "plurals.po").write_bytes((FIXTURES / "plurals.po").read_bytes())
    (tmp_path / "km" / "LC_MESSAGES" / "broken.po").write_bytes(
        (FIXTURES / "broken" / "merge_conflict.po").read_bytes())
    (tmp_path / "pot").mkdir()
    (tmp_path / "pot" / "plurals.pot").write_bytes((FIXTURES / "plurals.po").read_bytes())
    for jobs in (1, 2):
        result = measure(tmp_path, jobs=jobs)
        assert result.languages == ("km", "th")  # pot/ is not a language
        assert [(c.language, c.document) for c in result.catalogs] == [("km", "plurals"), ("th", "plurals")]
        assert [(p.path.name, p.line) for p in result.problems] == [("broken.po", 6)]


def test_process_pool_gives_the_same_counts_as_one_process(tmp_path):
    for index in range(50):  # enough catalogs for the pool to start
        source = sorted(FIXTURES.glob("*.po"))[index % 14]
        folder = tmp_path / ("th" if index % 2 else "vi") / "LC_MESSAGES" / "sub"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index:02d}-{source.name}").write_bytes(source.read_bytes())
    assert measure(tmp_path, jobs=2) == measure(tmp_path, jobs=1)
    assert {c.document.split("/")[0] for c in measure(tmp_path, jobs=1).catalogs} == {"sub"}


# Property: for any catalog we can write, in msgcat's layout or an untidy one,
# the counts equal msgfmt's and both scanners agree.
TEXT = st.text(alphabet=st.sampled_from(list("abc xyz.,'\"\\\tแรงงาน\u200bលក្ខ")), min_size=0, max_size=40)


@st.composite
def catalogs(draw):
    entries = []
    for index in range(draw(st.integers(0, 8))):
        entries.append({
            "context": draw(st.none() | TEXT),
            # unique and never the header's empty msgid, but now and then a repeat, which msgfmt rejects
            "msgid": draw(TEXT) + f" {index if draw(st.integers(0, 15)) else 0}",
            "plural": draw(st.none() | TEXT),
            "msgstr": draw(st.sampled_from(["", ""]) | TEXT),
            "msgstr1": draw(TEXT),
            "fuzzy": draw(st.booleans()),
            "obsolete": draw(st.integers(0, 5)) == 0,
            "previous": draw(st.none() | TEXT),
        })
    header = draw(st.sampled_from(["normal", "fuzzy", "empty", "none"]))
    untidy = draw(st.booleans())
    crlf = draw(st.booleans())
    return entries, header, untidy, crlf


def po_string(keyword: str, text: str, prefix: str, untidy: bool) -> str:
    escaped = [text[i:i + 7].replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
               for i in range(0, len(text), 7)] or [""]
    if len(escaped) == 1:
        return f'{prefix}{keyword}{"  " if untidy else " "}"{escaped[0]}"\n'
    return f'{prefix}{keyword} ""\n' + "".join(f'{prefix}{"  " if untidy else ""}"{part}"\n' for part in escaped)


def write_catalog_text(entries, header: str, untidy: bool) -> str:
    out = []
    if header != "none":
        if header == "fuzzy":
            out.append("#, fuzzy\n")
        out.append('msgid ""\nmsgstr ""\n')
        if header != "empty":
            out.append('"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=n != 1;\\n"\n')
        out.append("\n")
    for entry in entries:
        prefix = "#~ " if entry["obsolete"] else ""
        out.append("# a translator's comment\n")
        if entry["fuzzy"]:
            out.append("#, fuzzy\n")
        if entry["previous"] is not None:
            out.append(po_string("msgid", entry["previous"], "#| " if not prefix else "#~| ", False))
        if entry["context"] is not None:
            out.append(po_string("msgctxt", entry["context"], prefix, untidy))
        out.append(po_string("msgid", entry["msgid"], prefix, untidy))
        if entry["plural"] is not None:
            out.append(po_string("msgid_plural", entry["plural"], prefix, untidy))
            out.append(po_string("msgstr[0]", entry["msgstr"], prefix, untidy))
            out.append(po_string("msgstr[1]", entry["msgstr1"], prefix, untidy))
        else:
            out.append(po_string("msgstr", entry["msgstr"], prefix, untidy))
        out.append("" if untidy else "\n")
    return "".join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_any_catalog_counts_as_msgfmt_counts_it(catalog):
    entries, header, untidy, crlf = catalog
    text = write_catalog_text(entries, header, untidy)
    if crlf:
        text = text.replace("\n", "\r\n")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "random.po"
        path.write_bytes(text.encode("utf-8"))
        gettext = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)], capture_output=True)
        if gettext.returncode == 0:
            assert ours(path) == msgfmt_statistics(path)
        else:  # a repeated message: msgfmt refuses the catalog, and so do we
            with pytest.raises(CatalogError, match="duplicate message definition"):
                count_catalog(path)
            return
    unix = text.replace("\r\n", "\n")
    fast = count_tidy_text(unix)
    assert fast is None or fast == count_lines(unix)
    if not untidy and '\\\\"' not in unix:  # a string ending in an escaped backslash may take the slow path
        assert fast is not None, "msgcat's layout should take the fast path"


def test_scan_error_carries_the_line():
    with pytest.raises(ScanError) as raised:
        count_text('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d\n')
    assert raised.value.line == 5


def test_forked_workers_report_problems_and_counts_as_one_process_does(tmp_path):
    for index in range(60):  # enough catalogs for workers to start; every 7th one broken
        source = (FIXTURES / "broken" / "merge_conflict.po") if index % 7 == 3 else sorted(FIXTURES.glob("*.po"))[index % 14]
        folder = tmp_path / ("th" if index % 2 else "km") / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index:02d}-{source.name}").write_bytes(source.read_bytes())
    one = measure(tmp_path, jobs=1)
    assert len(one.problems) == 9 and len(one.catalogs) == 51
    for jobs in (2, 3, 5):
        assert measure(tmp_path, jobs=jobs) == one
