"""Shared fixtures: a real copy of the project, and a CLI runner."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mmn_i18n.cli import cli
from mmn_i18n.project import load_project

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
