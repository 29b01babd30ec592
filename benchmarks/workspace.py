"""Load on the translators' workspace: N translators saving for S seconds, loopback only.

A copy of the project is served by a real `mmn-i18n serve` process; each
simulated translator (a thread here, an account there) logs in, asks for the
preview of her text as a typing pause would, then saves it, pauses (--pause,
1 s by default: ten times faster than a person translates a segment), entry after entry,
in her own entries of her language's catalogs (a 409 re-reads the entry and
tries again). Loops are bounded by time and count. Afterwards every
acknowledged save must be in the catalogs on disk, and every catalog must pass
`msgfmt --check` and the strict reader. Prints p50/p95 save and preview
latency, and for scale the time GNU msgcat alone takes to rewrite one of the
catalogs (the least a save in gettext's layout costs outside the workspace).

    .venv/bin/python benchmarks/workspace.py                 # 20 translators, 60 s
    .venv/bin/python benchmarks/workspace.py --translators 5 --seconds 10
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import copy_project  # noqa: E402

from mmn_i18n.gettext.catalogs import read_catalog  # noqa: E402
from mmn_i18n.interfaces.workspace.db import Store  # noqa: E402

MAX_SAVES_EACH = 5000  # bound on each loop, whatever the clock says
LANGUAGES = ["km", "th", "lo", "vi", "my", "shn", "zh_CN"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Translator(threading.Thread):
    def __init__(self, number: int, port: int, lang: str, entries: list[dict], deadline: float,
                 pause: float) -> None:
        super().__init__(daemon=True)
        self.pause = pause
        self.name_ = f"translator{number:02d}"
        self.port, self.lang, self.entries, self.deadline = port, lang, entries, deadline
        self.save_ms: list[float] = []
        self.preview_ms: list[float] = []
        self.acknowledged: dict[tuple[str, str], str] = {}  # (document, msgid) -> text on disk
        self.conflicts = 0
        self.failures: list[str] = []
        self.cookie = self.csrf = ""

    def call(self, connection, method: str, path: str, body: object = None) -> tuple[int, object]:
        headers = {"Cookie": f"mmn_session={self.cookie}", "Content-Type": "application/json"}
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.getheader("Set-Cookie"):
            self.cookie = SimpleCookie(response.getheader("Set-Cookie"))["mmn_session"].value
        return response.status, json.loads(data)

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        status, body = self.call(connection, "POST", "/api/login", {"name": self.name_, "password": "benchmark-pw"})
        if status != 200:
            self.failures.append(f"login {status}")
            return
        self.csrf = body["csrf_token"]
        for count in range(MAX_SAVES_EACH):
            if time.monotonic() >= self.deadline:
                break
            if count:
                time.sleep(self.pause)  # typing the next translation
            entry = self.entries[count % len(self.entries)]
            text = f"ការសាកល្បង {self.name_} {count}" if self.lang == "km" else f"{self.name_} {count} ✓"
            start = time.perf_counter()
            status, body = self.call(connection, "POST", "/api/preview", {"id": entry["id"], "msgstr": text})
            self.preview_ms.append((time.perf_counter() - start) * 1000)
            for _attempt in range(3):
                start = time.perf_counter()
                status, body = self.call(connection, "PUT", f"/api/entries/{entry['id']}",
                                         {"msgstr": text, "fuzzy": True, "revision": entry["revision"]})
                elapsed = (time.perf_counter() - start) * 1000
                if status == 200:
                    self.save_ms.append(elapsed)
                    entry.update(body["entry"])
                    self.acknowledged[(entry["document"], entry["msgid"])] = text
                    break
                if status == 409:
                    self.conflicts += 1
                    entry.update(body["entry"])
                    continue
                self.failures.append(f"save {status}: {body}")
                break
        connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translators", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds each translator types between two saves (a person needs 10 or more)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = copy_project(Path(scratch) / "project")
        store = Store(root)
        for number in range(args.translators):
            store.add_user(f"translator{number:02d}", "translator", [LANGUAGES[number % len(LANGUAGES)]], "benchmark-pw")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", "from mmn_i18n.interfaces.cli import main; main()", "serve",
                                   "--port", str(port), "--quiet"], cwd=root, stderr=subprocess.PIPE)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            translators = plan(root, port, args.translators, args.seconds, args.pause)
            started = time.monotonic()
            for translator in translators:
                translator.start()
            for translator in translators:
                translator.join()
            wall = time.monotonic() - started
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        return report(root, translators, wall, args.pause)


def plan(root: Path, port: int, count: int, seconds: float, pause: float) -> list[Translator]:
    """Give each translator her own entries (as a coordinator would), shared catalogs."""
    from mmn_i18n.project import load_project
    from mmn_i18n.interfaces.workspace.project_api import ProjectAPI

    api = ProjectAPI(load_project(root))
    by_language: dict[str, list[dict]] = {}
    for lang in LANGUAGES:
        pool = []
        for document in ("about", "press-release-women-health", "workshop-living-together"):
            pool += [e for e in api.entries(lang, document) if not e["msgid_plural"] and e["msgctxt"] is None
                     and not e["msgid"].startswith("\n") and not e["msgid"].endswith("\n")]
        by_language[lang] = pool
    deadline = time.monotonic() + 2 + seconds
    translators = []
    for number in range(count):
        lang = LANGUAGES[number % len(LANGUAGES)]
        sharing = [n for n in range(count) if LANGUAGES[n % len(LANGUAGES)] == lang]
        mine = by_language[lang][sharing.index(number)::len(sharing)]
        translators.append(Translator(number, port, lang, mine, deadline, pause))
    return translators


def report(root: Path, translators: list[Translator], wall: float, pause: float) -> int:
    saves = [ms for t in translators for ms in t.save_ms]
    previews = [ms for t in translators for ms in t.preview_ms]
    failures = [f for t in translators for f in t.failures]
    lost = []
    catalogs = sorted((root / "locale").glob("*/LC_MESSAGES/**/*.po"))
    for path in catalogs:
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], check=True, capture_output=True)
        read_catalog(path)
    on_disk: dict[tuple[str, str, str], str] = {}
    for lang in LANGUAGES:
        for document in ("about", "press-release-women-health", "workshop-living-together"):
            for entry in read_catalog(root / "locale" / lang / "LC_MESSAGES" / f"{document}.po"):
                on_disk[(lang, document, entry.msgid)] = entry.msgstr
    for t in translators:
        for (document, msgid), text in t.acknowledged.items():
            if on_disk.get((t.lang, document, msgid)) != text:
                lost.append((t.name_, document, msgid[:40]))
    sample = root / "locale" / "km" / "LC_MESSAGES" / "press-release-women-health.po"
    msgcat_ms = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(["msgcat", "-o", os.devnull, str(sample)], check=True)
        msgcat_ms.append((time.perf_counter() - start) * 1000)
    print(f"translators: {len(translators)}, each pausing {pause:g} s between saves, wall: {wall:.1f} s, "
          f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    print(f"saves acknowledged: {len(saves)} ({len(saves) / wall:.1f}/s), conflicts retried: "
          f"{sum(t.conflicts for t in translators)}, failures: {len(failures)}")
    print(f"save latency    p50 {percentile(saves, 0.5):7.1f} ms   p95 {percentile(saves, 0.95):7.1f} ms   "
          f"max {max(saves, default=float('nan')):7.1f} ms   (goal: p95 <= 150 ms)")
    print(f"preview latency p50 {percentile(previews, 0.5):7.1f} ms   p95 {percentile(previews, 0.95):7.1f} ms")
    print(f"msgcat alone rewriting one catalog: median {statistics.median(msgcat_ms):.1f} ms; "
          f"save p50 / msgcat = {percentile(saves, 0.5) / statistics.median(msgcat_ms):.1f}x")
    print(f"catalogs checked with msgfmt --check and the strict reader: {len(catalogs)}, all valid")
    print(f"acknowledged saves missing from the catalogs: {len(lost)}")
    for item in failures[:5] + lost[:5]:
        print("  ", item)
    return 1 if lost or failures else 0


if __name__ == "__main__":
    sys.exit(main())
