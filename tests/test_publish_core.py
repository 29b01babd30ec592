"""The publish core called from Python (no click, no terminal), and a hung Sphinx stopped by its time limit."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from mmn_i18n.gettext.merge import update
from mmn_i18n.interfaces.cli import cli
from mmn_i18n.publishing import sphinx_build
from mmn_i18n.publishing.sphinx_build import sphinx_problem, user_lines

# Run in a fresh interpreter: proves the core needs neither click nor a terminal.
PUBLISH_FROM_PYTHON = textwrap.dedent("""
    import json, sys
    from mmn_i18n.project import load_project
    from mmn_i18n.publishing.publish import publish

    project = load_project(sys.argv[1])
    steps = []
    first = publish(project, ["th"], on_step=lambda step: steps.append(type(step).__name__))
    again = publish(project, ["th"])
    print(json.dumps({
        "click_loaded": "click" in sys.modules,
        "steps": steps,
        "sites": [(s.language, s.ok, s.up_to_date, s.output.name) for s in first.sites],
        "again": [(s.language, s.ok, s.up_to_date) for s in again.sites],
        "written": [(w.what, w.path.relative_to(project.root).as_posix()) for w in first.written],
        "not_published": [(n.document, n.language, list(n.reasons)) for n in first.not_published],
        "failed": first.failed, "ok": first.ok, "stages": sorted(first.seconds),
    }))
""")


def test_publish_from_python_returns_a_report(project_dir):
    run = subprocess.run([sys.executable, "-c", PUBLISH_FROM_PYTHON, str(project_dir)],
                         capture_output=True, text=True, cwd=project_dir, timeout=900)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["click_loaded"] is False, "the core must not need click"
    assert report["sites"] == [["th", True, False, "th"]]
    assert report["again"] == [["th", True, True]], "nothing changed: the second publish leaves the site as it is"
    assert report["ok"] is True and report["failed"] == []
    assert ["status page", "_build/coverage/index.html"] in report["written"]
    assert any(what == "landing page" for what, _ in report["written"])
    assert report["steps"][-len(report["written"]):] == ["Written"] * len(report["written"])
    assert "BuildResult" in report["steps"]
    # The bundled Thai statement is not approved by a second reader: it is not published, and the report says why.
    reasons = {document: reasons for document, language, reasons in report["not_published"] if language == "th"}
    assert "statement-migrants-day-2015" in reasons and reasons["statement-migrants-day-2015"]
    assert {"readiness", "html", "pages"} <= set(report["stages"])


def test_a_hung_sphinx_is_stopped_by_its_time_limit(run, project_dir, monkeypatch):
    conf = project_dir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nimport time\ntime.sleep(600)  # a hung extension\n",
                    encoding="utf-8")
    monkeypatch.setattr(sphinx_build, "SPHINX_SECONDS", 3)
    catalogs = {path: path.read_bytes() for path in (project_dir / "locale").rglob("*.po")}
    result = run(["build", "--lang", "th"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines == ["Error: sphinx-build (th) did not finish within 3 s and was stopped; nothing it wrote is used. "
                     "Run the command again; if it stops again, report it."], result.output
    assert not (project_dir / "_build" / "html" / "th").exists(), "no site written"
    assert not (project_dir / "_build" / "index.html").exists(), "no landing page written"
    assert {path: path.read_bytes() for path in catalogs} == catalogs


def test_sphinx_output_keeps_warnings_and_drops_library_chatter(tmp_path):
    stderr = (f"Building prefix dict from the default dictionary ...\n"
              f"{tmp_path}/source/about.rst:12: WARNING: Inline emphasis start-string without end-string.\n"
              f"    *unfinished\n"
              f"Loading model cost 0.6 seconds.\n"
              f"WARNING: html_static_path entry 'x' does not exist\n")
    kept = user_lines(stderr, tmp_path, failed=False)
    assert kept == ("source/about.rst:12: WARNING: Inline emphasis start-string without end-string.",
                    "    *unfinished",
                    "WARNING: html_static_path entry 'x' does not exist")
    assert len(user_lines(stderr, tmp_path, failed=True)) == 5, "a failure keeps every line: they explain it"
    located = sphinx_problem(kept[0])
    assert (located.path, located.line, located.severity) == ("source/about.rst", 12, "WARNING")
    assert str(located) == kept[0]
    assert str(sphinx_problem(kept[2])) == kept[2]


def test_a_translated_paragraphs_warning_is_at_its_english_source_line():
    located = sphinx_problem("source/about.rst:12:<translated>:1: WARNING: Inline emphasis start-string "
                             "without end-string. [docutils]")
    assert (located.path, located.line, located.severity) == ("source/about.rst", 12, "WARNING")
    assert not located.catalog, "the catalog entry is found by the build (translation_places), not the parser"


def test_update_does_its_work_before_returning(project):
    results = update(project, project.select_languages(["th"]))
    assert isinstance(results, list), "not a generator a caller could stop halfway"
    assert results and all(result.status in {"created", "updated", "unchanged", "orphaned"} for result in results)


def test_core_errors_are_plain_exceptions():
    from mmn_i18n.errors import MmnError

    assert not any(cls.__module__.startswith("click") for cls in MmnError.__mro__)
    assert cli.name == "cli"


def test_printing_a_language_stops_at_its_time_limit(project, monkeypatch):
    from mmn_i18n.publishing import pdf
    from mmn_i18n.subprocesses import ToolTimeout

    monkeypatch.setattr(pdf, "PDF_LANGUAGE_SECONDS", 0.5)  # the worker is still starting then
    with pytest.raises(ToolTimeout, match=r"^printing the th PDFs did not finish within 0\.5 s and was stopped"):
        pdf.build_pdfs(project, ["th"], ["about"])
    assert not pdf.pdf_path(project, "th", "about").exists()
