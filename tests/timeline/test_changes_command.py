"""`python -m timeline changes` after `brief` recorded a briefing, on a SQLite store of its own."""

import io

import pandas as pd
import pytest

from tests.conftest import needs_chromium
from timeline.cli import main
from timeline.database import delete_event, open_store, read_event, update_event
from timeline.database.briefings import list_briefings, read_briefing


@pytest.fixture(autouse=True)
def store_url(monkeypatch, tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("POLICY_TIMELINE_DB", url)
    return url


def rows_of(path) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(path.read_bytes().decode("utf-8-sig")), comment="#", dtype=str, keep_default_na=False
    )


def test_brief_records_a_briefing_and_changes_reports_what_moved_since(tmp_path, store_url, capsys):
    assert main(["brief", "--thread", "meng-wanzhou-case", "--who", "Ana", "--out", str(tmp_path / "b.csv")]) == 0
    store = open_store(store_url)
    (briefing_id,) = list_briefings(store)["id"]
    briefing = read_briefing(store, briefing_id)
    assert briefing.who == "Ana" and briefing.filters.threads == ("meng-wanzhou-case",)
    assert set(briefing.events) == {"meng-wanzhou-detained", "meng-wanzhou-arrest-made-public", "meng-wanzhou-released"}
    assert briefing.thread_stages == {"meng-wanzhou-case": "rescinded"}

    stored = read_event(store, "meng-wanzhou-detained")
    update_event(
        store, "meng-wanzhou-detained", {"date_text": "1 December 2018", "title": "Meng detained"}, stored.version, "Bo"
    )
    delete_event(store, "meng-wanzhou-arrest-made-public", "Bo")
    capsys.readouterr()
    out = tmp_path / "changes.csv"
    assert main(["changes", "--since-briefing", str(briefing_id), "--out", str(out)]) == 0
    label = f"briefing #{briefing_id} of {briefing.at:%Y-%m-%d %H:%M} UTC by Ana"
    assert capsys.readouterr().out.strip() == f"{out}: 3 changes since {label}"
    written = rows_of(out)
    # Fields in the order the edit named them.
    assert written[["change", "event_id", "field", "old", "new"]].values.tolist() == [
        [
            "changed",
            "meng-wanzhou-detained",
            "date_text",
            "خلال إدارة الرئيس الأميركي السابق دونالد ترمب",
            "1 December 2018",
        ],
        ["changed", "meng-wanzhou-detained", "title", "Huawei CFO Meng Wanzhou detained in Canada", "Meng detained"],
        ["deleted", "meng-wanzhou-arrest-made-public", "", "", ""],
    ]
    text = out.read_bytes().decode("utf-8-sig")
    assert "# filters: threads: meng-wanzhou-case" in text


def test_since_a_day_takes_the_filters_of_brief(tmp_path, capsys):
    out = tmp_path / "changes.csv"
    assert main(["changes", "--since", "2000-01-01", "--category", "detention", "--out", str(out)]) == 0
    written = rows_of(out)
    new = set(written.loc[written["change"] == "new", "event_id"])
    assert "meng-wanzhou-released" in new and "bis-ai-diffusion-rule" not in new


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--since-briefing", "99", "--out", "x.csv"], "error: no briefing 99"),
        (["--since", "2025-01-01", "--out", "x.txt"], "x.txt: unknown extension; use one of .csv, .png, .pdf"),
        (
            ["--since", "2025-01-01", "--thread", "meng-case", "--out", "x.csv"],
            "unknown thread 'meng-case'; did you mean 'meng-wanzhou-case'?",
        ),
    ],
)
def test_mistakes_are_one_line_errors(arguments, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["changes", *arguments]) == 1
    assert message in capsys.readouterr().err


def test_one_baseline_is_required():
    with pytest.raises(SystemExit):
        main(["changes", "--out", "x.csv"])
    with pytest.raises(SystemExit):
        main(["changes", "--since", "2025-01-01", "--since-briefing", "1", "--out", "x.csv"])


@needs_chromium
def test_changes_as_a_one_page_pdf(tmp_path):
    out = tmp_path / "changes.pdf"
    assert main(["changes", "--since", "2000-01-01", "--category", "detention", "--out", str(out)]) == 0
    from pypdf import PdfReader

    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert "Policy Timeline changes since 2000-01-01" in reader.metadata.subject
