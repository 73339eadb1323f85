"""Changes in a view since a recorded briefing or a day, after adds, edits, merges and deletes, on each backend."""

import datetime as dt

import pandas as pd
import pytest

from tests.conftest import make_events
from tests.timeline.database.conftest import event, store_url  # noqa: F401 - the backend fixture
from timeline import changes
from timeline.database import add_events, delete_event, merge_events, read_event, update_event
from timeline.database.briefings import list_briefings, read_briefing, record_briefing
from timeline.database.threads import link_event, read_threads
from timeline.filters import Filters, apply_filters
from timeline.store import open_seeded_store, read_dataset
from timeline.threads import with_thread_events

TODAY = dt.date(2026, 12, 1)
VIEW = Filters(categories=("export_control",))


@pytest.fixture
def store(store_url):  # noqa: F811
    # One analyst on both backends; who may record or change what is tested in test_permissions.py.
    engine = open_seeded_store(store_url, team=False)
    yield engine
    engine.dispose()


def brief(store, filters=VIEW) -> int:
    events = read_dataset(store).events
    threads, links = read_threads(store)
    shown = apply_filters(events, with_thread_events(filters, links))
    stages = changes.current_stages(threads, links, events, shown["event_id"], TODAY)
    return record_briefing(store, "Ana", filters, shown["event_id"], "Export controls", "png", stages)


def changes_since(store, baseline_of) -> pd.DataFrame:
    events = read_dataset(store).events
    threads, links = read_threads(store)
    baseline = baseline_of(events, links)
    filters = with_thread_events(VIEW, links)
    return changes.compute(store, events, filters, baseline, threads, links, TODAY)


def edit(store, event_id, **fields):
    update_event(store, event_id, fields, read_event(store, event_id).version, "Bo")


def test_a_briefing_records_its_view_events_versions_and_thread_stages(store):
    edit(store, "bis-ai-diffusion-rule", title="US issues the AI diffusion framework")
    briefing = read_briefing(store, brief(store))
    assert briefing.who == "Ana" and briefing.filters == VIEW
    assert briefing.events["bis-ai-diffusion-rule"] == 2
    assert briefing.events["china-gallium-germanium-controls-effective"] == 1
    assert "section-301-tariffs-list-1" not in briefing.events
    assert briefing.thread_stages["us-ai-diffusion-framework"] == "rescinded"
    assert list_briefings(store)["description"].tolist() == ["categories: export_control"]


def test_changes_since_a_briefing_after_adds_edits_merges_and_deletes(store):
    briefing = read_briefing(store, brief(store))
    added = event(
        "gallium-ban-suspended",
        title="China suspends its gallium export ban to the US",
        date_start="2025-11-09",
        date_end="2025-11-09",
        category="export_control",
        actors=("Ministry of Commerce of China",),
    )
    add_events(store, make_events(added), "Bo")
    link_event(store, "china-gallium-germanium-controls", "gallium-ban-suspended", "suspended", "Bo")
    edit(store, "bis-ai-diffusion-rule", title="US issues the AI diffusion framework")
    edit(store, "bis-ai-diffusion-rule", date_precision="month", date_start="2025-01-01", date_end="2025-01-31")
    merge_events(store, "bis-advanced-computing-controls-2023", ["bis-semiconductor-controls-2024"], "Bo")
    delete_event(store, "nvidia-h20-license-requirement", "Bo")
    edit(store, "bis-advanced-computing-controls-2022", category="legislation")  # out of the view
    edit(store, "section-301-tariffs-list-1", title="Not in the view")  # never in it: no change to report

    found = changes_since(store, lambda events, links: changes.since_briefing(store, briefing))
    rows = {(row.change, row.event_id, row.field): (row.old, row.new) for row in found.itertuples()}
    assert rows == {
        ("new", "gallium-ban-suspended", ""): ("", ""),
        ("changed", "bis-ai-diffusion-rule", "title"): (
            "US issues AI diffusion rule",
            "US issues the AI diffusion framework",
        ),
        ("changed", "bis-ai-diffusion-rule", "date_precision"): ("day", "month"),
        ("changed", "bis-ai-diffusion-rule", "date_start"): ("2025-01-13", "2025-01-01"),
        ("changed", "bis-ai-diffusion-rule", "date_end"): ("2025-01-13", "2025-01-31"),
        ("changed", "bis-advanced-computing-controls-2023", "source_ids"): (
            "bis-2023-10-17; akingump-2023-10-24",
            "bis-2023-10-17; akingump-2023-10-24; hklaw-2024-12; squirepb-2024-12",
        ),
        ("changed", "bis-advanced-computing-controls-2023", "merged"): ("", "bis-semiconductor-controls-2024"),
        ("merged", "bis-semiconductor-controls-2024", "merged_into"): ("", "bis-advanced-computing-controls-2023"),
        ("deleted", "nvidia-h20-license-requirement", ""): ("", ""),
        ("left view", "bis-advanced-computing-controls-2022", ""): ("", ""),
        ("left view", "bis-advanced-computing-controls-2022", "category"): ("export_control", "legislation"),
        ("stage moved", "gallium-ban-suspended", "stage"): ("amended", "suspended since 9 Nov 2025"),
    }
    assert found["change"].iloc[0] == "new"  # new first, thread stages last
    assert set(found.loc[found["change"] == "changed", "who"]) == {"Bo"}


def test_nothing_changed_since_a_fresh_briefing(store):
    briefing = read_briefing(store, brief(store))
    assert changes_since(store, lambda events, links: changes.since_briefing(store, briefing)).empty


def test_changes_since_a_day_count_what_was_recorded_on_or_after_it(store):
    edit(store, "bis-ai-diffusion-rule", title="US issues the AI diffusion framework")
    delete_event(store, "nvidia-h20-license-requirement", "Bo")
    today = dt.datetime.now(dt.UTC).date()
    tomorrow = changes_since(
        store, lambda events, links: changes.since_day(store, today + dt.timedelta(days=1), links, events)
    )
    assert tomorrow.empty
    found = changes_since(store, lambda events, links: changes.since_day(store, today, links, events))
    # The store was filled from data/ today: its curated events are new since today, edits included.
    assert set(found.loc[found["change"] == "new", "event_id"]) >= {
        "bis-ai-diffusion-rule",
        "bis-advanced-computing-controls-2022",
    }
    assert ("deleted", "nvidia-h20-license-requirement") in set(zip(found["change"], found["event_id"], strict=True))
    assert "section-301-tariffs-list-1" not in set(found["event_id"])  # outside the view


def test_export_files_carry_the_baseline_and_the_view(store):
    briefing = read_briefing(store, brief(store))
    edit(store, "bis-ai-diffusion-rule", title="=HYPERLINK(1)")
    found = changes_since(store, lambda events, links: changes.since_briefing(store, briefing))
    comments = changes.provenance_lines(changes.since_briefing(store, briefing), VIEW, found)
    text = changes.changes_csv(found, comments).decode("utf-8-sig")
    assert text.startswith(f"# Policy Timeline changes since briefing #{briefing.id} of ")
    assert "# filters: categories: export_control" in text
    assert ",'=HYPERLINK(1)," in text  # a spreadsheet would run it as a formula
    figure = changes.changes_figure(found, comments)
    assert list(figure.data[0].cells.values[3]) == ["US issues AI diffusion rule"]
