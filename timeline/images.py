"""Figures to files: PNG (2x), SVG with its fonts, one-page PDF and standalone HTML, each carrying the view's provenance.

Static images go through plotly's own path (kaleido) with Debian's Chromium; one browser is started
per process and reused, since starting one costs seconds.
"""

from __future__ import annotations

import io
import threading
import warnings
from xml.sax.saxutils import escape as xml_escape

import plotly.graph_objects as go
import plotly.io

from timeline.svg_fonts import embed_fonts

FORMATS = ("png", "svg", "pdf", "html")
PNG_SCALE = 2
_server_lock = threading.Lock()
_server_started = False


class ExportError(RuntimeError):
    """An image could not be made, with what to do about it."""


def _ensure_server() -> None:
    global _server_started
    with _server_lock:
        if _server_started:
            return
        import kaleido

        try:
            kaleido.start_sync_server(silence_warnings=True)
        except Exception as error:  # kaleido raises plain exceptions when Chromium is missing
            raise ExportError(
                f"cannot start Chromium for image export ({error}); install Debian's chromium package"
            ) from None
        _server_started = True


def render(figure: go.Figure, fmt: str, provenance: list[str], width: int, height: int) -> bytes:
    """The figure as `fmt` bytes, with `provenance` lines stored in the file's own metadata."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "html":
        return _html(figure, provenance, width, height)
    _ensure_server()
    try:
        with warnings.catch_warnings():
            # plotly warns that per-call browser options are unused once the shared server runs.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            image = figure.to_image(format=fmt, width=width, height=height, scale=PNG_SCALE if fmt == "png" else 1)
    except Exception as error:
        raise ExportError(f"plotly could not render {fmt.upper()}: {error}") from None
    return {"png": _png_with_text, "svg": _svg_with_metadata, "pdf": _pdf_with_metadata}[fmt](image, provenance)


def _png_with_text(image: bytes, provenance: list[str]) -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", provenance[0])
    info.add_itxt("Description", "\n".join(provenance))
    output = io.BytesIO()
    Image.open(io.BytesIO(image)).save(output, format="PNG", pnginfo=info)
    return output.getvalue()


def _svg_with_metadata(image: bytes, provenance: list[str]) -> bytes:
    text = embed_fonts(image.decode("utf-8"))
    opening_end = text.index(">", text.index("<svg")) + 1
    metadata = f"<title>{xml_escape(provenance[0])}</title><desc>{xml_escape(chr(10).join(provenance))}</desc>"
    return (text[:opening_end] + metadata + text[opening_end:]).encode("utf-8")


def _pdf_with_metadata(image: bytes, provenance: list[str]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(image)))
    writer.add_metadata({"/Title": provenance[0], "/Subject": "\n".join(provenance), "/Creator": "Policy Timeline"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _html(figure: go.Figure, provenance: list[str], width: int, height: int) -> bytes:
    # plotly.js is embedded so the file works offline.
    body = plotly.io.to_html(
        figure, include_plotlyjs=True, full_html=False, default_width=f"{width}px", default_height=f"{height}px"
    )
    escaped = [xml_escape(line) for line in provenance]
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escaped[0]}</title><meta name='description' content=\"{' | '.join(escaped)}\">"
        "</head><body style='font-family:sans-serif'>"
        f"{body}<p style='color:#555;font-size:12px'>{'<br>'.join(escaped)}</p></body></html>"
    )
    return page.encode("utf-8")
