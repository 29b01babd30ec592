"""The translators' web workspace: translate, check, preview and review in the browser.

server.py answers HTTP (the API and the static UI in static/), db.py keeps
accounts, sessions, history and comments in SQLite, project_api.py is the one
adapter to the core (catalogs, checks, coverage, review, memory), preview.py
renders a translation as the site renders it. `mmn-i18n serve` starts it.
"""
