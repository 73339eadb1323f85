"""Fonts carried inside an SVG: the Noto faces its text names, cut down to the characters it uses.

An SVG that only names its fonts shows Arabic and Chinese as boxes, or in another face with other widths,
wherever Noto is not installed; embedding the subset (a few kilobytes per face) makes the file show the
same everywhere. Arabic keeps its joining and ligature tables, so the letters still connect.
"""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ElementTree

from timeline.typesetting import FACES, FAMILIES, font_path


def used_characters(svg: str) -> set[str]:
    """Every character of the SVG's text content."""
    return {
        character for text in ElementTree.fromstring(svg).itertext() for character in text if character.isprintable()
    }


def subset_font(path, index: int, characters: set[str]) -> tuple[bytes, str] | None:
    """The face cut down to `characters` it has, and its format; None when it has none of them."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=False)
    covered = {character for character in characters if ord(character) in font.getBestCmap()}
    if not covered:
        return None
    options = subset.Options()
    options.layout_features = ["*"]  # Arabic joining forms and ligatures
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in covered])
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue(), "opentype" if "CFF " in font else "truetype"


def font_faces(characters: set[str]) -> list[str]:
    """@font-face rules for each installed face that draws some of the characters."""
    rules = []
    for (script, bold), _ in FACES.items():
        located = font_path(script, bold)
        if located is None:
            continue
        subset = subset_font(*located, characters)
        if subset is None:
            continue
        data, kind = subset
        mime = "font/otf" if kind == "opentype" else "font/ttf"
        rules.append(
            f"@font-face{{font-family:'{FAMILIES[script]}';font-weight:{700 if bold else 400};"
            f"src:url(data:{mime};base64,{base64.b64encode(data).decode('ascii')}) format('{kind}')}}"
        )
    return rules


def embed_fonts(svg: str) -> str:
    """The SVG with its fonts inside, as a <style> of @font-face rules at the top."""
    rules = font_faces(used_characters(svg))
    if not rules:
        return svg
    opening_end = svg.index(">", svg.index("<svg")) + 1
    return svg[:opening_end] + f"<style>{''.join(rules)}</style>" + svg[opening_end:]
