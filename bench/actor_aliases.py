"""Alias-aware filters against name-only ones, in one run: the actor filter and the text search at 1M events.

Run from the repository root:

    .venv/bin/python -m bench.actor_aliases [--sizes 100000 1000000]

"Name" rows filter as before aliases were known (the canonical name, a plain word search); "alias"
rows take what an analyst types (another script's alias, a variant spelling) through
`with_actor_names`, which asks the registry once per query, then filter the same way. Prints medians
and the ratio of each alias-aware path to its name-only baseline.
"""

from __future__ import annotations

import argparse
import statistics
import time
from functools import partial

from bench._synthetic import actor_names
from bench.scale import BUSY_ACTOR_RANK, SEARCH_WORD, build
from timeline.actors import Actor, ActorRegistry, with_governments
from timeline.filters import Filters, apply_filters, with_actor_names

RUNS = 7


def synthetic_registry() -> ActorRegistry:
    """Every synthetic actor with an alias in Chinese and one in Arabic, plus every country's government."""
    return with_governments(
        ActorRegistry(
            tuple(
                Actor(name, "organisation", None, {"zh": (f"机构{number:03d}",), "ar": (f"الهيئة {number:03d}",)})
                for number, name in enumerate(actor_names())
            )
        )
    )


def filtering(shared, index, registry: ActorRegistry, filters: Filters, resolve: bool):
    """One query as the page runs it: resolved through the registry (when `resolve`), then filtered."""

    def once():
        index.recent.clear()  # measure the filter, not the memory of its last result
        chosen = with_actor_names(filters, registry.resolve) if resolve else filters
        return apply_filters(shared, chosen, index=index)

    return once


def median_seconds(action) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    sizes = parser.parse_args(argv).sizes
    registry = synthetic_registry()
    name = actor_names()[BUSY_ACTOR_RANK]
    chinese, arabic_variant = f"机构{BUSY_ACTOR_RANK:03d}", f"الهيئه {BUSY_ACTOR_RANK:03d}"  # ه for ة: a variant
    print("| events | query | name only (s) | alias-aware (s) | ratio | rows |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        _, shared, index, _ = build(size)

        run = partial(filtering, shared, index, registry)
        cases = (
            ("actor by name → by Chinese alias", Filters(actors=(name,)), Filters(actors=(chinese,))),
            ("actor by name → by Arabic variant", Filters(actors=(name,)), Filters(actors=(arabic_variant,))),
            (f'search "{SEARCH_WORD}" → same, alias-aware', Filters(text=SEARCH_WORD), Filters(text=SEARCH_WORD)),
            ("search a Chinese alias, text only → alias-aware", Filters(text=chinese), Filters(text=chinese)),
        )
        for label, before, after in cases:
            rows = len(run(after, True)())
            base, aware = median_seconds(run(before, False)), median_seconds(run(after, True))
            print(f"| {size:,} | {label} | {base:.4f} | {aware:.4f} | {aware / base:.2f}× | {rows:,} |", flush=True)
        del run, shared, index


if __name__ == "__main__":
    main()
