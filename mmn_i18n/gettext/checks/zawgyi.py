"""Zawgyi: Burmese or Shan typed with the legacy Zawgyi font encoding, not Unicode."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .core import Context, Severity, Unit, check

MYANMAR = re.compile(r"[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")
# Zawgyi is typed in visual order: the vowel sign E (ေ) and medial ra come
# before their consonant, which Unicode never does at the start of a word.
VISUAL_ORDER = re.compile(r"(?:^|[^\u1000-\u109f])[\u1031\u103b]")
THRESHOLD = 0.95  # myanmartools' own recommendation
MIN_LENGTH = 10  # Myanmar characters; below this the detector misfires on real Unicode words


@lru_cache(maxsize=1)
def detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


@lru_cache(maxsize=16384)
def zawgyi_probability(text: str) -> float:
    return detector().get_zawgyi_probability(text) if MYANMAR.search(text) else 0.0


def is_confident_zawgyi(text: str) -> bool:
    """Zawgyi beyond doubt: a high score on a long text, or visual-order typing."""
    if zawgyi_probability(text) < THRESHOLD:
        return False
    return len(MYANMAR.findall(text)) >= MIN_LENGTH or bool(VISUAL_ORDER.search(text))


FIX = "run `mmn-i18n fix zawgyi` to convert it to Unicode (or retype it with a Unicode keyboard)"


@check("zawgyi", Severity.ERROR, "Burmese/Shan text in the legacy Zawgyi encoding")
def zawgyi(unit: Unit, ctx: Context) -> Iterator[str]:
    """Text typed with a Zawgyi keyboard looks right only with a Zawgyi font
    and is garbled for every other reader and for search; Google's
    myanmartools detector scores it (long texts only, see zawgyi-short)."""
    for pair in unit.pairs(ctx.nplurals):
        if is_confident_zawgyi(pair.translation):
            score = zawgyi_probability(pair.translation)
            yield pair.label(f"Zawgyi-encoded text (detector score {score:.3f}): {FIX}")


@check("zawgyi-short", Severity.WARNING, "Short Burmese/Shan text that may be Zawgyi")
def zawgyi_short(unit: Unit, ctx: Context) -> Iterator[str]:
    """The detector also scores some short Unicode words above 0.95, so a
    short text is only a warning: look at it in a Unicode font."""
    for pair in unit.pairs(ctx.nplurals):
        if not is_confident_zawgyi(pair.translation) and zawgyi_probability(pair.translation) >= THRESHOLD:
            yield pair.label("may be Zawgyi (a short text, so the detector is unsure): "
                             "check it displays correctly with a Unicode font")
