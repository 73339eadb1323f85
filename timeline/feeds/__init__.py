"""News feeds and article addresses: fetched politely, reduced to their article, queued for review once each.

`python -m timeline feeds ...` (timeline.feeds.command) and the Feeds and Add sources pages call
timeline.feeds.pipeline; feeds and fetch history live in the store's feeds, articles,
article_sightings and fetch_log tables.
"""
