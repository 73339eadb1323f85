import pandas as pd

from tests.conftest import make_events
from timeline.figures import lane_rows, timeline_figure
from timeline.term_bands import add_term_bands, registry_terms


def presidents():
    return make_events(
        {
            "event_id": "trump-order",
            "title": "An executive order",
            "date_start": "2025-02-03",
            "date_end": "2025-02-03",
            "date_precision": "day",
            "category": "statement",
            "actors": ("Donald Trump",),
        },
        {
            "event_id": "biden-rule",
            "title": "An export rule",
            "date_start": "2024-10-01",
            "date_end": "2024-10-31",
            "date_precision": "month",
            "category": "export_control",
            "actors": ("Joe Biden",),
            "countries": ("US",),
        },
    )


def test_terms_of_office_are_shaded_behind_their_actors_lanes_within_the_events_dates():
    figure = timeline_figure(presidents(), lanes="actor")
    centres = dict(zip(figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext, strict=True))

    def lane_at(y: float) -> str:
        return centres[min(centres, key=lambda centre: abs(centre - y))]

    bands = {shape.label.text: shape for shape in figure.layout.shapes if shape.label.text}
    # From data/actors.yaml: Biden's presidency and Trump's second term overlap these events; his first does not.
    assert set(bands) == {"presidency", "second term"}
    second = bands["second term"]
    assert lane_at((second.y0 + second.y1) / 2) == "Donald Trump"
    assert pd.Timestamp(second.x0) == pd.Timestamp("2025-01-20")
    assert pd.Timestamp(second.x1) == pd.Timestamp("2025-02-03")  # clipped to the last event: no widened axis
    presidency = bands["presidency"]
    assert lane_at((presidency.y0 + presidency.y1) / 2) == "Joe Biden"
    assert pd.Timestamp(presidency.x0) == pd.Timestamp("2024-10-01") and second.layer == "below"


def test_no_bands_in_other_lane_modes_or_for_actors_without_terms():
    for lanes in ("category", "country", "source"):
        assert not [shape for shape in timeline_figure(presidents(), lanes=lanes).layout.shapes if shape.label.text]
    assert "Donald Trump" in registry_terms() and "Liang Wenfeng" not in registry_terms()
    figure = timeline_figure(presidents(), lanes="actor")
    terms = {"Donald Trump": {"<b>term</b>": ("2025-01-01", "2025-12-31")}}
    assert (
        add_term_bands(
            figure, {"Donald Trump": (0.0, 1.0)}, (pd.Timestamp("2026-01-01"), pd.Timestamp("2026-02-01")), terms
        )
        == 0
    )
    assert (
        add_term_bands(
            figure, {"Donald Trump": (0.0, 1.0)}, (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-01")), terms
        )
        == 1
    )
    assert figure.layout.shapes[-1].label.text == "&lt;b&gt;term&lt;/b&gt;"


def test_country_and_source_lanes():
    rows = lane_rows(presidents(), "country")
    assert sorted(rows["lane"]) == ["China", "United States"]
    figure = timeline_figure(presidents().assign(source_name=["White House", "BIS"]), lanes="source")
    assert sorted(figure.layout.yaxis.ticktext) == ["BIS", "White House"]
