"""Article text: reading files, stripping HTML boilerplate, metadata, language, teasers and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from loaders import arabic
from loaders.article_page import PageError, decode_html, extract_page
from loaders.article_vocabulary import TEASER_MARKERS

MAX_FILE_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class ArticleError(ValueError):
    """An article the loader cannot read or date, with the file or field it comes from."""


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    published: str | None
    lang: str | None
    published_origin: str | None = None  # loaders.article_page.FROM_PAGE or FROM_ADDRESS
    canonical_url: str | None = None
    title: str | None = None


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<") and any(
        tag in head for tag in ("<html", "<body", "<article", "<p", "<div", "<!doctype")
    )


def html_to_article(html: str, url: str | None = None, name: str | None = None) -> HtmlArticle:
    """The article text (boilerplate dropped), its publication date and where it came from, and the page language."""
    try:
        page = extract_page(html, url, name)
    except PageError as error:
        raise ArticleError(str(error)) from None
    return HtmlArticle(
        text=page.text,
        published=page.published,
        lang=page.lang,
        published_origin=page.published_origin,
        canonical_url=page.canonical_url,
        title=page.title,
    )


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def read_article(path: str | Path) -> tuple[str, str | None, str | None]:
    """(text, published or None, language or None) of a .txt or .html article file.

    Raises ArticleError naming the file when it is missing, binary, not UTF-8 or over 5 MB.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleError(
                f"{path}: {size / 1e6:.1f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit for an article"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror or error})") from None
    text = decode_article(data, str(path))
    if path.suffix.lower() in HTML_SUFFIXES or (path.suffix.lower() not in TEXT_SUFFIXES and looks_like_html(text)):
        article = html_to_article(text, name=str(path))
        return article.text, article.published, article.lang
    return text, None, None


def decode_article(data: bytes, name: str) -> str:
    """The text of an article's bytes (a file or an upload); raises ArticleError naming `name`."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(
            f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit for an article"
        )
    if b"\x00" in data[:65536]:
        raise ArticleError(f"{name}: binary data, not a text or HTML article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if not looks_like_html(data[:2000].decode("latin-1")):
            raise ArticleError(f"{name}: not UTF-8 text (byte {error.start}); save the article as UTF-8") from None
        try:  # a saved page may be in the encoding its <meta> declares (windows-1256, GB18030, ...)
            text = decode_html(data, None, name)
        except PageError as page_error:
            raise ArticleError(str(page_error)) from None
    controls = sum(1 for character in text[:65536] if ord(character) < 32 and character not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 65536):
        raise ArticleError(f"{name}: binary data, not a text or HTML article")
    return text


# ---------------------------------------------------------------------------------------------
# Language, teasers, sentences
# ---------------------------------------------------------------------------------------------


def detect_language(text: str) -> str:
    """ar, zh or en from the script most letters are written in (Arabic, Han, else Latin)."""
    arabic_letters = han = latin = 0
    for character in text[:20000]:
        if "\u0600" <= character <= "\u06ff" or "\u0750" <= character <= "\u077f":
            arabic_letters += 1
        elif "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf":
            han += 1
        elif character.isascii() and character.isalpha():
            latin += 1
    # A Han character carries a word's worth of meaning; weigh it like three letters.
    scores = {"ar": arabic_letters, "zh": 3 * han, "en": latin}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else "en"


_TEASER = re.compile(
    r"^[\s\W]*(?:" + "|".join(re.escape(arabic.normalize(marker)) for marker in TEASER_MARKERS) + r")",
    re.IGNORECASE,
)


def teaser_spans(normalized: str) -> list[tuple[int, int]]:
    """Spans of "read also" lines and the headline line that follows a bare marker."""
    spans, hide_next = [], False
    position = 0
    for line in normalized.splitlines(keepends=True):
        start, end = position, position + len(line)
        position = end
        if not line.strip():
            continue
        match = _TEASER.match(line)
        if match:
            spans.append((start, end))
            rest = re.sub(r"[\W_]+", "", line[match.end() :])
            hide_next = not rest
        elif hide_next:
            spans.append((start, end))
            hide_next = False
    return spans


# Abbreviations after which a full stop does not end an English sentence.
ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "a.m", "p.m", "etc", "i.e", "e.g",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?؟。！？]+[\"'”’»）)\]]*(?=\s|$)|[。！？؟]+|\n+")


# A sentence longer than this is cut (at the last space before the bound, else at the bound): a quote
# stays readable and the work per sentence stays bounded, so a 5 MB line finishes in seconds.
MAX_SENTENCE_CHARACTERS = 1_000


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at line breaks and sentence-final punctuation, cut at the bound."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and not ends_sentence(text, match.start(), match.end()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.extend(_bounded(text, *_trimmed(text, start, end)))
        start = end
    if text[start:].strip():
        spans.extend(_bounded(text, *_trimmed(text, start, len(text))))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARACTERS, cut between words where there is a space."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARACTERS:
        limit = start + MAX_SENTENCE_CHARACTERS
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARACTERS // 2, limit)
        cut = limit if cut < 0 else cut
        pieces.append(_trimmed(text, start, cut))
        start = cut
    pieces.append(_trimmed(text, start, end))
    return [piece for piece in pieces if piece[1] > piece[0]]


_LAST_WORD = re.compile(r"([\w.]+)$")


def ends_sentence(text: str, dot: int, after: int) -> bool:
    word = _LAST_WORD.search(text[max(0, dot - 12) : dot])
    if word and (word[1].lower() in ABBREVIATIONS or len(word[1]) == 1):
        return False
    following = text[after : after + 3].lstrip()
    # "Nvidia Corp. chips": a lower-case word after the stop continues the sentence.
    return not following or not following[0].islower()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
