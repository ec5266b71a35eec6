"""Datasets generated from the platform's own figures: each domain adds its own.

A domain writes a `datasets.py` module that calls `register(Generator(...))`;
`OpendataConfig.ready` imports every installed app's `datasets` module, so the catalogue never
names a domain. A generator reads only aggregates (through its app's selectors or the
dashboards' rollup) and answers a `Table`: rows of labels and counts, never a person. Columns
of kind `count` are suppressed below `OPEN_DATA_MIN_COUNT` when the catalogue writes them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise

TEXT, COUNT, NUMBER, LATITUDE, LONGITUDE = "text", "count", "number", "lat", "lon"


@dataclass(frozen=True)
class Column:
    key: str
    title: str | Promise
    kind: str = TEXT


@dataclass
class Table:
    rows: list[list]
    period_start: date | None = None
    period_end: date | None = None


@dataclass(frozen=True)
class Generator:
    key: str  # also the dataset's slug
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    table: Callable[[], Table]
    frequency: str = "bulanan"
    tags: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # Group slugs; created when missing
    producer: str = ""  # the producing OPD's code; empty = the walidata's unit
    extra: dict = field(default_factory=dict)


_generators: dict[str, Generator] = {}


def register(generator: Generator) -> Generator:
    _generators[generator.key] = generator
    return generator


def generators() -> list[Generator]:
    return sorted(_generators.values(), key=lambda g: g.key)


def get(key: str) -> Generator | None:
    return _generators.get(key)
