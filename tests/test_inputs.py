"""What a step is made of is derived from the code's imports (mmn_i18n.publishing.inputs), not kept by hand.

The digests are computed over a copy of the package (PACKAGE_DIR pointed at
it), so the tests can add modules and imports without touching the checkout.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mmn_i18n.publishing import inputs
from mmn_i18n.project import load_project

from conftest import copy_project

PACKAGE = Path(inputs.__file__).resolve().parents[1]


def module_name(path: Path, package_dir: Path = PACKAGE) -> tuple[str, bool]:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def ast_imports(source: str, module: str, is_package: bool) -> set[str]:
    """What Python's own parser says a module imports or names as a module (the reference)."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                r"mmn_i18n(?:\.\w+)+", node.value):
            found.add(node.value)
    return {name for name in found if name == "mmn_i18n" or name.startswith("mmn_i18n.")}


def test_the_fast_scanner_finds_every_import_pythons_parser_finds():
    """The digests read imports with regular expressions (fast); ast is the reference, on every module."""
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 80
    for path in modules:
        name, is_package = module_name(path)
        source = path.read_text(encoding="utf-8")
        missed = ast_imports(source, name, is_package) - inputs.scan(source, name, is_package).imports
        assert not missed, f"{path}: the scanner misses {missed}"


@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """A copy of mmn_i18n that the digests look at instead of the checkout's."""
    copy = tmp_path / "pkg" / "mmn_i18n"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(inputs, "PACKAGE_DIR", copy)
    return copy


@pytest.fixture
def project(tmp_path):
    return load_project(copy_project(tmp_path / "project"))


def digests(project) -> dict[str, str]:
    return {"site": inputs.site_digest(project, "th"), "checks": inputs.checks_digest(project, "th"),
            "pdf": inputs.pdf_pages_digest(project, "th"), "printer": inputs.printer_digest()}


def touch(path: Path, text: str | None = None) -> None:
    if text is not None:
        path.write_text(text, encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))  # a later time, whatever the clock


def changed(before: dict, after: dict) -> set[str]:
    return {step for step in before if before[step] != after[step]}


def test_a_module_counts_for_a_site_once_a_site_module_imports_it(package_copy, project):
    helper = package_copy / "gettext" / "helper_new.py"
    helper.write_text("WORDS = 1\n", encoding="utf-8")
    before = digests(project)
    touch(helper, "WORDS = 2\n")
    assert changed(before, digests(project)) == set()  # imported by nothing yet: nothing is made of it

    search = package_copy / "publishing" / "site" / "search.py"
    text = search.read_text(encoding="utf-8")
    search.write_text(text.replace("from ...segment import words\n",
                                   "from ...segment import words\nfrom ...gettext import helper_new  # noqa\n"),
                      encoding="utf-8")
    before = digests(project)
    touch(helper, "WORDS = 3\n")
    # the site now depends on it, and so do the PDFs: Sphinx writes their pages with the same
    # extension, and the printer imports site.site_text, whose package names every extension module
    assert changed(before, digests(project)) == {"site", "pdf", "printer"}


def test_an_import_inside_a_function_counts_too(package_copy, project):
    helper = package_copy / "helper_lazy.py"
    helper.write_text("X = 1\n", encoding="utf-8")
    chrome = package_copy / "publishing" / "site" / "chrome.py"
    chrome.write_text(chrome.read_text(encoding="utf-8") + "\n\ndef later():\n    from .. import html  # noqa\n"
                      "    from ...helper_lazy import X  # noqa\n", encoding="utf-8")
    before = digests(project)
    touch(helper)
    assert "site" in changed(before, digests(project))


def test_touching_textmatch_changes_what_readiness_counts_errors_from(package_copy, project):
    """The terminology check imports glossary/textmatch.py; the hand-kept list readiness had missed it."""
    before = digests(project)
    touch(package_copy / "gettext" / "glossary" / "textmatch.py")
    assert "checks" in changed(before, digests(project))


