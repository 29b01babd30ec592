"""Write a synthetic sphinx-intl locale tree for benchmarks: 500 catalogs, 7 languages.

Importable (benchmark scripts in this folder run with it on sys.path):

    from make_tree import make_tree
    stats = make_tree(Path("/tmp/tree"))      # -> TreeStats(catalogs=500, messages=...)

or from the shell: `python benchmarks/make_tree.py /tmp/tree`.

The tree looks like a real project's: every language has the same documents
(same English messages, as if merged from one set of templates), messages as
long as ours (terms, titles, sentences, paragraphs) wrapped as msgcat wraps them, source references, fuzzy
entries carrying the previous msgid, plural entries, obsolete entries at the
end, and some documents in a subfolder. Translations are strings of real
words in each language's script, joined as that script joins them (no spaces
in Thai and Chinese, zero-width spaces in Khmer). The text is word salad:
only its size and shape matter here. The same seed gives the same tree.
"""
from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("my", "km", "lo", "th", "vi", "zh_CN", "shn")
# How far each language's translators have got, so the counts differ per language.
PROGRESS = {"zh_CN": 0.95, "vi": 0.9, "th": 0.85, "km": 0.7, "my": 0.6, "lo": 0.5, "shn": 0.3}
PLURAL_FORMS = "nplurals=1; plural=0;"  # all seven languages have one plural form

ENGLISH = """migrant migrants worker workers rights network members families women children health
care labour law laws policy policies recruitment agency agencies employer employers wage wages
border borders country countries Thailand Cambodia Myanmar Laos Vietnam China Mekong region
regional government governments research report reports meeting workshop statement press
release protection access justice social security document documents passport visa fee fees
domestic fishing construction factory agriculture returnees return reintegration community
communities civil society organisation organisations advocacy monitoring training support
the the the of of of and and and to to in in for for with on by from at as is are was were
has have their our its a a an this that these those more than about into after before during
joint annual regional national local urgent fair safe legal illegal undocumented registered""".split()

SCRIPTS = {
    # word list, joiner between words, sentence end
    "th": ("แรงงาน ข้ามชาติ สิทธิ ผู้ย้ายถิ่น ครอบครัว เครือข่าย การประชุม รายงาน สุขภาพ ผู้หญิง "
           "กฎหมาย นายจ้าง ค่าจ้าง การคุ้มครอง ชุมชน ภูมิภาค แม่น้ำโขง ข้อเสนอแนะ", "", " "),
    "km": ("ពលករ ចំណាកស្រុក សិទ្ធិ គ្រួសារ បណ្តាញ កិច្ចប្រជុំ របាយការណ៍ សុខភាព ស្ត្រី ច្បាប់ "
           "និយោជក ប្រាក់ឈ្នួល ការការពារ សហគមន៍ តំបន់ មេគង្គ", "\u200b", "។ "),
    "lo": ("ແຮງງານ ເຄື່ອນຍ້າຍ ສິດທິ ຄອບຄົວ ເຄືອຂ່າຍ ກອງປະຊຸມ ບົດລາຍງານ ສຸຂະພາບ ແມ່ຍິງ ກົດໝາຍ "
           "ນາຍຈ້າງ ຄ່າຈ້າງ ການປົກປ້ອງ ຊຸມຊົນ ພາກພື້ນ ແມ່ນ້ຳຂອງ", "", " "),
    "my": ("အလုပ်သမား ရွှေ့ပြောင်း အခွင့်အရေး မိသားစု ကွန်ရက် အစည်းအဝေး အစီရင်ခံစာ ကျန်းမာရေး "
           "အမျိုးသမီး ဥပဒေ အလုပ်ရှင် လုပ်ခ ကာကွယ်ရေး ဒေသ မဲခေါင်", " ", "။ "),
    "shn": ("ၵူၼ်း ၵၢၼ် ႁဵတ်းၵၢၼ် မိူင်း ၼမ်ႉ ႁိူၼ်း ပီ လိၵ်ႈ ၶႂၢမ်း", " ", "။ "),
    "vi": ("người lao động di cư quyền gia đình mạng lưới cuộc họp báo cáo sức khỏe phụ nữ "
           "pháp luật chủ tiền lương bảo vệ cộng đồng khu vực sông Mê Kông", " ", ". "),
    "zh_CN": ("工人 移民 权利 家庭 网络 会议 报告 健康 妇女 法律 雇主 工资 保护 社区 地区 湄公河", "", "。"),
}
KINDS = ("statement", "press-release", "event-report", "workshop-report", "invitation", "executive-summary")


@dataclass(frozen=True)
class TreeStats:
    catalogs: int
    messages: int  # counted messages (header and obsolete entries excluded)


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str = ""
    line: int = 1


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(ENGLISH) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def _english(rng: random.Random) -> str:
    """A term or title, a sentence or a paragraph, in the proportions of our own
    catalogs (bundled publications and vocabulary: median 10 words, mean 12-14)."""
    shape = rng.random()
    if shape < 0.35:
        return _sentence(rng, 1, 5)
    if shape < 0.8:
        return _sentence(rng, 6, 22) + "."
    return " ".join(_sentence(rng, 8, 16) + "." for _ in range(rng.randint(2, 3)))


