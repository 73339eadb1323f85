"""Fuzzing the article reader: any text, and any bytes in a file, give events or an ArticleError, nothing else."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.article_text import ArticleError, decode_article, read_article
from loaders.articles import extract_events
from timeline.schema import COLUMNS, enforce_schema

# Pieces that steer the reader towards its date, actor and sentence rules, in the scripts it reads.
FRAGMENTS = [
    "في 17 فبراير", "خلال فبراير الماضي", "العام الماضي", "هذا الصيف", "منذ ثلاثة أعوام", "الرئيس الصيني",
    "٢٠٢٥", "١٧ فبراير ٢٠٢٥", "۱۴۰۳", "on 17 February", "last year", "in March 2025", "Q1 2025", "2025-02-17",
    "summer 2024", "Xi Jinping", "Liang Wenfeng", "2025年2月17日", "去年", "今年夏天", "２０２５年２月", "第一季度",
    "Qwen 2.5", "3.5 billion", "اقرأ أيضا", "Read also:", ". ", "。", "؟ ", "\n", "\n\n", " ", "\u200f", "\u202e",
    "<p>", "</p>", "<script>alert(1)</script>", "<meta property=\"article:published_time\" content=\"2025-03-01\">",
    "&amp;", "&#x0;", "\x00", "\ufeff", "\ud7ff", "𝟙𝟟", "١٧/٠٢/٢٠٢٥", "17.02.2025", "२०२५",
]  # fmt: skip

fragments = st.sampled_from(FRAGMENTS)
long_lines = st.builds(lambda piece, times: piece * times, st.sampled_from(["a", "ب", "中", "7", " ", "x."]),
                       st.integers(1_000, 20_000))  # fmt: skip
article_text = st.lists(st.one_of(fragments, st.text(max_size=40), long_lines), max_size=30).map("".join)
publication = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
languages = st.sampled_from(["auto", "ar", "en", "zh"])


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=article_text, published=publication, lang=languages)
def test_any_text_gives_schema_events_or_an_article_error(text, published, lang):
    try:
        events = extract_events(text, published, lang=lang, source_name="Fuzzed outlet")
    except ArticleError:
        return
    assert list(events.columns) == list(COLUMNS)
    enforce_schema(events.copy(), origin="fuzzed article")  # what the store will check again
    assert (events["date_start"] <= events["date_end"]).all()


@given(data=st.binary(max_size=4_000) | article_text.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_or_give_an_article_error(data):
    try:
        text = decode_article(data, "upload.txt")
    except ArticleError as error:
        assert str(error).startswith("upload.txt: ")
        return
    assert isinstance(text, str)


@given(data=st.binary(max_size=4_000) | article_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from([".txt", ".html", ".htm", ""]))  # fmt: skip
def test_any_article_file_reads_or_gives_an_article_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            text, published, lang = read_article(path)
        except ArticleError as error:
            assert str(error).startswith(f"{path}: ")
            return
    assert isinstance(text, str)
    assert published is None or isinstance(published, str | dt.date)
