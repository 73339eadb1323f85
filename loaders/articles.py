"""News articles (text or HTML, Arabic, English or Chinese) as candidate events for an analyst to review.

Every date is resolved against the article's publication date, never today; see docs/articles.md.
Command line: python -m loaders.articles FILE [FILE ...] --published YYYY-MM-DD [--lang auto|ar|en|zh]
[--format json|csv].
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd

from loaders import arabic
from loaders.article_actors import PLACE_FINDER, actor_finder, within
from loaders.article_categories import FALLBACK_CATEGORY, GATHERINGS, event_trigger, triggers_in
from loaders.article_coreference import ArticleActors, Mention
from loaders.article_dates import MAX_YEAR, MIN_YEAR, DateMention, NormalizedText, find_dates
from loaders.article_gazetteer import gazetteer
from loaders.article_proposed_actors import inside, propose
from loaders.article_text import (
    ArticleError,
    detect_language,
    html_to_article,
    looks_like_html,
    read_article,
    sentence_spans,
    teaser_spans,
)
from loaders.article_titles import title_for
from loaders.article_vocabulary import STAMP_STARTERS, STAMP_WORDS
from timeline.actors import ActorRegistry, default_registry, with_governments
from timeline.schema import COLUMNS, SchemaError, empty_frame, enforce_schema

__all__ = ["ArticleError", "extract_events", "extract_many", "read_article", "main"]

LANGUAGES = ("ar", "en", "zh")
MAX_TEXT_CHARACTERS = 5_000_000
# A date with no trigger saying what happened is kept as `other`, trusted less.
UNSUPPORTED_CATEGORY_FACTOR = 0.8
# Characters besides the dates beyond which a line is read as a sentence, not a date stamp.
STAMP_MAX_CHARACTERS = 100
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_LETTERS = re.compile(r"[^\W\d_]+")
_STAMP_IGNORED = {arabic.normalize(word).casefold() for word in STAMP_WORDS}
_STAMP_STARTERS = {arabic.normalize(word).casefold() for word in STAMP_STARTERS}


def extract_events(
    text: str,
    published,
    lang: str = "auto",
    source_name: str = "pasted article",
    source_url: str = "",
    registry: ActorRegistry | None = None,
) -> pd.DataFrame:
    """Candidate events in an article, one row per dated happening, as a schema-checked frame.

    `text` is plain text or HTML; `published` a date (or None for HTML that carries one); `lang`
    ar, en, zh or auto (detected from the script). Raises ArticleError when no publication date is
    known or the input cannot be an article.
    """
    rows = article_rows(text, published, lang, source_name, source_url, registry)
    if not rows:
        return empty_frame()
    return enforce_schema(pd.DataFrame(rows, columns=list(COLUMNS)), origin=source_name or "article")


def extract_many(articles: Iterable[dict], registry: ActorRegistry | None = None) -> pd.DataFrame:
    """The events of many articles as one frame (the schema is checked once, which is what makes batches fast).

    Each article is a dict of extract_events' arguments (text, published, lang, source_name, source_url).
    The same article given twice yields its events once.
    """
    registry = registry or default_registry()
    rows, labels, seen = [], [], set()
    for number, article in enumerate(articles, start=1):
        for row in article_rows(registry=registry, **article):
            if row["event_id"] not in seen:
                seen.add(row["event_id"])
                rows.append(row)
                labels.append(f"article {number} ({row['source_name']})")
    if not rows:
        return empty_frame()
    return enforce_schema(pd.DataFrame(rows, columns=list(COLUMNS)), origin="articles", row_labels=labels)


def article_rows(
    text: str,
    published,
    lang: str = "auto",
    source_name: str = "pasted article",
    source_url: str = "",
    registry: ActorRegistry | None = None,
) -> list[dict]:
    """The unchecked event rows of one article (see extract_events)."""
    origin = source_name or "article"
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise ArticleError(f"{origin}: expected the article as text, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ArticleError(
            f"{origin}: {len(text):,} characters is over the {MAX_TEXT_CHARACTERS:,} limit for one article"
        )
    page_language = page_published = None
    if looks_like_html(text):
        article = html_to_article(text, name=origin)
        text, page_published, page_language = article.text, article.published, article.lang
    publication_date = publication_date_of(published if published not in (None, "") else page_published, origin)
    language = _language(lang, text, page_language, origin)
    return _event_rows(
        text,
        publication_date,
        language,
        source_name or "pasted article",
        source_url or "",
        registry or default_registry(),
    )


def publication_date_of(value, origin: str = "article") -> dt.date:
    """The publication date as a date; raises ArticleError saying the analyst must give one."""
    if value is None or (isinstance(value, str) and not value.strip()) or value is pd.NaT:
        raise ArticleError(
            f"{origin}: no publication date. Relative dates ('last year', 'on Friday', 'فبراير الماضي') are "
            "resolved against it, so the analyst must give one (published=YYYY-MM-DD, or --published on the "
            "command line)."
        )
    try:
        if isinstance(value, str) and (match := _ISO_PREFIX.match(value)):
            # The date as the publisher wrote it, before any time-zone conversion that could shift the day.
            date = dt.date(int(match[1]), int(match[2]), int(match[3]))
        elif isinstance(value, dt.datetime | pd.Timestamp):
            date = value.date()
        elif isinstance(value, dt.date):
            date = value
        else:
            date = pd.Timestamp(value).date()
    except (ValueError, TypeError, OverflowError) as error:
        raise ArticleError(f"{origin}: publication date {value!r} is not a date ({error}); use YYYY-MM-DD") from None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise ArticleError(f"{origin}: publication date {date.isoformat()} is outside {MIN_YEAR}-{MAX_YEAR}")
    return date


def _language(lang: str | None, text: str, page_language: str | None, origin: str) -> str:
    requested = (lang or "auto").strip().lower()
    if requested == "auto":
        return page_language if page_language in LANGUAGES else detect_language(text)
    if requested not in LANGUAGES:
        raise ArticleError(f"{origin}: language {lang!r} is not supported; use one of auto, {', '.join(LANGUAGES)}")
    return requested


def source_id_for(source_name: str, source_url: str, published: dt.date) -> str:
    """A readable id for the source: host and path of the address, else the name and date."""
    if source_url:
        parsed = urlparse(source_url)
        raw = f"{parsed.netloc.removeprefix('www.')}{unquote(parsed.path)}"
    else:
        raw = f"{source_name}-{published.isoformat()}"
    slug = re.sub(r"[\W_]+", "-", raw.casefold()).strip("-") or "article"
    if len(slug) > 60:
        slug = f"{slug[:50].rstrip('-')}-{hashlib.sha1(raw.encode()).hexdigest()[:8]}"
    return slug


def _event_rows(
    text: str, published: dt.date, language: str, source_name: str, source_url: str, registry: ActorRegistry
) -> list[dict]:
    document = NormalizedText.of(text)
    hidden = [document.original_span(start, end) for start, end in teaser_spans(document.normalized)]
    mentions = [
        mention
        for mention in find_dates(document, published, language, registry)
        if not any(start <= mention.start < end for start, end in hidden)
    ]
    if not mentions:
        return []
    source_id = source_id_for(source_name, source_url, published)
    actors_in = actor_finder(registry)
    rows, seen_ids, seen_happenings = [], set(), set()
    published_stamp = pd.Timestamp(published)
    sentences = sentence_spans(document.normalized)
    by_sentence = _mentions_by_sentence(document, mentions, sentences)
    name_spans: dict[int, list[tuple[int, int, str]]] = {}  # sentence index -> where its actors' names lie

    def sentence_actors(index: int) -> list[Mention]:
        mentions, spans = _sentence_actors(document, actors_in, registry, language, *sentences[index])
        name_spans[index] = spans
        return mentions

    article_actors = ArticleActors(
        language, [document.normalized[first:last] for first, last in sentences], sentence_actors
    )
    for index, (sentence_start, sentence_end) in enumerate(sentences):
        start, end = document.original_span(sentence_start, sentence_end)
        inside = by_sentence.get(sentence_start, [])
        if not inside or _is_stamp(document.normalized[sentence_start:sentence_end], inside, document, start):
            continue
        sentence_normalized = document.normalized[sentence_start:sentence_end]
        sentence = " ".join(text[start:end].split())
        # Names are looked up only in sentences that carry a date: most of an article does not.
        # Short mentions ("Meng", "the company", "She said") name an actor from an earlier sentence.
        actors = article_actors.actors_in(index)
        places = within(PLACE_FINDER.positions(document.normalized, sentence_start, sentence_end), 0, sentence_end)
        countries = [registry_country(registry, name) for name in actors]
        countries = list(dict.fromkeys([code for code in countries if code] + places))

        def original(first: int, last: int, offset: int = sentence_start) -> str:
            span = document.original_span(offset + first, offset + last)
            return text[span[0] : span[1]]

        triggers = _outside_names(triggers_in(sentence_normalized, language), name_spans.get(index, ()), sentence_start)
        for mention in inside:
            date_start = document.normalized_position(mention.start) - sentence_start
            date_end = document.normalized_position(mention.end) - sentence_start
            trigger = event_trigger(sentence_normalized, language, date_start, date_end, triggers)
            category = trigger.category if trigger else FALLBACK_CATEGORY
            happening = (mention.date_start, mention.date_end, mention.precision, category, tuple(sorted(actors)))
            if actors and happening in seen_happenings:
                continue  # the same happening told again in a later sentence
            seen_happenings.add(happening)
            event_id = _event_id(source_id, mention, sentence, seen_ids)
            confidence = mention.confidence * (1.0 if trigger else UNSUPPORTED_CATEGORY_FACTOR)
            title = title_for(
                sentence_normalized,
                original,
                language,
                (date_start, date_end),
                (trigger.start, trigger.end) if trigger else None,
            )
            rows.append(
                {
                    "event_id": event_id,
                    "title": title,
                    "summary": None,
                    "date_start": mention.date_start,
                    "date_end": mention.date_end,
                    "date_precision": mention.precision,
                    "date_text": mention.text,
                    "category": category,
                    "actors": tuple(actors),
                    "countries": tuple(countries),
                    "location": None,
                    "source_name": source_name,
                    "source_url": source_url or None,
                    "source_lang": language,
                    "published": published_stamp,
                    "quote": sentence,
                    "source_ids": (source_id,),
                    "status": "unreviewed",
                    "confidence": round(confidence, 3),
                }
            )
    return rows


def _outside_names(triggers: list, spans, offset: int) -> list:
    """Triggers without the words of a gathering inside an actor's name found in the sentence, nor any
    word inside a person's name.

    A standing body named for the sittings it holds ("National Assembly", 世界卫生大会, «مجلس الشورى»)
    or a building named for them is no meeting; a court's or a fund's name says what it does, and stays.
    A person's name says nothing of what happened ("Bill Morneau" holds no bill).
    """
    if not spans:
        return triggers
    persons = [(first, last) for first, last, kind in spans if kind == "person"]
    everyone = [(first, last) for first, last, _ in spans]
    return [
        trigger
        for trigger in triggers
        if not any(
            first <= trigger.start + offset and trigger.end + offset <= last
            for first, last in (everyone if trigger.category in GATHERINGS else persons)
        )
    ]


def _mentions_by_sentence(
    document: NormalizedText, mentions: list[DateMention], spans: list[tuple[int, int]]
) -> dict[int, list[DateMention]]:
    """Mentions grouped by the normalized start of their sentence (bisect: n log n, not n × sentences)."""
    grouped: dict[int, list[DateMention]] = {}
    starts = [start for start, _ in spans]
    for mention in mentions:
        position = document.normalized_position(mention.start)
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < spans[index][1]:
            grouped.setdefault(starts[index], []).append(mention)
    return grouped


def _sentence_actors(
    document: NormalizedText, finder, registry: ActorRegistry, language: str, start: int, end: int
) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """Registry actors (canonical names) and proposed new ones (as written) named in the sentence, in order,
    and the normalized spans of the names found, with the kind of each actor."""
    known = finder.spans(document.normalized, start, end)
    full = with_governments(registry)
    kinds = [(first, last, full.by_name[name].kind if name in full.by_name else "") for first, last, name in known]
    proposals = propose(document.normalized, start, end, language, kinds)
    # A government's name opening a proposed body's is part of it: 美國 in 美國司法部.
    found = [
        (first, _registry_mention(full, name, language))
        for first, last, name in known
        if not inside(proposals, first, last)
    ]
    for proposal in proposals:
        first, last = document.original_span(proposal.start, proposal.end)
        written = " ".join(document.original[first:last].split())
        if proposal.cue == "organisation list":
            # A listed body goes by its list's main name, however the article shortens it ("WHO", 欧委会).
            form = document.normalized[proposal.start : proposal.end]
            written = gazetteer().main_name(form) or written
        resolved = full.resolve(written)
        mention = (
            _registry_mention(full, resolved, language)
            if resolved
            else Mention(written, proposal.kind, None, (written,))
        )
        found.append((proposal.start, mention))
    mentions: dict[str, Mention] = {}
    for _, mention in sorted(found, key=lambda item: item[0]):
        mentions.setdefault(mention.name, mention)
    spans = [*kinds, *((proposal.start, proposal.end, proposal.kind) for proposal in proposals)]
    return list(mentions.values()), spans


def _registry_mention(full: ActorRegistry, name: str, language: str) -> Mention:
    actor = full.by_name.get(name)
    if actor is None:
        return Mention(name, "", None, (name,))
    written = tuple(actor.aliases.get(language, ())) + ((actor.name,) if language == "en" else ())
    return Mention(actor.name, actor.kind, actor.country, written)


def registry_country(registry: ActorRegistry, name: str) -> str | None:
    """The country of a registry actor (or generated government); None for a proposed one."""
    actor = with_governments(registry).by_name.get(name)
    return actor.country if actor else None


def _is_stamp(sentence_normalized: str, mentions: list[DateMention], document: NormalizedText, start: int) -> bool:
    """A line that is only a date with stamp words: "الإثنين ١٠ فبراير ٢٠٢٥", "Updated: Feb 28, 2025 10:00"."""
    if len(sentence_normalized) - sum(mention.end - mention.start for mention in mentions) > STAMP_MAX_CHARACTERS:
        return False  # a stamp is short: a sentence with this much besides its dates is not one
    residual = sentence_normalized
    sentence_offset = document.normalized_position(start)
    for mention in mentions:
        first = document.normalized_position(mention.start) - sentence_offset
        last = document.normalized_position(mention.end) - sentence_offset
        residual = residual[:first] + " " * (last - first) + residual[last:]
    tokens = _LETTERS.findall(residual)
    words = 0
    for token in tokens:
        if token.casefold() in _STAMP_IGNORED:
            continue
        han = sum(1 for character in token if "\u4e00" <= character <= "\u9fff")
        words += han // 2 if han else 1  # two Han characters make about a word
    starts_like_stamp = bool(tokens) and tokens[0].casefold() in _STAMP_STARTERS
    return words < 2 or (starts_like_stamp and words < 5)


def _event_id(source_id: str, mention: DateMention, sentence: str, seen: set[str]) -> str:
    digest = hashlib.sha1(f"{source_id}\x1f{mention.text}\x1f{sentence}".encode()).hexdigest()[:16]
    event_id, number = f"article-{digest}", 2
    while event_id in seen:  # the same words twice in one sentence
        event_id, number = f"article-{digest}-{number}", number + 1
    seen.add(event_id)
    return event_id


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

JSON_FIELDS = (
    "file", "date_start", "date_end", "date_precision", "date_text", "actors", "countries", "category", "title",
    "quote", "confidence", "source_lang", "published", "source_ids", "event_id", "status",
)  # fmt: skip


def _records(frame: pd.DataFrame, file_names: list[str]) -> list[dict]:
    """The rows of `frame` as JSON-ready records, each with the file it came from."""
    records = []
    names = JSON_FIELDS[1:]
    # Column by column: to_dict("records") builds a frame of its own, slow for the few rows of an article.
    for file_name, *values in zip(file_names, *(frame[name].tolist() for name in names), strict=True):
        record = {"file": file_name}
        for name, value in zip(names, values, strict=True):
            if isinstance(value, pd.Timestamp):
                value = value.date().isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            elif value is not None and not isinstance(value, str | float | int | list):
                value = str(value)
            record[name] = value
        records.append(record)
    return records


# Files whose events are checked against the schema together: one check costs about as much as
# extracting an article, whatever its number of rows.
CHECK_BATCH_FILES = 200


def _checked_records(pending: list[tuple[str, list[dict]]]) -> tuple[list[dict], list[str]]:
    """Records of the files' rows, checked in one go, and an error for each file whose rows fail the check.

    When the batch fails (a loader fault, or one file given twice, whose event ids repeat), each file is
    checked on its own, so that the error names its file and the other files' events are kept.
    """
    rows = [row for _, file_rows in pending for row in file_rows]
    if not rows:
        return [], []
    try:
        frame = enforce_schema(pd.DataFrame(rows, columns=list(COLUMNS)), origin="articles")
        return _records(frame, [name for name, file_rows in pending for _ in file_rows]), []
    except SchemaError:
        pass
    records, errors = [], []
    for file_name, file_rows in pending:
        if not file_rows:
            continue
        try:
            frame = enforce_schema(pd.DataFrame(file_rows, columns=list(COLUMNS)), origin=Path(file_name).name)
        except SchemaError as error:
            errors.append(_naming_file(file_name, error))
            continue
        records += _records(frame, [file_name] * len(frame))
    return records, errors


def _naming_file(file_name: str, error: Exception) -> str:
    """An error's message, with the file's path in front unless the message already names it."""
    message = str(error)
    return message if file_name in message else f"{file_name}: {message}"


def _progress(done: int, total: int, name: str) -> None:
    if total < 2:
        return
    width = 24
    filled = width * done // total
    end = "\n" if done == total else ""
    if sys.stderr.isatty() or done == total:
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}{end}")
        sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    """Extract the events of every file to standard output; 1 if any file failed, else 0."""
    parser = argparse.ArgumentParser(
        prog="python -m loaders.articles", description="Extract dated events from news articles (.txt or .html)."
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files, plain text or HTML, UTF-8")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (optional for HTML that carries one)")
    parser.add_argument("--lang", default="auto", choices=["auto", *LANGUAGES], help="article language")
    parser.add_argument("--format", default="json", choices=["json", "csv"], help="output format")
    arguments = parser.parse_args(argv)
    records, failed, pending = [], 0, []
    registry = default_registry()

    def check_pending() -> None:
        nonlocal failed
        checked, errors = _checked_records(pending)
        records.extend(checked)
        failed += len(errors)
        sys.stderr.writelines(f"error: {message}\n" for message in errors)
        pending.clear()

    for number, file_name in enumerate(arguments.files, start=1):
        try:
            text, page_published, page_language = read_article(file_name)
            published = arguments.published or page_published
            if published is None:
                raise ArticleError(f"{file_name}: no publication date in the file; give --published YYYY-MM-DD")
            lang = arguments.lang if arguments.lang != "auto" or not page_language else page_language
            pending.append(
                (
                    file_name,
                    article_rows(text, published, lang=lang, source_name=Path(file_name).name, registry=registry),
                )
            )
        except (ArticleError, ValueError, OSError) as error:
            failed += 1
            sys.stderr.write(f"error: {_naming_file(file_name, error)}\n")
        if len(pending) >= CHECK_BATCH_FILES:
            check_pending()
        _progress(number, len(arguments.files), file_name)
    check_pending()
    _write(records, arguments.format)
    return 1 if failed else 0


def _write(records: list[dict], output_format: str) -> None:
    if output_format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    writer = csv.writer(sys.stdout)
    writer.writerow(JSON_FIELDS)
    for record in records:
        writer.writerow(
            ";".join(value) if isinstance(value := record[name], list) else ("" if value is None else value)
            for name in JSON_FIELDS
        )


if __name__ == "__main__":
    sys.exit(main())
