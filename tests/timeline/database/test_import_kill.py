import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select, text

from tests.timeline.database.interrupted_import import synthetic_frame
from timeline.database import import_frame, open_store, read_events, tables
from timeline.paths import PROJECT_ROOT

EVENTS, BATCH, FREEZE_AT = 200, 20, 4


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (tables.events, tables.sources, tables.event_sources, tables.audit_log)
        }


def test_an_import_killed_mid_batch_keeps_every_committed_batch_and_a_sound_database(store_url, tmp_path):
    marker = tmp_path / "frozen"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.timeline.database.interrupted_import",
            store_url,
            str(marker),
            str(EVENTS),
            str(BATCH),
            str(FREEZE_AT),
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120  # a bound on waiting, not a timing assertion
        while not marker.exists():
            if child.poll() is not None:
                raise AssertionError(f"the import ended before it was killed:\n{child.stderr.read()}")
            assert time.monotonic() < deadline, "the import never reached the batch to be killed in"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL

    engine = open_store(store_url, team=False)
    committed = (FREEZE_AT - 1) * BATCH
    assert counts(engine) == {
        "events": committed,
        "sources": committed,
        "event_sources": committed,
        "audit_log": committed,
    }
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []

    # Running the same import again finishes the job without duplicating what was kept.
    result = import_frame(engine, synthetic_frame(EVENTS), who="rerun", batch_size=BATCH)
    assert (result.added, result.already_stored) == (EVENTS - committed, committed)
    assert len(read_events(engine)) == EVENTS
    engine.dispose()
