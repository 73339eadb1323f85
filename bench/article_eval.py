"""Accuracy of the article loader on the labelled set, beside raw dateparser.search_dates, in one run.

Usage: .venv/bin/python bench/article_eval.py [--split dev|test|both] [--registry fixture|default] [--details]

The set has a development half (tests/fixtures/articles/dev/, the rules may be tuned on it) and a
held-out half (test/, only scored); each is reported on its own, per language and overall.
`--details` lists the misses of the development half only: the held-out half's are never printed.

An extracted event matches a label when its words overlap the label's words in the text. Strict
recall: some matching event has exactly the labelled interval and precision. Loose recall: some
matching event's interval lies inside the labelled one. Precision: matching events whose interval
lies inside the label's, over all extracted events. A raw search_dates hit is an event of one day.

Actor recall: labelled actors present on the loosely matching event, over all labelled actors.
Both sides are compared as canonical names: a name is resolved through the registry used (the
fixture registry, or data/actors.yaml, plus every country's government generated from pycountry);
a short form of a body in the organisation list (loaders/rules/organisations.yaml) as the list's main
name in its script, as the loader reports it ("WHO" as the World Health Organization); any other name
the registry does not know (a proposed actor, or a label written as the passage spells it) is compared
after normalization: case, Arabic letter variants (hamza forms, ى/ي, ة/ه, ج/غ,
diacritics) and spacing are ignored. Category accuracy: the matching event's category equals the
label's, over labels with a matching event. Title length: characters of each extracted title.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from loaders.article_actors import name_key  # noqa: E402
from loaders.article_gazetteer import gazetteer, listed_form  # noqa: E402
from loaders.articles import extract_events  # noqa: E402
from timeline.actors import ActorRegistry, default_registry, load_registry, with_governments  # noqa: E402

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "articles"
SPLITS = ("dev", "test")


@dataclass
class Article:
    name: str
    text: str
    published: dt.date
    lang: str
    source_name: str
    source_url: str
    labels: list[dict]
    not_events: list[str]


@dataclass
class Event:
    text: str
    start: dt.date
    end: dt.date
    precision: str
    actors: tuple[str, ...] = ()
    category: str | None = None
    span: tuple[int, int] = (0, 0)
    title: str = ""


@dataclass
class Score:
    labels: int = 0
    strict: int = 0
    loose: int = 0
    extracted: int = 0
    correct: int = 0
    actors: int = 0
    actors_found: int = 0
    categorised: int = 0
    category_right: int = 0
    non_event_hits: int = 0
    title_lengths: list[int] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("labels", "strict", "loose", "extracted", "correct", "actors", "actors_found", "categorised",
                     "category_right", "non_event_hits"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.title_lengths.extend(other.title_lengths)
        self.misses.extend(other.misses)


def load_articles(directory: Path = FIXTURES / "dev") -> list[Article]:
    """Every labelled article in one half of the set (a folder of YAML files), with its text read."""
    articles = []
    for path in sorted(directory.glob("[0-9]*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = entry.get("text") or (PROJECT_ROOT / entry["text_file"]).read_text(encoding="utf-8")
        articles.append(
            Article(
                name=path.name,
                text=text,
                published=entry["published"],
                lang=entry["lang"],
                source_name=entry["source_name"],
                source_url=entry.get("source_url") or next(iter(entry.get("facts_from") or []), ""),
                labels=entry["labels"],
                not_events=entry.get("not_events") or [],
            )
        )
    return articles


def fixture_registry() -> ActorRegistry:
    return load_registry(FIXTURES / "actors.yaml")


def _locate(text: str, events: list[Event]) -> list[Event]:
    """Give each event its span, searching forward because extractors report in reading order."""
    cursor = 0
    for event in events:
        position = text.find(event.text, cursor)
        if position < 0:
            position = text.find(event.text)
        if position >= 0:
            event.span = (position, position + len(event.text))
            cursor = position + 1
    return events


def _label_spans(text: str, labels: list[dict]) -> list[tuple[int, int]]:
    spans, used = [], set()
    for label in labels:
        position = text.find(label["date_text"])
        while position in used:
            position = text.find(label["date_text"], position + 1)
        if position < 0:
            raise SystemExit(f"label {label['date_text']!r} is not in the text")
        used.add(position)
        spans.append((position, position + len(label["date_text"])))
    return spans


def actor_keys(names, registry: ActorRegistry) -> set[str]:
    """Names as comparable keys: the canonical name when the registry resolves it, else the listed
    organisation's main name for a short form of it (a label may write "WHO" as its passage does),
    else the name normalized."""
    full = with_governments(registry)
    listed = gazetteer()
    return {name_key(full.resolve(name) or listed.main_name(listed_form(name)) or name) for name in names}


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def score(article: Article, events: list[Event], registry: ActorRegistry) -> Score:
    """Compare one article's extracted events with its labels."""
    result = Score(labels=len(article.labels), extracted=len(events))
    result.title_lengths = [len(event.title) for event in events if event.title]
    label_spans = _label_spans(article.text, article.labels)
    correct_events = set()
    for label, span in zip(article.labels, label_spans, strict=True):
        start, end = label["start"], label["end"]
        matching = [index for index, event in enumerate(events) if _overlaps(event.span, span)]
        inside = [index for index in matching if start <= events[index].start and events[index].end <= end]
        exact = [index for index in inside if (events[index].start, events[index].end) == (start, end)
                 and events[index].precision == label["precision"]]  # fmt: skip
        correct_events.update(inside)
        result.strict += bool(exact)
        result.loose += bool(inside)
        if not exact:
            found = [f"{events[i].start}..{events[i].end} {events[i].precision}" for i in matching] or ["nothing"]
            result.misses.append(
                f"{article.name}: {label['date_text']!r} wanted {start}..{end} {label['precision']} -> {', '.join(found)}"
            )
        best = events[(exact or inside)[0]] if inside else None
        labelled_actors = actor_keys(label.get("actors") or [], registry)
        found_actors = actor_keys(best.actors, registry) if best else set()
        result.actors += len(labelled_actors)
        result.actors_found += len(labelled_actors & found_actors)
        if best is not None and labelled_actors - found_actors:
            result.misses.append(
                f"{article.name}: {label['date_text']!r} actors missed {sorted(labelled_actors - found_actors)}"
                f" (found {list(best.actors)})"
            )
        if label.get("category") and best is not None:
            result.categorised += 1
            result.category_right += best.category == label["category"]
            if best.category != label["category"]:
                result.misses.append(
                    f"{article.name}: {label['date_text']!r} category {best.category}, wanted {label['category']}"
                )
    result.correct = len(correct_events)
    for phrase in article.not_events:
        position = article.text.find(phrase)
        phrase_span = (position, position + len(phrase))
        result.non_event_hits += sum(1 for event in events if position >= 0 and _overlaps(event.span, phrase_span))
    return result


