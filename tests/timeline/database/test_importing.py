import pytest
from sqlalchemy import text

from bench._synthetic import synthetic_events_fast
from timeline.database import import_frame, read_events


def test_batches_add_every_event_and_a_rerun_adds_none(engine):
    events = synthetic_events_fast(1_200, seed=3)
    first = import_frame(engine, events, who="Tester", batch_size=500)
    assert (first.added, first.already_stored, first.batches) == (1_200, 0, 3)
    again = import_frame(engine, events, who="Tester", batch_size=500)
    assert (again.added, again.already_stored) == (0, 1_200)
    assert len(read_events(engine)) == 1_200


def test_postgres_planner_statistics_follow_a_growing_store(engine):
    # Foreign-key checks planned while the table looked empty would scan it whole for every row.
    if engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL plans from table statistics")
    import_frame(engine, synthetic_events_fast(2_500, seed=3), who="Tester", batch_size=500)
    with engine.connect() as connection:
        estimate = connection.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'events'")).scalar_one()
    assert estimate >= 2_000  # analysed when the store reached 2,000 events, twice the 1,000 floor
