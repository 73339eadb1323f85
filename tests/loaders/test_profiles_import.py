"""The sample data sets through the command line, as a user runs it: every row accepted or reported by line."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.loaders.test_profiles import DATASETS, SAMPLES
from timeline.database import open_store, read_events
from timeline.filters import Filters, apply_filters
from timeline.paths import PROJECT_ROOT

SUMMARY = re.compile(r"^(\d+) accepted, (\d+) rejected, (\d+) for review$")


def run_import(*arguments: str, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "import", *arguments, "--db", f"sqlite:///{store}", "--who", "Tester"],
        cwd=PROJECT_ROOT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=300,
    )


def summary_of(finished: subprocess.CompletedProcess) -> tuple[int, int, int]:
    match = SUMMARY.match(finished.stdout.strip().splitlines()[-1])
    assert match, finished.stdout + finished.stderr
    return int(match[1]), int(match[2]), int(match[3])


def test_every_sample_data_set_through_the_command_line(tmp_path):
    folder = tmp_path / "samples"
    folder.mkdir()
    for name in SAMPLES:
        shutil.copy(DATASETS / name, folder / name)
    finished = run_import(str(folder), store=tmp_path / "store.sqlite")
    accepted, rejected, for_review = summary_of(finished)
    assert (accepted + rejected, for_review) == (sum(rows for _, rows, _ in SAMPLES.values()), 0)
    reported = {(Path(file).name, int(line)) for file, line in re.findall(r"^(.+?):(\d+): ", finished.stderr, re.M)}
    expected = {(name, line) for name, (_, _, lines) in SAMPLES.items() for line in lines}
    assert reported == expected and rejected == len(expected)
    assert finished.returncode == 1  # something was rejected
    events = read_events(open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")).set_index("event_id")
    assert events.loc["gdelt:1228801001", "countries"] == ("CN",)
    assert events.loc["acled:NIG31001", "source_name"] == "ACLED"
    assert "federal-register:2025-00101:in-force" in events.index
    # A data set's rows are events like any other: the sidebar's filters find them.
    shown = apply_filters(events.reset_index(), Filters(countries=("CN",), categories=("statement",)))
    assert "gdelt:1228801001" in set(shown["event_id"])


def test_a_mapping_file_on_the_command_line(tmp_path):
    mapping = str(DATASETS / "team_notes_mapping.yaml")
    finished = run_import(
        str(DATASETS / "team_notes.csv"), "--mapping", mapping, "--progress", store=tmp_path / "s.sqlite"
    )
    assert summary_of(finished) == (4, 1, 0)
    # The rejected row keeps its own line on standard error; the progress line is apart from it.
    assert f"\n{DATASETS / 'team_notes.csv'}:5: '31/02/2025' is not a date written as %d/%m/%Y\n" in finished.stderr
    assert re.search(r"5 rows read from team_notes.csv \([\d,]+ rows/s\)", finished.stderr)


def test_a_named_profile_and_a_rerun_that_adds_nothing_twice(tmp_path):
    store = tmp_path / "s.sqlite"
    sample = DATASETS / "acled_export.csv"
    first = run_import(str(sample), "--profile", "acled", store=store)
    again = run_import(str(sample), "--profile", "acled", store=store)
    assert summary_of(first) == summary_of(again) == (4, 1, 0)
    assert "0 events already stored were updated; 4 were stored already as they are" in again.stderr
    assert (read_events(open_store(f"sqlite:///{store}"))["source_name"] == "ACLED").sum() == 4


def test_a_newer_export_keeps_an_analysts_edit_and_says_so(tmp_path):
    from timeline.database import read_event, update_event

    store = tmp_path / "s.sqlite"
    sample = DATASETS / "acled_export.csv"
    run_import(str(sample), "--profile", "acled", store=store)
    engine = open_store(f"sqlite:///{store}")
    event_id = read_events(engine)["event_id"].loc[lambda ids: ids.str.startswith("acled:")].iloc[0]
    update_event(engine, event_id, {"title": "Checked by an analyst"}, read_event(engine, event_id).version, "Analyst")
    newer = tmp_path / "acled_newer.csv"
    newer.write_text(sample.read_text(encoding="utf-8").replace('.",', ' (revised).",'), encoding="utf-8")
    finished = run_import(str(newer), "--profile", "acled", store=store)
    assert summary_of(finished) == (4, 1, 0)  # the summary line keeps its form: rows in = accepted + rejected
    assert "; 1 kept analyst edits (changed by an analyst since import" in finished.stderr
    assert read_event(engine, event_id).fields["title"] == "Checked by an analyst"


def test_an_interrupted_import_finishes_on_a_rerun(tmp_path):
    store = tmp_path / "s.sqlite"
    partial = tmp_path / "acled_export.csv"  # the first rows only, as if the import had stopped there
    lines = (DATASETS / "acled_export.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    partial.write_text("".join(lines[:3]), encoding="utf-8")
    assert summary_of(run_import(str(partial), store=store)) == (2, 0, 0)
    partial.write_text("".join(lines), encoding="utf-8")
    rerun = run_import(str(partial), store=store)
    assert summary_of(rerun) == (4, 1, 0)
    assert "2 were stored already" in rerun.stderr
    assert (read_events(open_store(f"sqlite:///{store}"))["source_name"] == "ACLED").sum() == 4


def test_a_file_without_a_title_column_is_one_problem_that_names_the_columns(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Event name,Day\nTalks,2025-02-17\n", encoding="utf-8")
    finished = run_import(str(path), store=tmp_path / "s.sqlite")
    assert f"{path}:1: no title column" in finished.stderr and "'Event name'" in finished.stderr