def loader_events(article: Article, registry: ActorRegistry) -> list[Event]:
    frame = extract_events(
        article.text, article.published, article.lang, article.source_name, article.source_url, registry
    )
    events = [
        Event(
            row.date_text,
            row.date_start.date(),
            row.date_end.date(),
            row.date_precision,
            row.actors,
            row.category,
            title=row.title,
        )
        for row in frame.itertuples()
    ]
    return _locate(article.text, events)


def baseline_events(article: Article) -> list[Event]:
    """Raw dateparser.search_dates on the whole text, anchored at publication: each hit one day."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(article.published, dt.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hits = search_dates(article.text, languages=[article.lang], settings={"RELATIVE_BASE": base}) or []
    events = [Event(words, stamp.date(), stamp.date(), "day") for words, stamp in hits]
    return _locate(article.text, events)


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "n/a"


def evaluate(
    articles: list[Article], registry: ActorRegistry, baseline: bool = True
) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Scores of the loader and (unless `baseline` is False) of search_dates, overall and per language."""
    totals = {"loader": Score(), "search_dates": Score()}
    by_language: dict[str, dict[str, Score]] = {}
    for article in articles:
        systems = [("loader", loader_events(article, registry))]
        if baseline:
            systems.append(("search_dates", baseline_events(article)))
        for system, events in systems:
            article_score = score(article, events, registry)
            totals[system].add(article_score)
            by_language.setdefault(article.lang, {"loader": Score(), "search_dates": Score()})[system].add(
                article_score
            )
    return totals, by_language


def _rows(label: str, ours: Score, theirs: Score) -> list[tuple[str, str, str]]:
    lengths = ours.title_lengths
    return [
        (f"{label}strict date recall", _ratio(ours.strict, ours.labels), _ratio(theirs.strict, theirs.labels)),
        (f"{label}loose date recall", _ratio(ours.loose, ours.labels), _ratio(theirs.loose, theirs.labels)),
        (f"{label}precision", _ratio(ours.correct, ours.extracted), _ratio(theirs.correct, theirs.extracted)),
        (f"{label}actor recall", _ratio(ours.actors_found, ours.actors), "n/a"),
        (f"{label}category accuracy", _ratio(ours.category_right, ours.categorised), "n/a"),
        (
            f"{label}title length median/max",
            f"{statistics.median(lengths):.0f}/{max(lengths)}" if lengths else "n/a",
            "n/a",
        ),
        (f"{label}events extracted", str(ours.extracted), str(theirs.extracted)),
        (f"{label}hits on not-events", str(ours.non_event_hits), str(theirs.non_event_hits)),
    ]


def report(split: str, articles: list[Article], registry: ActorRegistry, registry_name: str, details: bool) -> None:
    """Print one half's table: overall, then per language."""
    totals, by_language = evaluate(articles, registry)
    languages = Counter(article.lang for article in articles)
    loader, baseline = totals["loader"], totals["search_dates"]
    counts = ", ".join(f"{count} {lang}" for lang, count in sorted(languages.items()))
    print(
        f"\n== {split} half: {len(articles)} articles ({counts}), {loader.labels} labelled events; registry: {registry_name}"
    )
    print(f"{'metric':<36}{'loader':>10}{'search_dates':>14}")
    rows = _rows("", loader, baseline)
    for lang in sorted(by_language):
        rows += _rows(f"  {lang} ", by_language[lang]["loader"], by_language[lang]["search_dates"])
    for name, ours, theirs in rows:
        print(f"{name:<36}{ours:>10}{theirs:>14}")
    if details and split == "dev" and loader.misses:
        print("\nDevelopment labels the loader did not get exactly:")
        for miss in loader.misses:
            print(f"  {miss}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "both"], default="both",
                        help="which half of the labelled set to score")  # fmt: skip
    parser.add_argument("--registry", choices=["fixture", "default"], default="fixture",
                        help="actor registry: the labelled set's fixed copy, or data/actors.yaml")  # fmt: skip
    parser.add_argument("--details", action="store_true", help="list the development half's misses")
    arguments = parser.parse_args(argv)
    registry = fixture_registry() if arguments.registry == "fixture" else default_registry()
    splits = SPLITS if arguments.split == "both" else (arguments.split,)
    for split in splits:
        articles = load_articles(FIXTURES / split)
        if not articles:
            print(f"\n== {split} half: no labelled articles in {(FIXTURES / split).relative_to(PROJECT_ROOT)}")
            continue
        report(split, articles, registry, arguments.registry, arguments.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
