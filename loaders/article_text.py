"""Article text: reading files, stripping HTML boilerplate, metadata, language, teasers and sentences."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from loaders import arabic
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


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

# Elements whose text is never article text.
SKIPPED_TAGS = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "template", "figcaption", "head", "title",
}  # fmt: skip
# Class or id fragments that mark boilerplate blocks (related links, sharing, comments, ads).
BOILERPLATE_HINTS = re.compile(
    r"related|share|social|comment|newsletter|advert|promo|sidebar|breadcrumb|menu|footer|read-?also|readmore|"
    r"recommend|subscribe|cookie|popup|widget",
    re.IGNORECASE,
)
BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "article", "section", "tr",
    "blockquote", "main", "table", "dd", "dt", "pre",
}  # fmt: skip
VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "source", "area", "base", "col", "embed", "wbr", "track"}
# <meta> names and properties that carry the publication date, best first.
DATE_META_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
)  # fmt: skip
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class _ArticleParser(HTMLParser):
    """Collects visible body text (preferring <article>), date metadata and the page language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, inside <article>)
        self.all_text: list[str] = []
        self.article_text: list[str] = []
        self.meta_dates: dict[str, str] = {}
        self.time_dates: list[str] = []
        self.json_ld: list[str] = []
        self.lang: str | None = None
        self._in_json_ld = False

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    @property
    def in_article(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag == "html" and attributes.get("lang"):
            self.lang = attributes["lang"].split("-")[0].lower()
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key in DATE_META_KEYS and attributes.get("content"):
                self.meta_dates.setdefault(key, attributes["content"])
        if tag == "time" and attributes.get("datetime"):
            if attributes.get("itemprop", "").lower() == "datepublished":
                self.meta_dates.setdefault("datepublished", attributes["datetime"])
            self.time_dates.append(attributes["datetime"])
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
        if tag in BLOCK_TAGS:
            self._newline()
        if tag in VOID_TAGS:
            return
        hints = f"{attributes.get('class', '')} {attributes.get('id', '')}"
        skipped = self.skipping or tag in SKIPPED_TAGS or bool(BOILERPLATE_HINTS.search(hints))
        self.stack.append((tag, skipped, self.in_article or tag == "article"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False
        if tag in BLOCK_TAGS:
            self._newline()
        # Pop to the matching open tag; unmatched closing tags are ignored, as browsers do.
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
            return
        if self.skipping:
            return
        self.all_text.append(data)
        if self.in_article:
            self.article_text.append(data)

    def _newline(self) -> None:
        self.all_text.append("\n")
        if self.in_article:
            self.article_text.append("\n")

    def published(self) -> str | None:
        for key in DATE_META_KEYS:
            if key in self.meta_dates and ISO_DATE.search(self.meta_dates[key]):
                return self.meta_dates[key]
        for block in self.json_ld:
            found = _json_ld_date(block)
            if found:
                return found
        return next((value for value in self.time_dates if ISO_DATE.search(value)), None)


def _json_ld_date(block: str) -> str | None:
    try:
        document = json.loads(block)
    except ValueError:
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', block)
        return match[1] if match else None
    pending = [document]
    while pending:
        item = pending.pop(0)
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and ISO_DATE.search(value):
                return value
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<") and any(
        tag in head for tag in ("<html", "<body", "<article", "<p", "<div", "<!doctype")
    )


def html_to_article(html: str) -> HtmlArticle:
    """Visible article text (boilerplate dropped), the published date as written, and the page language."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    chosen = parser.article_text if "".join(parser.article_text).strip() else parser.all_text
    lines = (" ".join(line.split()) for line in "".join(chosen).splitlines())
    text = "\n".join(line for line in lines if line)
    return HtmlArticle(text=text, published=parser.published(), lang=parser.lang)


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
        article = html_to_article(text)
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
        raise ArticleError(f"{name}: not UTF-8 text (byte {error.start}); save the article as UTF-8") from None
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
        if match.group().startswith(".") and not _ends_sentence(text, match.start(), match.end()):
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


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
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
