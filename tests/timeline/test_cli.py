"""`python -m timeline brief` on the bundled data."""

import io
import subprocess
import sys

import pandas as pd
import pytest
from PIL import Image

from loaders import curated
from tests.conftest import needs_chromium
from timeline.cli import main
from timeline.export import flat_frame
from timeline.filters import Filters, apply_filters
from timeline.paths import PROJECT_ROOT


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
    expected = flat_frame(apply_filters(curated.load(), filters))
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)


@needs_chromium
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
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf# Policy Timeline briefing: Tariff")
