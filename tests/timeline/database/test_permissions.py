"""Who may write what: every guarded write function called as each role, on SQLite and PostgreSQL.

An allowed call succeeds and every author it records is the caller's account; a refused one raises
PermissionDenied and leaves every table as it was.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

import pytest
from sqlalchemy import select

import timeline
from tests.timeline.database.conftest import event, frame_of
from timeline.database import open_store, read_event, stored_ids, tables
from timeline.database.accounts import (
    account_identity,
    add_account,
    add_first_admin,
    disable_account,
    reset_password,
    set_role,
)
from timeline.database.actor_registry import add_actor, edit_actor, merge_actors, set_disabled, undo_merge
from timeline.database.briefings import record_briefing
from timeline.database.bundle import export_bundle, import_bundle
from timeline.database.curation import add_event, add_note, set_primary_source, set_tags, update_source
from timeline.database.importing import Origins, import_frame, run_stamp, write_events
from timeline.database.merging import merge_events, split_event
from timeline.database.permissions import REGISTRY, ROLES, Identity, PermissionDenied, allows
from timeline.database.repository import add_events, delete_event, set_status, undo_delete, update_event
from timeline.database.saved_views import mark_opened, save_view, set_watched
from timeline.database.seeding import ensure_seeded
from timeline.database.threads import create_thread, decide_suggestions, link_event, rename_thread, unlink_event
from timeline.feeds.fetcher import Fetcher, FetchSettings
from timeline.feeds.pipeline import fetch_addresses, run_fetch
from timeline.feeds.store import add_feed, remove_feed
from timeline.filters import Filters
from timeline.proposed_actors import accept_actor, merge_actor

PASSWORD = "correct horse battery"
# Columns that name who did something: an allowed call's new values here must all be the caller.
AUTHOR_COLUMNS = (
    ("audit_log", "who"),
    ("thread_log", "who"),
    ("account_log", "who"),
    ("briefings", "who"),
    ("actor_log", "who"),
    ("event_notes", "who"),
    ("source_log", "who"),
    ("saved_views", "created_by"),
    ("view_visits", "analyst"),
    ("thread_suggestions", "decided_by"),
)
# Outside timeline.database, functions that take `who` only to hand it to guarded ones (or to draw a page).
DELEGATING = {
    "timeline.intake.import_paths",
    "timeline.intake.import_upload",
    "timeline.thread_review.show_thread_suggestions",
    "timeline.users_command.acting",
    "timeline.feeds.pipeline.fetch_waiting",
    "timeline.feeds.pipeline.fetch_article",
    "timeline.ui.checked_actors",
    "timeline.thread_editing.show_thread_editor",
    "timeline.event_curation.curate_event",
}
# Functions that take `who` but write nothing: they read for a person, or check one.
NOT_WRITING = {
    "timeline.database.saved_views.last_opened",
    "timeline.database.permissions.require",
    "timeline.database.audit.analyst",
    "timeline.ui.may",
}
_numbers = count()


@dataclass(frozen=True)
class Case:
    name: str  # the registered function, module.name
    action: str  # for functions checked twice by what is stored (update_event), the stricter one
    prepare: Callable  # (admin engine, admin identity, tag) -> context, made before the call
    call: Callable  # (engine, who, context)
    audited: bool = True  # whether the function records an author


def _candidate(engine, admin, tag):
    add_events(engine, frame_of(event(f"cand-{tag}", status="unreviewed", confidence=0.5)), admin)
    return f"cand-{tag}"


def _accepted(engine, admin, tag):
    add_events(engine, frame_of(event(f"acc-{tag}")), admin)
    return f"acc-{tag}"


def _deleted(engine, admin, tag):
    event_id = _accepted(engine, admin, tag)
    delete_event(engine, event_id, admin)
    return event_id


def _merged_pair(engine, admin, tag):
    keep = _accepted(engine, admin, f"keep-{tag}")
    gone = f"gone-{tag}"
    other = {"source_ids": (f"src-{tag}",), "source_name": "Other outlet", "source_url": f"https://example.org/{tag}"}
    add_events(engine, frame_of(event(gone, **other)), admin)
    merge_events(engine, keep, [gone], admin)
    return keep, f"src-{tag}"


def _thread(engine, admin, tag, linked=None):
    create_thread(engine, f"thread-{tag}", f"Thread {tag}", "A test thread.", admin)
    if linked:
        link_event(engine, f"thread-{tag}", linked, "announced", admin)
    return f"thread-{tag}"


def _suggestion(engine, admin, tag):
    """A pending suggestion: a thread with one event, then a new event like it."""
    thread = _thread(engine, admin, tag, linked=_accepted(engine, admin, f"seed-{tag}"))
    fresh = f"like-{tag}"
    add_events(engine, frame_of(event(fresh, title=f"Event seed-{tag} again")), admin)
    suggestions = tables.thread_suggestions
    with engine.connect() as connection:
        pairs = connection.execute(
            select(suggestions.c.event_id, suggestions.c.thread_id).where(suggestions.c.thread_id == thread)
        ).all()
    assert pairs, "the fixture event should be suggested for its thread"
    return [tuple(pair) for pair in pairs]


def _actor(engine, admin, tag):
    add_actor(engine, f"Registry actor {tag}", "organisation", admin)
    return f"Registry actor {tag}"


def _actor_merge(engine, admin, tag):
    source, target = _actor(engine, admin, f"from-{tag}"), _actor(engine, admin, f"into-{tag}")
    return merge_actors(engine, source, target, admin)


def _view(engine, admin, tag):
    save_view(engine, f"view {tag}", Filters(text=tag), admin)
    return f"view {tag}"


def _account(engine, admin, tag):
    add_account(engine, f"someone-{tag}", "viewer", PASSWORD, admin)
    return f"someone-{tag}"


def _bundle(engine, admin, tag):
    path = BUNDLES[0] / f"store-{tag}.json"
    export_bundle(engine, path, who=admin)
    return path


def _fetcher() -> Fetcher:
    return Fetcher(FetchSettings(timeout=0.2, retries=0, backoff=0.0, host_interval=0.0))


def _run_fetch(engine, who, _context):
    with _fetcher() as client:
        run_fetch(engine, who, fetcher=client)


def _fetch_addresses(engine, who, tag):
    with _fetcher() as client:
        fetch_addresses(engine, [f"http://127.0.0.1:9/{tag}.html"], who, fetcher=client)


def _write_events(engine, who, tag):
    write_events(engine, frame_of(event(f"written-{tag}")), Origins("rows.csv", [2]), who, run_stamp())


BUNDLES: list = []  # the folder bundles are written to, set by the fixture

CASES = [
    Case("timeline.database.repository.add_events", "add_events", lambda *a: None,
         lambda e, w, c: add_events(e, frame_of(event(f"new-{next(_numbers)}")), w)),
    Case("timeline.database.importing.import_frame", "import_events", lambda *a: None,
         lambda e, w, c: import_frame(e, frame_of(event(f"imp-{next(_numbers)}")), w)),
    Case("timeline.database.importing.write_events", "import_events", lambda e, a, t: t,
         lambda e, w, t: _write_events(e, w, f"{t}-{next(_numbers)}")),
    Case("timeline.database.repository.update_event", "edit_candidate", _candidate,
         lambda e, w, c: update_event(e, c, {"title": "Edited candidate"}, read_event(e, c).version, w)),
    Case("timeline.database.repository.update_event", "edit_event", _accepted,
         lambda e, w, c: update_event(e, c, {"title": "Edited event"}, read_event(e, c).version, w)),
    Case("timeline.database.repository.set_status", "review", _candidate,
         lambda e, w, c: set_status(e, [c], "accepted", w)),
    Case("timeline.database.repository.delete_event", "delete", _accepted, lambda e, w, c: delete_event(e, c, w)),
    Case("timeline.database.repository.undo_delete", "delete", _deleted, lambda e, w, c: undo_delete(e, c, w)),
    Case("timeline.database.merging.merge_events", "merge",
         lambda e, a, t: (_accepted(e, a, f"m1-{t}"), _accepted(e, a, f"m2-{t}")),
         lambda e, w, c: merge_events(e, c[0], [c[1]], w)),
    Case("timeline.database.merging.split_event", "merge", _merged_pair,
         lambda e, w, c: split_event(e, c[0], [c[1]], w)),
    Case("timeline.database.threads.create_thread", "edit_threads", lambda e, a, t: t,
         lambda e, w, t: create_thread(e, f"new-thread-{t}", "New thread", "A test thread.", w)),
    Case("timeline.database.threads.rename_thread", "edit_threads", _thread,
         lambda e, w, c: rename_thread(e, c, "Renamed thread", "A renamed test thread.", w)),
    Case("timeline.database.threads.link_event", "edit_threads",
         lambda e, a, t: (_thread(e, a, t), _accepted(e, a, f"link-{t}")),
         lambda e, w, c: link_event(e, c[0], c[1], "in_force", w)),
    Case("timeline.database.threads.unlink_event", "edit_threads",
         lambda e, a, t: (_thread(e, a, t, linked=_accepted(e, a, f"unlink-{t}")), f"acc-unlink-{t}"),
         lambda e, w, c: unlink_event(e, c[0], c[1], w)),
    Case("timeline.database.threads.decide_suggestions", "edit_threads", _suggestion,
         lambda e, w, c: decide_suggestions(e, c, True, w)),
    Case("timeline.database.saved_views.save_view", "save_view", lambda e, a, t: t,
         lambda e, w, t: save_view(e, f"saved {t}", Filters(text=t), w)),
    Case("timeline.database.saved_views.set_watched", "save_view", _view,
         lambda e, w, c: set_watched(e, c, True, w), audited=False),
    Case("timeline.database.saved_views.mark_opened", "mark_view_opened", _view,
         lambda e, w, c: mark_opened(e, c, w)),
    Case("timeline.database.briefings.record_briefing", "record_briefing", _accepted,
         lambda e, w, c: record_briefing(e, w, Filters(), [c], "A briefing", "png", {})),
    Case("timeline.database.bundle.export_bundle", "backup", lambda e, a, t: t,
         lambda e, w, t: export_bundle(e, BUNDLES[0] / f"out-{t}.json", w), audited=False),
    Case("timeline.database.bundle.import_bundle", "restore", _bundle,
         lambda e, w, c: import_bundle(e, c, w, replace=True), audited=False),
    Case("timeline.feeds.store.add_feed", "edit_feeds", lambda e, a, t: t,
         lambda e, w, t: add_feed(e, f"http://127.0.0.1:9/{t}.xml", "Test", "en", (), w), audited=False),
    Case("timeline.feeds.store.remove_feed", "edit_feeds",
         lambda e, a, t: add_feed(e, f"http://127.0.0.1:9/gone-{t}.xml", "Test", "en", (), a) and t,
         lambda e, w, t: remove_feed(e, f"http://127.0.0.1:9/gone-{t}.xml", w), audited=False),
    Case("timeline.feeds.pipeline.run_fetch", "fetch_articles", lambda *a: None, _run_fetch, audited=False),
    Case("timeline.feeds.pipeline.fetch_addresses", "fetch_articles", lambda e, a, t: t, _fetch_addresses,
         audited=False),
    Case("timeline.proposed_actors.accept_actor", "add_actor", lambda e, a, t: t,
         lambda e, w, t: accept_actor(e, f"Actor {t}", "organisation", "en", w)),
    Case("timeline.database.actor_registry.add_actor", "add_actor", lambda e, a, t: t,
         lambda e, w, t: add_actor(e, f"New actor {t}", "organisation", w)),
    Case("timeline.database.actor_registry.edit_actor", "edit_registry", _actor,
         lambda e, w, c: edit_actor(e, c, w, "company", None, {"en": [c]}, {})),
    Case("timeline.database.actor_registry.set_disabled", "edit_registry", _actor,
         lambda e, w, c: set_disabled(e, c, True, w)),
    Case("timeline.database.actor_registry.merge_actors", "edit_registry",
         lambda e, a, t: (_actor(e, a, f"m1-{t}"), _actor(e, a, f"m2-{t}")),
         lambda e, w, c: merge_actors(e, c[0], c[1], w)),
    Case("timeline.database.actor_registry.undo_merge", "edit_registry", _actor_merge,
         lambda e, w, c: undo_merge(e, c, w)),
    Case("timeline.proposed_actors.merge_actor", "edit_registry", _candidate,
         lambda e, w, c: merge_actor(e, "Xi Jinping", "Liang Wenfeng", "en", [c], w)),
    Case("timeline.database.curation.add_event", "add_events", lambda *a: None,
         lambda e, w, c: add_event(e, frame_of(event(f"hand-{next(_numbers)}", status="unreviewed")), w)),
    Case("timeline.database.curation.update_source", "edit_sources", _accepted,
         lambda e, w, c: update_source(e, read_event(e, c).fields["source_ids"][0], {"title": f"Retitled for {c}"}, w)),
    Case("timeline.database.curation.set_primary_source", "edit_event", _merged_pair,
         lambda e, w, c: set_primary_source(e, c[0], c[1], read_event(e, c[0]).version, w)),
    Case("timeline.database.curation.set_tags", "annotate", _accepted, lambda e, w, c: set_tags(e, c, ["tagged"], w)),
    Case("timeline.database.curation.add_note", "annotate", _accepted,
         lambda e, w, c: add_note(e, c, "A note.", w)),
    Case("timeline.database.accounts.add_account", "manage_accounts", lambda e, a, t: t,
         lambda e, w, t: add_account(e, f"new-{t}", "analyst", PASSWORD, w)),
    Case("timeline.database.accounts.set_role", "manage_accounts", _account,
         lambda e, w, c: set_role(e, c, "reviewer", w)),
    Case("timeline.database.accounts.disable_account", "manage_accounts", _account,
         lambda e, w, c: disable_account(e, c, w)),
    Case("timeline.database.accounts.reset_password", "manage_accounts", _account,
         lambda e, w, c: reset_password(e, c, "another long password", w)),
]  # fmt: skip


def _import_everything() -> None:
    for module in pkgutil.walk_packages(timeline.__path__, "timeline."):
        if not module.name.endswith("__main__"):  # runs the command line when imported
            importlib.import_module(module.name)


def test_every_function_that_takes_who_is_guarded_and_in_the_matrix():
    _import_everything()
    takes_who = set()
    for name, module in list(__import__("sys").modules.items()):
        if not name.startswith("timeline."):
            continue
        for function_name, function in vars(module).items():
            if function_name.startswith("_") or not inspect.isfunction(function) or function.__module__ != name:
                continue
            if "who" in inspect.signature(function).parameters:
                takes_who.add(f"{name}.{function_name}")
    # Connection-level helpers write inside a caller's transaction, which the caller's guard covered.
    inner = {name for name in takes_who if "connection" in inspect.signature(_function(name)).parameters}
    assert takes_who - inner - DELEGATING - NOT_WRITING <= set(REGISTRY), (
        "a public function takes `who` without a guard"
    )
    assert set(REGISTRY) <= {case.name for case in CASES}, "a guarded function has no case in the matrix"
    for case in CASES:
        assert REGISTRY[case.name][1] == case.action or case.action == "edit_event"


def _function(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


@pytest.fixture(scope="module")
def team_store(request, tmp_path_factory):
    """One team-mode store per backend for the whole matrix, with an account per role."""
    from bench._postgres import reset_postgres
    from tests.timeline.database.conftest import PG_URL

    stores = {}

    def opened(backend):
        if backend not in stores:
            if backend == "sqlite":
                url = f"sqlite:///{tmp_path_factory.mktemp('team') / 'store.sqlite'}"
            else:
                reset_postgres(PG_URL)
                url = PG_URL
            engine = open_store(url, team=True)
            ensure_seeded(engine)
            add_first_admin(engine, "root", PASSWORD)
            root = account_identity(engine, "root", "password")
            for role in ROLES:
                add_account(engine, f"{role}-account", role, PASSWORD, root)
            BUNDLES[:] = [tmp_path_factory.mktemp("bundles")]
            stores[backend] = (engine, root)
        return stores[backend]

    yield opened
    for engine, _ in stores.values():
        engine.dispose()


def _fingerprint(engine) -> str:
    """Every row of every table, hashed: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in tables.metadata.sorted_tables:
            rows = sorted(map(repr, connection.execute(select(table)).all()))
            digest.update(f"{table.name}:{len(rows)}:{''.join(rows)}".encode())
    return digest.hexdigest()


