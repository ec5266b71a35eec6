"""What "Urusan saya" (/akun/urusan/) lists: every domain adds its own source.

A domain that keeps something of a citizen (reports, applications, bookings…) writes a
`mine.py` module calling `register(Source(...))`; `OnedoorConfig.ready` imports every
installed app's `mine` module, so the page lists a domain once the app exists and never
names one (as `portal/entries.py` does for the home page and `guides/registry.py` for the
guides). A source returns `Item`s: what it is, where it stands, what the citizen is expected
to do next and by when. A source may also give `details` per kind of case (the documents of
an application), keyed by the case kind, through `register_case_details`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str


@dataclass(frozen=True)
class Item:
    kind: str | Promise  # "Pengaduan", "Permohonan", "Antrean"
    title: str
    code: str  # the tracking or booking code; messages about it carry it as reference
    status: str | Promise
    url: str
    activity_at: datetime
    is_open: bool = True
    # What the citizen is expected to do now ("Kirim informasi tambahan"), if anything.
    next_action: str | Promise = ""
    next_action_url: str = ""
    deadline: date | None = None
    deadline_label: str | Promise = ""
    links: tuple[Link, ...] = ()
    # Why the item is here when the citizen did not file it while logged in.
    note: str | Promise = ""


@dataclass(frozen=True)
class Source:
    key: str
    items: Callable[[object], Iterable[Item]]
    order: int = 100


_sources: dict[str, Source] = {}
_case_details: dict[str, Callable[[list], dict[int, tuple[Link, ...]]]] = {}


def register(source: Source) -> None:
    _sources[source.key] = source


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def register_case_details(kind: str, details: Callable[[list], dict[int, tuple[Link, ...]]]):
    """`details(cases)` returns extra links per case id for cases of `kind` (one query for
    all of them, not one per case)."""
    _case_details[kind] = details


def case_details(kind: str):
    return _case_details.get(kind)


@dataclass
class Overview:
    items: list[Item] = field(default_factory=list)

    @property
    def open_items(self) -> list[Item]:
        return [i for i in self.items if i.is_open]

    @property
    def closed_items(self) -> list[Item]:
        return [i for i in self.items if not i.is_open]

    @property
    def waiting_for_me(self) -> list[Item]:
        return [i for i in self.items if i.is_open and i.next_action]


def overview(user) -> Overview:
    items: list[Item] = []
    for source in sources():
        items.extend(source.items(user))
    items.sort(key=lambda i: i.activity_at, reverse=True)
    return Overview(items=items)


def codes_of(user) -> list[str]:
    return [item.code for item in overview(user).items if item.code]
