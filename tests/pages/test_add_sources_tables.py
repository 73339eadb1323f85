"""Events tables on the Add sources page: data set samples, mapping files, the size limit, one read per upload."""

import pytest

from tests.loaders.test_profiles import DATASETS, SAMPLES
from tests.pages.conftest import open_page, shown_text
from timeline import intake
from timeline.database import open_store, read_events


def upload(app, name: str, payload: bytes | None = None):
    app.text_input(key="analyst").input("Test Analyst")
    data = payload if payload is not None else (DATASETS / name).read_bytes()
    app.file_uploader(key="csv_file").upload(name, data, "text/csv").run()
    assert not app.exception, app.exception


def counts_line(app) -> str:
    return next(element.value for element in app.markdown if " rows: " in element.value)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_data_set_is_detected_and_every_row_accounted_for(app, fresh_store, name):
    profile, rows, rejected_lines = SAMPLES[name]
    open_page(app, "pages/add_sources.py")
    upload(app, name)
    assert (
        counts_line(app) == f"{rows} rows: {rows - len(rejected_lines)} read, {len(rejected_lines)} could not be read."
    )
    app.button(key="csv_add").click().run()
    assert "events added" in app.success[0].value
    stored = read_events(open_store(fresh_store))
    prefix = {"federal-register": "federal-register:"}.get(profile, f"{profile}:")
    kept_rows = {event_id.removesuffix(":in-force") for event_id in stored["event_id"] if event_id.startswith(prefix)}
    assert len(kept_rows) == rows - len(rejected_lines)


def test_a_mapping_file_is_uploaded_and_applied(app):
    open_page(app, "pages/add_sources.py")
    upload(app, "team_notes.csv")
    app.selectbox(key="table_profile").set_value("(my columns)").run()
    mapping = (DATASETS / "team_notes_mapping.yaml").read_bytes()
    app.file_uploader(key="table_mapping").upload("team_notes_mapping.yaml", mapping, "application/yaml").run()
    chosen = [
        app.selectbox(key=f"map_team_notes.csv_team_notes_mapping.yaml_{position}").value for position in range(4)
    ]
    assert chosen == ["event_id", "title", "date", "category"]
    assert counts_line(app) == "5 rows: 4 read, 1 could not be read."
    assert app.get("download_button"), "the mapping can be saved for next time"


def test_a_file_above_the_upload_limit_is_sent_to_the_command_line(app, monkeypatch):
    monkeypatch.setattr(intake, "MAX_UPLOAD_BYTES", 100)
    open_page(app, "pages/add_sources.py")
    upload(app, "acled_export.csv")
    assert "python -m timeline import acled_export.csv" in shown_text(app.error[0].value)


def test_an_upload_is_read_once_however_often_the_page_reruns(app, monkeypatch):
    reads = []
    real = intake.load_all
    monkeypatch.setattr(intake, "load_all", lambda *args, **kwargs: reads.append(1) or real(*args, **kwargs))
    intake._UPLOADS.clear()
    open_page(app, "pages/add_sources.py")
    upload(app, "ucdp_ged.csv")
    app.text_input(key="analyst").input("Another Analyst").run()
    app.text_input(key="analyst").input("Test Analyst").run()
    assert len(reads) == 1
