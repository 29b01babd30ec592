"""The workspace's HTTP server: one process, the standard library's threading server.

Every request is answered in the order the API promises: 401 without a valid
session, 403 without the right CSRF token on a state-changing request, 403
for a language the user may not write (or an approval by a non-reviewer), 400
for malformed input, 404 for an unknown entry, 409 for a stale revision.
Responses carry a Content-Security-Policy that allows nothing but this
origin, so even a translation that got past the escaping could not run code.
"""
from __future__ import annotations

import gzip
import json
import mimetypes
import re
import socket
import threading
import time
import traceback
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from ...errors import MmnError
from ...project import Project
from .db import Store, User
from .project_api import BadInput, Conflict, NotFound, ProjectAPI, clean_text

STATIC = Path(__file__).with_name("static")
SITE_STATIC = Path(__file__).resolve().parents[2] / "publishing" / "site" / "static"
COOKIE = "mmn_session"
MAX_BODY = 256 * 1024
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# A whole-page preview (shown in the editor's frame): the site's CSS and fonts, no script at all, even if
# some markup got past the escaping; sandboxed like a frame without allow-scripts.
PREVIEW_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; "
               "form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin")
PREVIEW_PAGES_KEPT = 64  # the latest whole-page previews, for their frames to load (a few per translator)
# Login throttling: after FREE_FAILURES failures in a row a client waits, doubling each time.
FREE_FAILURES = 5
FIRST_WAIT = 30.0


