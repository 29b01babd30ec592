"""The workspace's one door to the core: every catalog read, save, check and count.

The HTTP layer (server.py) knows requests and status codes; this module knows
the project. Every read goes through mmn_i18n.gettext.catalogs.read_catalog, every
save through write_catalog under the catalog's lock (mmn_i18n.gettext.catalog_lock),
findings come from the checks runner, counts from coverage, readiness from
readiness, approvals from review, suggestions from the translation memory.
A later refactor of the core touches this file only.

Problems the user can fix are raised as BadInput (400), NotFound (404) or
Conflict (409, with the entry as it now is); the server maps them.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ...gettext.catalog_lock import catalog_lock
from ...gettext.catalog_splice import splice_entry
from ...gettext.catalogs import catalog_files, document_of, read_catalog, write_catalog, write_catalog_text
from ...gettext.checks import CHECKS, project_termbase
from ...gettext.checks.core import Context
from ...gettext.checks.config import settings_from_project
from ...gettext.checks.runner import NPLURALS, check_catalog, check_entry, is_rest_catalog
from ...gettext.coverage import count_catalog
from ...errors import CatalogError, MmnError
from ...languages import Language
from ...project import Project
from ...gettext.review import approvals, is_reviewed, is_translated, review_hash
from .preview import (PageChange, UnsafePreview, built_page_preview, built_translations, check_safe, fallback_page,
                      render_page, render_paragraph, render_rest)

STATES = ("untranslated", "fuzzy", "findings", "unreviewed")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # C0 controls but tab and newline: nothing a catalog should hold
MAX_TEXT = 20_000
TM_REFRESH_SECONDS = 10
ATTEMPTS = 3  # reads of a catalog a program ignoring the lock keeps replacing, before the save gives up


class BadInput(ValueError):
    """Malformed input (400); str() says what is wrong."""


class NotFound(LookupError):
    """No such entry (404)."""


class ReplacedMeanwhile(Exception):
    """The catalog's bytes changed between the read and the rename (a program that ignores the lock)."""


class Conflict(Exception):
    """The entry changed since the revision the client had (409)."""

    def __init__(self, entry: dict) -> None:
        super().__init__("the entry changed since you opened it")
        self.entry = entry


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def entry_key(entry: polib.POEntry) -> str:
    return entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"


def make_id(lang: str, document: str, entry: polib.POEntry) -> str:
    """URL-safe, one path segment: where (language, document) and which (hash of msgctxt+msgid).

    Stable across restarts and msgstr edits; it changes only when the English does.
    """
    where = b64(f"{lang}/{document}".encode("utf-8"))
    which = b64(hashlib.sha256(entry_key(entry).encode("utf-8")).digest()[:12])
    return f"{where}.{which}"


