"""Precision and recall of `mmn-i18n check` on real catalogs.

    .venv/bin/python benchmarks/check_quality.py [TREE ...] [--sample 50] [--recall-catalogs 60]

Precision: every check runs over real catalogs written by others (by default
Django's in tests/data/checks/real, Sphinx's zh_CN and vi from the installed
Sphinx, and this project's locale/), and the error findings are listed, each
one to be judged by a person; the script prints how many there are per
translated entry.

Recall: real translated entries are damaged the way translators damage them
(a figure changed, a URL changed, Burmese retyped in Zawgyi, a placeholder
dropped, :term: glued to the letters, a bidi control pasted in, a footnote
dropped, Thai text in the Lao catalog...), one mutation per copy of the
catalog, and the script counts how often the check meant to catch it reports
an error on that entry. Wrong script is simulated with real text: the Thai
translation put in the Lao catalog (and Lao in Thai, Burmese in Shan), or the
English left in Khmer, Burmese and Chinese.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mmn_i18n.gettext.checks import check_catalog  # noqa: E402
from mmn_i18n.gettext.checks.runner import language_of  # noqa: E402


def default_dirs() -> list[Path]:
    import sphinx

    sphinx_locale = Path(sphinx.__file__).parent / "locale"
    return [ROOT / "tests" / "data" / "checks" / "real", sphinx_locale / "zh_CN", sphinx_locale / "vi",
            ROOT / "locale"]


def _shown(path: Path) -> str:
    return str(path.relative_to(path.parents[3])) if len(path.parents) > 3 else str(path)


def _entry(finding):
    catalog = polib.pofile(str(finding.path))
    return next((e for e in catalog if e.msgid == finding.msgid), polib.POEntry(msgid=finding.msgid))


def zawgyi(text: str) -> str:
    import icu

    return icu.Transliterator.createInstance("my-Zawgyi").transliterate(text)


def change_number(text: str, lang: str) -> str | None:
    from mmn_i18n.gettext.checks.text import PHONE, ascii_digits

    phones = [match.span() for match in PHONE.finditer(ascii_digits(text))]  # the links check's
    for digits in re.finditer(r"[0-9\u0e50-\u0e59\u0ed0-\u0ed9\u17e0-\u17e9\u1040-\u1049\u1090-\u1099]{2,}", text):
        number = digits.group()
        if number[0] != number[1] and not any(a <= digits.start() < b for a, b in phones):
            swapped = number[1] + number[0] + number[2:]  # 138 -> 318: a typo of the same length
            return text[:digits.start()] + swapped + text[digits.end():]
    return None


def change_url(text: str, lang: str) -> str | None:
    match = re.search(r"https?://[\w.-]+", text)
    return text[:match.end()] + ".example" + text[match.end():] if match else None


def to_zawgyi(text: str, lang: str) -> str | None:
    if lang != "my" or len(re.findall(r"[\u1000-\u109f]", text)) < 10:
        return None
    converted = zawgyi(text)
    return converted if converted != text else None


def drop_placeholder(text: str, lang: str) -> str | None:
    match = re.search(r"%\(\w+\)[sd]|\{\w+\}", text)
    return text.replace(match.group(), "") if match else None  # every use of it


def glue_role(text: str, lang: str) -> str | None:
    if lang not in ("th", "lo", "km", "my", "shn", "zh_CN"):
        return None
    # Only after a letter: after punctuation (Burmese ၊, Khmer ។) docutils
    # still sees the role, so that would be no error at all.
    glued = re.sub(r"(?<=[^\W\d_]|[\u0e31-\u0e4e\u0eb1-\u0ecd\u17b6-\u17d3\u102b-\u103e\u1062-\u108d])(\\ | )(:\w+:`)",
                   r"\2", text, count=1)
    return glued if glued != text else None


def drop_footnote(text: str, lang: str) -> str | None:
    glued = re.sub(r"\\? ?\[#\w*\]_", "", text, count=1)
    return glued if glued != text else None


def bidi(text: str, lang: str) -> str | None:
    middle = len(text) // 2
    return text[:middle] + "\u202e" + text[middle:] if text else None


def decompose(text: str, lang: str) -> str | None:
    decomposed = unicodedata.normalize("NFD", text)
    return decomposed if lang == "vi" and decomposed != text else None


def untranslate(text: str, lang: str, source: str = "") -> str | None:
    return None  # see MUTATIONS: uses the msgid


def _changes_a_source_number(entry, lang: str) -> bool:
    """Whether the mutation alters a figure of the English (others no check can judge)."""
    from mmn_i18n.gettext.checks.numbers import numbers

    changed = numbers(entry.msgstr) - numbers(change_number(entry.msgstr, lang))
    return bool(changed & numbers(entry.msgid))


MUTATIONS = {
    "numbers": change_number, "links": change_url, "zawgyi": to_zawgyi, "placeholders": drop_placeholder,
    "rst-spacing": glue_role, "rst-references": drop_footnote, "control-char": bidi, "unicode-nfc": decompose,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path,
                        help="catalog trees (<lang>/LC_MESSAGES/**/*.po), e.g. a clone of python-docs-fr; "
                             "default: Django's, Sphinx's and ours")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="print N random error findings with their entry, to judge by hand")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--recall-catalogs", type=int, default=0, metavar="N",
                        help="mutate entries of N random catalogs only (a large tree takes long); default all")
    parser.add_argument("--all-errors", action="store_true", help="list every error finding")
    args = parser.parse_args()
    dirs = args.dirs or default_dirs()
    files = [path for folder in dirs for path in sorted(folder.rglob("*.po"))
             if "LC_MESSAGES" in path.parts]
    translated = errors = warnings = 0
    error_findings = []
    for path in files:
        findings = check_catalog(path)
        translated += sum(1 for entry in polib.pofile(str(path)) if entry.translated() and entry.msgid)
        errors += sum(f.is_error for f in findings)
        warnings += sum(not f.is_error for f in findings)
        error_findings += [f for f in findings if f.is_error]
    by_check = Counter(f.check for f in error_findings)
    print(f"PRECISION: {len(files)} catalogs, {translated} translated entries: {errors} error(s) "
          f"({errors / max(translated, 1) * 1000:.1f} per 1000 entries), {warnings} warning(s).")
    print("  errors by check: " + ", ".join(f"{check} {n}" for check, n in by_check.most_common()))
    if args.all_errors or (not args.sample and not args.dirs):
        print("Errors to judge:")
        print("\n".join(f"  {_shown(f.path)}:{f.line}: [{f.check}] {f.message[:110]}" for f in error_findings)
              or "  (none)")
    if args.sample:
        print(f"\nA random sample of {min(args.sample, len(error_findings))} error findings (seed {args.seed}):")
        for number, finding in enumerate(random.Random(args.seed).sample(error_findings,
                                                                         min(args.sample, len(error_findings))), 1):
            entry = _entry(finding)
            print(f"\n#{number} {_shown(finding.path)}:{finding.line}: [{finding.check}] {finding.message[:300]}")
            print(f"   en: {entry.msgid[:400]!r}")
            print(f"   tr: {entry.msgstr[:400]!r}")
    if args.recall_catalogs:
        files = random.Random(args.seed).sample(files, min(args.recall_catalogs, len(files)))

    rng = random.Random(4)
    tried: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for path in files:
            lang = language_of(path, polib.pofile(str(path)).metadata.get("Language", "")).code
            for check_id, mutate in MUTATIONS.items():
                catalog = polib.pofile(str(path))
                candidates = [e for e in catalog if e.translated() and e.msgid and not e.msgid_plural
                              and mutate(e.msgstr, lang) is not None
                              and (check_id != "numbers" or _changes_a_source_number(e, lang))]
                if not candidates:
                    continue
                for entry in rng.sample(candidates, min(5, len(candidates))):
                    catalog = polib.pofile(str(path))
                    target = next(e for e in catalog if e.msgid == entry.msgid and e.msgctxt == entry.msgctxt)
                    target.msgstr = mutate(target.msgstr, lang)
                    copy = Path(scratch) / lang / "LC_MESSAGES" / path.name
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    catalog.save(str(copy))
                    tried[check_id] += 1
                    found = [f for f in check_catalog(copy) if f.msgid == entry.msgid and f.check == check_id]
                    caught[check_id] += bool(found)
        # Wrong script: a real translation from the neighbouring catalog (Thai in
        # Lao, Burmese in Shan, Lao in Thai) or the English, slightly edited.
        neighbours = {"lo": "th", "th": "lo", "shn": "my", "km": "en", "my": "en", "zh_CN": "en"}
        for path in files:
            lang = path.parents[1].name
            if lang not in neighbours or "locale" not in path.parts:
                continue
            other = neighbours[lang]
            donor = {} if other == "en" else {
                e.msgid: e.msgstr for e in polib.pofile(str(path.parents[2] / other / "LC_MESSAGES" / path.name))
                if e.translated()}
            catalog = polib.pofile(str(path))
            candidates = [e for e in catalog if e.translated() and len(e.msgid) > 30
                          and (other == "en" or e.msgid in donor)]
            for entry in rng.sample(candidates, min(5, len(candidates))):
                catalog = polib.pofile(str(path))
                target = catalog.find(entry.msgid)
                target.msgstr = donor.get(entry.msgid) or entry.msgid.replace(" the ", " a ", 1) + " (draft)"
                copy = Path(scratch) / lang / "LC_MESSAGES" / path.name
                copy.parent.mkdir(parents=True, exist_ok=True)
                catalog.save(str(copy))
                tried["script"] += 1
                caught["script"] += any(f.msgid == entry.msgid and f.check == "script" for f in check_catalog(copy))
    print("\nRECALL (mutated real entries caught by the check meant for them):")
    for check_id in [*MUTATIONS, "script"]:
        if tried[check_id]:
            print(f"  {check_id:<15} {caught[check_id]:>4}/{tried[check_id]:<4} {caught[check_id] / tried[check_id]:.0%}")
    total_tried, total_caught = sum(tried.values()), sum(caught.values())
    print(f"  {'all':<15} {total_caught:>4}/{total_tried:<4} {total_caught / max(total_tried, 1):.0%}")


if __name__ == "__main__":
    main()
