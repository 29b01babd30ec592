"""The checks on any language and any Sphinx tree: real catalogs of others, composite scripts,
reST checks only for reST sources, gettext conventions, code, localised links, translated terms."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from mmn_i18n.gettext.checks import check_catalog, check_paths
from mmn_i18n.gettext.checks.script import expected_scripts
from mmn_i18n.languages import get_language
from checks_helpers import findings_for, ids, write_po

SPHINX = Path(__file__).parent / "data" / "checks" / "sphinx"


def test_sphinx_own_catalogs_in_seven_languages_have_no_errors():
    """3,925 entries translated by Sphinx's translators in ja, ko, fr, de, es, ru and ar:
    Japanese and Korean are written in several scripts at once (CLDR's Jpan, Kore),
    Russian's catalog declares Transifex's four plural forms, French's form 0 of
    "found one page" leaves the count out as the English singular does."""
    findings = check_paths([SPHINX])
    assert {f.language for f in findings} <= {"ja", "ko", "fr", "de", "es", "ru", "ar"}
    assert [f"{f.path.name}:{f.language}:{f.line} {f.check}" for f in findings if f.is_error] == []
    assert not [f for f in findings if f.check.startswith("script")]


@pytest.mark.parametrize(("code", "scripts"), [
    ("ja", ("Hani", "Hira", "Kana")), ("ko", ("Hang", "Hani")), ("zh_CN", ("Hani",)), ("zh_TW", ("Hani",)),
    ("ar", ("Arab",)), ("ru", ("Cyrl",)), ("fr", ("Latn",)), ("th", ("Thai",)), ("shn", ("Mymr",)),
])
def test_expected_scripts_come_from_cldr_with_composites_expanded(code, scripts):
    assert expected_scripts(get_language(code)) == scripts


@pytest.mark.parametrize(("lang", "msgstr", "expected"), [
    ("ja", "移住労働者には医療を受ける権利があります。", set()),
    ("ja", "이주 노동자는 건강 관리를 받을 권리가 있습니다.", {"script"}),  # Korean in Japanese
    ("ko", "이주 노동자는 건강(健康) 관리를 받을 권리가 있습니다.", set()),  # Hanja is Korean writing
    ("ko", "移住労働者には医療を受ける権利があります。", {"script-mixed"}),  # Japanese kana in Korean
    ("ar", "للعمال المهاجرين الحق في الرعاية الصحية.", set()),
    ("ar", "Migrants have the right to health care everywhere.", {"script"}),
    ("ru", "Мигранты имеют право на медицинскую помощь.", set()),
])
def test_scripts_of_any_language(tmp_path, lang, msgstr, expected):
    msgid = "Migrants have the right to health care."
    found = ids(findings_for(tmp_path, lang, msgid, msgstr)) - {"numbers-missing"}
    assert {check for check in found if check.startswith("script")} == expected


@pytest.mark.parametrize("text", [
    ">>> import codecs\n>>> codecs.lookup('utf-8')\nCodecInfo(name='utf-8')",
    "ascii, latin_1, utf_8, utf_16, cp1252, mac_roman, iso8859_15",
])
def test_doctests_and_identifier_lists_are_not_errors(tmp_path, text):
    for lang in ("ja", "th", "km"):
        assert not ids(findings_for(tmp_path / lang, lang, text, text)) & {"script", "untranslated", "script-mixed"}


def test_a_role_repeated_in_the_translation_is_not_an_error(tmp_path):
    msgid = "Use :func:`open` to read a file."
    msgstr = "ファイルを読むには :func:`open` を使います（:func:`open` は組み込み関数です）。"
    found = findings_for(tmp_path, "ja", msgid, msgstr)
    assert not [f for f in found if f.is_error]
    assert "rst-inline" in ids(found)  # still shown: Sphinx warns about it


def test_func_and_func_with_parentheses_are_the_same_target(tmp_path):
    found = findings_for(tmp_path, "fr", "Use :func:`html.unescape`.", "Utilisez :func:`html.unescape()`.")
    assert "rst-references" not in ids(found)


def test_a_translated_term_target_resolves_through_the_trees_glossary(tmp_path):
    msgid = "A :term:`borrowed reference` is not owned."
    msgstr = "Une :term:`référence empruntée` n'est pas possédée."
    path = write_po(tmp_path, "fr", [{"msgid": msgid, "msgstr": msgstr}], name="api")
    assert "rst-references" in ids(check_catalog(path))  # no glossary translates it: the link breaks
    write_po(tmp_path, "fr", [{"msgid": "borrowed reference", "msgstr": "référence empruntée"}], name="glossary")
    # each check_catalog call is a run of its own: the glossary written since is seen
    assert "rst-references" not in ids(check_catalog(path))
    path.write_text(path.read_text(encoding="utf-8").replace("empruntée`", "emprunté`"), encoding="utf-8")
    assert "rst-references" in ids(check_catalog(path))


def _catalog(tmp_path: Path, lang: str, entries: list[tuple[str, str, list]]) -> Path:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": get_language(lang).plural_forms}
    for msgid, msgstr, occurrences in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=occurrences))
    path = tmp_path / lang / "LC_MESSAGES" / "mixed.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def test_rest_checks_only_for_entries_from_rest_sources(tmp_path):
    """One catalog, entries from an .rst page, a MyST .md page and an HTML template:
    only the .rst entry is read as reST."""
    msgid, msgstr = "See :ref:`the list <contacts>`.", "Voir :ref:`la liste <contact>`."
    path = _catalog(tmp_path, "fr", [
        (msgid, msgstr, [("source/index.rst", "3")]),
        (msgid + " ", msgstr + " ", [("source/page.md", "3")]),
        (msgid + "  ", msgstr + "  ", [("templates/layout.html", "7")]),
    ])
    rest = [f for f in check_catalog(path) if f.check.startswith("rst-")]
    assert [f.msgid for f in rest] == [msgid]


def test_translator_credits_are_a_convention_not_a_translation(tmp_path):
    path = _catalog(tmp_path, "vi", [
        ("translator-credits", "Nguyễn Văn A <a@example.org>, https://example.org/vi", []),
        ("Your names", "Nguyễn Văn A", []),
    ])
    assert check_catalog(path) == []


def test_french_traditional_two_plural_forms_and_russian_four_are_accepted(tmp_path):
    for lang, forms in (("fr", "nplurals=2; plural=(n > 1);"),
                        ("ru", "nplurals=4; plural=(n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && "
                               "n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : n % 10 == 0 || "
                               "(n % 10 >= 5 && n % 10 <= 9) || (n % 100 >= 11 && n % 100 <= 14) ? 2 : 3);"),
                        ("ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                               "(n%100<10 || n%100>=20) ? 1 : 2);")):
        path = write_po(tmp_path / lang / forms[9], lang, [{"msgid": "x", "msgstr": "y"}],
                        header={"Plural-Forms": forms})
        assert "header" not in ids(check_catalog(path)), forms
    path = write_po(tmp_path / "de", "de", [{"msgid": "x", "msgstr": "y"}],
                    header={"Plural-Forms": "nplurals=3; plural=(n > 1);"})
    assert "header" in ids(check_catalog(path))


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    # Sphinx reads ".name" as name (searched more widely): the same target
    ("Like :func:`.gettext`, but plural.", "Comme :func:`gettext`, mais au pluriel.", set()),
    # "!" turns the link off: no cross-reference for Sphinx to compare
    ("If it has no name, ValueError is raised.", "Sans nom, une :exc:`!ValueError` est levée.", set()),
    # the same link with its text translated
    ("Download `the Gist <gist_>`__ as a ZIP.", "Téléchargez `le Gist <gist_>`__ en ZIP.", set()),
    ("See `The Schema Table`_ for details.", "Voir `la table du schéma <The Schema Table_>`_.", set()),
    ("See the `Notes`_.", "Voir les `notes`_.", set()),
    # ...but a renamed target is still an error, and so is a typo in one
    ("See the `Examples`_ below.", "Voir les `Exemples`_ ci-dessous.", {"rst-references"}),
    ("Use :func:`os.pwrite`.", "Utilisez :func:`os. pwrite`.", {"rst-references"}),
])
def test_what_sphinx_resolves_the_same_is_not_an_error(tmp_path, msgid, msgstr, expected):
    assert ids(findings_for(tmp_path, "fr", msgid, msgstr)) & {"rst-references"} == expected


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("files older than 1980-01-01, or newer than 2107-12-31",
     "les fichiers d'avant le 1er janvier 1980 ou d'après le 31 décembre 2107", set()),
    ("files older than 1980-01-01, or newer than 2107-12-31",
     "les fichiers d'avant le 1er janvier 1980 ou d'après le 31 novembre 2107", {"numbers-missing"}),
    ("Version 0.11: posted July 1 2006.", "Version 0.11 : publiée le 1er juillet 2006.", set()),
])
def test_dates_written_out_in_the_translation(tmp_path, msgid, msgstr, expected):
    found = ids(findings_for(tmp_path, "fr", msgid, msgstr)) & {"numbers", "numbers-missing", "numbers-extra"}
    assert found == expected
