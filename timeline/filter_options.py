"""Command-line options for the curation filters, shared by `brief` and `changes`."""

from __future__ import annotations

import argparse


def add_curation_filters(command: argparse.ArgumentParser) -> None:
    """The options for tags, outlet, source language, exact precision and confidence, shared by `brief` and `changes`."""
    command.add_argument("--tag", action="append", default=[], help="keep events with this tag (repeatable)")
    command.add_argument(
        "--outlet", action="append", default=[], help="keep events whose primary source is this outlet (repeatable)"
    )
    command.add_argument(
        "--source-lang", action="append", default=[], help="keep events whose primary source is in this language"
    )
    command.add_argument(
        "--precision", action="append", default=[], help="keep events dated with exactly this precision (repeatable)"
    )
    command.add_argument("--min-confidence", type=_confidence, help="keep events at least this confident, 0 to 1")


def _confidence(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return number