def _authors(engine) -> list[tuple[str, object]]:
    found = []
    with engine.connect() as connection:
        for table_name, column in AUTHOR_COLUMNS:
            table = tables.metadata.tables[table_name]
            found += [(table_name, value) for (value,) in connection.execute(select(table.c[column]))]
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.name.rsplit('.', 1)[1]}-{case.action}")
def test_each_role_may_do_what_its_role_allows_and_nothing_else(team_store, backend, role, case):
    if backend == "postgresql":
        from tests.timeline.database.conftest import PG_URL

        if not PG_URL:
            pytest.skip("set POLICY_TIMELINE_TEST_PG_URL (scripts/start-postgres.sh)")
    engine, root = team_store(backend)
    tag = f"{role}-{next(_numbers)}"
    context = case.prepare(engine, root, tag)
    who = account_identity(engine, f"{role}-account", "password")
    before, authors_before = _fingerprint(engine), _authors(engine)
    if allows(role, case.action):
        case.call(engine, who, context)
        new_authors = _authors(engine)[len(authors_before) :] if case.audited else []
        added = [value for _, value in _authors(engine) if (_, value) not in authors_before]
        if case.audited:
            assert added or new_authors, f"{case.name} recorded no author"
            assert set(added) <= {f"{role}-account"}, f"{case.name} recorded {set(added)}"
    else:
        with pytest.raises(PermissionDenied, match=f"{role}-account \\({role}\\) may not"):
            case.call(engine, who, context)
        assert _fingerprint(engine) == before, f"a refused {case.name} changed the store"


