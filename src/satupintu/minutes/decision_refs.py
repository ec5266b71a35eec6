"""What a decision in the minutes may answer: codes of cases kept by higher apps.

Minutes sit below the apps whose cases a meeting decides on (the DPRD's aspirations and
E-Pokir proposals), so those apps add themselves here (`register`) and the minutes only ask
"does this code exist, may this person link it, where is its public page"; they name none.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    code: str
    label: str  # what kind of thing the code is, e.g. "Usulan pokir" (never personal data)
    url: str  # the public page of the code (tracking page, proposal page)


@dataclass(frozen=True)
class Resolver:
    key: str
    # The Reference for a normalised code, or None: not this app's code, or no such case.
    resolve: Callable[[str], Reference | None]
    # Who may link such codes to a decision (e.g. only the council's secretariat).
    may_link: Callable[[object], bool]
    refusal: object = ""  # a (lazy) message shown when may_link says no


_resolvers: dict[str, Resolver] = {}


def register(resolver: Resolver) -> None:
    _resolvers[resolver.key] = resolver


def normalize(code: str) -> str:
    return (code or "").strip().upper().replace(" ", "")[:32]


def find(code: str) -> tuple[Resolver, Reference] | None:
    code = normalize(code)
    if not code:
        return None
    for key in sorted(_resolvers):
        resolver = _resolvers[key]
        reference = resolver.resolve(code)
        if reference is not None:
            return resolver, reference
    return None


def resolve(code: str) -> Reference | None:
    found = find(code)
    return found[1] if found else None
