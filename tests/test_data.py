"""The bundled data: every file has provenance, loads through the schema, and dates the story right."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from loaders import curated
from timeline.actors import default_registry
from timeline.paths import DATA_DIR

FOUNDING_ARTICLE = DATA_DIR / "articles" / "tafsela-2025-03-01-ai-travel.txt"
ARTICLES_DIR = DATA_DIR / "articles"
LABELLED_PASSAGES = Path(__file__).parent / "fixtures" / "articles"


def one_spaced(text: str) -> str:
    return " ".join(text.split())


def quotes_in(node, where: str):
    """Every value of a `quote` key anywhere in a parsed YAML document, with where it sits."""
    if isinstance(node, dict):
        label = node.get("id", where)
        for key, value in node.items():
            if key == "quote" and value is not None:
                yield f"{where} ({label})", str(value)
            else:
                yield from quotes_in(value, where)
    elif isinstance(node, list):
        for item in node:
            yield from quotes_in(item, where)


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return curated.load()


def test_every_data_file_says_where_it_comes_from():
    provenance = yaml.safe_load((DATA_DIR / "provenance.yaml").read_text(encoding="utf-8"))
    files = {
        path.relative_to(DATA_DIR).as_posix()
        for path in DATA_DIR.rglob("*")
        if path.is_file() and path.name != "provenance.yaml" and "imports" not in path.parts
    }
    assert files - set(provenance) == set()
    for name, entry in provenance.items():
        assert entry.get("source") and entry.get("accessed"), name


def test_every_source_has_an_address_and_an_access_date():
    sources = curated.load_sources()
    assert sources["url"].str.match(r"https?://").all()
    assert sources["accessed"].notna().all()
    cited = set(curated.load()["source_ids"].explode())
    assert cited <= set(sources["source_id"])


def test_at_least_forty_sourced_events(events):
    assert len(events) >= 40
    assert events["source_url"].str.startswith("http").all()


@pytest.mark.parametrize(
    ("event_id", "start", "end", "precision"),
    [
        ("wsj-ai-travel-guidance-report", "2025-02-28", "2025-02-28", "day"),
        ("xi-private-enterprise-symposium", "2025-02-17", "2025-02-17", "day"),
        ("paris-ai-action-summit", "2025-02-10", "2025-02-11", "range"),
        ("liang-wenfeng-declines-paris-summit", "2025-02-01", "2025-02-28", "month"),  # «خلال فبراير الماضي»
        ("chinese-ai-founder-cancels-us-trip", "2024-01-01", "2024-12-31", "year"),  # «العام الماضي»
        ("ces-2025-las-vegas", "2025-01-07", "2025-01-10", "range"),
        ("meng-wanzhou-detained", "2018-12-01", "2018-12-01", "day"),
        ("meng-wanzhou-released", "2021-09-24", "2021-09-24", "day"),
        ("bis-advanced-computing-controls-2022", "2022-10-07", "2022-10-07", "day"),
        ("bis-advanced-computing-controls-2023", "2023-10-17", "2023-10-17", "day"),
        ("bis-semiconductor-controls-2024", "2024-12-02", "2024-12-02", "day"),
        ("bis-ai-diffusion-rule", "2025-01-13", "2025-01-13", "day"),
        ("section-301-tariffs-list-1", "2018-07-06", "2018-07-06", "day"),
        ("section-301-tariffs-list-2", "2018-08-23", "2018-08-23", "day"),
        ("section-301-tariffs-list-3", "2018-09-24", "2018-09-24", "day"),
        ("section-301-list-3-raised-to-25", "2019-05-10", "2019-05-10", "day"),
        ("section-301-tariffs-list-4a", "2019-09-01", "2019-09-01", "day"),
        ("alibaba-qwen25-max-release", "2025-01-28", "2025-01-29", "range"),
        ("deepseek-v3-release", "2024-12-26", "2024-12-26", "day"),
        ("waic-2025-shanghai", "2025-07-26", "2025-07-28", "range"),  # «هذا الصيف»
        ("china-informal-ai-travel-guidance", "2024-01-01", "2025-02-28", "undated"),
    ],
)
def test_the_public_record_dates(events, event_id, start, end, precision):
    row = events.set_index("event_id").loc[event_id]
    assert (str(row["date_start"].date()), str(row["date_end"].date()), row["date_precision"]) == (
        start,
        end,
        precision,
    )


def test_founding_article_events_quote_it_word_for_word(events):
    article = FOUNDING_ARTICLE.read_text(encoding="utf-8")
    from_article = events[events["source_ids"].map(lambda ids: ids[0] == "tafsela-2025-03-01")]
    assert len(from_article) >= 10
    for row in from_article.itertuples():
        assert row.source_lang == "ar"
        assert row.quote in article, row.event_id
        assert row.date_text in article, row.event_id


def test_symposium_attendees(events):
    symposium = events.set_index("event_id").loc["xi-private-enterprise-symposium"]
    assert {"Xi Jinping", "Liang Wenfeng", "Wang Xingxing"} <= set(symposium["actors"])


def test_registry_knows_the_articles_spellings():
    registry = default_registry()
    for alias, name in [
        ("شي جين بينج", "Xi Jinping"),
        ("习近平", "Xi Jinping"),
        ("ليانج وينفنج", "Liang Wenfeng"),
        ("ديب سيك", "DeepSeek"),
        ("深度求索", "DeepSeek"),
    ]:
        assert registry.resolve(alias) == name


def test_every_bundled_quote_is_a_passage_of_a_bundled_article():
    """Only the founding article's own words may be quoted: other sources give facts, not sentences."""
    articles = [one_spaced(path.read_text(encoding="utf-8")) for path in ARTICLES_DIR.glob("*.txt")]
    quoted = [
        found
        for path in sorted(DATA_DIR.rglob("*.yaml"))
        for found in quotes_in(yaml.safe_load(path.read_text(encoding="utf-8")), path.relative_to(DATA_DIR).as_posix())
    ]
    assert quoted, "no quote found at all: the walk over data/ is broken"
    foreign = [where for where, quote in quoted if not any(one_spaced(quote) in article for article in articles)]
    assert foreign == [], f"quotes not found in any file of data/articles/: {foreign}"


def labelled_passage_files() -> list[Path]:
    return sorted(path for path in LABELLED_PASSAGES.rglob("*.yaml") if path.name != "actors.yaml")


def test_every_labelled_passage_is_the_teams_own_writing():
    """Each passage says who wrote it: the team, or the founding article read from data/articles/."""
    assert labelled_passage_files(), f"no labelled passage under {LABELLED_PASSAGES}"
    wrong = []
    for path in labelled_passage_files():
        passage = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = path.relative_to(LABELLED_PASSAGES).as_posix()
        quoted_markers = sorted(key for key in passage if key.startswith("quoted"))
        author = passage.get("written_by")
        text_file = DATA_DIR.parent / str(passage.get("text_file", ""))
        if quoted_markers:
            wrong.append(f"{name}: marked as quoted from elsewhere ({', '.join(quoted_markers)})")
        elif author == "founding-article":
            if "text" in passage or text_file.parent != ARTICLES_DIR or not text_file.is_file():
                wrong.append(f"{name}: written_by founding-article must read its text_file from data/articles/")
        elif author != "team":
            wrong.append(f"{name}: written_by is {author!r}, not 'team'")
    assert wrong == [], "\n".join(wrong)
