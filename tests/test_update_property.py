"""Property: whatever the authors do to the English, no translation is lost."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.extract import extract
from mmn_i18n.gettext.merge import update
from mmn_i18n.project import load_project

WORDS = ("migrant workers wages border permit families rights health women report network "
         "statement employers labour law protection fair safe decent province").split()
THAI = "แรงงาน ข้ามชาติ ค่าจ้าง ชายแดน ใบอนุญาต ครอบครัว สิทธิ สุขภาพ ผู้หญิง รายงาน".split()

CONF = 'gettext_compact = False\ngettext_uuid = False\nlocale_dirs = ["../locale/"]\n'
PYPROJECT = '[tool.mmn-i18n]\nlanguages = ["th"]\n'

paragraph = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(" ".join)
edit = st.one_of(
    st.tuples(st.just("reword"), st.integers(0, 99), st.sampled_from(WORDS)),
    st.tuples(st.just("reorder"), st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("insert"), st.integers(0, 99), paragraph),
    st.tuples(st.just("rename"), st.integers(0, 99)),
)


def write_documents(root: Path, documents: dict[str, list[str]]) -> None:
    source = root / "source"
    for old in source.glob("*.rst"):
        old.unlink()
    names = sorted(documents)
    toctree = "\n".join(f"   {name}" for name in names if name != "index")
    (source / "index.rst").write_text(f"Home\n====\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8")
    for name in names:
        body = "\n\n".join(f"{number} {text}." for number, text in enumerate(documents[name]))
        (source / f"{name}.rst").write_text(f"{name.title()}\n{'=' * len(name)}\n\n{body}\n", encoding="utf-8")


def apply(edit: tuple, documents: dict[str, list[str]], serial: int) -> None:
    name = sorted(documents)[edit[1] % len(documents)]
    paragraphs = documents[name]
    kind = edit[0]
    if kind == "rename":
        documents[f"renamed{serial}"] = documents.pop(name)
    elif not paragraphs:
        paragraphs.append("a fresh paragraph")
    elif kind == "reword":
        words = paragraphs[edit[1] % len(paragraphs)].split()
        words[len(words) // 2] = edit[2]
        paragraphs[edit[1] % len(paragraphs)] = " ".join(words)
    elif kind == "reorder":
        i, j = edit[1] % len(paragraphs), edit[2] % len(paragraphs)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    elif kind == "delete":
        del paragraphs[edit[1] % len(paragraphs)]
    elif kind == "insert":
        paragraphs.insert(edit[1] % (len(paragraphs) + 1), edit[2])


def all_translations(root: Path) -> set[str]:
    """Every msgstr on disk: active, fuzzy or obsolete."""
    found = set()
    for path in (root / "locale" / "th" / "LC_MESSAGES").glob("*.po"):
        found |= {entry.msgstr for entry in read_catalog(path) if entry.msgstr}
    return found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(paragraph, min_size=1, max_size=5), second=st.lists(paragraph, min_size=1, max_size=5),
       rounds=st.lists(st.lists(edit, min_size=1, max_size=4), min_size=1, max_size=2))
def test_no_translation_is_ever_lost(tmp_path_factory, first, second, rounds):
    root = tmp_path_factory.mktemp("property")
    (root / "source").mkdir()
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    project = load_project(root)
    documents = {"alpha": first, "beta": second}
    write_documents(root, documents)
    extract(project)
    list(update(project, project.languages))

    expected = set()
    for path in (root / "locale" / "th" / "LC_MESSAGES").glob("*.po"):
        catalog = read_catalog(path)
        for number, entry in enumerate(catalog):
            entry.msgstr = f"{THAI[number % len(THAI)]} {path.stem} {number}"
            expected.add(entry.msgstr)
        write_catalog(catalog, path)

    serial = 0
    for edits in rounds:
        for change in edits:
            serial += 1
            apply(change, documents, serial)
        write_documents(root, documents)
        extract(project)
        list(update(project, project.languages))
        missing = expected - all_translations(root)
        assert not missing, f"lost after {edits}: {missing}"