class HttpError(Exception):
    def __init__(self, status: int, message: str, extra: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra or {}


class LoginThrottle:
    """Consecutive failed logins per client; a success clears them."""

    def __init__(self) -> None:
        self._failures: dict[str, tuple[int, float]] = {}  # client -> (failures, blocked until)
        self._lock = threading.Lock()

    def blocked(self, client: str) -> float:
        """Seconds the client must still wait (0: may try)."""
        with self._lock:
            failures, until = self._failures.get(client, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, client: str) -> None:
        with self._lock:
            failures, _ = self._failures.get(client, (0, 0.0))
            failures += 1
            wait = FIRST_WAIT * 2 ** (failures - FREE_FAILURES) if failures >= FREE_FAILURES else 0.0
            self._failures[client] = (failures, time.monotonic() + min(wait, 3600.0))
            if len(self._failures) > 100_000:  # a flood of addresses must not eat the memory
                self._failures.clear()

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: bytes
    user: User | None = None
    csrf: str | None = None
    csrf_header: str | None = None
    content_type: str = ""

    def json(self) -> object:
        if not self.body:
            raise HttpError(400, "Send a JSON body.")
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise HttpError(400, "The body is not valid JSON in UTF-8.") from None


Route = tuple[str, re.Pattern, Callable]


class Workspace:
    """The routes: each handler gets a Request and returns (status, JSON-able value)."""

    def __init__(self, project: Project, trust_proxy: bool = False, secure_cookies: bool = False,
                 git_commit: bool = False) -> None:
        self.project = project
        self.git_commit = git_commit
        self.api = ProjectAPI(project)
        self.store = Store(project.root)
        self.throttle = LoginThrottle()
        self.trust_proxy = trust_proxy
        self.secure_cookies = secure_cookies
        self.routes: list[Route] = []
        self.previews: dict[str, tuple[str, bytes]] = {}  # token -> (user, page): the latest whole-page previews
        self._previews_lock = threading.Lock()
        for method, pattern, handler in (
            ("POST", r"/api/login", self.login), ("POST", r"/api/logout", self.logout),
            ("GET", r"/api/session", self.session), ("GET", r"/api/languages", self.languages),
            ("GET", r"/api/documents", self.documents), ("GET", r"/api/entries", self.entries),
            ("GET", r"/api/entries/(?P<id>[^/]+)", self.entry),
            ("PUT", r"/api/entries/(?P<id>[^/]+)", self.save),
            ("GET", r"/api/entries/(?P<id>[^/]+)/history", self.history),
            ("GET", r"/api/entries/(?P<id>[^/]+)/comments", self.comments),
            ("POST", r"/api/entries/(?P<id>[^/]+)/comments", self.add_comment),
            ("POST", r"/api/entries/(?P<id>[^/]+)/approve", self.approve),
            ("GET", r"/api/suggestions", self.suggestions), ("GET", r"/api/terms", self.terms),
            ("POST", r"/api/findings", self.findings), ("POST", r"/api/zawgyi", self.zawgyi),
            ("POST", r"/api/preview", self.preview), ("POST", r"/api/preview/page", self.page_preview),
            ("GET", r"/api/users", self.users),
        ):
            self.routes.append((method, re.compile(pattern + "$"), handler))

    def fonts(self) -> tuple:
        """The site's fonts installed here (fontconfig asked once per server)."""
        if not hasattr(self, "_fonts"):
            from ...publishing.site.fonts import SHIPPED_FONTS, find_font_file

            self._fonts = tuple(font for font in SHIPPED_FONTS if find_font_file(font.family, font.style))
        return self._fonts

    # --- sessions --------------------------------------------------------------

    def login(self, request: Request, client: str) -> tuple[int, dict]:
        wait = self.throttle.blocked(client)
        if wait:
            raise HttpError(429, f"Too many failed logins from here; try again in {int(wait) + 1} seconds.",
                            {"retry_after": int(wait) + 1})
        if not request.content_type.startswith("application/json"):
            # a cross-site HTML form cannot send this type without a CORS preflight we never grant,
            # so no other site can log a visitor into an account of its choosing
            raise HttpError(400, "Send the login as application/json.")
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not isinstance(body.get("password"), str):
            raise HttpError(400, 'Send {"name": ..., "password": ...}.')
        user = self.store.authenticate(body["name"], body["password"])
        if user is None:
            self.throttle.failed(client)
            raise HttpError(401, "Wrong name or password.")
        self.throttle.succeeded(client)
        token, csrf = self.store.open_session(user.name)
        return 200, {**self._session_dict(user, csrf), "_set_cookie": token}

    def logout(self, request: Request, client: str) -> tuple[int, dict]:
        return 200, {"_clear_cookie": True}

    def session(self, request: Request, client: str) -> tuple[int, dict]:
        return 200, self._session_dict(request.user, request.csrf)

    @staticmethod
    def _session_dict(user: User, csrf: str) -> dict:
        return {"name": user.name, "roles": list(user.roles), "languages": list(user.languages), "csrf_token": csrf}

    def users(self, request: Request, client: str) -> tuple[int, list]:
        if "admin" not in request.user.roles:
            raise HttpError(403, "Only an admin may list the users.")
        return 200, [{"name": u.name, "role": u.role, "languages": list(u.languages)} for u in self.store.users()]

    # --- reading ----------------------------------------------------------------

    def languages(self, request: Request, client: str) -> tuple[int, list]:
        return 200, [{"code": lang.code, "name": lang.english_name, "native_name": lang.native_name,
                      "html_lang": lang.html_lang, "script": lang.script, "nplurals": lang.nplurals,
                      "writable": request.user.may_write(lang.code)} for lang in self.project.languages]

    def documents(self, request: Request, client: str) -> tuple[int, list]:
        return 200, self.api.documents(request.query.get("lang"))

    def entries(self, request: Request, client: str) -> tuple[int, list]:
        q = request.query
        return 200, self.api.entries(q.get("lang"), q.get("document"), q.get("state") or None, q.get("q") or None)

    def entry(self, request: Request, client: str, id: str) -> tuple[int, dict]:
        return 200, self.api.entry(id)

    def history(self, request: Request, client: str, id: str) -> tuple[int, list]:
        self.api.exists(id)
        return 200, self.store.history(id)

    def comments(self, request: Request, client: str, id: str) -> tuple[int, list]:
        self.api.exists(id)
        return 200, self.store.comments(id)

    def suggestions(self, request: Request, client: str) -> tuple[int, list]:
        found = self.api.suggestions(request.query.get("lang"), request.query.get("source", ""))
        return 200, [{key: item[key] for key in ("source", "translation", "score", "document", "reviewed", "fuzzy")}
                     for item in found]

    def terms(self, request: Request, client: str) -> tuple[int, list]:
        return 200, self.api.terms(request.query.get("lang"), clean_text(request.query.get("source", ""), "source"))

    # --- writing ------------------------------------------------------------------

    def _may_write(self, user: User, entry_id: str) -> None:
        lang = self.api.language_of_id(entry_id)  # an id naming no language of ours is a 404, later
        if lang in self.project.language_codes and not user.may_write(lang):
            raise HttpError(403, f"You may not write {lang}; ask an admin to add the language to your account.")

    def save(self, request: Request, client: str, id: str) -> tuple[int, dict]:
        self._may_write(request.user, id)
        body = request.json()
        try:
            entry, change, findings = self.api.save(id, body, request.user.name)
        except Conflict as conflict:
            raise HttpError(409, "Someone saved this entry after you opened it: compare both texts.",
                            {"entry": conflict.entry}) from None
        self.store.add_history(id, request.user.name, _as_text(change["before"]), _as_text(change["after"]))
        answer = {"entry": entry, "findings": findings}
        if self.git_commit:
            from ...gettext.catalog_lock import catalog_lock
            from .git_commit import commit_save

            with catalog_lock(self.project.root, change["path"]):  # the file as this save left it
                problem = commit_save(self.project.root, change["path"], request.user.name, entry["msgid"])
            answer["committed"] = problem is None
            if problem:
                answer["commit_error"] = problem
        return 200, answer

    def approve(self, request: Request, client: str, id: str) -> tuple[int, dict]:
        lang = self.api.language_of_id(id)
        if lang in self.project.language_codes and not request.user.may_approve(lang):
            raise HttpError(403, f"Only a reviewer of {lang} may approve.")
        body = request.json()
        try:
            entry = self.api.approve(id, body, request.user.name)
        except Conflict as conflict:
            raise HttpError(409, "The text changed since you read it: read it again.", {"entry": conflict.entry}) from None
        return 200, {"entry": entry}

    def add_comment(self, request: Request, client: str, id: str) -> tuple[int, dict]:
        body = request.json()
        if not isinstance(body, dict):
            raise HttpError(400, 'Send {"text": ...}.')
        text = clean_text(body.get("text"), "The comment").strip()
        if not text:
            raise HttpError(400, "The comment is empty.")
        self.api.exists(id)
        return 200, self.store.add_comment(id, request.user.name, text)

    def _id_and_texts(self, request: Request) -> tuple[str, list[str]]:
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            raise HttpError(400, 'Send {"id": ..., "msgstr": ...}.')
        if "msgstr_plural" in body and isinstance(body["msgstr_plural"], list):
            texts = [clean_text(text, "msgstr_plural") for text in body["msgstr_plural"][:8]]
        else:
            texts = [clean_text(body.get("msgstr"), "msgstr")]
        return body["id"], texts

    def findings(self, request: Request, client: str) -> tuple[int, dict]:
        entry_id, texts = self._id_and_texts(request)
        return 200, {"findings": self.api.live_findings(entry_id, texts)}

    def zawgyi(self, request: Request, client: str) -> tuple[int, dict]:
        body = request.json()
        if not isinstance(body, dict):
            raise HttpError(400, 'Send {"text": ...}.')
        return 200, self.api.zawgyi(clean_text(body.get("text"), "text"))

    def preview(self, request: Request, client: str) -> tuple[int, dict]:
        entry_id, texts = self._id_and_texts(request)
        return 200, {"html": "".join(self.api.preview(entry_id, text) for text in texts)}

    def page_preview(self, request: Request, client: str) -> tuple[int, dict]:
        """The whole page: its HTML, whether it is the built site's page, and a URL the editor's frame loads."""
        import secrets

        entry_id, texts = self._id_and_texts(request)
        page, built = self.api.page_preview(entry_id, texts[0])
        token = secrets.token_urlsafe(18)
        with self._previews_lock:
            self.previews[token] = (request.user.name, page.encode("utf-8"))
            while len(self.previews) > PREVIEW_PAGES_KEPT:
                self.previews.pop(next(iter(self.previews)))
        return 200, {"html": page, "built": built, "url": f"/preview/page/{token}#mmn-edited"}

    def preview_page(self, token: str | None, preview: str) -> bytes | None:
        """A stored whole-page preview, for the session that asked for it only."""
        found = self.store.session(token) if token else None
        with self._previews_lock:
            stored = self.previews.get(preview)
        if found is None or stored is None or stored[0] != found[0].name:
            return None
        return stored[1]

    # --- dispatch ------------------------------------------------------------------

    def handle(self, request: Request, client: str, token: str | None) -> tuple[int, object]:
        """(status, body) for an API request, in the promised order of checks."""
        matched = [(method, pattern.match(request.path), handler) for method, pattern, handler in self.routes]
        matched = [(method, match, handler) for method, match, handler in matched if match]
        route = next(((match, handler) for method, match, handler in matched if method == request.method), None)
        if route is None or route[1] != self.login:  # every path but login: a session first, whatever else
            found = self.store.session(token) if token else None
            if found is None:
                raise HttpError(401, "Log in first.")
            request.user, request.csrf = found
            if request.method in ("POST", "PUT", "DELETE", "PATCH"):
                sent = request.csrf_header
                if not sent or not _same(sent, request.csrf):
                    raise HttpError(403, "Missing or wrong X-CSRF-Token header; reload the page.")
        if not matched:
            raise HttpError(404, "No such API path.")
        if route is None:
            raise HttpError(405, "Method not allowed here.")
        match, handler = route
        try:
            status, body = handler(request, client, **{k: unquote(v) for k, v in match.groupdict().items()})
        except BadInput as error:
            raise HttpError(400, str(error)) from None
        except NotFound:
            raise HttpError(404, "No such entry (the English may have changed: reload the list).") from None
        if handler == self.logout and token:
            self.store.close_session(token)
        return status, body


def _same(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def _as_text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "\n".join(f"[{i}] {form}" for i, form in enumerate(value))


class Handler(BaseHTTPRequestHandler):
    server_version = "mmn-i18n-workspace"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY: the headers and the body leave in two writes, and with Nagle's algorithm the
    # second waits for the client's delayed ACK (40 ms on Linux): measured, a save took 54 ms
    # on a quiet machine instead of 15 ms.
    disable_nagle_algorithm = True
    workspace: Workspace  # set on the subclass made by make_server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _client(self) -> str:
        forwarded = self.headers.get("X-Forwarded-For")
        if self.workspace.trust_proxy and forwarded:
            return forwarded.split(",")[-1].strip()  # the address the proxy saw
        return self.client_address[0]

    def _token(self) -> str | None:
        try:
            cookie = SimpleCookie(self.headers.get("Cookie", ""))
        except CookieError:
            return None
        morsel = cookie.get(COOKIE)
        return morsel.value if morsel else None

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = self.headers.get("Content-Length", "0")
        try:
            size = int(length)
        except ValueError:
            size = -1
        if size < 0 or size > MAX_BODY:
            self._send(413 if size > MAX_BODY else 400, {"error": "Body too large or bad Content-Length."}, close=True)
            return
        body = self.rfile.read(size) if size else b""
        if parts.path.startswith("/preview/page/") and self.command == "GET":
            page = self.workspace.preview_page(self._token(), parts.path.removeprefix("/preview/page/"))
            if page is None:
                self._respond(404, b"No such preview (log in, or ask for the preview again).\n",
                              "text/plain; charset=utf-8", {"Cache-Control": "no-store"})
            else:
                self._respond(200, page, "text/html; charset=utf-8", {"Cache-Control": "no-store"}, csp=PREVIEW_CSP)
            return
        if not parts.path.startswith("/api/"):
            self._static(parts.path)
            return
        try:
            query = {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True,
                                                                 errors="strict", max_num_fields=20).items()}
        except (ValueError, UnicodeDecodeError):
            self._send(400, {"error": "The query string is not valid UTF-8."})
            return
        request = Request(self.command, parts.path, query, body, csrf_header=self.headers.get("X-CSRF-Token"),
                          content_type=(self.headers.get("Content-Type") or "").lower())
        try:
            status, result = self.workspace.handle(request, self._client(), self._token())
        except HttpError as error:
            payload = {"error": error.message, **error.extra}
            headers = {"Retry-After": str(error.extra["retry_after"])} if "retry_after" in error.extra else {}
            self._send(error.status, payload, headers=headers)
            return
        except MmnError as error:  # a catalog that cannot be read or written: say which, change nothing
            self._send(500, {"error": str(error)})
            return
        except Exception:  # a bug: the traceback to the server's log, one line to the client
            traceback.print_exc()
            self._send(500, {"error": "Internal error (the server's log has the details); reload the entry "
                                      "to see what the catalog holds."})
            return
        headers = {}
        if isinstance(result, dict) and "_set_cookie" in result:
            secure = "; Secure" if self.workspace.secure_cookies else ""
            headers["Set-Cookie"] = f"{COOKIE}={result.pop('_set_cookie')}; HttpOnly; SameSite=Strict; Path=/{secure}"
        if isinstance(result, dict) and result.pop("_clear_cookie", False):
            headers["Set-Cookie"] = f"{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
        self._send(status, result, headers=headers)

    def _send(self, status: int, payload: object, headers: dict | None = None, close: bool = False) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._respond(status, data, "application/json; charset=utf-8", {**(headers or {}), "Cache-Control": "no-store"},
                      close)

    def _respond(self, status: int, data: bytes, content_type: str, headers: dict, close: bool = False,
                 csp: str = CSP) -> None:
        # gzip for slow links; never a body holding the CSRF token (BREACH: secret beside reflected text)
        if (len(data) > 1024 and "gzip" in self.headers.get("Accept-Encoding", "")
                and not self.path.startswith(("/api/login", "/api/session")) and not content_type.startswith("font/")):
            data = gzip.compress(data, compresslevel=5)
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in headers.items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _static(self, path: str) -> None:
        """The UI's own files, the site's CSS and its fonts; nothing else on disk is reachable."""
        if self.command != "GET":
            self._send(405, {"error": "Method not allowed here."})
            return
        path = unquote(path)
        if path == "/site/mmn-fonts.css":  # the site's font stylesheet, for the fonts the workspace serves
            from ...publishing.site.fonts import stylesheet

            self._respond(200, stylesheet(list(self.workspace.fonts())).encode("utf-8"), "text/css; charset=utf-8",
                          {"Cache-Control": "no-cache"})
            return
        file = static_file(path, self.workspace.project)
        if file is None or not file.is_file():
            self._respond(404, b"Not found\n", "text/plain; charset=utf-8", {})
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript",):
            kind += "; charset=utf-8"
        cache = "no-cache" if file.suffix in (".html", ".js", ".css") else "max-age=86400"
        self._respond(200, file.read_bytes(), kind, {"Cache-Control": cache})


def static_file(path: str, project: Project) -> Path | None:
    """The UI's files, the site's CSS and fonts (WOFF2 subsets, as the site ships them), a built site's CSS."""
    from ...publishing.site.fonts import SCRIPT_RANGES, SHIPPED_FONTS, find_font_file, woff2_subset

    if path in ("/", "/index.html"):
        return STATIC / "index.html"
    name = path.rsplit("/", 1)[-1]
    if path == f"/static/{name}" and (STATIC / name).is_file() and not name.startswith("."):
        return STATIC / name
    if path == "/site/mmn-site.css":
        return SITE_STATIC / "mmn-site.css"
    if path == f"/site/fonts/{name}":
        for font in SHIPPED_FONTS:
            source = find_font_file(font.family, font.style) if font.file_name == name else None
            if source is not None:
                return woff2_subset(source, SCRIPT_RANGES[font.family])
    match = re.fullmatch(r"/preview/static/(?P<lang>[\w-]+)/(?P<name>[\w-]+(?:\.[\w-]+)*\.css)", path)
    if match and match["lang"] in project.language_codes:  # the theme's CSS of a built site, nothing else
        folder = (project.build_dir / "html" / match["lang"] / "_static").resolve()
        file = (folder / match["name"]).resolve()
        return file if file.parent == folder else None
    return None


class WorkspaceServer(ThreadingHTTPServer):
    allow_reuse_address = True  # SO_REUSEADDR: restart on the same port at once after a stop or kill
    daemon_threads = True
    request_queue_size = 64
    quiet = False

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        super().server_bind()


def make_server(project: Project, host: str = "127.0.0.1", port: int = 8000, trust_proxy: bool = False,
                secure_cookies: bool = False, quiet: bool = False, git_commit: bool = False) -> WorkspaceServer:
    workspace = Workspace(project, trust_proxy, secure_cookies, git_commit)
    handler = type("BoundHandler", (Handler,), {"workspace": workspace})
    server = WorkspaceServer((host, port), handler)
    server.quiet = quiet
    return server
