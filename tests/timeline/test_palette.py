import itertools

import pytest

from tests.timeline.colour_difference import DEFICIENCIES, ciede2000, lab, linear_rgb, simulate
from timeline.palette import category_styles
from timeline.vocabulary import categories

# The old palette's closest pair was 4.2 apart (2.1 for a deuteranope): tariff next to legislation
# looked alike. Two colours about 20 apart are told apart at a glance.
MIN_DIFFERENCE = 20
MIN_DIFFERENCE_WITH_DEFICIENCY = 10


def closest_pair(colours: set[str], perceive) -> tuple[float, str, str]:
    seen = {colour: lab(perceive(colour)) for colour in colours}
    return min((ciede2000(seen[a], seen[b]), a, b) for a, b in itertools.combinations(sorted(seen), 2))


def test_every_category_has_one_style():
    assert list(category_styles()) == list(categories().values)


def test_colour_and_symbol_together_tell_every_category_apart():
    drawn = [(style.colour, style.symbol) for style in category_styles().values()]
    assert len(set(drawn)) == len(drawn)


def test_a_family_shares_a_colour_and_differs_by_symbol():
    by_family = {}
    for style in category_styles().values():
        by_family.setdefault(style.family, []).append(style)
    for family, styles in by_family.items():
        assert len({style.colour for style in styles}) == 1, family
        assert len({style.symbol for style in styles}) == len(styles), family


@pytest.mark.parametrize(
    ("first", "second"), [("tariff", "legislation"), ("export_control", "investment"), ("meeting", "visit")]
)
def test_categories_often_seen_together_differ_in_colour(first, second):
    styles = category_styles()
    assert styles[first].colour != styles[second].colour


def test_colours_are_far_apart():
    colours = {style.colour for style in category_styles().values()}
    difference, a, b = closest_pair(colours, linear_rgb)
    assert difference >= MIN_DIFFERENCE, (a, b)


@pytest.mark.parametrize("deficiency", sorted(DEFICIENCIES))
def test_colours_stay_apart_with_a_colour_vision_deficiency(deficiency):
    colours = {style.colour for style in category_styles().values()}
    difference, a, b = closest_pair(colours, lambda colour: simulate(colour, deficiency))
    assert difference >= MIN_DIFFERENCE_WITH_DEFICIENCY, (a, b)


def test_the_colour_difference_matches_published_values():
    # Pairs 1 and 17 of Sharma, Wu and Dalal's CIEDE2000 test data.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
