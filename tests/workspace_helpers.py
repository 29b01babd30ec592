"""A real workspace server on a free loopback port, and a small JSON client for it."""
from __future__ import annotations

import http.client
import json
import subprocess
import threading
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from conftest import copy_project
from mmn_i18n.project import load_project
from mmn_i18n.interfaces.workspace.db import Store
from mmn_i18n.interfaces.workspace.server import make_server

PASSWORDS = {"Sokha": "khmer-translator-pw", "Nang": "khmer-reviewer-pw", "Malee": "thai-translator-pw",
             "Admin": "admin-password-1", "Aung": "burmese-translator-pw"}
ACCOUNTS = [("Sokha", "translator", ["km"]), ("Nang", "reviewer", ["km"]), ("Malee", "translator", ["th"]),
            ("Admin", "admin", []), ("Aung", "translator", ["my"])]


def add_accounts(root: Path) -> None:
    store = Store(root)
    for name, role, langs in ACCOUNTS:
        store.add_user(name, role, langs, PASSWORDS[name])


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A copy of the bundled project with the accounts above, one per test module."""
    root = copy_project(tmp_path_factory.mktemp("workspace") / "project")
    add_accounts(root)
    return root


@pytest.fixture(scope="module")
def server(root):
    running = RunningServer(root)
    yield running
    running.stop()


class RunningServer:
    """make_server in a thread; .stop() frees the port."""

    def __init__(self, root: Path, trust_proxy: bool = True) -> None:
        self.server = make_server(load_project(root), "127.0.0.1", 0, trust_proxy=trust_proxy, quiet=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Client:
    """One browser's worth of state: the session cookie and the CSRF token."""

    def __init__(self, port: int, client_ip: str = "127.0.0.1") -> None:
        self.port = port
        self.cookie: str | None = None
        self.csrf: str | None = None
        self.client_ip = client_ip

    def request(self, method: str, path: str, body: object = None, raw: bytes | None = None,
                csrf: str | None | bool = True, headers: dict | None = None) -> tuple[int, object, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"X-Forwarded-For": self.client_ip, **(headers or {})}
        if self.cookie:
            sent["Cookie"] = f"mmn_session={self.cookie}"
        if csrf is True and self.csrf:
            sent["X-CSRF-Token"] = self.csrf
        elif isinstance(csrf, str):
            sent["X-CSRF-Token"] = csrf
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        if data is not None:
            sent.setdefault("Content-Type", "application/json")
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        payload = response.read()
        result_headers = {key.lower(): value for key, value in response.getheaders()}
        connection.close()
        try:
            decoded = json.loads(payload.decode("utf-8"))
        except ValueError:
            decoded = payload
        return response.status, decoded, result_headers

    def login(self, name: str, password: str | None = None) -> int:
        status, body, headers = self.request("POST", "/api/login",
                                             {"name": name, "password": password or PASSWORDS[name]})
        if status == 200:
            cookie = SimpleCookie(headers["set-cookie"])
            self.cookie = cookie["mmn_session"].value
            self.csrf = body["csrf_token"]
        return status

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def put(self, path: str, body: object, **kwargs):
        return self.request("PUT", path, body, **kwargs)

    def post(self, path: str, body: object, **kwargs):
        return self.request("POST", path, body, **kwargs)


def msgfmt_check(path: Path) -> None:
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)
