"""Text as the briefing draws it: which Noto font shows each character, how wide a line is, which way it runs.

Widths come from the font files Debian's fonts-noto-core and fonts-noto-cjk install (read with Pillow, which
shapes Arabic through libraqm); without them, a per-script table of average advances is used instead, so a
layout is still computed, only less tightly.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIRECTORIES = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
# The faces the briefing names in its font-family list, per script and weight: file and index in a collection.
FACES = {
    ("latin", False): ("NotoSans-Regular.ttf", 0),
    ("latin", True): ("NotoSans-Bold.ttf", 0),
    ("arabic", False): ("NotoSansArabic-Regular.ttf", 0),
    ("arabic", True): ("NotoSansArabic-Bold.ttf", 0),
    ("cjk", False): ("NotoSansCJK-Regular.ttc", 2),  # index 2 is Noto Sans CJK SC
    ("cjk", True): ("NotoSansCJK-Bold.ttc", 2),
}
FAMILIES = {"latin": "Noto Sans", "arabic": "Noto Sans Arabic", "cjk": "Noto Sans CJK SC"}
# Average advance per character, in ems, measured on Noto Sans for mixed-case titles; used without font files.
FALLBACK_ADVANCE = {"latin": 0.56, "arabic": 0.5, "cjk": 1.0}
BOLD_FACTOR = 1.06
RIGHT_TO_LEFT_EMBEDDING, POP_DIRECTIONAL_FORMATTING = "\u202b", "\u202c"


def script_of(character: str) -> str:
    """'arabic', 'cjk' or 'latin' (everything else Noto Sans draws)."""
    code = ord(character)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or 0x3000 <= code <= 0x303F
    ):
        return "cjk"
    return "latin"


def script_runs(text: str) -> list[tuple[str, str]]:
    """The text cut where the script changes; spaces and punctuation stay with the run before them."""
    runs: list[tuple[str, str]] = []
    for character in text:
        script = script_of(character)
        neutral = not character.isalnum()
        if runs and (neutral or runs[-1][0] == script):
            runs[-1] = (runs[-1][0], runs[-1][1] + character)
        else:
            runs.append((script, character))
    return runs


@functools.cache
def _font(script: str, bold: bool, size: int):
    from PIL import ImageFont

    file_name, index = FACES[(script, bold)]
    for directory in FONT_DIRECTORIES:
        if (directory / file_name).exists():
            return ImageFont.truetype(str(directory / file_name), size=size, index=index)
    return None


def font_path(script: str, bold: bool) -> tuple[Path, int] | None:
    """The installed file of a face and its index in a collection, or None when the font is missing."""
    file_name, index = FACES[(script, bold)]
    for directory in FONT_DIRECTORIES:
        if (directory / file_name).exists():
            return directory / file_name, index
    return None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in pixels of one line at `size` px, from the fonts' own advances where installed."""
    width = 0.0
    # Pillow takes whole pixel sizes; measuring at 100 px and scaling keeps fractional sizes honest.
    for script, run in script_runs(text):
        font = _font(script, bold, 100)
        if font is not None:
            width += font.getlength(run, direction="rtl" if script == "arabic" else None) * size / 100
        else:
            width += len(run) * FALLBACK_ADVANCE[script] * size * (BOLD_FACTOR if bold else 1)
    return width


def is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (the Unicode paragraph rule P2)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def directional(text: str) -> str:
    """Right-to-left text embedded as such, so a left-to-right SVG or HTML line orders its parts correctly.

    Chromium lays out an SVG text line left to right; the embedding marks make the bidirectional algorithm
    order "قمة باريس (AI Action Summit) في 10–11 فبراير 2025" as an Arabic reader expects.
    """
    if not is_right_to_left(text):
        return text
    return f"{RIGHT_TO_LEFT_EMBEDDING}{text}{POP_DIRECTIONAL_FORMATTING}"


@dataclass(frozen=True)
class Line:
    text: str
    width: float


def wrap(text: str, size: float, max_width: float, max_lines: int, bold: bool = False) -> list[Line] | None:
    """Whole words on at most `max_lines` lines no wider than `max_width`, or None when they do not fit."""
    words = text.split()
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    measured = [Line(line, text_width(line, size, bold)) for line in lines]
    if len(measured) > max_lines or any(line.width > max_width for line in measured):
        return None
    return measured


def balanced_two_lines(text: str, size: float, bold: bool = False) -> list[Line]:
    """The text on two lines of about equal width (the narrowest two-line shape)."""
    words = text.split()
    if len(words) < 2:
        return [Line(text, text_width(text, size, bold))]
    best: list[Line] | None = None
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        measured = [Line(line, text_width(line, size, bold)) for line in lines]
        if best is None or max(line.width for line in measured) < max(line.width for line in best):
            best = measured
    return best


def fit(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """The text on one line no wider than `max_width`, shortened with '…' only when it does not fit whole."""
    if text_width(text, size, bold) <= max_width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", size, bold) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
