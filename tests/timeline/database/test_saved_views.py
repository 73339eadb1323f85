"""Saved views in the store, on each backend: one name each, their filters back, visits per analyst."""

import datetime as dt

import pytest

from tests.conftest import make_events
from tests.timeline.database.conftest import event
from timeline.database import NotFoundError, StoreError, add_events
from timeline.database.saved_views import (
    created_since,
    last_opened,
    mark_opened,
    save_view,
    saved_views,
    set_watched,
    view_filters,
)
from timeline.filters import Filters

VIEW = Filters(actors=("Xi Jinping",), categories=("meeting",), threads=("meng-wanzhou-case",))


def test_a_saved_view_comes_back_with_its_filters(engine):
    save_view(engine, "  Xi   meetings ", VIEW, "Ana", watched=True)
    views = saved_views(engine)
    assert views[["name", "watched", "created_by"]].values.tolist() == [["Xi meetings", True, "Ana"]]
    assert views["description"].iloc[0] == "actors: Xi Jinping; categories: meeting; threads: meng-wanzhou-case"
    assert view_filters(engine, "Xi meetings") == VIEW
    set_watched(engine, "Xi meetings", False)
    assert not saved_views(engine)["watched"].iloc[0]


def test_names_are_unique_and_required(engine):
    save_view(engine, "Mine", VIEW, "Ana")
    with pytest.raises(StoreError, match="a view named 'Mine' already exists"):
        save_view(engine, "Mine", Filters(), "Bo")
    with pytest.raises(ValueError, match="name"):
        save_view(engine, "  ", VIEW, "Ana")
    with pytest.raises(NotFoundError, match="no saved view named 'Other'"):
        view_filters(engine, "Other")


def test_visits_are_per_analyst_and_new_events_are_counted_from_them(engine):
    save_view(engine, "Mine", VIEW, "Ana", watched=True)
    mark_opened(engine, "Mine", "Ana")
    mark_opened(engine, "Mine", "Ana")  # the latest visit counts
    opened = last_opened(engine, "Ana")["Mine"]
    assert last_opened(engine, "Bo") == {}
    add_events(engine, make_events(event("later")), "Importer")
    assert created_since(engine, opened) == {"later"}
    assert created_since(engine, opened + dt.timedelta(hours=1)) == set()
