"""Shared fixtures: a real copy of the project, and a CLI runner."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mmn_i18n.interfaces.cli import cli
from mmn_i18n.project import load_project

from browser import browser  # noqa: F401  (one Chromium for the whole session, every module)

REPO = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["conf.py", "pyproject.toml", "source", "locale", "glossary"]


def copy_project(target: Path) -> Path:
    """Copy the bundled project (sources, catalogs, configuration) to target."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, target / name, ignore=shutil.ignore_patterns("*.mo"))
        elif origin.exists():
            shutil.copy2(origin, target / name)
    return target


REVIEWED_KINDS = ("statement", "press-release")  # the kinds pyproject.toml publishes only once reviewed


def approve_for_tests(root: Path, languages: list[str] | None = None) -> int:
    """Approve, in a copy of the project, every finished entry of its statements and press releases.

    The bundled catalogs carry only the approvals of a real second reading;
    tests that need those documents published in every language approve the
    rest in their own copy, as "Test Reader" (never in the repository).
    Returns how many entries were approved.
    """
    from mmn_i18n.gettext.review import approve

    project = load_project(root)
    count = 0
    for doc in project.documents():
        if doc.kind not in REVIEWED_KINDS:
            continue
        for code in languages or project.language_codes:
            if (project.catalog_dir(code) / f"{doc.name}.po").is_file():
                count += len(approve(project, code, doc.name, None, "Test Reader", "2026-12-05").approved)
    return count


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the bundled project, as the working directory."""
    root = copy_project(tmp_path / "project")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def project(project_dir: Path):
    return load_project(project_dir)


@pytest.fixture
def run(project_dir: Path):
    """Invoke `mmn-i18n ...` inside the project copy: run("update", "-l", "th")."""
    runner = CliRunner()

    def invoke(args, **kwargs):
        kwargs.setdefault("catch_exceptions", False)
        return runner.invoke(cli, args, obj={}, **kwargs)  # a fresh obj: no cached project
    return invoke