def test_a_team_store_refuses_a_bare_name_and_an_unknown_or_disabled_account(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'team.sqlite'}", team=True)
    ensure_seeded(engine)
    add_first_admin(engine, "root", PASSWORD)
    root = account_identity(engine, "root", "password")
    before = _fingerprint(engine)
    with pytest.raises(PermissionDenied, match="sign in"):
        add_events(engine, frame_of(event("bare")), "root")  # a name is not a sign-in, even an admin's
    with pytest.raises(PermissionDenied, match="sign in"):
        add_events(engine, frame_of(event("bare")), Identity("root", "admin", "local"))
    with pytest.raises(PermissionDenied, match="no account 'ghost'"):
        add_events(engine, frame_of(event("ghost")), Identity("ghost", "admin", "password"))
    assert _fingerprint(engine) == before
    add_account(engine, "ana", "reviewer", PASSWORD, root)
    ana = account_identity(engine, "ana", "password")
    disable_account(engine, "ana", root)
    with pytest.raises(PermissionDenied, match="disabled"):
        add_events(engine, frame_of(event("late")), ana)  # a session that outlived its account writes nothing
    disable_account(engine, "ana", root, disabled=False)
    set_role(engine, "ana", "viewer", root)
    with pytest.raises(PermissionDenied, match=r"ana \(viewer\)"):
        add_events(engine, frame_of(event("late")), ana)  # the role is read at the write, not at sign-in


