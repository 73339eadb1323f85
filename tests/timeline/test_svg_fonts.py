import base64
import io
import re

import pytest

from timeline.svg_fonts import embed_fonts, used_characters
from timeline.typesetting import font_path

pytestmark = pytest.mark.skipif(font_path("latin", False) is None, reason="needs Debian's fonts-noto-core")
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><g><text>قمة باريس (AI)</text>'
    "<text><tspan style='font-weight:bold'>人工智能</tspan></text></g></svg>"
)


def embedded_faces(svg: str) -> dict[tuple[str, str], bytes]:
    rules = re.findall(
        r"@font-face\{font-family:'([^']+)';font-weight:(\d+);src:url\(data:font/\w+;base64,([^)]+)\)", svg
    )
    return {(family, weight): base64.b64decode(data) for family, weight, data in rules}


def test_the_text_is_read_from_every_element_by_weight():
    assert used_characters(SVG) == {False: set("قمة باريس (AI)"), True: set("人工智能")}


def test_each_script_gets_its_face_cut_to_the_characters_used():
    from fontTools.ttLib import TTFont

    faces = embedded_faces(embed_fonts(SVG))
    # Only the faces the text needs: no bold Latin or Arabic, no regular Chinese.
    assert set(faces) == {("Noto Sans", "400"), ("Noto Sans Arabic", "400"), ("Noto Sans CJK SC", "700")}
    arabic = TTFont(io.BytesIO(faces[("Noto Sans Arabic", "400")])).getBestCmap()
    assert {ord(character) for character in "قمةباريس"} <= set(arabic)
    chinese = TTFont(io.BytesIO(faces[("Noto Sans CJK SC", "700")])).getBestCmap()
    assert set(chinese) == {ord(character) for character in "人工智能"}
    # Subsets: kilobytes, not the megabytes of the whole fonts.
    assert sum(len(data) for data in faces.values()) < 300_000


def test_arabic_keeps_its_joining_forms():
    from fontTools.ttLib import TTFont

    arabic = TTFont(io.BytesIO(embedded_faces(embed_fonts(SVG))[("Noto Sans Arabic", "400")]))
    features = {record.FeatureTag for record in arabic["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina"} <= features


def test_an_svg_without_text_is_left_alone():
    empty = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    assert embed_fonts(empty) == empty