def split_id(entry_id: str) -> tuple[str, str, str] | None:
    """(lang, document, entry hash) of an id, or None when it is not one of ours."""
    if not isinstance(entry_id, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{16}", entry_id):
        return None
    where, which = entry_id.split(".")
    try:
        lang, _, document = unb64(where).decode("utf-8").partition("/")
    except (ValueError, UnicodeDecodeError):
        return None
    return lang, document, which


def revision(entry: polib.POEntry) -> str:
    """Changes whenever the translation, its flags or its comments (approvals) change."""
    state = [entry.msgstr, sorted(entry.msgstr_plural.items()), sorted(entry.flags), entry.tcomment or ""]
    return b64(hashlib.sha256(json.dumps(state, ensure_ascii=False).encode("utf-8")).digest()[:12])


def clean_text(value: object, what: str) -> str:
    """A text from a client, or BadInput saying why a catalog cannot take it."""
    if not isinstance(value, str):
        raise BadInput(f"{what} must be text.")
    if len(value) > MAX_TEXT:
        raise BadInput(f"{what} is longer than {MAX_TEXT} characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"{what} holds a lone surrogate (a broken character); paste the text again.") from None
    bad = CONTROL.search(value)
    if bad:
        raise BadInput(f"{what} holds the control character U+{ord(bad.group()):04X}, which a catalog cannot "
                       "hold; remove it.")
    return value.replace("\r\n", "\n")


def _digest_bytes(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _digest(text: str) -> bytes:
    return _digest_bytes(text.encode("utf-8", "surrogateescape"))


def _stamp(path: Path) -> tuple[int, int, int]:
    """Changes whenever the file is replaced (atomic writes make a new inode) or rewritten."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@dataclass
class _Loaded:
    """One catalog as read from disk, with what the API derives from it."""

    stamp: tuple
    catalog: polib.POFile
    by_hash: dict[str, polib.POEntry]
    findings: dict[int, list[dict]] | None = None
    lines: list[str] = field(default_factory=list)


class ProjectAPI:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._cache: dict[Path, _Loaded] = {}
        self._guard = threading.Lock()
        self._termbase = None
        self._termbase_loaded = False
        self._memory = None
        self._memory_at = 0.0
        self._memory_lock = threading.Lock()
        self._written: dict[Path, tuple[bytes, polib.POFile]] = {}  # catalogs saved here, by their text's SHA-256

    # --- where things are -----------------------------------------------------

    def language(self, lang: object) -> Language:
        if not isinstance(lang, str) or lang not in self.project.language_codes:
            raise BadInput(f"Unknown language {str(lang)[:20]!r}: use one of {', '.join(self.project.language_codes)}.")
        return self.project.select_languages([lang])[0]

    def documents_of(self, lang: str) -> dict[str, Path]:
        folder = self.project.catalog_dir(lang)
        return {document_of(path, folder): path for path in catalog_files(folder)}

    def catalog_path(self, lang: object, document: object) -> Path:
        """The catalog of a known language and document; never a path built from the request."""
        self.language(lang)
        found = self.documents_of(lang).get(document) if isinstance(document, str) else None
        if found is None:
            raise BadInput(f"Unknown document {str(document)[:60]!r} in {lang}.")
        return found

    def locate(self, entry_id: str) -> tuple[str, str, Path, str]:
        """(lang, document, catalog, entry hash) of an id; NotFound when no catalog holds it."""
        parts = split_id(entry_id)
        if parts is None:
            raise NotFound()
        lang, document, which = parts
        path = self.documents_of(lang).get(document) if lang in self.project.language_codes else None
        if path is None:
            raise NotFound()
        return lang, document, path, which

    def language_of_id(self, entry_id: str) -> str | None:
        parts = split_id(entry_id)
        return parts[0] if parts else None

    # --- reading ----------------------------------------------------------------

    def _load(self, path: Path) -> _Loaded:
        stamp = _stamp(path)
        with self._guard:
            loaded = self._cache.get(path)
        if loaded is None or loaded.stamp != stamp:
            catalog = read_catalog(path)
            lang = path.relative_to(self.project.locale_dir).parts[0]
            document = document_of(path, self.project.catalog_dir(lang))
            by_hash = {make_id(lang, document, entry).split(".")[1]: entry
                       for entry in catalog if not entry.obsolete and entry.msgid}
            loaded = _Loaded(stamp, catalog, by_hash)
            with self._guard:
                self._cache[path] = loaded
        return loaded

    def termbase(self):
        if not self._termbase_loaded:
            self._termbase = project_termbase(self.project)
            self._termbase_loaded = True
        return self._termbase

    def _catalog_findings(self, path: Path, loaded: _Loaded) -> dict[int, list[dict]]:
        """The CLI's findings for the catalog, by msgid line (computed once per version of the file)."""
        if loaded.findings is None:
            found: dict[int, list[dict]] = {}
            for finding in check_catalog(path, termbase=self.termbase()):
                found.setdefault(finding.line, []).append(
                    {"check": finding.check, "severity": str(getattr(finding.severity, "value", finding.severity)),
                     "message": finding.message})
            loaded.lines = path.read_text(encoding="utf-8").splitlines()
            loaded.findings = found
        return loaded.findings

    def _entry_line(self, loaded: _Loaded, entry: polib.POEntry) -> int:
        from ...gettext.checks.core import msgid_line

        return msgid_line(loaded.lines, entry.linenum) if loaded.lines else entry.linenum

    def entry_dict(self, lang: str, document: str, path: Path, loaded: _Loaded | None, entry: polib.POEntry,
                   findings: list[dict] | None = None) -> dict:
        if findings is None:
            findings = self._catalog_findings(path, loaded).get(self._entry_line(loaded, entry), [])
        plural = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] if entry.msgid_plural else None
        reviewer = next((a for a in approvals(entry) if a.hash == review_hash(entry)), None) if is_reviewed(entry) else None
        comment_lines = [line for line in (entry.tcomment or "").splitlines() if not line.strip().startswith("mmn-")]
        return {
            "id": make_id(lang, document, entry), "language": lang, "document": document,
            "msgid": entry.msgid, "msgid_plural": entry.msgid_plural or None, "msgctxt": entry.msgctxt,
            "msgstr": entry.msgstr if not entry.msgid_plural else (plural[0] if plural else ""),
            "msgstr_plural": plural, "fuzzy": "fuzzy" in entry.flags, "reviewed": is_reviewed(entry),
            "reviewed_by": reviewer.name if reviewer else None, "findings": findings, "revision": revision(entry),
            "previous_msgid": entry.previous_msgid if "fuzzy" in entry.flags else None,
            "translator_comments": "\n".join(comment_lines), "extracted_comments": entry.comment or "",
            "occurrences": [f"{name}:{line}" for name, line in entry.occurrences],
        }

    def documents(self, lang: str) -> list[dict]:
        """Coverage counts (mmn-i18n coverage's) and readiness of each document in lang."""
        from ...publishing.readiness import assess, save_checks_cache

        self.language(lang)
        docs = self.documents_of(lang)
        try:
            readiness = assess(self.project, [lang])
            save_checks_cache(self.project, readiness)  # the next listing need not run the checks again
            ready = {doc.name: readiness.cell(doc.name, lang).ready for doc in readiness.documents}
        except MmnError:
            ready = {}
        result = []
        for document, path in docs.items():
            counts = count_catalog(path)
            result.append({"document": document, "translated": counts.translated, "fuzzy": counts.fuzzy,
                           "untranslated": counts.untranslated, "reviewed": counts.reviewed,
                           "total": counts.total, "ready": ready.get(document, False)})
        return result

    def entries(self, lang: str, document: str, state: str | None = None, query: str | None = None) -> list[dict]:
        path = self.catalog_path(lang, document)
        if state is not None and state not in STATES:
            raise BadInput(f"Unknown state {state[:20]!r}: use one of {', '.join(STATES)}.")
        if query is not None:
            query = clean_text(query, "The search")
        loaded = self._load(path)
        result = []
        for entry in loaded.by_hash.values():
            item = self.entry_dict(lang, document, path, loaded, entry)
            if state == "untranslated" and is_translated(entry):
                continue
            if state == "fuzzy" and not (is_translated(entry) and item["fuzzy"]):
                continue
            if state == "findings" and not item["findings"]:
                continue
            if state == "unreviewed" and not (is_translated(entry) and not item["fuzzy"] and not item["reviewed"]):
                continue
            if query and not self._matches(lang, entry, query):
                continue
            result.append(item)
        return result

    def _matches(self, lang: str, entry: polib.POEntry, query: str) -> bool:
        """The English as a substring (case folded), or the translation by whole words (the memory's segmenter)."""
        from ...gettext.tm import words as tm_words

        if query.casefold() in entry.msgid.casefold():
            return True
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for variant in tm_words.query_variants(query, lang):
            wanted = tm_words.words(variant, lang)
            if wanted and any(tm_words.contains_sequence(tm_words.words(text, lang), wanted) for text in translations):
                return True
        return False

    def _entry(self, entry_id: str) -> tuple[str, str, Path, _Loaded, polib.POEntry]:
        lang, document, path, which = self.locate(entry_id)
        loaded = self._load(path)
        entry = loaded.by_hash.get(which)
        if entry is None:
            raise NotFound()
        return lang, document, path, loaded, entry

    def entry(self, entry_id: str) -> dict:
        lang, document, path, loaded, entry = self._entry(entry_id)
        return self.entry_dict(lang, document, path, loaded, entry)

    def exists(self, entry_id: str) -> None:
        """NotFound unless the id names an entry of a catalog."""
        self._entry(entry_id)

    # --- checks, vocabulary, memory, preview -----------------------------------------

    def live_findings(self, entry_id: str, texts: list[str]) -> list[dict]:
        """The CLI checks' findings for this entry as if it held texts (not fuzzy), same ids and words."""
        lang, document, path, loaded, entry = self._entry(entry_id)
        return self._entry_findings(lang, path, loaded.catalog, entry, texts)

    def _entry_findings(self, lang: str, path: Path, catalog: polib.POFile, entry: polib.POEntry,
                        texts: list[str]) -> list[dict]:
        if not any(texts):
            return []
        trial = polib.POEntry(msgid=entry.msgid, msgid_plural=entry.msgid_plural, msgctxt=entry.msgctxt,
                              occurrences=entry.occurrences, tcomment=entry.tcomment, comment=entry.comment,
                              flags=[flag for flag in entry.flags if flag != "fuzzy"])
        if entry.msgid_plural:
            trial.msgstr_plural = dict(enumerate(texts))
        else:
            trial.msgstr = texts[0]
        language = self.language(lang)
        match = NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
        ctx = Context(path=path, language=language, header=dict(catalog.metadata),
                      nplurals=int(match.group(1)) if match else language.nplurals, catalog=catalog,
                      termbase=self.termbase(), rest=is_rest_catalog(catalog))
        checks = settings_from_project(self.project).apply(CHECKS.values())  # as `mmn-i18n check` runs them
        found = [{"check": check.id, "severity": str(getattr(check.severity, "value", check.severity)),
                  "message": message}
                 for check, _, message in check_entry(trial, ctx, checks, entry.linenum)]
        return found

    def terms(self, lang: str, english: str) -> list[dict]:
        """The vocabulary's terms found in the English: approved translation, definition, words to avoid."""
        self.language(lang)
        termbase = self.termbase()
        if termbase is None:
            return []
        result = []
        for term in termbase.terms_in(english):
            avoid = [{"text": a.text, "note": a.note} for a in termbase.avoided_terms(lang) if a.term_id == term.id]
            result.append({"id": term.id, "term": term.term, "translation": termbase.translation(term.id, lang),
                           "proposed": termbase.translation(term.id, lang, include_fuzzy=True),
                           "definition": termbase.display(term.id, lang, "definition"),
                           "avoid": avoid + [{"text": text, "note": term.avoid_reason} for text in term.avoid]})
        return result

    def suggestions(self, lang: str, source: object, limit: int = 5) -> list[dict]:
        self.language(lang)
        source = clean_text(source, "The source")
        with self._memory_lock:  # one reload at a time: it rewrites the memory's cache file
            if self._memory is None or time.monotonic() - self._memory_at > TM_REFRESH_SECONDS:
                from ...gettext.tm import TranslationMemory

                self._memory = TranslationMemory.load(self.project)  # re-reads only catalogs that changed
                self._memory_at = time.monotonic()
            memory = self._memory
        return memory.suggest(lang, source, limit)

    def zawgyi(self, text: str) -> dict:
        """Whether pasted text is Zawgyi, and its Unicode conversion."""
        from ...gettext.checks.zawgyi import is_confident_zawgyi
        from ...gettext.fix import zawgyi_to_unicode

        if is_confident_zawgyi(text):
            return {"zawgyi": True, "unicode": zawgyi_to_unicode(text)}
        return {"zawgyi": False, "unicode": text}

    def preview(self, entry_id: str, text: str) -> str:
        lang, _, _, _, entry = self._entry(entry_id)
        english = entry.msgid + "\n" + (entry.msgid_plural or "")
        try:
            return render_paragraph(english, text, self.language(lang).html_lang)
        except UnsafePreview as why:
            raise BadInput(f"The build would refuse this translation: {why}.") from None

    def page_preview(self, entry_id: str, text: str) -> tuple[str, bool]:
        """(a whole HTML page showing the edit, whether it is the built site's page).

        The built page of the language's site when there is one and it shows
        the entry; else the document's messages in page order, saying so.
        """
        lang, document, path, which = self.locate(entry_id)
        loaded = self._load(path)
        if which not in loaded.by_hash:
            raise NotFound()
        edited = loaded.by_hash[which]
        language = self.language(lang)
        try:
            check_safe(edited.msgid + "\n" + (edited.msgid_plural or ""), text)
        except UnsafePreview as why:
            raise BadInput(f"The build would refuse this translation: {why}.") from None
        site = (self.project.build_dir / "html" / lang).resolve()
        built = (site / f"{document}.html").resolve()
        if built.is_relative_to(site) and built.is_file():
            when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(built.stat().st_mtime))
            shown = [] if "fuzzy" in edited.flags or not is_translated(edited) else [edited.msgstr]
            at_build = built_translations(path.with_suffix(".mo"), built)
            if at_build is None:
                saved, saved_note = [], ("Edits saved since that build show as they were then (the catalog "
                                         "compiled for it is gone or was compiled again since).")
            else:
                # what the build showed first: the edited entry's element shows that, not today's text
                shown = [at_build[edited.msgid]] if at_build.get(edited.msgid) else []
                saved = saved_since_build(loaded.by_hash.values(), edited, at_build)
                saved_note = "Saved edits since that build applied: {placed}; not placed on the page: {missed}."
            page = built_page_preview(
                built.read_text(encoding="utf-8"), [render_rest(t) for t in [*shown, edited.msgid]], text,
                language.html_lang, f"/preview/static/{lang}/",
                f"Preview: the {language.english_name} site's page as built on {when}, with your edit (outlined). "
                f"{saved_note} Nothing is published.", saved)
            if page is not None:
                return page, True
            note = (f"This paragraph is not on the {language.english_name} site's page built on {when} (the English "
                    "changed since?): here are the page's messages in order with your edit, not the page itself.")
        else:
            note = (f"The {language.english_name} site is not built (mmn-i18n build -l {lang}): here are the page's "
                    "messages in order with your edit, not the page itself.")
        messages = []
        for key, entry in loaded.by_hash.items():
            if key == which:
                shown_text = text
            else:
                shown_text = "" if "fuzzy" in entry.flags else (entry.msgstr or entry.msgstr_plural.get(0, ""))
            messages.append((entry.msgid, shown_text, key == which))
        return fallback_page(render_page(messages, language.html_lang), language.html_lang, note), False

    # --- writing ------------------------------------------------------------------

    def save(self, entry_id: str, body: dict, by: str) -> tuple[dict, dict, list[dict]]:
        """Write one entry's translation: (entry after, history record, live findings).

        Under the catalog's lock: read strictly, compare the revision, change
        the entry and the header, write atomically and verified.
        """
        texts, fuzzy, wanted_revision = self._save_body(body)
        return self._again_if_replaced(lambda: self._save_once(entry_id, texts, fuzzy, wanted_revision, by))

    def _again_if_replaced(self, change):
        """change(), done again from a fresh read when a program ignoring the lock (git) replaced the file meanwhile."""
        for _attempt in range(ATTEMPTS):
            try:
                return change()
            except ReplacedMeanwhile:
                continue
        raise MmnError("Another program keeps replacing this catalog while the workspace saves it; "
                       "the save was not written. Try again when it has finished (a `git pull`?).")

    def _save_once(self, entry_id: str, texts, fuzzy: bool, wanted_revision: str, by: str):
        lang, document, path, which = self.locate(entry_id)
        with catalog_lock(self.project.root, path):
            old_text, catalog, laid_out = self._read_for_write(path)
            entry = self._find(catalog, lang, document, which)
            if bool(entry.msgid_plural) != (texts[1] is not None):
                raise BadInput("This entry has plural forms: send msgstr_plural." if entry.msgid_plural
                               else "This entry has no plural forms: send msgstr.")
            forms = texts[1] if entry.msgid_plural else [texts[0]]
            if entry.msgid_plural:
                nplurals = len(entry.msgstr_plural) or self.language(lang).nplurals
                if len(forms) != nplurals:
                    raise BadInput(f"msgstr_plural needs {nplurals} forms in this catalog, not {len(forms)}.")
            english = entry.msgid + "\n" + (entry.msgid_plural or "")
            for form in forms:
                self._check_form(entry, english, form)
            if wanted_revision != revision(entry):
                raise Conflict(self._dict_of(lang, document, path, entry))
            before = self._texts(entry)
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = forms[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            if fuzzy and any(forms):
                entry.flags.insert(0, "fuzzy")
            if "fuzzy" not in entry.flags:
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            after = self._texts(entry)
            catalog.metadata["PO-Revision-Date"] = time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime())
            catalog.metadata["Last-Translator"] = by
            self._write_and_remember(path, old_text, catalog, entry, laid_out)
            live = self._entry_findings(lang, path, catalog, entry, forms)
            # the CLI checks neither fuzzy nor untranslated entries
            shown = [] if "fuzzy" in entry.flags or not is_translated(entry) else live
            return self.entry_dict(lang, document, path, None, entry, shown), {"before": before, "after": after, "path": path}, live

    def approve(self, entry_id: str, body: object, by: str) -> dict:
        """Record by's approval of the entry's current text (msgctxt and plural forms too), as `mmn-i18n review` does."""
        if not isinstance(body, dict) or not isinstance(body.get("revision"), str):
            raise BadInput('Send {"revision": "..."}: the revision of the text you read.')
        return self._again_if_replaced(lambda: self._approve_once(entry_id, body["revision"], by))

    def _approve_once(self, entry_id: str, wanted_revision: str, by: str) -> dict:
        from ...gettext.review import record_approval

        lang, document, path, which = self.locate(entry_id)
        with catalog_lock(self.project.root, path):
            old_text, catalog, laid_out = self._read_for_write(path)
            entry = self._find(catalog, lang, document, which)
            if wanted_revision != revision(entry):
                raise Conflict(self._dict_of(lang, document, path, entry))
            try:
                changed = record_approval(entry, by)
            except MmnError as error:
                raise BadInput(str(error)) from None
            if changed:
                self._write_and_remember(path, old_text, catalog, entry, laid_out)
            return self._dict_of(lang, document, path, entry)

    def _write_and_remember(self, path: Path, old_text: str, catalog, entry, laid_out) -> None:
        """Write the changed catalog and keep it as what is on disk (the next save splices into it)."""
        try:
            text = self._write(path, old_text, catalog, entry, laid_out)
        except BaseException:
            self._written.pop(path, None)  # the catalog object was changed but not written
            raise
        self._written[path] = (_digest(text), catalog)

    def _save_body(self, body: object) -> tuple[tuple[str | None, list[str] | None], bool, str]:
        if not isinstance(body, dict):
            raise BadInput("Send a JSON object.")
        if ("msgstr" in body) == ("msgstr_plural" in body):
            raise BadInput("Send either msgstr or msgstr_plural.")
        if "msgstr" in body:
            texts = (clean_text(body["msgstr"], "msgstr"), None)
        else:
            forms = body["msgstr_plural"]
            if not isinstance(forms, list) or not forms or len(forms) > 8:
                raise BadInput("msgstr_plural must be a list of texts, one per plural form.")
            texts = ("", [clean_text(form, f"msgstr_plural[{i}]") for i, form in enumerate(forms)])
        fuzzy = body.get("fuzzy", False)
        if not isinstance(fuzzy, bool):
            raise BadInput("fuzzy must be true or false.")
        if not isinstance(body.get("revision"), str):
            raise BadInput("revision must be the text of the entry's revision you edited.")
        return texts, fuzzy, body["revision"]

    def _check_form(self, entry: polib.POEntry, english: str, form: str) -> None:
        if form and (form.startswith("\n") != entry.msgid.startswith("\n")
                     or form.endswith("\n") != entry.msgid.endswith("\n")):
            raise BadInput("The translation must begin and end with a line break exactly where the English does "
                           "(msgfmt --check refuses the catalog otherwise).")
        try:
            check_safe(english, form)
        except UnsafePreview as why:
            raise BadInput(f"The build would refuse this translation: {why}.") from None

    def _read_for_write(self, path: Path) -> tuple[str, polib.POFile, bool]:
        """(the file's text, its catalog, whether the text is msgcat's layout of it). Under the lock only.

        When the bytes are those this process last wrote there, the catalog is
        the one the write verified them against entry by entry (no second
        parse of what the verify step read), and the text is msgcat's layout,
        so the save may splice. Otherwise the file is read strictly.
        """
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        written = self._written.get(path)
        if data is not None and written is not None and written[0] == _digest_bytes(data):
            return data.decode("utf-8"), written[1], True
        self._written.pop(path, None)
        catalog = read_catalog(path)
        # the bytes as they are (a catalog in another charset too), for the check before the rename
        return (data or b"").decode("utf-8", "surrogateescape"), catalog, False

    @staticmethod
    def _write(path: Path, old_text: str, catalog: polib.POFile, entry: polib.POEntry, laid_out: bool) -> str:
        """Write the changed catalog, verified; the text now on disk.

        The file was msgcat's layout of the catalog (laid_out): only the entry's
        and the header's blocks are laid out again (mmn_i18n/gettext/catalog_splice.py).
        Otherwise, or if the spliced text does not read back as meant, msgcat lays
        out the whole catalog.
        """
        read = _digest(old_text)

        def unchanged() -> None:  # last, before the rename: git does not take our lock
            try:
                now = _digest_bytes(path.read_bytes())
            except OSError:
                now = None
            if now != read:
                raise ReplacedMeanwhile()

        text = splice_entry(old_text, catalog, entry, path) if laid_out else None
        if text is not None:
            try:
                write_catalog_text(path, text, meant=catalog, last_check=unchanged)
                return text
            except CatalogError:
                pass  # a layout the splice got wrong: the whole catalog's path decides, and says why
        write_catalog(catalog, path, last_check=unchanged)
        return path.read_text(encoding="utf-8")

    def _find(self, catalog: polib.POFile, lang: str, document: str, which: str) -> polib.POEntry:
        for entry in catalog:
            if not entry.obsolete and entry.msgid and make_id(lang, document, entry).endswith("." + which):
                return entry
        raise NotFound()

    def _dict_of(self, lang: str, document: str, path: Path, entry: polib.POEntry) -> dict:
        loaded = self._load(path)
        current = loaded.by_hash.get(make_id(lang, document, entry).split(".")[1], entry)
        return self.entry_dict(lang, document, path, loaded, current)

    @staticmethod
    def _texts(entry: polib.POEntry) -> str | list[str]:
        if entry.msgid_plural:
            return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        return entry.msgstr


def saved_since_build(entries, edited: polib.POEntry, at_build: dict[str, str]) -> list[PageChange]:
    """The entries (other than the one being edited) whose page text changed since the build.

    A page shows an entry's translation when it is translated and not fuzzy,
    else its English; at_build is the compiled catalog the build read, which
    holds exactly the entries it showed translated.
    """
    changes = []
    for entry in entries:
        if entry is edited or entry.msgid_plural or entry.msgctxt:
            continue  # Sphinx looks messages up by msgid alone, and a page has no plural forms
        now = entry.msgstr if is_translated(entry) and "fuzzy" not in entry.flags else ""
        then = at_build.get(entry.msgid, "")
        if now != then:
            changes.append(PageChange(entry.msgid, then or entry.msgid, now))
    return changes
