"""Generated JSON files: the reader raises nothing but its own error, and every item is accepted or reported."""

import json

from hypothesis import given
from hypothesis import strategies as st

from loaders.csv_events import CsvFormatError
from loaders.json_events import load_text

KEYS = ["title", "date", "category", "actors", "country", "start", "end", "published", "confidence", "id", "extra"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(["2025-02-17", "mid-2024", "meeting", "statement", "CN", "Xi Jinping"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
objects = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)
items = st.one_of(objects, scalars)


def accounted(loaded) -> bool:
    return loaded.rows_in == len(set(loaded.lines)) + len(loaded.rejected)


@given(st.lists(st.lists(items, max_size=8), min_size=1, max_size=3), st.booleans())
def test_every_item_of_every_list_is_accepted_or_reported(lists, indented):
    text = "\n".join(json.dumps(items, ensure_ascii=False, indent=2 if indented else None) for items in lists)
    try:
        loaded = load_text(text, "fuzz.json")
    except CsvFormatError:
        return  # e.g. no title or date key anywhere: a file-wide problem, named
    assert loaded.rows_in == sum(len(items) for items in lists)
    assert accounted(loaded)


@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_the_projects_error(text):
    try:
        loaded = load_text(text, "text.json")
    except CsvFormatError:
        return
    assert accounted(loaded)


@given(st.integers(min_value=1, max_value=200_000))
def test_deep_nesting_is_one_rejected_item_or_a_named_error(depth):
    try:
        loaded = load_text("[" * depth + "]" * depth, "deep.json")
    except CsvFormatError as error:
        assert "nested too deeply" in str(error)
        return
    assert loaded.rows_in == (1 if depth > 1 else 0) and accounted(loaded)
