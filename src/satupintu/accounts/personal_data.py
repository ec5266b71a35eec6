"""What each app holds about a person, for the rights of UU 27/2022 PDP.

`accounts` sits below the apps that keep a citizen's complaints, applications and messages,
so it cannot query them. Each of those apps registers a `Section` when it loads: how to copy
the person's data into the export (`/akun/data-saya/`), what stops an erasure, and how to erase
it (`/akun/hapus/`). `accounts.services` runs them all in one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Erasure:
    """What one erasure did: counts for the audit event (ids and numbers only), and the
    stored files to delete once the transaction has committed."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    export: Callable[[object], object]
    # Returns Indonesian sentences explaining why the account cannot be erased yet.
    blockers: Callable[[object], list[str]] | None = None
    # Erases inside the caller's transaction, before the user row is emptied.
    erase: Callable[[object, Erasure], None] | None = None
    order: int = 100


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
