"""News pictures (lead images, galleries) go through the shared pipeline, `core.images`,
and are stored under news/."""

from satupintu.core import images as pipeline
from satupintu.core.images import FORMATS, WIDTHS, Prepared, delete_stored, prepare

__all__ = ["FORMATS", "WIDTHS", "Prepared", "delete_stored", "prepare", "store"]


def store(prepared: Prepared) -> dict[str, dict[str, str]]:
    return pipeline.store(prepared, "news")
