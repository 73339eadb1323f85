"""Fonts carried inside an SVG: the Noto faces its text names, cut down to the characters it uses.

An SVG that only names its fonts shows Arabic and Chinese as boxes, or in another face with other widths,
wherever Noto is not installed; embedding the subset (a few kilobytes per face) makes the file show the
same everywhere. Arabic keeps its joining and ligature tables, so the letters still connect.
"""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ElementTree

from timeline.typesetting import FACES, FAMILIES, font_path, script_of


def used_characters(svg: str) -> dict[bool, set[str]]:
    """The characters of the SVG's text, by weight: bold (True) or regular (False)."""
    used: dict[bool, set[str]] = {False: set(), True: set()}

    def visit(element: ElementTree.Element, bold: bool) -> None:
        style = (element.get("style") or "").replace(" ", "")
        bold = bold or "font-weight:bold" in style or "font-weight:700" in style
        used[bold].update(character for character in element.text or "" if character.isprintable())
        for child in element:
            visit(child, bold)
            used[bold].update(character for character in child.tail or "" if character.isprintable())

    visit(ElementTree.fromstring(svg), False)
    return used


def subset_font(path, index: int, characters: set[str]) -> tuple[bytes, str] | None:
    """The face cut down to `characters` it has, and its format; None when it has none of them."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    covered = {character for character in characters if ord(character) in font.getBestCmap()}
    if not covered:
        return None
    # fontTools' default layout features include Arabic's joining forms and ligatures; asking for every
    # feature instead makes the closure over a CJK font's tens of thousands of glyphs take many seconds.
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in covered])
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue(), "opentype" if "CFF " in font else "truetype"


def font_faces(characters: dict[bool, set[str]]) -> list[str]:
    """@font-face rules for each installed face that draws some of the characters of its weight."""
    rules = []
    for (script, bold), _ in FACES.items():
        located = font_path(script, bold)
        wanted = {character for character in characters[bold] if script_of(character) in (script, "latin")}
        # A face is only worth its bytes (and, for CJK, seconds of subsetting) for its own script's text.
        if located is None or not any(script_of(character) == script for character in wanted):
            continue
        subset = subset_font(*located, wanted)
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
