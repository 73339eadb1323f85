"""Loaders turn sources into the event frame. Each module reads one kind of source.

- `curated`: the reviewed events in data/ (events.yaml, sources.yaml, actors.yaml).
- `csv_events`: an analyst's CSV file; returns the events and the rows it could not read.
- `json_events`: the same for JSON lists of objects.
- `datasets`: the engine under both, for tables of any size: data set profiles (data/profiles/)
  and analysts' mapping files, streamed chunk by chunk.
- `articles`: a news article's text; returns candidate events for review.
"""
