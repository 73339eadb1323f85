"""`python -m timeline brief` on the bundled data."""

import datetime as dt
import io
import json
import os
import pickle
import subprocess
import sys

import pandas as pd
import pytest
from PIL import Image

from loaders import curated
from tests.conftest import needs_chromium
from timeline import overview, snapshot
from timeline.briefing_status import status_lines
from timeline.cli import main
from timeline.database import open_store, read_events
from timeline.database.threads import read_threads
from timeline.export import flat_frame
from timeline.filters import Filters, apply_filters
from timeline.paths import PROJECT_ROOT
from timeline.threads import policy_status


@pytest.fixture(autouse=True)
def store_url(monkeypatch, tmp_path) -> str:
    """Each test works on its own SQLite store, seeded from data/ on first use."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("POLICY_TIMELINE_DB", url)
    return url


def test_csv_brief_holds_exactly_the_filtered_rows_after_provenance_lines(tmp_path, capsys):
    out = tmp_path / "brief.csv"
    assert (
        main(["brief", "--actor", "Liang Wenfeng", "--from", "2025-01-01", "--to", "2025-03-31", "--out", str(out)])
        == 0
    )
    assert capsys.readouterr().out.strip() == str(out)
    text = out.read_bytes().decode("utf-8-sig")
    assert text.startswith("# Policy Timeline briefing: Liang Wenfeng, Jan–Mar 2025")
    assert "# View: http://localhost:8501/briefing?actor=Liang+Wenfeng&from=2025-01-01&to=2025-03-31" in text
    written = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    filters = Filters(
        actors=("Liang Wenfeng",),
        date_from=pd.Timestamp("2025-01-01").date(),
        date_to=pd.Timestamp("2025-03-31").date(),
    )
    expected = flat_frame(apply_filters(curated.load(), filters)).assign(tags="")  # no event is tagged yet
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    assert list(written["event_id"]) == [  # by hand: Liang Wenfeng's events of the quarter, in date order
        "deepseek-r1-release", "liang-wenfeng-declines-paris-summit", "xi-private-enterprise-symposium",
    ]  # fmt: skip


@needs_chromium
def test_brief_and_changes_take_tags_outlets_languages_precision_and_confidence(tmp_path, capsys, store_url):
    from timeline.database.curation import set_tags
    from timeline.store import open_seeded_store

    set_tags(open_seeded_store(store_url), "deepseek-v3-release", ["model release"], who="Amina")
    out = tmp_path / "tagged.csv"
    assert main(["brief", "--tag", "model release", "--min-confidence", "0.5", "--out", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "tags: model release; confidence at least 0.5" in text
    written = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    assert written[["event_id", "tags"]].values.tolist() == [["deepseek-v3-release", "model release"]]
    out = tmp_path / "arabic.csv"
    assert main(["brief", "--source-lang", "ar", "--precision", "month", "--out", str(out)]) == 0
    written = pd.read_csv(out, comment="#", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert set(written["source_lang"]) == {"ar"} and set(written["date_precision"]) == {"month"}
    assert main(["brief", "--tag", "model releases", "--out", str(tmp_path / "x.csv")]) != 0
    assert "unknown tag 'model releases'; did you mean 'model release'?" in capsys.readouterr().err
    assert main(["brief", "--outlet", "Nobody", "--out", str(tmp_path / "x.csv")]) != 0
    changes = tmp_path / "changes.csv"
    assert main(["changes", "--since", "2020-01-01", "--tag", "model release", "--out", str(changes)]) == 0
    assert "tags: model release" in changes.read_bytes().decode("utf-8-sig")


def test_png_brief_into_a_folder_gets_a_dated_name(tmp_path):
    assert (
        main(
            ["brief", "--actor", "Liang Wenfeng", "--from", "2025-01-01", "--to", "2025-03-31", "--out", str(tmp_path)]
        )
        == 0
    )
    written = tmp_path / "briefing_2025-01-01_2025-03-31.png"
    assert Image.open(written).size == (3840, 2160)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--actor", "Liang Wenfen"], "unknown actor 'Liang Wenfen'; did you mean 'Liang Wenfeng'?"),
        (["--category", "picnic"], "unknown category 'picnic'"),
        (["--from", "2025-03-01", "--to", "2025-01-01"], "is before --from"),
        (["--text", "no event says zzqx"], "no event matches"),
    ],
)
def test_bad_requests_get_a_clear_error_and_write_nothing(tmp_path, capsys, arguments, message):
    out = tmp_path / "brief.png"
    assert main(["brief", *arguments, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_view_too_large_for_a_briefing_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(overview, "DETAIL_LIMIT", 5)
    out = tmp_path / "brief.png"
    assert main(["brief", "--out", str(out)]) == 1
    total = len(curated.load())
    assert (
        f"this view holds {total}: narrow the filters to 5 events or fewer; nothing written" in capsys.readouterr().err
    )
    assert not out.exists()


def test_unknown_extension_is_refused(tmp_path, capsys):
    assert main(["brief", "--out", str(tmp_path / "brief.docx")]) == 1
    assert "unknown extension" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["brief", "--from", "31/01/2025", "--out", str(tmp_path / "x.csv")])
    assert exited.value.code == 2
    assert "is not a date like 2025-01-31" in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path):
    out = tmp_path / "tariffs.csv"
    finished = subprocess.run(
        [sys.executable, "-m", "timeline", "brief", "--category", "tariff", "--out", str(out)],
        cwd=PROJECT_ROOT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf# Policy Timeline briefing: Tariff")


FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
FOUNDING_ARTICLE = PROJECT_ROOT / "data" / "articles" / "tafsela-2025-03-01-ai-travel.txt"


def test_import_sends_articles_to_review_and_rows_to_events(tmp_path, capsys, store_url):
    notes = FIXTURES / "csv" / "analyst_notes.csv"
    stray = tmp_path / "notes.docx"
    stray.write_text("not an events file")
    code = main(
        ["import", str(FOUNDING_ARTICLE), str(notes), str(stray), "--published", "2025-03-01", "--who", "Tester"]
    )
    output = capsys.readouterr()
    stored = read_events(open_store(store_url))
    candidates = stored[stored["status"] == "unreviewed"]
    assert output.out.strip().splitlines()[-1] == f"4 accepted, 4 rejected, {len(candidates)} for review"
    assert len(candidates) >= 6 and "في 17 فبراير" in set(candidates["date_text"])
    rejected = [line for line in output.err.splitlines() if line.startswith(("/", "tests"))]
    assert f"{notes}:7: 'sometime soon' is not a date" in output.err
    assert f"{notes}:9: has 9 cells where the header has 8" in output.err
    assert f"{stray}:1: not an article" in output.err
    assert len(rejected) == 4
    assert code == 1  # something was rejected
    assert "Unitree shows robots at CES" in set(stored["title"])


def test_import_twice_adds_nothing_new(capsys, store_url):
    notes = FIXTURES / "csv" / "analyst_notes.csv"
    main(["import", str(notes), "--who", "Tester"])
    before = len(read_events(open_store(store_url)))
    main(["import", str(notes), "--who", "Tester"])
    assert len(read_events(open_store(store_url))) == before
    assert capsys.readouterr().out.strip().splitlines()[-1] == "4 accepted, 3 rejected, 0 for review"


def test_article_without_a_date_is_a_rejected_row(capsys):
    assert main(["import", str(FOUNDING_ARTICLE), "--who", "Tester"]) == 1
    output = capsys.readouterr()
    assert f"{FOUNDING_ARTICLE}:1: no publication date" in output.err
    assert output.out.strip() == "0 accepted, 1 rejected, 0 for review"


def test_backup_and_restore_round_trip(tmp_path, capsys, store_url, monkeypatch):
    main(["import", str(FIXTURES / "csv" / "analyst_notes.csv"), "--who", "Tester"])
    bundle = tmp_path / "bundle.json"
    assert main(["backup", str(bundle)]) == 0
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert main(["restore", str(bundle), "--db", other]) == 0
    original, restored = read_events(open_store(store_url)), read_events(open_store(other))
    pd.testing.assert_frame_equal(original, restored)
    assert main(["restore", str(bundle), "--db", other]) == 1
    assert "not empty" in capsys.readouterr().err
    # The restore readied the dashboard's snapshot: its first start reads no event from the store.
    monkeypatch.setattr(snapshot, "read_dataset", lambda engine: pytest.fail("full read after a restore"))
    monkeypatch.setattr(snapshot, "read_events", lambda *args, **kwargs: pytest.fail("catch-up after a restore"))
    live = snapshot.LiveDataset(open_store(other), snapshot.snapshot_path_for(other))
    pd.testing.assert_frame_equal(live.current().events, snapshot.lean(restored))


def test_unreachable_database_is_named_without_its_password(capsys, tmp_path):
    code = main(
        ["brief", "--out", str(tmp_path / "x.csv"), "--db", "postgresql+psycopg://analyst:secret@127.0.0.1:9/none"]
    )
    error = capsys.readouterr().err
    assert code == 1 and "127.0.0.1:9" in error and "secret" not in error


def test_backup_onto_a_folder_is_refused_and_leaves_nothing(tmp_path, capsys):
    folder = tmp_path / "existing"
    folder.mkdir()
    assert main(["backup", str(folder)]) == 1
    error = capsys.readouterr().err
    assert error.strip() == f"error: {folder}: is a folder; give the name of the bundle file to write"
    assert list(tmp_path.glob("*.partial")) == [] and list(folder.iterdir()) == []


def test_a_backup_that_fails_midway_leaves_nothing(tmp_path, capsys, monkeypatch):
    from timeline.database import bundle

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle.os, "fsync", disk_full)
    out = tmp_path / "backup.json"
    assert main(["backup", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"error: {out}: cannot be written (No space left on device)"
    assert not list(tmp_path.glob("backup.json*"))


def test_a_refused_restore_leaves_the_store_empty_usable_and_restorable(tmp_path, capsys):
    bundle = tmp_path / "bundle.json"
    assert main(["backup", str(bundle)]) == 0
    document = json.loads(bundle.read_text(encoding="utf-8"))
    document["tables"]["events"][-1]["category"] = "parade"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    capsys.readouterr()
    assert main(["restore", str(bad), "--db", other]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "column 'category': 'parade' is not a category" in error
    assert read_events(open_store(other)).empty
    assert main(["brief", "--out", str(tmp_path / "empty.csv"), "--db", other]) == 0  # seeded, not broken
    emptied = f"sqlite:///{tmp_path / 'third.sqlite'}"
    assert main(["restore", str(bad), "--db", emptied]) == 1
    assert main(["restore", str(bundle), "--db", emptied]) == 0


def test_a_missing_bundle_is_named_and_creates_no_store(tmp_path, capsys):
    store = tmp_path / "new.sqlite"
    assert main(["restore", str(tmp_path / "typo.json"), "--db", f"sqlite:///{store}"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "typo.json: cannot be read (No such file or directory)" in error
    assert not store.exists()


def test_a_long_output_name_is_a_one_line_error(tmp_path, capsys):
    out = tmp_path / ("b" * 300 + ".csv")
    assert main(["brief", "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot be written (File name too long)" in error and "Traceback" not in error


@pytest.mark.parametrize(
    ("url", "shown", "reason"),
    [
        ("postgresql+psycopg://analyst:S3CRET@db.example.org:abc/pt", "analyst:***@db.example.org:abc/pt", "port"),
        ("analyst:S3CRET@db.example.org/pt", "'analyst:***@db.example.org/pt' is not a database URL", "e.g."),
        ("postgresql+psycopg://analyst@127.0.0.1:1/pt?password=S3CRET", "password=***", "reach"),
    ],
)
def test_a_bad_database_url_is_one_line_without_its_password(tmp_path, capsys, url, shown, reason):
    assert main(["backup", str(tmp_path / "b.json"), "--db", url]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and shown in error and reason in error
    assert "S3CRET" not in error


def test_an_unforeseen_failure_is_one_line_and_its_details_are_logged(tmp_path, capsys, monkeypatch):
    from timeline import cli

    def broken(arguments):
        raise RuntimeError("lost postgresql://analyst:S3CRET@db.example.org/pt")

    log = tmp_path / "log" / "errors.log"
    monkeypatch.setattr(cli, "ERROR_LOG", log)
    monkeypatch.setattr(cli, "brief", broken)
    assert main(["brief", "--out", str(tmp_path / "x.csv")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and f"details in {log}" in error and "RuntimeError" in error
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details and "in broken" in details
    assert "S3CRET" not in error + details and "analyst:***@" in details


class PlantedSnapshot:
    """A pickle that creates a file when loaded: code planted where the dashboard's snapshot goes."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_snapshot_runs_nothing_on_import(tmp_path, capsys, store_url):
    marker = tmp_path / "code-ran"
    path = snapshot.snapshot_path_for(store_url)
    main(["backup", str(tmp_path / "seed.json")])  # creates and seeds the store
    path.write_bytes(pickle.dumps(PlantedSnapshot(marker)))
    assert main(["import", str(FIXTURES / "csv" / "analyst_notes.csv"), "--who", "Tester"]) in (0, 1)
    assert not marker.exists()
    assert snapshot.read_snapshot(path) is not None  # replaced by a snapshot that verifies


