"""The dashboard's live copy of the store: patched after each write, restarted from a snapshot file."""

import hashlib
import pickle

import pandas as pd
import pyarrow as pa
import pytest

from tests.conftest import SOURCES, make_events
from timeline import snapshot
from timeline.database import add_events, delete_event, read_event, update_event
from timeline.snapshot import LiveDataset, refresh_snapshot, snapshot_path_for
from timeline.store import open_seeded_store, read_dataset


@pytest.fixture
def store(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    return url, open_seeded_store(url, team=False)


def same_as_a_full_read(live: LiveDataset, engine) -> None:
    expected = snapshot.lean(read_dataset(engine).events)
    pd.testing.assert_frame_equal(live.current().events, expected, check_categorical=False)


def new_event(event_id: str) -> pd.DataFrame:
    return make_events(
        {"event_id": event_id, "title": "Added later", "date_start": "2025-03-05", "date_end": "2025-03-05",
         "date_precision": "day", "category": "statement", "actors": ("Xi Jinping",), "location": "Hangzhou",
         "source_url": "https://example.org/new"}
    )  # fmt: skip


def test_writes_are_patched_in_without_a_full_read(store, monkeypatch):
    url, engine = store
    live = LiveDataset(engine)
    live.current()
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("a full read after a write"))
    add_events(engine, new_event("added"), "Tester")
    stored = read_event(engine, "paris-ai-action-summit")
    update_event(engine, "paris-ai-action-summit", {"title": "Paris summit (edited)"}, stored.version, "Tester")
    delete_event(engine, "meng-wanzhou-released", "Tester")
    events = live.current().events.set_index("event_id")
    assert events.loc["added", "location"] == "Hangzhou"
    assert events.loc["paris-ai-action-summit", "title"] == "Paris summit (edited)"
    assert "meng-wanzhou-released" not in events.index
    monkeypatch.undo()
    same_as_a_full_read(live, engine)


def test_unchanged_store_returns_the_same_frame(store):
    _, engine = store
    live = LiveDataset(engine)
    assert live.current().events is live.current().events  # the filter index stays valid


def test_a_restart_starts_from_the_snapshot_and_catches_up(store, monkeypatch):
    url, engine = store
    path = snapshot_path_for(url)
    LiveDataset(engine, path).current()
    assert path.exists()
    add_events(engine, new_event("after-snapshot"), "Tester")
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("a full read despite the snapshot"))
    restarted = LiveDataset(engine, path)
    assert "after-snapshot" in set(restarted.current().events["event_id"])
    monkeypatch.undo()
    same_as_a_full_read(restarted, engine)


def test_a_restart_from_the_snapshot_shares_equal_name_lists_as_a_full_read_does(store, monkeypatch):
    # One tuple per distinct list, not one per row (pickle keeps shared objects shared): at a
    # million events that is half the frame.
    url, engine = store
    LiveDataset(engine, snapshot_path_for(url)).current()
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("a full read despite the snapshot"))
    events = LiveDataset(engine, snapshot_path_for(url)).current().events
    for name in ("actors", "countries", "source_ids"):
        first_seen = {}
        assert all(first_seen.setdefault(names, names) is names for names in events[name])
        assert len(first_seen) < len(events)  # the bundled events do repeat lists


def test_a_snapshot_of_another_store_is_ignored(store, tmp_path):
    url, engine = store
    path = snapshot_path_for(url)
    LiveDataset(engine, path).current()
    other = open_seeded_store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    add_events(other, new_event("only-in-other"), "Tester")
    live = LiveDataset(other, path)
    same_as_a_full_read(live, other)


def test_snapshot_files_sit_beside_sqlite_or_under_var():
    assert str(snapshot_path_for("sqlite:////data/team.sqlite")) == "/data/team.sqlite.snapshot"
    server = snapshot_path_for("postgresql+psycopg://analyst:secret@db:5432/timeline")
    assert server.parent.name == "snapshots" and "secret" not in server.name


def test_a_bulk_change_is_read_in_full_and_the_snapshot_refreshed(store, monkeypatch):
    url, engine = store
    path = snapshot_path_for(url)
    LiveDataset(engine, path).current()
    monkeypatch.setattr(snapshot, "FULL_READ_AFTER", 2)
    bulk = pd.concat([new_event(f"bulk-{number}") for number in range(60)], ignore_index=True)
    add_events(engine, bulk, "Importer")  # more than a fifth of the 47 bundled events
    refresh_snapshot(engine, url)
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("a full read despite a fresh snapshot"))
    restarted = LiveDataset(engine, path)
    assert {f"bulk-{number}" for number in range(60)} <= set(restarted.current().events["event_id"])
    assert restarted.revision == restarted.loaded_revision  # nothing left to catch up


