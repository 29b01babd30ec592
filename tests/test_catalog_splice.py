"""A spliced save (one entry and the header laid out again) is byte for byte what msgcat writes for the whole catalog."""
from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from mmn_i18n.gettext.catalog_splice import splice_entry
from mmn_i18n.gettext.catalogs import catalog_text, normalise, read_catalog, write_catalog, write_catalog_text

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["my", "km", "lo", "th", "vi", "zh_CN", "shn"]

# Our own English; the translations come from the language's own catalogs (real text, real script).
EXTRA = '''
msgctxt "button"
msgid "Save"
msgstr ""

msgid "{n} worker returned home"
msgid_plural "{n} workers returned home"
msgstr[0] ""

#. A long message, so that msgcat wraps it.
#: about.rst:99
msgid "Migrant workers who return home after years abroad need their savings, their skills and their health to be recognised by the communities and the authorities of the places they come back to."
msgstr ""
'''


def msgcat(text: str) -> str:
    return subprocess.run(["msgcat", "--to-code=UTF-8", "--use-first", "-o", "-", "-"], input=text,
                          capture_output=True, text=True, check=True).stdout


def prepared(tmp_path: Path, lang: str) -> tuple[Path, list[str]]:
    """about.po of lang with a msgctxt, a plural and a long entry, in msgcat's layout; the language's texts."""
    source = REPO / "locale" / lang / "LC_MESSAGES" / "about.po"
    path = tmp_path / lang / "about.po"
    path.parent.mkdir(parents=True)
    path.write_text(msgcat(source.read_text(encoding="utf-8") + EXTRA), encoding="utf-8")
    texts = sorted((e.msgstr for e in read_catalog(path) if e.msgstr and "\n" not in e.msgstr), key=len)
    assert len(texts) >= 3, lang
    return path, texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_spliced_save_equals_msgcats_layout_of_the_whole_catalog(tmp_path, lang):
    path, texts = prepared(tmp_path, lang)
    longest = " ".join(texts[-3:])  # long enough to wrap, in the language's own script and spacing
    catalog = read_catalog(path)
    edits = {("button", "Save"): [texts[0]], (None, "{n} worker returned home"): [texts[1]],
             (None, catalog[-1].msgid): [longest]}
    edits[(None, catalog[0].msgid)] = [longest + "\n" + texts[0]] if catalog[0].msgid.count("\n") == 0 else [texts[0]]
    for round_number, ((context, msgid), forms) in enumerate(edits.items()):
        old_text = path.read_text(encoding="utf-8")
        catalog = read_catalog(path)
        entry = next(e for e in catalog if e.msgid == msgid and e.msgctxt == context)
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = forms[0]
        entry.flags = ["fuzzy"] if round_number % 2 else []
        catalog.metadata["PO-Revision-Date"] = f"2026-12-05 14:{round_number:02d}+0000"
        catalog.metadata["Last-Translator"] = "Sokha Chan"
        spliced = splice_entry(old_text, catalog, entry, path)
        assert spliced is not None, (lang, msgid)
        assert spliced == normalise(catalog_text(catalog), path), (lang, msgid)  # what write_catalog would write
        write_catalog_text(path, spliced, meant=catalog)
        on_disk = path.read_text(encoding="utf-8")
        assert msgcat(on_disk) == on_disk  # GNU msgcat leaves the file exactly as it is
        changed = [line for line in on_disk.splitlines() if line not in old_text.splitlines()]
        assert any("PO-Revision-Date" in line for line in changed)
    wrapped = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith('"')]
    assert len(wrapped) > 15  # the long texts really were wrapped by msgcat


def test_a_catalog_not_one_block_per_entry_is_not_spliced(tmp_path):
    path, texts = prepared(tmp_path, "km")
    catalog = read_catalog(path)
    entry = catalog[2]
    entry.msgstr = texts[0]
    squeezed = path.read_text(encoding="utf-8").replace("\n\n", "\n\n\n", 1)
    assert splice_entry(squeezed, catalog, entry, path) is None
    assert splice_entry(path.read_text(encoding="utf-8"), catalog, polib.POEntry(msgid="x"), path) is None


def test_workspace_saves_stay_in_msgcats_layout(tmp_path, monkeypatch):
    """Through the workspace's save: the file after each save is what msgcat makes of it."""
    from conftest import copy_project
    from mmn_i18n.interfaces.workspace import project_api
    from mmn_i18n.interfaces.workspace.project_api import ProjectAPI
    from mmn_i18n.project import load_project

    spliced = []  # the real splice, counted

    def counting(*args):
        text = splice_entry(*args)
        spliced.append(text is not None)
        return text

    monkeypatch.setattr(project_api, "splice_entry", counting)

    root = copy_project(tmp_path / "p")
    api = ProjectAPI(load_project(root))
    path = root / "locale" / "th" / "LC_MESSAGES" / "about.po"
    write_catalog(read_catalog(path), path)
    texts = [e.msgstr for e in read_catalog(path) if e.msgstr and "\n" not in e.msgstr]
    plain = [e for e in api.entries("th", "about") if "\n" not in e["msgid"].strip("\n") and not e["msgid"].startswith("\n")
             and not e["msgid"].endswith("\n")]
    for number, item in enumerate(plain[:4]):
        api.save(item["id"], {"msgstr": " ".join(texts[number:number + 4]), "fuzzy": bool(number % 2),
                              "revision": item["revision"]}, "Malee")
        on_disk = path.read_text(encoding="utf-8")
        assert msgcat(on_disk) == on_disk
    assert spliced == [True, True, True]  # the first save wrote the whole catalog (a file it had not written)