@pytest.mark.parametrize("edited, steps", [
    # The site's folder: its templates, static files and UI text. The printer counts them too, as
    # data of the folder of site_text.py, which furnish.py imports (for that UI text).
    ("publishing/site/templates/layout.html", {"site", "pdf", "printer"}),
    ("publishing/site/static/mmn-site.css", {"site", "pdf", "printer"}),
    ("publishing/site/locale/th/LC_MESSAGES/sphinx.po", {"site", "pdf", "printer"}),
    ("publishing/pdf/assets/print.css", {"pdf", "printer"}),  # the print stylesheet: not the site
    ("publishing/pdf/render.py", {"pdf", "printer"}),
    ("gettext/checks/numbers.py", {"checks", "pdf", "printer"}),  # pdf/prepare.py imports checks.text
    ("interfaces/workspace/server.py", set()),  # nothing a site, a check or a PDF is made of
    ("interfaces/workspace/static/app.js", set()),
    ("interfaces/cli/build_commands.py", set()),
    ("gettext/tm/memory.py", set()),
    ("gettext/merge.py", set()),
])
def test_each_step_changes_with_what_it_is_made_of_and_nothing_else(package_copy, project, edited, steps):
    path = package_copy / edited
    before = digests(project)
    touch(path, path.read_text(encoding="utf-8") + "\n")
    assert changed(before, digests(project)) == steps


def test_project_files_count_for_the_steps_that_read_them(project):
    before = digests(project)
    touch(project.catalog_dir("vi") / "about.po")  # another language's catalog
    assert changed(before, digests(project)) == set()
    touch(project.catalog_dir("th") / "about.po")
    assert changed(before, digests(project)) == {"site", "checks", "pdf"}
    before = digests(project)
    touch(project.root / "glossary" / "terms.csv")
    assert changed(before, digests(project)) == {"site", "checks", "pdf"}
    before = digests(project)
    touch(project.source_dir / "about.rst")
    assert changed(before, digests(project)) == {"site", "pdf"}


def test_conf_py_extensions_are_followed(package_copy, project):
    extra = package_copy / "publishing" / "site" / "extra_ext.py"
    extra.write_text("def setup(app):\n    return {}\n", encoding="utf-8")
    before = digests(project)
    conf = project.root / "conf.py"
    touch(conf, conf.read_text(encoding="utf-8").replace(
        '"mmn_i18n.sphinx_ext"]', '"mmn_i18n.sphinx_ext", "mmn_i18n.publishing.site.extra_ext"]'))
    before = digests(project)
    touch(extra)
    assert "site" in changed(before, digests(project))


def test_every_module_a_real_sphinx_build_loads_is_in_the_site_digest(tmp_path):
    """The import walk against Python's own account: what sys.modules holds after a real build."""
    root = copy_project(tmp_path / "project")
    script = (
        "import sys, json\n"
        "from sphinx.cmd.build import build_main\n"
        f"code = build_main(['-b', 'html', '-q', '-c', {str(root)!r}, '-D', 'language=zh_CN', "
        f"{str(root / 'source')!r}, {str(tmp_path / 'out')!r}])\n"
        "print(json.dumps([code, sorted(m.__file__ for n, m in sys.modules.items() "
        "if n.startswith('mmn_i18n') and getattr(m, '__file__', None))]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True)
    import json

    code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0, done.stderr
    walked = {str(path) for path in inputs.code_of(inputs.site_entries(load_project(root))).modules}
    assert len(loaded) > 20
    assert set(loaded) - walked == set()



def test_a_file_a_module_declares_in_reads_counts_for_its_steps(package_copy, project, tmp_path):
    data = tmp_path / "elsewhere" / "words.txt"  # outside the package: no folder rule finds it
    data.parent.mkdir()
    data.write_text("a\n", encoding="utf-8")
    before = digests(project)
    touch(data)
    assert changed(before, digests(project)) == set()
    chrome = package_copy / "publishing" / "site" / "chrome.py"  # .../pkg/mmn_i18n/publishing/site
    chrome.write_text(chrome.read_text(encoding="utf-8") + '\nREADS = ["../../../../elsewhere/words.txt"]\n',
                      encoding="utf-8")
    before = digests(project)
    touch(data)
    assert "site" in changed(before, digests(project))