def test_a_snapshot_of_another_format_is_read_in_full_instead(store, monkeypatch):
    # After an upgrade that changes the shared frame, an old snapshot must not be patched into it.
    url, engine = store
    path = snapshot_path_for(url)
    monkeypatch.setattr(snapshot, "SNAPSHOT_FORMAT", snapshot.SNAPSHOT_FORMAT - 1)
    LiveDataset(engine, path).current()
    monkeypatch.undo()
    full_reads = []
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: full_reads.append(1) or read_dataset(engine))
    same_as_a_full_read(LiveDataset(engine, path), engine)
    assert full_reads == [1]


def test_a_restart_from_the_snapshot_keeps_every_dtype_and_category(store, monkeypatch):
    url, engine = store
    first = LiveDataset(engine, snapshot_path_for(url)).current()
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("a full read despite the snapshot"))
    restarted = LiveDataset(engine, snapshot_path_for(url)).current()
    pd.testing.assert_frame_equal(restarted.events, first.events, check_categorical=True)
    for name in first.events.select_dtypes("category").columns:
        assert list(restarted.events[name].cat.categories) == list(first.events[name].cat.categories)
    pd.testing.assert_frame_equal(restarted.sources, first.sources)


class Planted:
    """A pickle that, when loaded, creates a file: what an attacker would plant as the snapshot."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def full_reads_counted(monkeypatch) -> list:
    counted = []
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: counted.append(1) or read_dataset(engine))
    return counted


def test_a_planted_pickle_runs_nothing_and_is_replaced(store, tmp_path, monkeypatch):
    url, engine = store
    path = snapshot_path_for(url)
    marker = tmp_path / "code-ran"
    path.write_bytes(pickle.dumps(Planted(marker)))
    snapshot.checksum_path(path).write_text(hashlib.sha256(path.read_bytes()).hexdigest())  # even one that verifies
    counted = full_reads_counted(monkeypatch)
    same_as_a_full_read(LiveDataset(engine, path), engine)
    assert not marker.exists() and counted == [1]
    assert not path.read_bytes().startswith(b"\x80")  # rebuilt: no longer a pickle
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("the rebuilt snapshot was not used"))
    LiveDataset(engine, path).current()


@pytest.mark.parametrize("damage", ["one byte changed", "checksum missing", "verified but not Arrow", "other columns"])
def test_a_snapshot_that_does_not_verify_or_parse_is_rebuilt(store, monkeypatch, damage):
    url, engine = store
    path = snapshot_path_for(url)
    LiveDataset(engine, path).current()
    checksum = snapshot.checksum_path(path)
    payload = bytearray(path.read_bytes())
    if damage == "one byte changed":
        payload[len(payload) // 2] ^= 0xFF
        path.write_bytes(bytes(payload))
    elif damage == "checksum missing":
        checksum.unlink()
    else:
        if damage == "verified but not Arrow":
            path.write_bytes(b"not an arrow file")
        else:
            table = pa.table({"event_id": ["x"]}).replace_schema_metadata(
                {snapshot.METADATA_KEY: b'{"format": %d, "revision": 1, "stamp": null}' % snapshot.SNAPSHOT_FORMAT}
            )
            path.write_bytes(snapshot._ipc_bytes(table))
        checksum.write_text(hashlib.sha256(path.read_bytes()).hexdigest())
    counted = full_reads_counted(monkeypatch)
    same_as_a_full_read(LiveDataset(engine, path), engine)
    assert counted == [1]
    assert snapshot.read_snapshot(path) is not None  # rebuilt, and verifies


@pytest.mark.parametrize("rows", ["none", "one with no actors", "the test events"])
def test_a_snapshot_file_gives_back_the_frame_it_was_written_from(tmp_path, events, rows):
    frame = {"none": events.head(0), "one with no actors": events.tail(1), "the test events": events}[rows]
    dataset = snapshot.Dataset(events=snapshot.lean(frame).reset_index(drop=True), sources=SOURCES)
    snapshot.write_snapshot(tmp_path / "x.snapshot", 7, "2025-03-01T00:00:00+00:00", dataset)
    revision, stamp, back = snapshot.read_snapshot(tmp_path / "x.snapshot")
    assert (revision, stamp) == (7, "2025-03-01T00:00:00+00:00")
    pd.testing.assert_frame_equal(back.events, dataset.events, check_categorical=True)
    pd.testing.assert_frame_equal(back.sources, SOURCES)
