"""What each publishing step is made of, and one digest that changes when any of it changes.

Four steps skip work when nothing they depend on changed: a language's HTML
site (mmn_i18n.publishing.html), the check errors readiness counts
(mmn_i18n.publishing.readiness), a language's bare PDF pages and the printing
of each PDF (mmn_i18n.publishing.pdf). Each names only where its code starts
(ENTRIES below) and the project files it reads; the rest is derived:

* code: every mmn_i18n module reached from the entries by following imports
  (top-level or inside functions, relative or absolute, and dotted module
  names written as strings, which is how Sphinx extensions and `python -m`
  workers are named), the packages' __init__ files included;
* data: the files the reached modules read, taken from the folders they live
  in (every non-Python file of a module's folder and of its subfolders that
  are not packages: templates, static, locale, assets), plus any path a module
  declares in a module-level ``READS = ["relative/path", ...]``;
* libraries: the version of every third-party package those modules import
  (and Python's).

So a new module, or a new import, can not leave a site stale unnoticed. By
default a file counts by name, size and modification time (stat only: an
unchanged language is recognised in milliseconds, without starting Sphinx);
contents=True hashes the bytes instead (the per-PDF stamps, which must
survive a checkout that touches every file). Parsed imports are kept per
process keyed by each file's (size, mtime), so an edited module is parsed
again and nothing stale is ever used.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable

from ..project import Project

PACKAGE = "mmn_i18n"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# Where each step's code starts, below mmn_i18n (written without the package's name, so
# that this module's own declarations do not read as imports of every step's code).
# The site: the Sphinx extension (and whatever the project's conf.py names) and the
# module that starts sphinx-build.
SITE_ENTRIES = ("publishing.site", "publishing.html")
# The checks readiness counts errors of (the terminology check's text matching included).
CHECKS_ENTRIES = ("gettext.checks",)
# The PDF side: bare pages, the printer and its worker.
PDF_ENTRIES = ("publishing.pdf",)
# Files written while building, not inputs.
NOT_INPUTS = {".mo", ".pyc"}


@dataclass(frozen=True)
class Parsed:
    """What one module file says about its inputs."""

    imports: frozenset[str]  # dotted names it imports or names as strings (candidates; not all are modules)
    reads: tuple[str, ...]  # its READS declaration, relative to its folder
    libraries: frozenset[str]  # top-level names of the third-party packages it imports


# path -> ((size, mtime_ns), Parsed). A process-wide memo of pure parsing: the key
# holds the file's size and time, so an edited module is parsed again.
_PARSED: dict[Path, tuple[tuple[int, int], Parsed]] = {}


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _parse(path: Path, module: str, is_package: bool) -> Parsed:
    stamp = _stamp(path)
    known = _PARSED.get(path)
    if known is None or known[0] != stamp:
        known = (stamp, scan(path.read_text(encoding="utf-8"), module, is_package))
        _PARSED[path] = known
    return known[1]


# Import statements (anywhere: lazy imports inside functions count), string literals that are
# a whole dotted module name, and a module-level READS list. Read with regular expressions, not
# ast: parsing the fifty modules of a site takes 0.1 s, scanning them a few ms; a test checks
# that both find the same imports in every module of the package.
_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.MULTILINE)
_STRING = re.compile(r"""["'](mmn_i18n(?:\.\w+)+)["']""")
_READS = re.compile(r"^READS\s*(?::[^=]*)?=\s*[\[(]([^\])]*)[\])]", re.MULTILINE)


def scan(source: str, module: str, is_package: bool) -> Parsed:
    """What a module's source imports, names and reads (module: its dotted name)."""
    package = module if is_package else module.rpartition(".")[0]
    imports, libraries = set(), set()

    def note(name: str) -> None:
        if name == PACKAGE or name.startswith(PACKAGE + "."):
            imports.add(name)
        elif name and name.split(".")[0] not in sys.stdlib_module_names:
            libraries.add(name.split(".")[0])

    for match in _FROM.finditer(source):
        dots, name, names = match.groups()
        if dots:
            parts = package.split(".")
            base = ".".join(parts[:len(parts) - len(dots) + 1])
            base = f"{base}.{name}" if name else base
        else:
            base = name
        if not name and not dots:
            continue
        note(base)
        for alias in names.strip("()").replace("\\", " ").split(","):  # `from . import x`: x may be a module
            alias = alias.split("#")[0].split()[:1]
            if alias:
                note(f"{base}.{alias[0]}")
    for match in _IMPORT.finditer(source):
        for alias in match.group(1).split(","):
            if alias.split():
                note(alias.split()[0])
    imports.update(_STRING.findall(source))
    reads = tuple(item for declared in _READS.findall(source) for item in re.findall(r"[\"']([^\"']+)[\"']", declared))
    return Parsed(frozenset(imports), reads, frozenset(libraries))


def module_file(name: str) -> tuple[Path, bool] | None:
    """(file, is package) of an mmn_i18n module; None when the name is not a module (an attribute, say)."""
    parts = name.split(".")[1:]
    folder = PACKAGE_DIR.joinpath(*parts)
    if (folder / "__init__.py").is_file():
        return folder / "__init__.py", True
    if parts and folder.with_suffix(".py").is_file():
        return folder.with_suffix(".py"), False
    return None


def _as_module(name: str) -> str | None:
    """The longest leading part of a dotted name that is a module (`pkg.mod.Class` -> `pkg.mod`)."""
    while name.count("."):
        if module_file(name) is not None:
            return name
        name = name.rpartition(".")[0]
    return name if module_file(name) is not None else None


@dataclass(frozen=True)
class Code:
    modules: tuple[Path, ...]  # every mmn_i18n module file reached
    data: tuple[Path, ...]  # the files those modules read
    libraries: tuple[tuple[str, str], ...]  # (package, version), Python first


def _full(name: str) -> str:
    return name if name == PACKAGE or name.startswith(PACKAGE + ".") else f"{PACKAGE}.{name}"


def code_of(entries: Iterable[str]) -> Code:
    """Everything the code reached from these modules is made of (see the module's docstring)."""
    seen: set[str] = set()
    known: dict[str, str | None] = {}  # candidate name -> its module, for this walk (modules import the same names)

    def as_module(name: str) -> str | None:
        if name not in known:
            known[name] = _as_module(name)
        return known[name]

    waiting = [name for entry in entries if (name := as_module(_full(entry)))]
    files: dict[Path, str] = {}
    reads: set[Path] = set()
    libraries: set[str] = set()
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        path, is_package = module_file(name)
        files[path] = name
        parsed = _parse(path, name, is_package)
        reads.update((path.parent / relative) for relative in parsed.reads)
        libraries |= parsed.libraries
        parents = [".".join(name.split(".")[:count]) for count in range(1, name.count(".") + 1)]
        waiting += [module for candidate in [*parents, *parsed.imports]
                    if (module := as_module(candidate)) and module not in seen]
    data = set(reads)
    for folder in {path.parent for path in files}:
        data.update(_data_files(folder))
    return Code(tuple(sorted(files)), tuple(sorted(data)),
                (("python", sys.version), *sorted((name, _library_version(name)) for name in libraries)))


def _data_files(folder: Path) -> list[Path]:
    """Non-Python files of a package folder and of its subfolders that are not packages themselves."""
    found = []
    for entry in os.scandir(folder):
        path = Path(entry.path)
        if entry.is_file() and path.suffix not in (".py", *NOT_INPUTS):
            found.append(path)
        elif entry.is_dir() and entry.name != "__pycache__" and not (path / "__init__.py").exists():
            found += _files_below(path)
    return found


def _files_below(folder: Path) -> list[Path]:
    return [Path(root) / name for root, dirs, names in os.walk(folder)
            if "__pycache__" not in Path(root).parts
            for name in names if Path(name).suffix not in NOT_INPUTS]


_VERSIONS: dict[str, str] = {}  # per process: an installed package does not change under a running build


def _library_version(name: str) -> str:
    if name not in _VERSIONS:
        try:
            _VERSIONS[name] = version(name)
        except (PackageNotFoundError, ValueError):
            # the import name is not the distribution's (icu is PyICU): its files identify it
            spec = importlib.util.find_spec(name)
            origin = Path(spec.origin) if spec and spec.origin and spec.origin != "built-in" else None
            _VERSIONS[name] = f"{origin}|{_stamp(origin)}" if origin and origin.is_file() else "?"
    return _VERSIONS[name]


def digest(code: Code, files: Iterable[Path] = (), folders: Iterable[Path] = (), text: str = "",
           contents: bool = False) -> str:
    """One digest of the code, these project files and the files below these folders, and text."""
    hashed = hashlib.sha256(f"{text}|{code.libraries}".encode())
    every = set(code.modules) | set(code.data) | {Path(path) for path in files}
    for folder in folders:
        if Path(folder).is_dir():
            every.update(_files_below(Path(folder)))
    for path in sorted(every):
        try:
            size, mtime = _stamp(path)
        except FileNotFoundError:
            if path.is_symlink():
                raise  # a dangling link is named by the command (a file that is simply absent counts as such)
            hashed.update(f"{path}|missing\n".encode())
            continue
        if contents:  # named within the package: the same code in another checkout is the same
            name = path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path
            hashed.update(f"{name}|".encode() + path.read_bytes() + b"\n")
        else:
            hashed.update(f"{path}|{size}|{mtime}\n".encode())
    return hashed.hexdigest()


def site_entries(project: Project) -> list[str]:
    """Where the site's code starts: the extension, the builder, and every mmn_i18n module conf.py names."""
    conf = project.root / "conf.py"
    named = sorted(_parse(conf, "conf", False).imports) if conf.is_file() else []
    return [*SITE_ENTRIES, *named]


def site_inputs(project: Project, language: str) -> tuple[list[Path], list[Path]]:
    """(files, folders) of the project one language's site is made of.

    Sources, configuration, termbase, this language's catalogs, and every
    language's vocabulary catalogs (the eight-language table shows them all).
    """
    files = [project.root / "conf.py", project.root / "pyproject.toml",
             *project.locale_dir.glob("*/LC_MESSAGES/vocabulary/*.po")]
    folders = [project.source_dir, project.root / "glossary", project.catalog_dir(language)]
    return files, folders


def site_digest(project: Project, language: str, overrides: dict[str, str] | None = None) -> str:
    """Everything one language's HTML site is made of; the files named in overrides by content."""
    files, folders = site_inputs(project, language)
    text = f"site|{language}|{sorted((overrides or {}).items())}"
    for value in (overrides or {}).values():
        if Path(value).is_file():  # the publication list: rewritten on every build, compared by content
            text += "|" + hashlib.sha256(Path(value).read_bytes()).hexdigest()
    return digest(code_of(site_entries(project)), files, folders, text)


def checks_digest(project: Project, language: str) -> str:
    """What the check errors of one language depend on: its catalogs, the termbase, the checks' code and settings."""
    files = sorted(project.catalog_dir(language).rglob("*.po"))
    files += sorted((project.root / "glossary").rglob("*.csv"))  # terminology checks
    # [tool.mmn-i18n.checks] (disabled checks, severities) changes which findings are errors
    text = f"checks|{language}|{sorted(project.settings.get('checks', {}).items())!r}"
    return digest(code_of(CHECKS_ENTRIES), files, text=text)


def pdf_pages_digest(project: Project, language: str) -> str:
    """Everything one language's bare PDF pages (and so its PDFs) are made of: the site's inputs and the PDF code."""
    files, folders = site_inputs(project, language)
    return digest(code_of([*site_entries(project), *PDF_ENTRIES]), files, folders, f"pdf-pages|{language}")


def printer_digest() -> str:
    """By content: everything besides the page that shapes a printed PDF (the PDF code, stylesheet, WeasyPrint)."""
    return digest(code_of(PDF_ENTRIES), text="printer", contents=True)
