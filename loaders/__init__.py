"""Loaders turn sources into the event frame. Each module reads one kind of source.

- `curated`: the reviewed events in data/ (events.yaml, sources.yaml, actors.yaml).
- `csv_events`: an analyst's CSV file; returns the events and the rows it could not read.
- `articles`: a news article's text; returns candidate events for review.
"""
