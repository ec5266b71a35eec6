"""Circles: people outside the org tree whom letters reach through dispositions.

The e-office disposes down the org tree (`hierarchy.py`). Some recipients are not staff of
any unit: the DPRD's members hold no `Membership` (they must never get SETWAN's unit inbox),
yet SETWAN's agenda officer registers letters to the council that the Pimpinan DPRD disposes
to a komisi, a fraksi or an alat kelengkapan and on to single members. An app above `letters`
(`dprd`) describes such a circle here; `letters` never imports it.

A disposition reaches a circle's *group* through `Disposition.to_group` (a key such as
"dprd:12" that only the circle interprets) and one of its people through `to_user`, as for
staff. Selectors, the inbox rows, the counters and the response-time figures read the circle
through the functions below, so a member's inbox works exactly as a kepala's does.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Circle:
    key: str
    # Accounts that read letters through the circle (no unit inbox of their own).
    is_reader: Callable[[object], bool]
    # Group keys the person belongs to.
    groups_of: Callable[[object], list[str]]
    # Active user ids of a group's people.
    users_in: Callable[[str], list[int]]
    # A group's name for pages and figures; None: not a group of this circle.
    label: Callable[[str], str | None]
    # Letters the person sees beyond their dispositions (the Pimpinan DPRD: every council
    # letter), as a Q over Letter; and those that wait in their inbox for a first disposition.
    letters_q: Callable[[object], Q]
    # Users who may have one of these letters in their inbox before any disposition.
    readers_of: Callable[[object], list[int]]
    # May `user` dispose `letter`; may they dispose it to `group` / to `target_user`?
    may_dispose: Callable[[object, object], bool]
    may_reach: Callable[..., bool]
    # Every account of the circle that may have an inbox (for a full rebuild).
    all_readers: Callable[[], list[int]]
    # The circle's own page of a letter (a member opening an e-office link lands there).
    detail_url: Callable[[object], str | None] = lambda letter: None


_circles: dict[str, Circle] = {}


def register(circle: Circle) -> None:
    _circles[circle.key] = circle


def circles() -> list[Circle]:
    return list(_circles.values())


def is_reader(user) -> bool:
    return any(c.is_reader(user) for c in _circles.values())


def groups_of(user) -> list[str]:
    return sorted({g for c in _circles.values() for g in c.groups_of(user)})


def users_in(group: str) -> list[int]:
    return sorted({u for c in _circles.values() for u in c.users_in(group)})


def label(group: str) -> str:
    for circle in _circles.values():
        found = circle.label(group)
        if found:
            return found
    return group


def letters_q(user) -> Q:
    condition = Q(pk__in=[])
    for circle in _circles.values():
        condition |= circle.letters_q(user)
    return condition


def readers_of(letter) -> set[int]:
    return {u for c in _circles.values() for u in c.readers_of(letter)}


def may_dispose(user, letter) -> bool:
    return any(c.may_dispose(user, letter) for c in _circles.values())


def may_reach(user, letter, *, group: str | None = None, target_user=None) -> bool:
    return any(
        c.may_reach(user, letter, group=group, target_user=target_user) for c in _circles.values()
    )


def all_readers() -> set[int]:
    return {u for c in _circles.values() for u in c.all_readers()}


def detail_url(letter) -> str | None:
    for circle in _circles.values():
        found = circle.detail_url(letter)
        if found:
            return found
    return None
