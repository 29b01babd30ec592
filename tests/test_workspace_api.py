"""The workspace's HTTP API against a real server, real catalogs in a copy of the project, real msgfmt."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from conftest import copy_project
from mmn_i18n.gettext.catalogs import read_catalog
from mmn_i18n.interfaces.cli import cli
from mmn_i18n.gettext.checks import check_files, project_termbase
from mmn_i18n.gettext.coverage import measure
from mmn_i18n.project import load_project
from mmn_i18n.gettext.review import is_reviewed
from mmn_i18n.interfaces.workspace.preview import plain_text, render_rest
from mmn_i18n.interfaces.workspace.project_api import ProjectAPI
from workspace_helpers import PASSWORDS, Client, RunningServer, add_accounts, msgfmt_check, root, server  # noqa: F401

KM = "locale/km/LC_MESSAGES"


def client(server, name: str | None = None, ip: str = "127.0.0.1") -> Client:
    c = Client(server.port, ip)
    if name:
        assert c.login(name) == 200
    return c


def entries(c: Client, lang: str, document: str, state: str = "") -> list[dict]:
    status, body, _ = c.get(f"/api/entries?lang={lang}&document={quote(document)}" + (f"&state={state}" if state else ""))
    assert status == 200, body
    return body


def untranslated(c: Client, document: str, lang: str = "km") -> list[dict]:
    return [e for e in entries(c, lang, document, "untranslated") if not e["msgid_plural"] and e["msgctxt"] is None
            and not e["msgid"].startswith("\n") and not e["msgid"].endswith("\n")]


# --- accounts and sessions -------------------------------------------------------

def test_users_commands_add_list_remove(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    runner = CliRunner()
    added = runner.invoke(cli, ["users", "add", "Sokha", "--role", "translator", "--lang", "km", "--password-stdin"],
                          input="a-long-password\n", obj={})
    assert added.exit_code == 0, added.output
    runner.invoke(cli, ["users", "add", "Ada", "--role", "admin", "--password-stdin"], input="another-password\n", obj={})
    listed = runner.invoke(cli, ["users", "list"], obj={})
    assert listed.output.splitlines() == ["Ada\tadmin\t", "Sokha\ttranslator\tkm"]
    twice = runner.invoke(cli, ["users", "add", "Sokha", "--role", "translator", "--lang", "km", "--password-stdin"],
                          input="a-long-password\n", obj={})
    assert twice.exit_code == 2 and "exists already" in twice.output and "Traceback" not in twice.output
    unknown = runner.invoke(cli, ["users", "add", "X", "--role", "translator", "--lang", "xx", "--password-stdin"],
                            input="a-long-password\n", obj={})
    assert unknown.exit_code == 2
    assert runner.invoke(cli, ["users", "remove", "Sokha"], obj={}).exit_code == 0
    assert runner.invoke(cli, ["users", "list"], obj={}).output.splitlines() == ["Ada\tadmin\t"]
    stored = (project / ".mmn-i18n" / "workspace.sqlite3").read_bytes()
    assert b"a-long-password" not in stored and b"another-password" not in stored  # scrypt hashes only
    assert subprocess.run(["git", "check-ignore", "-q", ".mmn-i18n/workspace.sqlite3"],
                          cwd=Path(__file__).resolve().parents[1]).returncode == 0


def test_login_sets_an_http_only_same_site_cookie_and_session_reports_the_user(server):
    c = Client(server.port)
    status, body, headers = c.request("POST", "/api/login", {"name": "Sokha", "password": PASSWORDS["Sokha"]})
    assert status == 200
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    c.login("Sokha")
    status, session, _ = c.get("/api/session")
    assert status == 200 and session["name"] == "Sokha" and session["languages"] == ["km"]
    assert session["roles"] == ["translator"] and session["csrf_token"] == c.csrf
    assert c.post("/api/logout", {})[0] == 200
    assert c.get("/api/session")[0] == 401


def test_wrong_password_or_name_is_401_and_no_session_is_401(server):
    c = Client(server.port, "10.1.0.1")
    assert c.login("Sokha", "wrong password") == 401
    assert c.login("Nobody", "whatever-password") == 401
    assert c.get("/api/session")[0] == 401
    assert c.get("/api/documents?lang=km")[0] == 401
    # 401 comes first, whatever else the request carries (no CSRF, bad JSON, other language, unknown path)
    assert c.request("PUT", "/api/entries/x.y", raw=b"{not json")[0] == 401
    assert c.request("DELETE", "/api/entries/x.y")[0] == 401
    assert c.get("/api/nothing-here")[0] == 401
    # a login posted by an HTML form of another site (text/plain) is refused
    status, _, headers = c.request("POST", "/api/login", raw=json.dumps({"name": "Sokha", "password": PASSWORDS["Sokha"]}).encode(),
                                   headers={"Content-Type": "text/plain"})
    assert status == 400 and "set-cookie" not in headers


def test_repeated_failed_logins_get_429_within_ten_and_others_are_not_blocked(server):
    attacker = Client(server.port, "10.2.0.66")
    statuses = [attacker.login("Sokha", f"guess-{i}") for i in range(10)]
    assert 429 in statuses and statuses.index(429) < 10
    assert all(s == 401 for s in statuses[:statuses.index(429)])
    assert attacker.login("Sokha") == 429  # even the right password waits
    assert client(server, "Sokha", "10.2.0.67").csrf  # another client logs in


def test_csrf_token_is_required_on_every_state_changing_request(server, root):
    c = client(server, "Sokha")
    entry = untranslated(c, "about")[0]
    before = (root / KM / "about.po").read_bytes()
    body = {"msgstr": "ការសាកល្បង", "fuzzy": False, "revision": entry["revision"]}
    assert c.put(f"/api/entries/{entry['id']}", body, csrf=False)[0] == 403
    assert c.put(f"/api/entries/{entry['id']}", body, csrf="forged")[0] == 403
    assert c.post(f"/api/entries/{entry['id']}/comments", {"text": "hi"}, csrf=False)[0] == 403
    assert c.post("/api/logout", {}, csrf=False)[0] == 403
    assert c.post("/api/preview", {"id": entry["id"], "msgstr": "x"}, csrf=False)[0] == 403
    # a token of another session does not do either
    other = client(server, "Nang")
    assert c.put(f"/api/entries/{entry['id']}", body, csrf=other.csrf)[0] == 403
    assert (root / KM / "about.po").read_bytes() == before


# --- the order of refusals ------------------------------------------------------------

def test_status_order_language_before_malformed_before_unknown_entry(server, root):
    malee = client(server, "Malee")  # writes Thai only
    sokha = client(server, "Sokha")
    km_entry = untranslated(sokha, "about")[0]
    # another language's entry: 403 even with a malformed body
    assert malee.request("PUT", f"/api/entries/{km_entry['id']}", raw=b"{not json")[0] == 403
    assert malee.put(f"/api/entries/{km_entry['id']}", {"msgstr": "x", "revision": km_entry["revision"]})[0] == 403
    # approval by a non-reviewer
    assert sokha.post(f"/api/entries/{km_entry['id']}/approve", {"revision": km_entry["revision"]})[0] == 403
    # malformed: 400 before an unknown entry's 404
    assert sokha.request("PUT", "/api/entries/AAAA.BBBBBBBBBBBBBBBB", raw=b"{not json")[0] == 400
    assert sokha.put("/api/entries/AAAA.BBBBBBBBBBBBBBBB", {"msgstr": "x", "fuzzy": False, "revision": "r"})[0] == 404
    assert sokha.get("/api/entries/AAAA.BBBBBBBBBBBBBBBB/history")[0] == 404
    assert malee.put(f"/api/entries/{km_entry['id']}x", {"msgstr": "x", "revision": "r"})[0] == 404


@pytest.mark.parametrize("body, why", [
    (b'{"msgstr": "a\\u0000b", "fuzzy": false, "revision": "R"}', "U+0000"),
    (b'{"msgstr": "a\\ud800b", "fuzzy": false, "revision": "R"}', "surrogate"),
    (b'{"msgstr": 42, "fuzzy": false, "revision": "R"}', "must be text"),
    (b'{"msgstr": ["x"], "fuzzy": false, "revision": "R"}', "must be text"),
    (b'{"msgstr": "x", "fuzzy": "yes", "revision": "R"}', "fuzzy"),
    (b'{"msgstr": "x", "fuzzy": false}', "revision"),
    (b'{"msgstr": "<script>alert(1)</script>", "fuzzy": false, "revision": "R"}', "<script>"),
    (b'{"msgstr": "`x <javascript:alert(1)>`_", "fuzzy": false, "revision": "R"}', "javascript"),
    (b'{"msgstr": "<b onmouseover=alert(1)>x</b>", "fuzzy": false, "revision": "R"}', "event handler"),
    (b'{"msgstr": ".. raw:: html\\n\\n   <p>x</p>", "fuzzy": false, "revision": "R"}', "raw"),
    (b'{"msgstr": "x\\n", "fuzzy": false, "revision": "R"}', "line break"),
    (b'{"msgstr_plural": ["x"], "fuzzy": false, "revision": "R"}', "no plural forms"),
    (b'\xff\xfe', "UTF-8"),
    (b'[1, 2]', "JSON object"),
])
def test_malformed_or_unsafe_saves_are_400_saying_why_and_change_nothing(server, root, body, why):
    c = client(server, "Sokha")
    entry = untranslated(c, "workshop-living-together")[0]
    before = (root / KM / "workshop-living-together.po").read_bytes()
    status, answer, _ = c.request("PUT", f"/api/entries/{entry['id']}", raw=body.replace(b'"R"', json.dumps(entry["revision"]).encode()))
    assert status == 400, answer
    assert why in answer["error"]
    assert (root / KM / "workshop-living-together.po").read_bytes() == before


@pytest.mark.parametrize("path", [
    "/api/documents?lang=../../etc", "/api/documents?lang=km/../th", "/api/entries?lang=km&document=../../../pyproject",
    "/api/entries?lang=km&document=%2Fetc%2Fpasswd", "/api/entries?lang=km&document=about/../about",
    "/api/entries?lang=..%2Fpot&document=about", "/api/suggestions?lang=../x&source=a", "/api/terms?lang=..&source=a",
    "/api/entries?lang=km&document=about&state=../x",
])
def test_path_traversal_in_query_parameters_is_400(server, path):
    assert client(server, "Sokha").get(path)[0] == 400


@pytest.mark.parametrize("path", ["/api/entries/..%2F..%2Fpyproject.toml", "/api/entries/Li4vLi4vcHlwcm9qZWN0.AAAAAAAAAAAAAAAA",
                                  "/api/entries/a20vLi4vLi4vLi4vZXRjL3Bhc3N3ZA.AAAAAAAAAAAAAAAA/history"])
def test_path_traversal_in_entry_ids_is_404(server, path):
    # Li4vLi4vcHlwcm9qZWN0 is base64url of ../../pyproject; the second, km/../../../etc/passwd
    assert client(server, "Sokha").get(path)[0] == 404


@pytest.mark.parametrize("path", ["/static/../server.py", "/static/%2e%2e/server.py", "/site/fonts/../../../../etc/passwd",
                                  "/site/../static/mmn-site.css", "/..%2f..%2fpyproject.toml", "/locale/km/LC_MESSAGES/about.po",
                                  "/preview/static/km/..%2f..%2f..%2fpyproject.toml", "/preview/static/../km/x.css",
                                  "/preview/static/km/%2e%2e%2fkm%2fabout.css", "/preview/static/xx/basic.css",
                                  "/preview/page/../../pyproject.toml", "/preview/page/%2e%2e"])
def test_static_files_never_leave_their_folders(server, path):
    status, body, _ = Client(server.port).request("GET", path)
    assert status == 404


# --- reading ---------------------------------------------------------------------------

def test_documents_counts_equal_coverage_and_ready_is_given(server, root):
    c = client(server, "Sokha")
    status, docs, _ = c.get("/api/documents?lang=km")
    assert status == 200
    coverage = measure(root / "locale", ["km"]).by_document()
    assert {d["document"] for d in docs} == set(coverage)
    assert "vocabulary/index" in {d["document"] for d in docs}
    for doc in docs:
        counts = coverage[doc["document"]]["km"]
        assert (doc["translated"], doc["fuzzy"], doc["untranslated"], doc["reviewed"]) == \
            (counts.translated, counts.fuzzy, counts.untranslated, counts.reviewed)
        assert isinstance(doc["ready"], bool)


def test_entries_ids_are_url_safe_stable_and_findings_are_the_cli_checks(server, root):
    c = client(server, "Malee")
    listed = entries(c, "th", "vocabulary/index")
    assert listed and all(e["document"] == "vocabulary/index" for e in listed)
    assert all("/" not in e["id"] and quote(e["id"], safe="") == e["id"] for e in listed)
    assert len({e["id"] for e in listed}) == len(listed)
    # stable across a restart (a new adapter reading the same files)
    again = ProjectAPI(load_project(root)).entries("th", "vocabulary/index")
    assert [e["id"] for e in again] == [e["id"] for e in listed]
    # findings: the CLI check's, same ids, severities and messages
    path = root / "locale/th/LC_MESSAGES/vocabulary/index.po"
    cli_findings = sorted((f.msgid, f.check, f.message) for f in check_files([path], termbase=project_termbase(load_project(root))))
    api_findings = sorted((e["msgid"], f["check"], f["message"]) for e in listed for f in e["findings"])
    assert api_findings == cli_findings


def test_state_filters_partition_the_entries(server):
    c = client(server, "Sokha")
    every = entries(c, "km", "press-release-women-health")
    by_state = {state: {e["id"] for e in entries(c, "km", "press-release-women-health", state)}
                for state in ("untranslated", "fuzzy", "findings", "unreviewed")}
    assert by_state["untranslated"] == {e["id"] for e in every if not e["msgstr"]}
    assert by_state["fuzzy"] == {e["id"] for e in every if e["msgstr"] and e["fuzzy"]}
    assert by_state["findings"] == {e["id"] for e in every if e["findings"]}
    assert by_state["unreviewed"] == {e["id"] for e in every if e["msgstr"] and not e["fuzzy"] and not e["reviewed"]}
    assert by_state["untranslated"] and by_state["fuzzy"] and by_state["unreviewed"]
    assert c.get("/api/entries?lang=km&document=press-release-women-health&state=bogus")[0] == 400


def test_search_finds_english_and_translation_words(server):
    c = client(server, "Sokha")
    every = [e for e in entries(c, "km", "about") if e["msgstr"] and not e["fuzzy"]]
    english_word = "Legal"
    status, found, _ = c.get(f"/api/entries?lang=km&document=about&q={english_word}")
    assert status == 200 and found and all(english_word.casefold() in e["msgid"].casefold() or e["msgstr"] for e in found)
    sample = every[0]["msgstr"].split()[0]
    status, found, _ = c.get(f"/api/entries?lang=km&document=about&q={quote(sample)}")
    assert every[0]["id"] in {e["id"] for e in found}


def test_suggestions_come_from_the_translation_memory(server):
    c = client(server, "Sokha")
    done = [e for e in entries(c, "km", "about") if e["msgstr"] and not e["fuzzy"]]
    status, found, _ = c.get(f"/api/suggestions?lang=km&source={quote(done[0]['msgid'])}")
    assert status == 200 and found[0]["score"] == 100 and found[0]["source"] == done[0]["msgid"]
    assert set(found[0]) >= {"source", "translation", "score", "document"}


# --- writing ---------------------------------------------------------------------------

def _changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_save_changes_only_that_entry_and_the_header_and_keeps_history(server, root):
    c = client(server, "Sokha")
    path = root / KM / "event-report-chiang-mai-2015.po"
    entry = untranslated(c, "event-report-chiang-mai-2015")[0]
    before = path.read_text(encoding="utf-8")
    status, answer, _ = c.put(f"/api/entries/{entry['id']}", {"msgstr": "របាយការណ៍សាកល្បង", "fuzzy": True,
                                                              "revision": entry["revision"]})
    assert status == 200, answer
    saved = answer["entry"]
    assert saved["id"] == entry["id"] and saved["msgstr"] == "របាយការណ៍សាកល្បង" and saved["fuzzy"]
    assert saved["revision"] != entry["revision"] and isinstance(answer["findings"], list)
    after = path.read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert {line[1:].split(":")[0] for line in changed if "Revision-Date" in line or "Last-Translator" in line} == \
        {'"PO-Revision-Date', '"Last-Translator'}
    entry_lines = [line for line in changed if "Revision-Date" not in line and "Last-Translator" not in line]
    assert entry_lines == ["+#, fuzzy", '-msgstr ""', '+msgstr "របាយការណ៍សាកល្បង"'], changed
    msgfmt_check(path)
    # msgcat's layout: msgcat rewrites the file to the same bytes
    assert subprocess.run(["msgcat", str(path)], capture_output=True, text=True).stdout == after
    # a second save: history newest first
    status, answer, _ = c.put(f"/api/entries/{entry['id']}", {"msgstr": "របាយការណ៍", "fuzzy": False,
                                                              "revision": saved["revision"]})
    assert status == 200 and not answer["entry"]["fuzzy"]
    status, history, _ = c.get(f"/api/entries/{entry['id']}/history")
    assert [(h["by"], h["before"], h["after"]) for h in history] == [
        ("Sokha", "របាយការណ៍សាកល្បង", "របាយការណ៍"), ("Sokha", "", "របាយការណ៍សាកល្បង")]
    assert all(h["at"].endswith("Z") for h in history)
    # the id survives the msgstr edit, and the history a restart (a new server on the same database)
    other = RunningServer(root)
    try:
        again = Client(other.port)
        assert again.login("Sokha") == 200
        assert again.get(f"/api/entries/{entry['id']}/history")[1] == history
    finally:
        other.stop()


def test_a_stale_revision_is_409_with_the_current_entry_and_nothing_overwritten(server, root):
    first, second = client(server, "Sokha"), client(server, "Nang")
    entry = untranslated(first, "vocabulary/avoid")[0]
    assert first.put(f"/api/entries/{entry['id']}", {"msgstr": "មួយ", "fuzzy": False, "revision": entry["revision"]})[0] == 200
    status, answer, _ = second.put(f"/api/entries/{entry['id']}", {"msgstr": "ពីរ", "fuzzy": False,
                                                                   "revision": entry["revision"]})
    assert status == 409 and answer["entry"]["msgstr"] == "មួយ"
    catalog = read_catalog(root / KM / "vocabulary/avoid.po")
    assert next(e for e in catalog if e.msgid == entry["msgid"]).msgstr == "មួយ"


def test_two_simultaneous_saves_of_one_entry_give_one_200_and_one_409(server, root):
    entry = untranslated(client(server, "Sokha"), "vocabulary/avoid")[1]
    results = []
    clients = [client(server, "Sokha"), client(server, "Nang")]
    barrier = threading.Barrier(2)

    def save(c, text):
        barrier.wait()
        results.append((c.put(f"/api/entries/{entry['id']}", {"msgstr": text, "fuzzy": False,
                                                               "revision": entry["revision"]})[0], text))

    threads = [threading.Thread(target=save, args=(c, text)) for c, text in zip(clients, ["ក", "ខ"])]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(status for status, _ in results) == [200, 409]
    winner = next(text for status, text in results if status == 200)
    catalog = read_catalog(root / KM / "vocabulary/avoid.po")
    assert next(e for e in catalog if e.msgid == entry["msgid"]).msgstr == winner


def test_simultaneous_saves_to_different_entries_of_one_catalog_all_land(server, root):
    todo = untranslated(client(server, "Sokha"), "press-release-women-health")[:8]
    clients = [client(server, "Sokha") for _ in todo]
    barrier = threading.Barrier(len(todo))
    statuses = []

    def save(c, entry, i):
        barrier.wait()
        statuses.append(c.put(f"/api/entries/{entry['id']}", {"msgstr": f"ការបកប្រែ {i}", "fuzzy": True,
                                                              "revision": entry["revision"]})[0])

    threads = [threading.Thread(target=save, args=(c, e, i)) for i, (c, e) in enumerate(zip(clients, todo))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert statuses == [200] * len(todo)
    path = root / KM / "press-release-women-health.po"
    msgfmt_check(path)
    catalog = {e.msgid: e for e in read_catalog(path)}
    for i, entry in enumerate(todo):
        assert catalog[entry["msgid"]].msgstr == f"ការបកប្រែ {i}" and "fuzzy" in catalog[entry["msgid"]].flags


def test_a_reviewer_approves_and_coverage_counts_it(server, root):
    reviewer = client(server, "Nang")
    path = root / KM / "invitation-yangon-fair-2015.po"
    before = measure(root / "locale", ["km"]).by_document()["invitation-yangon-fair-2015"]["km"].reviewed
    entry = entries(reviewer, "km", "invitation-yangon-fair-2015", "unreviewed")[0]
    status, answer, _ = reviewer.post(f"/api/entries/{entry['id']}/approve", {"revision": entry["revision"]})
    assert status == 200 and answer["entry"]["reviewed"] and answer["entry"]["reviewed_by"] == "Nang"
    assert measure(root / "locale", ["km"]).by_document()["invitation-yangon-fair-2015"]["km"].reviewed == before + 1
    assert is_reviewed(next(e for e in read_catalog(path) if e.msgid == entry["msgid"]))
    assert entry["id"] not in {e["id"] for e in entries(reviewer, "km", "invitation-yangon-fair-2015", "unreviewed")}
    # approving a text that changed since it was read: 409
    other = entries(reviewer, "km", "invitation-yangon-fair-2015", "unreviewed")[0]
    assert reviewer.put(f"/api/entries/{other['id']}", {"msgstr": other["msgstr"] + " ។", "fuzzy": False,
                                                        "revision": other["revision"]})[0] == 200
    assert reviewer.post(f"/api/entries/{other['id']}/approve", {"revision": other["revision"]})[0] == 409
    msgfmt_check(path)


def test_comments_thread(server):
    c = client(server, "Sokha")
    entry = entries(c, "km", "index")[0]
    assert c.post(f"/api/entries/{entry['id']}/comments", {"text": "<img src=x onerror=alert(1)> is this right?"})[0] == 200
    assert c.post(f"/api/entries/{entry['id']}/comments", {"text": "   "})[0] == 400
    status, thread, _ = c.get(f"/api/entries/{entry['id']}/comments")
    assert status == 200 and thread[-1]["by"] == "Sokha" and thread[-1]["text"].startswith("<img")


# --- preview and XSS ---------------------------------------------------------------------

def test_preview_renders_as_the_site_and_escapes_text(server):
    c = client(server, "Sokha")
    entry = untranslated(c, "about")[0]
    status, answer, _ = c.post("/api/preview", {"id": entry["id"], "msgstr": '**ដិត** <b>x</b> & "q" :term:`ជនចំណាកស្រុក <migrant>`'})
    assert status == 200
    html = answer["html"]
    # the site's line-break marks (a word a span, <wbr> between words) as the build writes them
    assert 'lang="km"' in html and '<strong><span class="mmn-w">ដិត</span></strong>' in html
    assert '<span class="mmn-w">ជន</span><wbr><span class="mmn-w">ចំណាកស្រុក</span>' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html and 'href="../vocabulary/index.html#term-migrant"' in html


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "`x <javascript:alert(1)>`_",
                                  ":raw-html:`<script>alert(1)</script>`", ".. raw:: html\n\n   <script>alert(1)</script>",
                                  "<svg onload=alert(1)>"])
def test_preview_refuses_what_the_build_refuses(server, text):
    c = client(server, "Sokha")
    entry = untranslated(c, "about")[0]
    status, answer, _ = c.post("/api/preview", {"id": entry["id"], "msgstr": text})
    assert status == 400 and "build would refuse" in answer["error"]


def test_stored_markup_comes_back_as_json_text_and_previews_escaped(server, root):
    c = client(server, "Sokha")
    entry = untranslated(c, "about")[1]
    text = '<b>"ក"</b> & <i>ខ</i>'
    assert c.put(f"/api/entries/{entry['id']}", {"msgstr": text, "fuzzy": True, "revision": entry["revision"]})[0] == 200
    status, stored, headers = c.get(f"/api/entries/{entry['id']}")
    assert stored["msgstr"] == text and headers["content-type"].startswith("application/json")
    assert "default-src 'none'" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"
    html = c.post("/api/preview/page", {"id": entry["id"], "msgstr": text})[1]["html"]
    assert "<b>" not in html and "&lt;b&gt;" in html and "mmn-edited" in html


def test_live_findings_use_the_cli_checks(server):
    c = client(server, "Sokha")
    entry = next(e for e in entries(c, "km", "press-release-women-health") if "+95" in e["msgid"])
    status, answer, _ = c.post("/api/findings", {"id": entry["id"], "msgstr": "ទូរស័ព្ទ"})
    assert status == 200 and any(f["check"] == "links" for f in answer["findings"])
    status, answer, _ = c.post("/api/findings", {"id": entry["id"], "msgstr": entry["msgid"]})
    assert not any(f["check"] == "links" for f in answer["findings"])


def test_zawgyi_is_detected_and_converted(server):
    c = client(server, "Sokha")
    status, answer, _ = c.post("/api/zawgyi", {"text": "ျမန္မာႏိုင္ငံ အလုပ္သမား"})
    assert status == 200 and answer["zawgyi"] and answer["unicode"].startswith("မြန်မာ")
    assert c.post("/api/zawgyi", {"text": "မြန်မာနိုင်ငံ"})[1]["zawgyi"] is False


# --- processes: kill -9, port reuse, update alongside ----------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(root: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", "from mmn_i18n.interfaces.cli import main; main()",
                                "serve", "--port", str(port), "--quiet"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(process.stderr.read().decode())


def test_kill_9_mid_save_leaves_every_catalog_old_or_new_and_the_port_free(tmp_path):
    root = copy_project(tmp_path / "p")
    add_accounts(root)
    port = _free_port()
    process = _serve(root, port)
    c = Client(port)
    assert c.login("Sokha") == 200
    todo = untranslated(c, "event-report-chiang-mai-2015")[:30]
    acknowledged = {}
    stop = threading.Event()

    def keep_saving():
        for i, entry in enumerate(todo):
            if stop.is_set():
                return
            try:
                status, answer, _ = c.put(f"/api/entries/{entry['id']}", {"msgstr": f"ក {i}", "fuzzy": True,
                                                                          "revision": entry["revision"]})
            except OSError:
                return
            if status == 200:
                acknowledged[entry["msgid"]] = f"ក {i}"

    saver = threading.Thread(target=keep_saving)
    saver.start()
    time.sleep(1.0)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stop.set()
    saver.join()
    assert acknowledged, "no save finished before the kill: the test proves nothing"
    path = root / KM / "event-report-chiang-mai-2015.po"
    msgfmt_check(path)
    catalog = {e.msgid: e.msgstr for e in read_catalog(path)}
    for msgid, text in acknowledged.items():
        assert catalog[msgid] == text
    for entry in todo:
        assert catalog[entry["msgid"]] in ("", *(f"ក {i}" for i in range(len(todo))))
    # the port is free again at once, and the server starts on it
    again = _serve(root, port)
    try:
        assert Client(port).login("Sokha") == 200
    finally:
        again.send_signal(signal.SIGTERM)
        assert again.wait(timeout=10) == 0


def test_saves_during_update_are_all_kept(tmp_path):
    root = copy_project(tmp_path / "p")
    add_accounts(root)
    running = RunningServer(root)
    try:
        c = Client(running.port)
        assert c.login("Sokha") == 200
        todo = untranslated(c, "about") + untranslated(c, "workshop-living-together")
        statuses = {}
        update = threading.Thread(target=lambda: CliRunner().invoke(cli, ["--project", str(root), "update", "-l", "km"],
                                                                    obj={}, catch_exceptions=False))
        update.start()
        for i, entry in enumerate(todo):
            statuses[entry["msgid"]] = (c.put(f"/api/entries/{entry['id']}", {"msgstr": f"ខ {i}", "fuzzy": True,
                                                                                "revision": entry["revision"]})[0], f"ខ {i}")
        update.join()
        saved = {}
        for name in ("about", "workshop-living-together"):
            msgfmt_check(root / KM / f"{name}.po")
            saved.update({e.msgid: e.msgstr for e in read_catalog(root / KM / f"{name}.po")})
        for msgid, (status, text) in statuses.items():
            assert status == 200
            assert saved[msgid] == text
    finally:
        running.stop()


PLURAL_CATALOG = '''msgid ""
msgstr ""
"Project-Id-Version: test\\n"
"Language: km\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: ../../source/about.rst:1
msgid "{n} migrant worker"
msgid_plural "{n} migrant workers"
msgstr[0] ""
'''


def test_plural_forms_are_saved_as_a_list_of_the_catalogs_forms(server, root):
    path = root / KM / "plural-test.po"
    path.write_text(PLURAL_CATALOG, encoding="utf-8")
    c = client(server, "Sokha")
    entry = entries(c, "km", "plural-test")[0]
    assert entry["msgid_plural"] == "{n} migrant workers" and entry["msgstr_plural"] == [""]
    url = f"/api/entries/{entry['id']}"
    assert c.put(url, {"msgstr": "x", "fuzzy": False, "revision": entry["revision"]})[0] == 400
    assert c.put(url, {"msgstr_plural": ["x", "y"], "fuzzy": False, "revision": entry["revision"]})[0] == 400
    status, answer, _ = c.put(url, {"msgstr_plural": ["ពលករចំណាកស្រុក {n} នាក់"], "fuzzy": False,
                                    "revision": entry["revision"]})
    assert status == 200, answer
    assert answer["entry"]["msgstr_plural"] == ["ពលករចំណាកស្រុក {n} នាក់"]
    msgfmt_check(path)
    assert read_catalog(path)[0].msgstr_plural == {0: "ពលករចំណាកស្រុក {n} នាក់"}
    assert c.get(f"{url}/history")[1][0]["after"] == "[0] ពលករចំណាកស្រុក {n} នាក់"


def test_git_commit_commits_each_save_by_its_translator(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / ".gitignore").write_text(".mmn-i18n/\n", encoding="utf-8")
    git = lambda *args: subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout
    git("init", "--quiet")
    git("-c", "user.name=Lead", "-c", "user.email=lead@example.org", "add", ".")
    git("-c", "user.name=Lead", "-c", "user.email=lead@example.org", "commit", "--quiet", "-m", "start")
    add_accounts(root)
    (root / "README.txt").write_text("not for this commit", encoding="utf-8")
    from mmn_i18n.interfaces.workspace.server import make_server

    server = make_server(load_project(root), "127.0.0.1", 0, quiet=True, git_commit=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        c = Client(server.server_address[1])
        assert c.login("Sokha") == 200
        entry = untranslated(c, "about")[0]
        status, answer, _ = c.put(f"/api/entries/{entry['id']}", {"msgstr": "ការសាកល្បង", "fuzzy": True,
                                                                  "revision": entry["revision"]})
        assert status == 200 and answer["committed"] is True, answer
        assert git("log", "-1", "--format=%an|%s") == f"Sokha|{KM}/about.po: {' '.join(entry['msgid'].split())[:50]}\n"
        assert git("show", "--name-only", "--format=", "HEAD").split() == [f"{KM}/about.po"]
        assert git("status", "--porcelain").split() == ["??", "README.txt"]
    finally:
        server.shutdown()
        server.server_close()


CONTEXT_AND_PLURAL_CATALOG = PLURAL_CATALOG.replace('msgstr[0] ""', 'msgstr[0] "ពលករចំណាកស្រុក {n} នាក់"') + '''
msgctxt "button"
msgid "Save"
msgstr "រក្សាទុក"

msgctxt "verb"
msgid "Save"
msgstr "សន្សំ"
'''


def test_a_reviewer_approves_entries_with_a_context_or_plural_forms(server, root):
    path = root / KM / "approve-context-test.po"
    path.write_text(CONTEXT_AND_PLURAL_CATALOG, encoding="utf-8")
    reviewer = client(server, "Nang")
    waiting = entries(reviewer, "km", "approve-context-test", "unreviewed")
    assert len(waiting) == 3
    button = next(e for e in waiting if e["msgctxt"] == "button")
    plural = next(e for e in waiting if e["msgid_plural"])
    for entry in (button, plural):
        status, answer, _ = reviewer.post(f"/api/entries/{entry['id']}/approve", {"revision": entry["revision"]})
        assert status == 200 and answer["entry"]["reviewed"] and answer["entry"]["reviewed_by"] == "Nang", answer
    on_disk = {(e.msgctxt, e.msgid): is_reviewed(e) for e in read_catalog(path)}
    # only the entry with that context: the other "Save" is still waiting
    assert on_disk == {(None, "{n} migrant worker"): True, ("button", "Save"): True, ("verb", "Save"): False}
    assert measure(root / "locale", ["km"]).by_document()["approve-context-test"]["km"].reviewed == 2
    assert [e["msgctxt"] for e in entries(reviewer, "km", "approve-context-test", "unreviewed")] == ["verb"]
    msgfmt_check(path)


def test_whole_page_preview_is_served_only_to_its_session_with_no_script_allowed(server, root):
    sokha, malee = client(server, "Sokha"), client(server, "Malee")
    entry = untranslated(sokha, "about")[0]
    status, answer, _ = sokha.post("/api/preview/page", {"id": entry["id"], "msgstr": "ក <script>x</script>"})
    assert status == 400 and "build would refuse" in answer["error"]
    status, answer, _ = sokha.post("/api/preview/page", {"id": entry["id"], "msgstr": "ក <b>x</b>"})
    assert status == 200 and answer["url"].startswith("/preview/page/")
    url = answer["url"].split("#")[0]
    status, page, headers = sokha.get(url)
    assert status == 200 and headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    assert "sandbox allow-same-origin" in csp and "script-src" not in csp and "default-src 'none'" in csp
    assert page.decode("utf-8") == answer["html"] and b"&lt;b&gt;x&lt;/b&gt;" in page
    if not answer["built"]:  # the site of this module's project may or may not be built: either says what it is
        assert b"not the page itself" in page
    assert malee.get(url)[0] == 404  # another account
    assert Client(server.port).get(url)[0] == 404  # no session


def test_whole_page_preview_uses_the_built_page_when_there_is_one(tmp_path):
    from mmn_i18n.interfaces.workspace.preview import built_page_preview, plain_text, render_rest

    page = ('<html><head><script src="_static/doctools.js"></script><link rel="stylesheet" href="_static/basic.css?v=1">'
            '<link rel="stylesheet" href="../_static/mmn-fonts.css"><link rel="search" href="search.html"></head>'
            '<body><div class="body"><h1><span class="mmn-w">អំពី</span><a class="headerlink" href="#a">¶</a></h1>'
            '<p lang="en">We work on “migration” -- and rights.</p><p>Other</p></div></body></html>')
    english = render_rest('We work on "migration" -- and rights.')
    assert plain_text(english) == plain_text('We work on “migration” -- and rights.')
    result = built_page_preview(page, [english], "យើង **ធ្វើការ**", "km", "/preview/static/km/", "note")
    assert '<p lang="km"><span class="mmn-edited" id="mmn-edited">' in result and "<strong>" in result
    assert "<script" not in result and 'href="search.html"' not in result
    assert '<link rel="stylesheet" href="/preview/static/km/basic.css">' in result
    assert '<link rel="stylesheet" href="/site/mmn-fonts.css">' in result and "<p>Other</p>" in result
    title = built_page_preview(page, [render_rest("អំពី")], "អំពីយើង", "km", "/x/", "note")
    assert '<h1 lang="km"><span class="mmn-edited" id="mmn-edited">' in title and 'class="headerlink"' in title
    assert built_page_preview(page, [render_rest("Something else entirely")], "x", "km", "/x/", "note") is None


def test_whole_page_preview_shows_every_entry_saved_since_the_build(tmp_path):
    """Save one entry and take another out of the translation, then preview a third: the page shows all three."""
    from mmn_i18n.publishing.html import build_language_html

    root = copy_project(tmp_path / "p")
    add_accounts(root)
    assert build_language_html(load_project(root), "km").ok
    document = "statement-migrants-day-2015"
    compiled = root / KM / f"{document}.mo"
    compiled_bytes = compiled.read_bytes()
    running = RunningServer(root)
    try:
        c = client(running, "Sokha")
        plain = [e for e in entries(c, "km", document) if e["msgstr"] and not e["fuzzy"] and "\n" not in e["msgid"]
                 and not any(mark in e["msgid"] + e["msgstr"] for mark in "`*:<[|")]
        saved, unsaid, edited = plain[0], plain[1], plain[2]
        status, answer, _ = c.put(f"/api/entries/{saved['id']}", {"msgstr": "អត្ថបទថ្មីដែលបានរក្សាទុក", "fuzzy": False,
                                                                 "revision": saved["revision"]})
        assert status == 200, answer
        status, answer, _ = c.put(f"/api/entries/{unsaid['id']}", {"msgstr": unsaid["msgstr"], "fuzzy": True,
                                                                  "revision": unsaid["revision"]})
        assert status == 200, answer
        assert compiled.read_bytes() == compiled_bytes  # saves leave the build's compiled catalog alone
        status, answer, _ = c.post("/api/preview/page", {"id": edited["id"], "msgstr": "អត្ថបទដែលកំពុងកែ"})
        assert status == 200 and answer["built"], answer
        page = answer["html"]
        words = plain_text(page)
        assert page.count('id="mmn-edited"') == 1 and "អត្ថបទដែលកំពុងកែ" in words  # the edit in the box
        assert "អត្ថបទថ្មីដែលបានរក្សាទុក" in words  # the saved edit
        assert plain_text(render_rest(unsaid["msgstr"])) not in words  # now fuzzy: the page shows the English
        assert plain_text(render_rest(unsaid["msgid"])) in words
        assert plain_text(render_rest(saved["msgstr"])) not in words and plain_text(render_rest(edited["msgstr"])) not in words
        assert "Saved edits since that build applied: 2; not placed on the page: 0." in page
        assert page.count('class="mmn-saved"') == 2
        # a Sphinx run after the saves (a PDF build, say) compiles the catalog again: not the page's, so not used
        os.utime(compiled, (time.time() + 5, time.time() + 5))
        page = c.post("/api/preview/page", {"id": edited["id"], "msgstr": "អត្ថបទដែលកំពុងកែ"})[1]["html"]
        assert "compiled again since" in page and 'class="mmn-saved"' not in page
    finally:
        running.stop()


def test_the_sites_font_stylesheet_and_its_fonts_are_served(server):
    c = Client(server.port)
    status, css, headers = c.get("/site/mmn-fonts.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    font = css.decode("utf-8").split('url("fonts/')[1].split('"')[0]
    status, data, headers = c.get(f"/site/fonts/{font}")
    assert status == 200 and data[:4] == b"wOF2"  # the site's WOFF2 subset, not a whole system font


def test_a_file_replaced_by_git_during_a_save_keeps_both_changes(tmp_path, monkeypatch):
    """git does not take our lock: the save checks the file just before its rename and starts again if it changed."""
    from mmn_i18n.gettext.catalog_splice import splice_entry
    from mmn_i18n.interfaces.workspace import project_api

    root = copy_project(tmp_path / "p")
    api = ProjectAPI(load_project(root))
    path = root / KM / "press-release-women-health.po"
    first, second, third = [e for e in api.entries("km", "press-release-women-health", "untranslated")
                            if len(e["msgid"]) < 50 and not set(e["msgid"]) & set('\n"\\') and e["msgctxt"] is None][:3]
    api.save(first["id"], {"msgstr": "ទីមួយ", "fuzzy": True, "revision": first["revision"]}, "Sokha")
    pulled = []

    def git_pull_meanwhile(old_text, catalog, entry, hint):
        """The real splice; before it, once, what `git pull` does to the file: another entry translated."""
        if not pulled:
            on_disk = path.read_text(encoding="utf-8")
            target = f'msgid "{third["msgid"]}"\nmsgstr ""\n'
            assert target in on_disk
            path.write_text(on_disk.replace(target, f'msgid "{third["msgid"]}"\nmsgstr "ពីgit"\n'), encoding="utf-8")
            pulled.append(True)
        return splice_entry(old_text, catalog, entry, hint)

    monkeypatch.setattr(project_api, "splice_entry", git_pull_meanwhile)
    api.save(second["id"], {"msgstr": "ទីពីរ", "fuzzy": True, "revision": second["revision"]}, "Sokha")
    on_disk = {e.msgid: e.msgstr for e in read_catalog(path)}
    assert pulled and on_disk[third["msgid"]] == "ពីgit"  # git's change kept
    assert on_disk[second["msgid"]] == "ទីពីរ" and on_disk[first["msgid"]] == "ទីមួយ"  # and both saves
    msgfmt_check(path)
