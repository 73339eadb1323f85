"""Generated CSV files: the reader raises nothing but its own error, and every row is accepted or reported."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from loaders.csv_events import CsvFormatError, load_bytes

KNOWN_HEADERS = ["title", "date", "category", "actors", "country", "start", "end", "source", "published", "id", "Notes"]
DATES = [
    "2025-02-17",
    "20250217",
    "202502",
    "17 February 2025",
    "early 2025",
    "circa 2019",
    "-44",
    "0",
    "45705",
    "Q3 2025",
    "",
    "x",
]
CATEGORIES = ["meeting", "statement", "Protest", "nonsense", ""]
cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
cells = st.one_of(cell_text, st.sampled_from(DATES), st.sampled_from(CATEGORIES))


def accounted(loaded) -> bool:
    return loaded.rows_in == len(set(loaded.lines)) + len(loaded.rejected)


@given(
    headers=st.lists(st.sampled_from(KNOWN_HEADERS), min_size=1, max_size=6, unique=True),
    rows=st.lists(st.lists(cells, min_size=0, max_size=7), max_size=12),
)
def test_well_formed_csv_rows_are_each_accepted_or_reported(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    try:
        loaded = load_bytes(buffer.getvalue().encode("utf-8"), "fuzz.csv")
    except CsvFormatError:
        return  # a file-wide problem, named; nothing was read
    data_rows = [row for row in rows if any(cell.strip() for cell in row)]
    assert loaded.rows_in == len(data_rows)
    assert accounted(loaded)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_the_projects_error(payload):
    try:
        loaded = load_bytes(b"title,date,category\n" + payload, "bytes.csv")
    except CsvFormatError:
        return
    assert accounted(loaded)


@given(st.text(alphabet="ab,\"\r\n \t;'=-", max_size=200))
def test_quotes_and_line_ends_in_any_order_lose_no_line(body):
    try:
        loaded = load_bytes(("title,date,category\n" + body).encode("utf-8"), "quotes.csv")
    except CsvFormatError:
        return
    assert accounted(loaded)
    # Every physical line after the header is a read row, a reported one (inside an unclosed quote
    # even a blank one), or blank: never more rows than lines.
    lines = ("title,date,category\n" + body).replace("\r\n", "\n").replace("\r", "\n").split("\n")[1:]
    assert loaded.rows_in <= len(lines)
