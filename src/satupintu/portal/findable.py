"""What one search (/cari/) finds beyond services, OPDs and regions: each domain adds its own.

A domain writes a `findable.py` module that calls `register_source(...)` (a kind of public
thing to search, e.g. public complaint summaries, later news, projects, minutes) and/or
`register_code(...)` (a kind of tracking code that has a page of its own). `PortalConfig.ready`
imports every installed app's `findable` module, so the search page never names a domain.

- A `Source` returns a `Group`: its label, how many things match and the first few hits, best
  first. Sources only show what is public.
- A code resolver returns the page of a code if such a code exists, else None: any tracking
  code typed into the search box goes straight to its page, whatever its kind.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

HITS_PER_GROUP = 10


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    key: str
    search: Callable[[str], Group]
    order: int = 100


_sources: dict[str, Source] = {}
_code_resolvers: dict[str, Callable[[str], str | None]] = {}


def register_source(source: Source) -> None:
    _sources[source.key] = source


def register_code(key: str, resolver: Callable[[str], str | None]) -> None:
    _code_resolvers[key] = resolver


def groups(query: str) -> list[Group]:
    found = []
    for source in sorted(_sources.values(), key=lambda s: (s.order, s.key)):
        group = source.search(query)
        if group.count:
            found.append(group)
    return found


def page_of_code(query: str) -> str | None:
    """The page of the tracking code typed, if it is one that exists."""
    text = (query or "").strip()
    if not text or " " in text or len(text) > 30:
        return None
    for key in sorted(_code_resolvers):
        url = _code_resolvers[key](text)
        if url:
            return url
    return None
