import threading

from tests.timeline.database.conftest import event, frame_of
from timeline.database import ConflictError, add_events, open_store, read_event, read_events, update_event

ROUNDS = 15


def run_together(*jobs) -> list:
    """Run each job in its own thread, all released at once; return what each raised (None when nothing)."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def runner(index, job):
        barrier.wait()
        try:
            job()
        except Exception as error:  # collected and asserted on by the test
            outcomes[index] = error

    threads = [threading.Thread(target=runner, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_sessions_adding_and_editing_at_once_both_keep_their_changes(store_url):
    first, second = open_store(store_url, team=False), open_store(store_url, team=False)

    def session(engine, name):
        for number in range(ROUNDS):
            event_id = f"{name}-{number}"
            add_events(engine, frame_of(event(event_id, source_ids=(f"{name}-source",))), who=name)
            update_event(engine, event_id, {"title": f"{name} edited {number}"}, 1, who=name)

    assert run_together(lambda: session(first, "amina"), lambda: session(second, "bilal")) == [None, None]
    stored = read_events(first).set_index("event_id")
    assert len(stored) == 2 * ROUNDS
    for name in ("amina", "bilal"):
        for number in range(ROUNDS):
            assert stored.loc[f"{name}-{number}", "title"] == f"{name} edited {number}"
    first.dispose()
    second.dispose()


def test_two_sessions_saving_one_event_at_once_cannot_both_win(store_url):
    first, second = open_store(store_url, team=False), open_store(store_url, team=False)
    add_events(first, frame_of(event("shared")), who="Amina")

    outcomes = run_together(
        lambda: update_event(first, "shared", {"title": "Amina's title"}, 1, who="Amina"),
        lambda: update_event(second, "shared", {"title": "Bilal's title"}, 1, who="Bilal"),
    )
    winners = [index for index, outcome in enumerate(outcomes) if outcome is None]
    losers = [outcome for outcome in outcomes if outcome is not None]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], ConflictError)
    saved = read_event(second, "shared")
    assert saved.version == 2
    assert saved.fields["title"] == ("Amina's title", "Bilal's title")[winners[0]]
    assert losers[0].difference["title"]["current"] == saved.fields["title"]
    first.dispose()
    second.dispose()
