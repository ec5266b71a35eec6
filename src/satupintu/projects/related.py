"""What other domains publish about a project (news about it, …), shown on the public project
page and in the public projects API (`related`) under their own heading. A domain registers a
reader in its `AppConfig.ready`; the project page never names the domain, and projects import
nothing of it (imports flow one way)."""

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
    # projects → {project pk: its entries}, in one query for a page of projects (the API's
    # list); without it, `read` is asked once per project.
    read_many: Callable[[list], dict[int, list[Entry]]] | None = None


_readers: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    _readers[reader.key] = reader


def _ordered() -> list[Reader]:
    return sorted(_readers.values(), key=lambda r: (r.order, r.key))


def sections(project) -> list[Section]:
    """The non-empty sections of a public project page."""
    found = []
    for reader in _ordered():
        entries = reader.read(project)
        if entries:
            found.append(Section(reader.key, str(reader.heading), entries))
    return found


def sections_of_many(projects) -> dict[int, list[Section]]:
    """Project pk → its non-empty sections, for a page of projects: one read per reader."""
    projects = list(projects)
    found: dict[int, list[Section]] = {project.pk: [] for project in projects}
    for reader in _ordered():
        if reader.read_many is not None:
            entries_of = reader.read_many(projects)
        else:
            entries_of = {project.pk: reader.read(project) for project in projects}
        for project in projects:
            entries = entries_of.get(project.pk)
            if entries:
                found[project.pk].append(Section(reader.key, str(reader.heading), entries))
    return found
