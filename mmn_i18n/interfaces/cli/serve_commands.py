"""The serve and users commands: run the translators' workspace, manage its accounts."""
from __future__ import annotations

import signal
import sys

import click

from ...errors import MmnError
from .common import current_project, say


@click.command(short_help="Serve the translators' web workspace for this project.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--trust-proxy", is_flag=True,
              help="Behind a reverse proxy: take the client address from X-Forwarded-For (for login throttling).")
@click.option("--secure-cookies", is_flag=True, help="Mark the session cookie Secure (when served over HTTPS).")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
@click.option("--git-commit", is_flag=True, help="Commit each save (that catalog only) with the translator as author.")
def serve(host: str, port: int, trust_proxy: bool, secure_cookies: bool, quiet: bool, git_commit: bool) -> None:
    """Serve the workspace: translators edit the catalogs of this project in a browser.

    One process; the catalogs on disk stay the truth, accounts and history live
    in .mmn-i18n/workspace.sqlite3 (git-ignored). Add accounts with
    `mmn-i18n users add`. Run it behind a reverse proxy for HTTPS (README).

    \b
    Example:
      mmn-i18n users add Sokha --role translator --lang km --password-stdin
      mmn-i18n serve --port 8000
    """
    from ..workspace.server import make_server

    project = current_project()
    try:
        if git_commit and not (project.root / ".git").exists():
            raise MmnError(f"--git-commit: {project.root} is not a git repository (git init, or leave the option out).")
        server = make_server(project, host, port, trust_proxy, secure_cookies, quiet, git_commit)
    except OSError as error:
        raise MmnError(f"Cannot listen on {host}:{port} ({error.strerror or error}). "
                       "Choose another port with --port.") from None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # SystemExit closes the socket below
    bound_host, bound_port = server.server_address[:2]
    say(f"Serving {project.root} at http://{bound_host}:{bound_port}/ (Ctrl+C stops).")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@click.group(short_help="Manage the workspace's accounts.")
def users() -> None:
    """Add, list and remove the workspace's accounts (stored in .mmn-i18n/workspace.sqlite3).

    \b
    Roles: translator (writes her languages), reviewer (also approves them),
    admin (every language, manages accounts).
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["translator", "reviewer", "admin"]), required=True)
@click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="A language she works in (repeatable).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def users_add(name: str, role: str, langs: tuple[str, ...], password_stdin: bool) -> None:
    """Add an account. The password is read from standard input, never from the command line.

    \b
    Example:
      printf '%s\\n' "$PASSWORD" | mmn-i18n users add Sokha --role translator --lang km --password-stdin
    """
    from ..workspace.db import Store

    project = current_project()
    if not password_stdin:
        raise click.UsageError("Give --password-stdin and the password on standard input.")
    if role != "admin" and not langs:
        raise click.UsageError("Give at least one --lang for a translator or reviewer.")
    codes = [language.code for language in project.select_languages(list(langs))] if langs else []
    password = sys.stdin.readline().rstrip("\r\n")
    user = Store(project.root).add_user(name, role, codes, password)
    say(f"Added {user.name} ({user.role}{': ' + ', '.join(user.languages) if user.languages else ''}).")


@users.command("list")
def users_list() -> None:
    """One line per account: name, role, language codes (tab-separated)."""
    from ..workspace.db import Store

    for user in Store(current_project().root).users():
        click.echo(f"{user.name}\t{user.role}\t{','.join(user.languages)}")


@users.command("remove")
@click.argument("name")
def users_remove(name: str) -> None:
    """Remove an account and end its sessions (its history and comments stay)."""
    from ..workspace.db import Store

    Store(current_project().root).remove_user(name)
    say(f"Removed {name}.")
