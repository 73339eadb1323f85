"""A web page as an article: its main text (trafilatura), publication date (htmldate), language and address."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError

# Where a publication date came from, as kept with the source.
FROM_PAGE = "page metadata"
FROM_ADDRESS = "address"
FROM_FEED = "feed entry"
FROM_ANALYST = "given by the analyst"

# Labels that browsers read as a wider encoding (WHATWG Encoding Standard): decoding with the wider
# one keeps pages that use its extra characters readable.
WIDER_ENCODINGS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NEGATIVE_YEAR = re.compile(r"^\s*[-\u2212]\d")
_LANG = re.compile(r"^[A-Za-z]{2,3}")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


class PageError(ValueError):
    """A page that cannot be read as an article, with the reason."""


@dataclass(frozen=True)
class ArticlePage:
    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD
    published_origin: str | None  # FROM_PAGE or FROM_ADDRESS
    modified: str | None  # YYYY-MM-DD, the page's last-modified date when it gives one
    lang: str | None  # the page's own declaration (<html lang>), two or three letters
    canonical_url: str | None


def decode_html(data: bytes, declared: str | None, name: str) -> str:
    """The text of a page's bytes: the charset from the HTTP header, else a BOM, else <meta>, else UTF-8."""
    for label, source in ((declared, "the Content-Type header"), (_meta_charset(data), "the page's <meta>")):
        if not label:
            continue
        encoding = _codec(label)
        if encoding is None:
            raise PageError(f"{name}: unknown character encoding {label!r} declared in {source}")
        if data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"  # a BOM outranks every declaration, as in browsers
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise PageError(f"{name}: not valid {label} text (byte {error.start}), as {source} declares") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PageError(f"{name}: not UTF-8 text (byte {error.start}) and no character encoding is declared") from None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    try:
        name = codecs.lookup(WIDER_ENCODINGS.get(label, label)).name
    except LookupError:
        return None
    return WIDER_ENCODINGS.get(name, name)


def extract_page(html: str, url: str | None = None, name: str | None = None) -> ArticlePage:
    """The article in a page: navigation, teasers' boxes and comments dropped; metadata from the page itself.

    Errors name `name` (a file or upload), else the address, else "page".
    """
    try:
        # lxml refuses text that still declares an encoding; the bytes were decoded already.
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError) as error:
        raise PageError(f"{name or url or 'page'}: not an HTML page ({error})") from None
    # Metadata first: trafilatura prunes the tree it is given.
    _drop_negative_years(tree)
    published, origin = _publication_date(tree, url)
    modified = _safe_date(tree, original_date=False) if published else None
    canonical, lang = _canonical(tree), _page_language(tree)
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    if document is None or not (document.text or "").strip():
        # Very short pages fall under trafilatura's precision thresholds; ask again for recall.
        document = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, favor_recall=True
        )
    text = _tidy(document.text if document is not None else "")
    if not text:
        text = _tidy(tree.text_content())
    return ArticlePage(
        text=text,
        title=(document.title if document is not None else None) or None,
        published=published,
        published_origin=origin,
        modified=modified,
        lang=lang,
        canonical_url=canonical,
    )


def _drop_negative_years(tree) -> None:
    """Forget dates before year 1 ("-2025-03-01"): htmldate would read them as the year 2025."""
    for element in tree.xpath("//*[@datetime or @content]"):
        for name in ("datetime", "content"):
            if _NEGATIVE_YEAR.match(element.get(name) or ""):
                del element.attrib[name]


def _publication_date(tree, url: str | None) -> tuple[str | None, str | None]:
    # No "extensive search": guessing from the body text would take a date the article reports on.
    found = _safe_date(tree, original_date=True)
    if found:
        return found, FROM_PAGE
    if url:
        found = _safe_date(lxml.html.fromstring("<html></html>"), original_date=True, url=url)
        if found:
            return found, FROM_ADDRESS
    return None, None


def _safe_date(tree, original_date: bool, url: str | None = None) -> str | None:
    try:
        return htmldate.find_date(tree, extensive_search=False, original_date=original_date, url=url)
    except (ValueError, OverflowError, RecursionError):
        return None


def _page_language(tree) -> str | None:
    declared = tree.get("lang") or tree.get("xml:lang") or ""
    match = _LANG.match(declared.strip())
    return match[0].lower() if match else None


def _canonical(tree) -> str | None:
    for link in tree.iterfind(".//link[@rel]"):
        if link.get("rel", "").strip().lower() == "canonical" and link.get("href", "").strip():
            return link.get("href").strip()
    for meta in tree.iterfind(".//meta[@property]"):
        if meta.get("property", "").strip().lower() == "og:url" and meta.get("content", "").strip():
            return meta.get("content").strip()
    return None


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)
