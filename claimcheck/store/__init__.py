"""The registry on disk: the only package that imports tinydb."""

from claimcheck.store.registry import SCHEMA_VERSION, ClaimSummary, Registry, new_id, summarize

__all__ = ["SCHEMA_VERSION", "ClaimSummary", "Registry", "new_id", "summarize"]
