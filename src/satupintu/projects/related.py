"""What other domains publish about a project (news about it, …), shown on the public project
page under their own heading. A domain registers a reader in its `AppConfig.ready`; the project
page never names the domain, and projects import nothing of it (imports flow one way)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    when: datetime | None = None
    summary: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    entries: list[Entry]


@dataclass(frozen=True)
class Reader:
    key: str
    heading: str
    # project → its public entries, newest first (public only: the page is public).
    read: Callable[[object], list[Entry]]
    order: int = 50


_readers: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    _readers[reader.key] = reader


def sections(project) -> list[Section]:
    """The non-empty sections of a public project page."""
    found = []
    for reader in sorted(_readers.values(), key=lambda r: (r.order, r.key)):
        entries = reader.read(project)
        if entries:
            found.append(Section(reader.key, str(reader.heading), entries))
    return found
