"""One key per article: tracking parameters, case, fragments and trailing slashes do not make a new one."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

# Parameters courlan keeps that still only say who sent the reader.
EXTRA_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|ref_src|cmpid)$", re.I)
_WORD = re.compile(r"\w+")


class AddressError(ValueError):
    """Not an http(s) address."""


def article_key(url: str) -> str:
    """The address an article is stored under: https, lower-case host, no tracking parameters, fragment or final slash."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise AddressError(f"{url!r} is not a web address (http:// or https://)")
    normalized = urlsplit(normalize_url(url))
    query = "&".join(
        pair for pair in normalized.query.split("&") if pair and not EXTRA_TRACKING.match(pair.split("=", 1)[0])
    )
    path = normalized.path.rstrip("/") or "/"
    return urlunsplit(("https", normalized.netloc.lower(), path, query, ""))


def text_fingerprint(text: str) -> str:
    """A hash of the article's words (case, punctuation, spacing and Unicode forms ignored): equal for syndicated copies."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:32]
