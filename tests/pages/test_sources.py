from loaders import curated
from tests.pages.conftest import open_page
from timeline.filters import Filters, apply_filters


def test_every_cited_source_is_listed_with_its_events(app):
    open_page(app, "pages/sources.py")
    table = app.dataframe[0].value.set_index("name")
    events = curated.load()
    cited = set(events["source_ids"].explode())
    assert len(table) == len(cited)
    founding = curated.load_sources().set_index("source_id").loc["tafsela-2025-03-01"]
    row = table.loc[founding["name"]]
    assert row["lang"] == "ar"
    supported = apply_filters(events, Filters())  # the page's order: by date
    supported = supported[supported["source_ids"].map(lambda ids: "tafsela-2025-03-01" in ids)]
    assert row["events"] == len(supported)
    # By hand: the twelve events told by the founding article, and DeepSeek-V3, which it also names.
    assert row["events"] == 13 and row["titles"].endswith(" | … and 8 more")
    # The first five titles by date, then how many more: one source may support thousands of events.
    assert row["titles"] == " | ".join(supported["title"].head(5)) + f" | … and {len(supported) - 5} more"
