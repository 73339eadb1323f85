import pandas as pd
from sqlalchemy import func, select

from loaders import curated
from timeline.actors import load_registry
from timeline.database import delete_event, ensure_seeded, read_events, read_sources, tables


def by_id(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(key).reset_index(drop=True)


def test_the_first_run_imports_the_curated_files_exactly(engine):
    assert ensure_seeded(engine) is True
    pd.testing.assert_frame_equal(by_id(read_events(engine), "event_id"), by_id(curated.load(), "event_id"))
    pd.testing.assert_frame_equal(read_sources(engine), by_id(curated.load_sources(), "source_id"))


def test_the_actor_registry_and_every_alias_are_stored(seeded):
    registry = load_registry()
    with seeded.connect() as connection:
        actors = connection.execute(select(func.count()).select_from(tables.actors)).scalar_one()
        rows = connection.execute(select(tables.actor_aliases).order_by(tables.actor_aliases.c.position)).all()
    assert actors == len(registry.actors)
    aliases = {(row.actor_name, row.lang, row.alias) for row in rows}
    assert ("Xi Jinping", "zh", "习近平") in aliases
    assert len(aliases) == sum(len(names) for actor in registry.actors for names in actor.aliases.values())


def test_seeding_again_changes_nothing_even_when_every_event_was_deleted(seeded):
    for event_id in read_events(seeded)["event_id"]:
        delete_event(seeded, event_id, who="Amina")
    assert ensure_seeded(seeded) is False
    assert read_events(seeded).empty
