"""Event text made safe to show: Markdown escaped, HTML escaped, right-to-left scripts marked."""

from __future__ import annotations

import html
import re

# Every ASCII punctuation character: CommonMark lets a backslash escape any of them, and together they
# start every construct Streamlit renders (links, images, HTML, headings, :icons:, :color[...], $math$).
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit also turns bare addresses into links after escapes are resolved (GFM autolink literals:
# http://, https://, www., e-mail): an invisible word joiner inside each keeps them plain text.
_WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def plain_markdown(text: object) -> str:
    """Text that Markdown shows as written: no links, images, emphasis or HTML from data, links or files.

    For anything from outside the code that reaches Markdown: st.markdown, st.caption, alerts, st.write,
    headings, widget labels and help texts (options shown through format_func are plain text already).
    """
    unlinked = _AUTOLINK_STARTS.sub(_WORD_JOINER, "" if text is None else str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def quote_html(text: str, lang: str, marked: str = "") -> str:
    """An escaped block for a quote, right-to-left for Arabic and other RTL languages.

    The first occurrence of `marked` (the date words, on the Review page) is highlighted.
    """
    direction = "rtl" if lang in RTL_LANGUAGES else "ltr"
    align = "right" if direction == "rtl" else "left"
    body, words = html.escape(text or ""), html.escape(marked or "")
    if words and words in body:
        body = body.replace(words, f"<mark>{words}</mark>", 1)
    return (
        f'<blockquote dir="{direction}" lang="{html.escape(lang)}" '
        f'style="text-align:{align};font-size:1.1rem;line-height:1.7;margin:0.25rem 0">'
        f"{body}</blockquote>"
    )


def escape_html(value: object) -> str:
    """Text for plotly labels, which render a subset of HTML: tags in event data stay visible text."""
    if value is None or value != value:  # None or NaN
        return ""
    return html.escape(str(value), quote=False)


def isolated(text: str) -> str:
    """`text` between Unicode first-strong isolates: inside an English hover or label line, an Arabic
    title or date reads right to left, as dir=auto would make it, without reordering what surrounds it."""
    return f"\u2068{text}\u2069" if text else text
