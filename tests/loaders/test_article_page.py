"""Page extraction: main text without boilerplate, dates with their origin, language, canonical address, encodings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.article_page import FROM_ADDRESS, FROM_PAGE, PageError, decode_html, extract_page
from loaders.article_text import MAX_FILE_BYTES, ArticleError, decode_article, read_article

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_boilerplate_teaser_boxes_and_comments_are_dropped():
    page = extract_page((FEEDS / "en-chips.html").read_text(encoding="utf-8"), "https://ledger.example/news/a")
    assert "announced on 17 February" in page.text
    assert "met the national semiconductor association last month" in page.text
    for boilerplate in ("Subscribe now", "Port strike", "Reader42", "All rights reserved", "do not read me"):
        assert boilerplate not in page.text
    assert page.title == "Ministry tightens chip export rules"
    assert page.lang == "en"  # from lang="en-GB"
    assert page.canonical_url == "/news/en-chips.html"


def test_publication_date_from_page_metadata():
    page = extract_page((FEEDS / "ar-summit.html").read_text(encoding="utf-8"))
    assert (page.published, page.published_origin) == ("2025-04-10", FROM_PAGE)
    assert page.lang == "ar"
    assert "اقرأ أيضا" not in page.text and "تعليق" not in page.text


def test_publication_date_from_the_address_when_the_page_has_none():
    html = (FEEDS / "en-undated.html").read_text(encoding="utf-8")
    assert extract_page(html, "https://coast.example/notes/x").published is None
    page = extract_page(html, "https://coast.example/2025/06/04/notes-from-the-coast")
    assert (page.published, page.published_origin) == ("2025-06-04", FROM_ADDRESS)


def test_body_dates_are_not_taken_for_the_publication_date():
    # The page says "on 3 June" in its text; only metadata or the address may date the article.
    page = extract_page((FEEDS / "en-undated.html").read_text(encoding="utf-8"))
    assert page.published is None


def test_negative_year_in_time_element_does_not_crash():
    html = (
        '<html><body><article><time datetime="-0044-03-15">Ides</time><p>The senate met on 15 March to hear '
        "the envoys, and the session lasted well into the night.</p></article></body></html>"
    )
    page = extract_page(html)
    assert "The senate met on 15 March" in page.text
    assert page.published is None


def test_negative_year_in_metadata_is_not_read_as_a_modern_one():
    html = (
        '<html><head><meta property="article:published_time" content="-2025-03-01"></head><body><article>'
        '<time datetime="-2025-03-01">then</time><p>The senate met on 15 March to hear the envoys, and the session '
        "lasted well into the night.</p></article></body></html>"
    )
    assert extract_page(html).published is None


def test_json_ld_nested_a_million_levels_does_not_crash():
    nested = "[" * 1_000_000 + "]" * 1_000_000
    html = (
        f'<html><head><script type="application/ld+json">{nested}</script></head><body><article>'
        "<p>The council approved the budget on 2 May after a second reading and a short debate.</p>"
        "</article></body></html>"
    )
    page = extract_page(html)
    assert "approved the budget on 2 May" in page.text


@pytest.mark.parametrize(
    ("encoding", "declared", "sample"),
    [("cp1256", "windows-1256", "وزراء الطاقة"), ("gb18030", "gb2312", "港口扩建"), ("utf-8", None, "港口扩建")],
)
def test_declared_encodings_are_honoured(encoding, declared, sample):
    data = f"<html><body><p>{sample}</p></body></html>".encode(encoding)
    assert sample in decode_html(data, declared, "page")


def test_meta_charset_is_read_when_the_header_names_none():
    data = (FEEDS / "zh-port.html").read_text(encoding="utf-8").encode("gb18030")
    assert "市政府于5月18日" in decode_html(data, None, "zh-port.html")


def test_unknown_or_wrong_encoding_is_a_clear_error():
    with pytest.raises(PageError, match="page: unknown character encoding 'klingon-8' declared in the Content-Type"):
        decode_html(b"<p>x</p>", "klingon-8", "page")
    with pytest.raises(PageError, match=r"page: not UTF-8 text \(byte 3\) and no character encoding is declared"):
        decode_html(b"<p>\xff\xfe</p>", None, "page")


def test_html_file_in_a_meta_declared_encoding_is_read(tmp_path):
    path = tmp_path / "zh-port.html"
    path.write_bytes((FEEDS / "zh-port.html").read_text(encoding="utf-8").encode("gb18030"))
    text, published, lang = read_article(path)
    assert "市政府于5月18日批准了港口扩建计划" in text
    assert "网友留言" not in text
    assert (published, lang) == ("2025-05-20", "zh")


def test_file_over_the_bound_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"a" * MAX_FILE_BYTES + b"</p>")
    with pytest.raises(ArticleError, match=r"big.html: 5.2 MB is over the 5 MB limit for an article"):
        read_article(path)
    with pytest.raises(ArticleError, match=r"upload.html: 5.2 MB is over the 5 MB limit"):
        decode_article(path.read_bytes(), "upload.html")


def test_xhtml_with_an_xml_declaration_is_read():
    html = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><body><article>'
        "<p>The port authority opened the new terminal on 9 May after three years of building work.</p>"
        "</article></body></html>"
    )
    page = extract_page(html)
    assert "opened the new terminal on 9 May" in page.text and page.lang == "en"


def test_empty_page_is_a_clear_error():
    with pytest.raises(PageError, match="https://x.example/a: not an HTML page"):
        extract_page("", "https://x.example/a")


PIECES = st.sampled_from(
    [
        "<body>", "<p>", "</p>", "<article>", "</article>", "<time datetime='-1-01-01'>", "<!--", "-->",
        "<meta property='article:published_time' content='9999999-01-01'>", "<script type='application/ld+json'>",
        "</script>", "<![CDATA[", "<?xml version='1.0'?>", "<link rel=canonical href='::'>", "<html lang='--'>",
        "[[[[{", "\x00", "\ufeff",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=30).map("".join))
def test_any_markup_gives_a_page_or_a_page_error(markup):
    try:
        page = extract_page("<html>" + markup)
    except PageError as error:
        assert str(error).startswith("page: not an HTML page")
    else:
        assert isinstance(page.text, str)


def test_a_refused_page_is_named_by_the_file_it_came_from(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ArticleError, match=rf"^{re.escape(str(path))}: "):
        read_article(path)
