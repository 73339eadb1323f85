"""Curated files stay the source of curated facts: edits to data/ reach an existing store, analysts' edits are kept."""

import shutil

import pytest

from timeline.database import ensure_seeded, read_event, read_events, update_event
from timeline.database.curated_sync import sync_curated
from timeline.paths import DATA_DIR


@pytest.fixture
def data_dir(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def edit_file(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_seeded_store_is_already_in_step(engine, data_dir):
    ensure_seeded(engine, data_dir)
    result = sync_curated(engine, data_dir)
    assert (result.added, result.updated, result.kept_analyst_edits) == ([], [], [])


def test_new_and_corrected_curated_events_reach_the_store(engine, data_dir):
    ensure_seeded(engine, data_dir)
    events_file = data_dir / "events.yaml"
    edit_file(events_file, "title: AI Action Summit in Paris", "title: AI Action Summit in Paris (corrected)")
    events_file.write_text(
        events_file.read_text(encoding="utf-8")
        + "- id: new-curated-event\n  title: A new curated event\n  date: 2025-03\n  date_text: March 2025\n"
        "  category: statement\n  sources: [tafsela-2025-03-01]\n",
        encoding="utf-8",
    )
    result = sync_curated(engine, data_dir)
    assert result.added == ["new-curated-event"] and result.updated == ["paris-ai-action-summit"]
    stored = read_events(engine).set_index("event_id")
    assert stored.loc["paris-ai-action-summit", "title"] == "AI Action Summit in Paris (corrected)"
    assert stored.loc["new-curated-event", "date_precision"] == "month"


def test_an_analysts_edit_is_not_overwritten_by_the_file(engine, data_dir):
    ensure_seeded(engine, data_dir)
    stored = read_event(engine, "paris-ai-action-summit")
    update_event(engine, "paris-ai-action-summit", {"location": "Grand Palais"}, stored.version, "Analyst")
    edit_file(data_dir / "events.yaml", "title: AI Action Summit in Paris", "title: Paris summit (file)")
    result = sync_curated(engine, data_dir)
    assert result.kept_analyst_edits == ["paris-ai-action-summit"]
    fields = read_event(engine, "paris-ai-action-summit").fields
    assert (fields["title"], fields["location"]) == ("AI Action Summit in Paris", "Grand Palais")
