"""The "application" case kind: registered with the engine (filled in by the applications work)."""