def _translate(rng: random.Random, code: str, english: str) -> str:
    words, joiner, stop = SCRIPTS[code]
    vocabulary = words.split()
    sentences = max(1, english.count("."))
    size = max(1, len(english.split()) // sentences)
    return "".join(joiner.join(rng.choice(vocabulary) for _ in range(size)) + stop
                   for _ in range(sentences)).strip()


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _field(keyword: str, text: str, prefix: str = "") -> str:
    """keyword "text", wrapped at 79 columns the way msgcat lays out long strings."""
    text = _quote(text)
    if len(prefix) + len(keyword) + len(text) + 3 <= 79:
        return f'{prefix}{keyword} "{text}"\n'
    lines, rest = [], text
    while rest:
        cut = rest.rfind(" ", 0, 76) + 1 if len(rest) > 76 else len(rest)
        if cut <= 0:
            cut = min(len(rest), 76)
        lines.append(rest[:cut])
        rest = rest[cut:]
    return f'{prefix}{keyword} ""\n' + "".join(f'{prefix}"{line}"\n' for line in lines)


def _document_messages(rng: random.Random, name: str) -> list[Message]:
    count = rng.randint(40, 210)
    messages, line = [], 1
    for _ in range(count):
        line += rng.randint(2, 8)
        if rng.random() < 0.02:
            noun = rng.choice(["worker", "family", "organisation", "country"])
            messages.append(Message(f"{{count}} {noun} took part.", f"{{count}} {noun}s took part.", line))
        else:
            messages.append(Message(_english(rng), line=line))
    unique = {message.msgid: message for message in messages}  # a template never repeats a msgid
    return list(unique.values())


def _catalog(rng: random.Random, code: str, name: str, messages: list[Message]) -> str:
    out = [
        f"# {code} translation of {name}.\n",
        'msgid ""\n', 'msgstr ""\n',
        '"Project-Id-Version: benchmark\\n"\n',
        '"POT-Creation-Date: 2026-11-01 09:00+0000\\n"\n',
        '"PO-Revision-Date: 2026-11-20 10:30+0700\\n"\n',
        '"Last-Translator: Benchmark <benchmark@example.org>\\n"\n',
        f'"Language-Team: {code} <team-{code}@example.org>\\n"\n',
        f'"Language: {code}\\n"\n',
        '"MIME-Version: 1.0\\n"\n',
        '"Content-Type: text/plain; charset=UTF-8\\n"\n',
        '"Content-Transfer-Encoding: 8bit\\n"\n',
        f'"Plural-Forms: {PLURAL_FORMS}\\n"\n',
        '"Generated-By: make_tree.py\\n"\n',
    ]
    done = PROGRESS[code] * rng.uniform(0.7, 1.15)
    for message in messages:
        out.append(f"\n#: ../../source/{name}.rst:{message.line}\n")
        state = rng.random()
        translation = _translate(rng, code, message.msgid) if state < done else ""
        if translation and rng.random() < 0.05:
            out.append("#, fuzzy\n")
            out.append(_field("msgid", message.msgid.replace(" the ", " a ", 1), "#| "))
        out.append(_field("msgid", message.msgid))
        if message.plural:
            out.append(_field("msgid_plural", message.plural))
            out.append(_field("msgstr[0]", translation))
        else:
            out.append(_field("msgstr", translation))
    active = {message.msgid for message in messages}
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        english = _english(rng)
        if english in active:
            continue  # msgmerge never keeps an obsolete copy of a live message
        active.add(english)
        out.append("\n")
        if rng.random() < 0.3:
            out.append("#, fuzzy\n")
        out.append(_field("msgid", english, "#~ "))
        out.append(_field("msgstr", _translate(rng, code, english), "#~ "))
    return "".join(out)


def _document_names(rng: random.Random, count: int) -> list[str]:
    names = []
    for number in range(count):
        name = f"{KINDS[number % len(KINDS)]}-{2008 + number % 17}-{number:03d}"
        names.append(f"vocabulary/{name}" if number % 12 == 11 else name)
    return names


def make_tree(target: Path, catalogs: int = 500, languages: tuple[str, ...] = LANGUAGES, seed: int = 2015) -> TreeStats:
    """Write target/<lang>/LC_MESSAGES/<document>.po; the same seed writes the same bytes."""
    rng = random.Random(seed)
    per_language = -(-catalogs // len(languages))
    documents = [(name, _document_messages(rng, name)) for name in _document_names(rng, per_language)]
    written = messages = 0
    for index in range(catalogs):
        code = languages[index % len(languages)]
        name, entries = documents[index // len(languages)]
        path = target / code / "LC_MESSAGES" / f"{name}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_catalog(rng, code, name, entries), encoding="utf-8")
        written += 1
        messages += len(entries)
    return TreeStats(written, messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="folder to write (created; existing catalogs are overwritten)")
    parser.add_argument("--catalogs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args()
    stats = make_tree(args.target, args.catalogs, seed=args.seed)
    print(f"{args.target}: {stats.catalogs} catalogs, {stats.messages} messages", file=sys.stderr)


if __name__ == "__main__":
    main()
