"""Article keys and text fingerprints: variants of one article meet, different articles do not."""

from __future__ import annotations

import pytest

from timeline.feeds.addresses import AddressError, article_key, text_fingerprint

KEY = "https://news.example.org/world/ministry-chips"


@pytest.mark.parametrize(
    "variant",
    [
        "https://news.example.org/world/ministry-chips",
        "HTTPS://NEWS.Example.ORG/world/ministry-chips/",  # scheme and host case, trailing slash
        "http://news.example.org/world/ministry-chips",  # the same page over plain http
        "https://news.example.org/world/ministry-chips#comments",  # a fragment
        "https://news.example.org/world/ministry-chips?utm_source=rss&utm_medium=feed&utm_campaign=am",
        "https://news.example.org/world/ministry-chips?fbclid=IwAR0abc",
        "https://news.example.org/world/ministry-chips/?gclid=Cj0KCQ&utm_content=top",
        "  https://news.example.org/world/ministry-chips  ",  # pasted with spaces
    ],
)
def test_tracking_and_spelling_variants_share_one_key(variant):
    assert article_key(variant) == KEY


def test_parameters_that_name_the_article_are_kept():
    assert article_key("https://example.org/story.php?id=17&utm_source=x") == "https://example.org/story.php?id=17"
    assert article_key("https://example.org/story.php?id=17") != article_key("https://example.org/story.php?id=18")


def test_path_case_is_kept():
    # Paths are case-sensitive on most servers: /News and /news may be two pages.
    assert article_key("https://example.org/News/1") != article_key("https://example.org/news/1")


@pytest.mark.parametrize("bad", ["ftp://example.org/a", "javascript:alert(1)", "example.org/a", ""])
def test_non_web_addresses_are_refused(bad):
    with pytest.raises(AddressError, match="not a web address"):
        article_key(bad)


def test_fingerprint_ignores_spacing_case_and_punctuation():
    one = "The ministry announced, on 17 February, new rules.\nOfficials met last month."
    other = "the  MINISTRY announced on 17 February new rules —  officials met last month"
    assert text_fingerprint(one) == text_fingerprint(other)


def test_fingerprint_tells_different_articles_apart():
    assert text_fingerprint("The ministry met on 17 February.") != text_fingerprint("The ministry met on 18 February.")