def test_an_actor_is_named_by_any_alias_on_the_command_line(tmp_path, capsys):
    by_alias, by_name = tmp_path / "alias.csv", tmp_path / "name.csv"
    assert main(["brief", "--actor", "习近平", "--out", str(by_alias)]) == 0
    assert main(["brief", "--actor", "Xi Jinping", "--out", str(by_name)]) == 0
    written = pd.read_csv(by_alias, comment="#", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(written) and all("Xi Jinping" in actors for actors in written["actors"])
    assert written.equals(pd.read_csv(by_name, comment="#", dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    assert "# Filters: actors: Xi Jinping" in by_alias.read_text(encoding="utf-8-sig")


def test_import_counts_and_names_actors_the_registry_lacks(capsys, store_url):
    rows = FIXTURES / "csv" / "unregistered_actors.csv"
    assert main(["import", str(rows), "--who", "Tester"]) == 0
    output = capsys.readouterr()
    assert output.out.strip().splitlines()[-1] == "2 accepted, 0 rejected, 0 for review"  # the line scripts read
    assert "note: actor 'Ada Quillfeather' is not in the registry (2 events); proposed in Review" in output.err


def test_an_html_brief_carries_the_policy_status_of_its_threads(tmp_path, store_url):
    out = tmp_path / "brief.html"
    arguments = ["brief", "--thread", "china-gallium-germanium-controls", "--as-of", "2025-12-01", "--out", str(out)]
    assert main(arguments) == 0
    page = out.read_text(encoding="utf-8")
    engine = open_store(store_url)
    threads, links = read_threads(engine)
    members = links.loc[links["thread_id"] == "china-gallium-germanium-controls", "event_id"]
    status = policy_status(threads, links, read_events(engine), members, dt.date(2025, 12, 1))
    assert "China's gallium and germanium export controls" in set(status["Thread"])
    # The figure's text as plotly's HTML writes it (JSON, non-ASCII escaped): the lines of the page's table.
    for line in status_lines(status):
        assert json.dumps(line)[1:-1] in page
    assert "Policy status" in page
