"""The store's errors, each saying what went wrong in words an analyst can act on."""

from __future__ import annotations

from dataclasses import dataclass, field


class StoreError(RuntimeError):
    """Any failure of the persistent store."""


class DatabaseUnavailableError(StoreError):
    """The database cannot be opened or reached; the message names the URL without its password."""


class NotFoundError(StoreError, LookupError):
    """An event id the store does not hold."""


class DuplicateEventError(StoreError):
    """Adding events whose ids the store already holds."""

    def __init__(self, event_ids: list[str]):
        self.event_ids = event_ids
        shown = ", ".join(map(repr, event_ids[:5])) + (f" and {len(event_ids) - 5} more" if len(event_ids) > 5 else "")
        super().__init__(f"the store already holds event(s) {shown}")


class BundleError(StoreError):
    """A backup bundle that cannot be read or restored; the message names the file."""


@dataclass(eq=False)
class ConflictError(StoreError):
    """A save based on an old version: someone changed the event since, and nothing was overwritten.

    `difference` maps each field that matters to {"base": value at expected_version (when the audit
    log tells it), "current": the stored value, "yours": the value this save wanted (edited fields only)}.
    """

    event_id: str
    expected_version: int
    current_version: int
    current: dict
    difference: dict[str, dict] = field(default_factory=dict)
    changed_by: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        who = f" by {', '.join(self.changed_by)}" if self.changed_by else ""
        fields = ", ".join(self.difference) or "no field you edited"
        super().__init__(
            f"event {self.event_id!r} was changed{who} since version {self.expected_version} "
            f"(now version {self.current_version}); fields that differ: {fields}. Nothing was saved."
        )

    def __str__(self) -> str:
        return self.args[0]


def shortened(text: str, limit: int = 80) -> str:
    """A value quoted in an error: whole when short, else its start and its length."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
