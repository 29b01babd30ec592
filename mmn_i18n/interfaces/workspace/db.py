"""The workspace's own records: accounts, sessions, edit history, discussion.

One SQLite file in the project's git-ignored `.mmn-i18n/` folder. The catalogs
stay the truth for translations; this database only says who may log in, who
changed what and when, and what people said about an entry. Passwords are
hashed with scrypt (memory-hard, in the standard library); session tokens are
stored only as their SHA-256, so a copy of the database opens no session.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ...gettext.catalog_lock import STATE_FOLDER
from ...errors import MmnError

DB_NAME = "workspace.sqlite3"
ROLES = ("translator", "reviewer", "admin")
# What each role may do: a reviewer also translates, an admin does everything.
ROLE_POWERS = {"translator": ("translator",), "reviewer": ("translator", "reviewer"),
               "admin": ("translator", "reviewer", "admin")}
SESSION_SECONDS = 12 * 3600
# scrypt at N=2^14, r=8: 16 MiB and about 50 ms a guess (OWASP's minimum is N=2^17 with r=8, p=1,
# which costs 128 MiB per login; we stay at a size a small server can run 20 at once).
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL, languages TEXT NOT NULL,
                                  password TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, csrf TEXT NOT NULL,
                                     expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL, by TEXT NOT NULL,
                                    at TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS history_entry ON history (entry, id);
CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL, by TEXT NOT NULL,
                                     at TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS comments_entry ON comments (entry, id);
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    languages: tuple[str, ...]

    @property
    def roles(self) -> tuple[str, ...]:
        return ROLE_POWERS[self.role]

    def may_write(self, lang: str) -> bool:
        return self.role == "admin" or lang in self.languages

    def may_approve(self, lang: str) -> bool:
        return "reviewer" in self.roles and self.may_write(lang)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${key.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, key = stored.split("$")
        found = hashlib.scrypt(password.encode("utf-8", "surrogatepass"), salt=bytes.fromhex(salt), n=int(n),
                               r=int(r), p=int(p), maxmem=SCRYPT["maxmem"], dklen=len(key) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), key)


# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_hex(8))


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """The database of one project; safe to share between the server's threads."""

    def __init__(self, root: Path | str) -> None:
        self.path = Path(root) / STATE_FOLDER / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._db() as db:
            db.executescript(SCHEMA)

    def _db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            # WAL: readers never wait for the writer; busy_timeout: writers queue instead of failing
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    # --- accounts ---------------------------------------------------------

    def add_user(self, name: str, role: str, languages: list[str], password: str) -> User:
        if not name or name != name.strip() or any(ch in name for ch in ",\n\r\t\0") or len(name) > 80:
            raise MmnError(f"User name {name!r}: use a name without commas, tabs or line breaks (at most 80 characters).")
        if role not in ROLES:
            raise MmnError(f"Role {role!r}: use one of {', '.join(ROLES)}.")
        if len(password) < 10:
            raise MmnError("The password is shorter than 10 characters; choose a longer one.")
        with self._db() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise MmnError(f"User {name!r} exists already. Remove it first (mmn-i18n users remove).")
            db.execute("INSERT INTO users VALUES (?, ?, ?, ?, ?)",
                       (name, role, ",".join(languages), hash_password(password), time.time()))
        return User(name, role, tuple(languages))

    def remove_user(self, name: str) -> None:
        with self._db() as db:
            if not db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount:
                raise MmnError(f"No user {name!r}. `mmn-i18n users list` shows them.")
            db.execute("DELETE FROM sessions WHERE name = ?", (name,))

    def users(self) -> list[User]:
        rows = self._db().execute("SELECT name, role, languages FROM users ORDER BY name").fetchall()
        return [User(name, role, tuple(filter(None, codes.split(",")))) for name, role, codes in rows]

    def user(self, name: str) -> User | None:
        row = self._db().execute("SELECT name, role, languages FROM users WHERE name = ?", (name,)).fetchone()
        return User(row[0], row[1], tuple(filter(None, row[2].split(",")))) if row else None

    def authenticate(self, name: str, password: str) -> User | None:
        row = self._db().execute("SELECT password FROM users WHERE name = ?", (name,)).fetchone()
        valid = check_password(password, row[0] if row else _DUMMY_HASH)
        return self.user(name) if row and valid else None

    # --- sessions ---------------------------------------------------------

    def open_session(self, name: str) -> tuple[str, str]:
        """A new (session token, CSRF token) for name."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                       (_token_hash(token), name, csrf, time.time() + SESSION_SECONDS))
        return token, csrf

    def session(self, token: str) -> tuple[User, str] | None:
        """(user, CSRF token) of a live session, else None."""
        row = self._db().execute("SELECT name, csrf, expires FROM sessions WHERE token_hash = ?",
                                 (_token_hash(token),)).fetchone()
        if row is None or row[2] < time.time():
            return None
        user = self.user(row[0])
        return (user, row[1]) if user else None

    def close_session(self, token: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))

    # --- history and discussion ---------------------------------------------

    def add_history(self, entry: str, by: str, before: str, after: str) -> None:
        with self._db() as db:
            db.execute("INSERT INTO history (entry, by, at, before, after) VALUES (?, ?, ?, ?, ?)",
                       (entry, by, _now_iso(), before, after))

    def history(self, entry: str) -> list[dict]:
        rows = self._db().execute("SELECT by, at, before, after FROM history WHERE entry = ? ORDER BY id DESC",
                                  (entry,)).fetchall()
        return [{"by": by, "at": at, "before": before, "after": after} for by, at, before, after in rows]

    def add_comment(self, entry: str, by: str, text: str) -> dict:
        at = _now_iso()
        with self._db() as db:
            db.execute("INSERT INTO comments (entry, by, at, text) VALUES (?, ?, ?, ?)", (entry, by, at, text))
        return {"by": by, "at": at, "text": text}

    def comments(self, entry: str) -> list[dict]:
        rows = self._db().execute("SELECT by, at, text FROM comments WHERE entry = ? ORDER BY id",
                                  (entry,)).fetchall()
        return [{"by": by, "at": at, "text": text} for by, at, text in rows]
