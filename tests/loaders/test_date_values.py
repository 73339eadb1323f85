import datetime as dt

import pytest

from loaders.date_values import DateValueError, parse_date_value, parse_span

PUBLISHED = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("cell", "start", "end", "precision"),
    [
        ("2025-02-17", "2025-02-17", "2025-02-17", "day"),
        ("2025-02", "2025-02-01", "2025-02-28", "month"),
        ("2024", "2024-01-01", "2024-12-31", "year"),
        ("Q3 2025", "2025-07-01", "2025-09-30", "quarter"),
        ("2025-Q1", "2025-01-01", "2025-03-31", "quarter"),
        ("summer 2025", "2025-06-01", "2025-08-31", "season"),
        ("17 February 2025", "2025-02-17", "2025-02-17", "day"),
        # dateparser reports a month-only phrase with period "month"; it stays a month.
        ("February 2025", "2025-02-01", "2025-02-28", "month"),
        ("فبراير 2025", "2025-02-01", "2025-02-28", "month"),
        ("17 شباط 2025", "2025-02-17", "2025-02-17", "day"),  # Levantine month name
        ("كانون الثاني 2025", "2025-01-01", "2025-01-31", "month"),
        ("2025年2月17日", "2025-02-17", "2025-02-17", "day"),
        ("2025年2月", "2025-02-01", "2025-02-28", "month"),
        ("11 février 2025", "2025-02-11", "2025-02-11", "day"),
    ],
)
def test_absolute_cells(cell, start, end, precision):
    found = parse_date_value(cell)
    assert (str(found[0].date()), str(found[1].date()), found[2]) == (start, end, precision)


@pytest.mark.parametrize(
    ("cell", "start", "end", "precision"),
    [
        ("last year", "2024-01-01", "2024-12-31", "year"),
        ("17 فبراير", "2025-02-17", "2025-02-17", "day"),  # no year: resolved against publication
        ("yesterday", "2025-02-28", "2025-02-28", "day"),
    ],
)
def test_relative_cells_resolve_against_publication_not_today(cell, start, end, precision):
    found = parse_date_value(cell, relative_base=PUBLISHED)
    assert (str(found[0].date()), str(found[1].date()), found[2]) == (start, end, precision)
    with pytest.raises(DateValueError, match="relative"):
        parse_date_value(cell)


@pytest.mark.parametrize("cell", ["", "sometime", "2025-02-30"])
def test_unreadable_cells_raise(cell):
    with pytest.raises(DateValueError):
        parse_date_value(cell)


def test_spans():
    assert parse_span("2025-02-10", "2025-02-11")[2] == "range"
    assert parse_span("2025-02-10", "2025-02-10")[2] == "day"
    start, end, precision = parse_span("January 2025", "March 2025")
    assert (str(start.date()), str(end.date()), precision) == ("2025-01-01", "2025-03-31", "undated")
    with pytest.raises(DateValueError, match="before"):
        parse_span("2025-02-11", "2025-02-10")


@pytest.mark.parametrize(
    ("cell", "start", "end", "precision"),
    [
        ("20250217", "2025-02-17", "2025-02-17", "day"),  # GDELT's SQLDATE
        ("202502", "2025-02-01", "2025-02-28", "month"),
        ("1739750400", "2025-02-17", "2025-02-17", "day"),  # epoch seconds
        ("45705", "2025-02-17", "2025-02-17", "day"),  # an Excel serial day
        ("17 February 2025", "2025-02-17", "2025-02-17", "day"),
        ("circa 2019", "2018-01-01", "2020-12-31", "undated"),
        ("c. 2019", "2018-01-01", "2020-12-31", "undated"),
        ("early 2025", "2025-01-01", "2025-04-30", "undated"),
        ("mid-2024", "2024-05-01", "2024-08-31", "undated"),
        ("late 2023", "2023-09-01", "2023-12-31", "undated"),
        ("around March 2023", "2023-02-01", "2023-04-30", "undated"),
    ],
)
def test_data_set_forms_and_rough_words(cell, start, end, precision):
    got = parse_date_value(cell)
    assert (str(got[0].date()), str(got[1].date()), got[2]) == (start, end, precision)


@pytest.mark.parametrize("cell", ["-44", "0", "0000-06-01", "20251301", "202513", "2025-0", "2025-13"])
def test_impossible_data_set_dates_are_refused(cell):
    with pytest.raises(DateValueError):
        parse_date_value(cell)


def test_a_column_reads_each_distinct_cell_once_and_reports_the_rest():
    import pandas as pd

    from loaders.date_values import parse_date_column

    parsed = parse_date_column(pd.Series(["2025-02-17", "sometime soon", "2025-02-17", ""]))
    assert [str(day)[:10] for day in parsed.start[:1]] == ["2025-02-17"]
    assert list(parsed.precision) == ["day", None, "day", None]
    assert parsed.problem[0] is None and "sometime soon" in parsed.problem[1] and parsed.problem[3] == "is empty"


def test_a_declared_form_settles_day_and_month():
    import pandas as pd

    from loaders.date_values import parse_date_column

    parsed = parse_date_column(pd.Series(["03/04/2025", "early 2025", "31/02/2025"]), date_format="%d/%m/%Y")
    assert str(parsed.start[0])[:10] == "2025-04-03" and parsed.precision[1] == "undated"
    assert "not a date written as %d/%m/%Y" in parsed.problem[2]
