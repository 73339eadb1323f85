"""The bundled threads file and the mistakes its loader reports."""

import pytest

from loaders import curated
from loaders import threads as thread_loader
from timeline.schema import SchemaError


def test_bundled_threads_name_curated_events_with_known_stages():
    known = set(curated.load()["event_id"])
    threads = {thread.thread_id: thread for thread in thread_loader.load(known_events=known)}
    assert {"us-advanced-computing-controls", "china-gallium-germanium-controls", "meng-wanzhou-case"} <= set(threads)
    minerals = {link.event_id: link.stage for link in threads["china-gallium-germanium-controls"].links}
    assert minerals["china-gallium-germanium-controls-announced"] == "announced"
    assert minerals["china-gallium-germanium-controls-effective"] == "in_force"
    diffusion = {link.event_id: link.stage for link in threads["us-ai-diffusion-framework"].links}
    assert diffusion["bis-ai-diffusion-rule-rescinded"] == "rescinded"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- id: a\n  name: A\n  events: [{event: x, stage: enacted}]\n",
            "field 'events[1]': unknown thread stage 'enacted'",
        ),
        (
            "- id: a\n  name: A\n  events: [{event: nope, stage: announced}]\n",
            "event 'nope' is not in the curated events",
        ),
        ("- id: a\n  events: [{event: x, stage: announced}]\n", "row entry 1 (a), field 'name': is required but empty"),
        ("- id: Bad Id\n  name: A\n  events: [{event: x, stage: announced}]\n", "must be kebab-case"),
        ("- id: a\n  name: A\n  events: [{event: x}]\n", "must give exactly an event and a stage"),
        ("- id: a\n  name: A\n  owner: me\n  events: [{event: x, stage: signed}]\n", "field 'owner'"),
    ],
)
def test_a_mistake_names_the_file_entry_and_field(tmp_path, text, message):
    path = tmp_path / "threads.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as raised:
        thread_loader.load(path, known_events={"x"})
    assert str(path) in str(raised.value) and message in str(raised.value)


def test_stage_variants_are_fixed_to_the_vocabulary(tmp_path):
    path = tmp_path / "threads.yaml"
    path.write_text("- id: a\n  name: A\n  events: [{event: x, stage: signed}, {event: y, stage: Effective}]\n")
    (thread,) = thread_loader.load(path)
    assert [link.stage for link in thread.links] == ["published", "in_force"]