def test_the_local_store_takes_a_plain_name_as_the_local_analyst_with_every_right(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'local.sqlite'}")
    ensure_seeded(engine)
    add_events(engine, frame_of(event("local-one")), "Rana")
    delete_event(engine, "local-one", "Rana")
    with engine.connect() as connection:
        who = connection.execute(select(tables.audit_log.c.who).where(tables.audit_log.c.event_id == "local-one"))
        assert set(who.scalars()) == {"Rana"}


def test_the_store_mode_follows_the_settings(tmp_path, monkeypatch):
    from timeline.database.permissions import configured_team

    monkeypatch.delenv("POLICY_TIMELINE_TEAM", raising=False)
    assert not configured_team("sqlite")
    assert configured_team("postgresql")  # a server database is always shared
    monkeypatch.setenv("POLICY_TIMELINE_TEAM", "1")
    assert configured_team("sqlite")
    monkeypatch.setenv("POLICY_TIMELINE_TEAM", "0")
    assert configured_team("postgresql")


def test_an_analyst_may_not_enter_an_accepted_event_by_hand(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'hand.sqlite'}", team=True)
    add_first_admin(engine, "boss", PASSWORD)
    add_account(engine, "ana", "analyst", PASSWORD, account_identity(engine, "boss", "password"))
    analyst = account_identity(engine, "ana", "password")
    with pytest.raises(PermissionDenied):
        add_event(engine, frame_of(event("hand-accepted")), analyst)
    assert "hand-accepted" not in stored_ids(engine)
    add_event(engine, frame_of(event("hand-proposed", status="unreviewed")), analyst)
    assert read_event(engine, "hand-proposed").fields["status"] == "unreviewed"


def test_an_analyst_may_not_accept_a_candidate_by_editing_its_status(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'team.sqlite'}", team=True)
    ensure_seeded(engine)
    add_first_admin(engine, "root", PASSWORD)
    root = account_identity(engine, "root", "password")
    add_account(engine, "ana", "analyst", PASSWORD, root)
    ana = account_identity(engine, "ana", "password")
    candidate = _candidate(engine, root, "status")
    version = read_event(engine, candidate).version
    with pytest.raises(PermissionDenied, match="edit a reviewed event"):
        update_event(engine, candidate, {"status": "accepted"}, version, ana)
    assert read_event(engine, candidate).fields["status"] == "unreviewed"
