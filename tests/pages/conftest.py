"""AppTest helpers: run the dashboard in-process and read what a page shows."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_store(monkeypatch, tmp_path) -> str:
    """Each test gets its own SQLite store, seeded from data/ on the first run."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("POLICY_TIMELINE_DB", url)
    return url


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=30)


def open_page(app: AppTest, page: str) -> AppTest:
    """Run the entry point once, then switch to `page` (e.g. 'pages/events.py')."""
    app.run()
    assert not app.exception, app.exception
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def shown_text(markdown: str) -> str:
    """What a reader sees of Markdown whose data was escaped (timeline.text.plain_markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def plotly_figures(app: AppTest) -> list[go.Figure]:
    """The figures a page sent; plotly.io decodes the binary arrays plotly uses for numbers."""
    return [plotly.io.from_json(element.proto.spec) for element in app.get("plotly_chart")]


def numbers(values) -> np.ndarray:
    """A figure's numeric array, whether plain or in plotly's base64 typed-array form."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values)


def shown_event_ids(app: AppTest) -> list[str]:
    """Event ids drawn on the timeline, through each trace's custom data."""
    figure = plotly_figures(app)[0]
    return sorted(
        {row[0] for trace in figure.data for row in (trace.customdata if trace.customdata is not None else [])}
    )


@pytest.fixture
def downloads(monkeypatch):
    """Bytes behind each download button: AppTest keeps them in a media store it does not expose.

    A button whose data is a callable gets its file made here, as a click in the browser would.
    """
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    managers: list[MediaFileManager] = []

    class RecordingManager(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", RecordingManager)

    def read(app: AppTest, index: int = 0) -> bytes:
        proto = app.get("download_button")[index].proto
        manager = managers[-1]
        url = manager.execute_deferred(proto.deferred_file_id) if proto.deferred_file_id else proto.url
        file_id = url.rsplit("/", 1)[-1].split(".")[0]
        return manager._storage.get_file(file_id).content

    return read


def as_local_analyst(monkeypatch) -> None:
    """Pages tested for one local analyst on both backends: a server database would otherwise put every
    page behind sign-in, which tests/pages/test_sign_in.py and the browser tests cover."""
    monkeypatch.setattr("timeline.database.permissions.configured_team", lambda backend: False)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, monkeypatch, tmp_path, fresh_store) -> str:
    """The dashboard's store on SQLite, then on PostgreSQL (skipped without a test server's URL)."""
    import streamlit as st

    from bench._postgres import reset_postgres
    from tests.conftest import PG_URL_VARIABLE
    from timeline import snapshot

    if request.param == "sqlite":
        yield fresh_store
        return
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        pytest.skip(f"set {PG_URL_VARIABLE} (scripts/start-postgres.sh)")
    reset_postgres(url)
    monkeypatch.setenv("POLICY_TIMELINE_DB", url)
    as_local_analyst(monkeypatch)
    monkeypatch.setattr(snapshot, "SNAPSHOT_DIR", tmp_path / "snapshots")
    # The engine and the shared dataset are cached per address: a server's address repeats across tests.
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()
