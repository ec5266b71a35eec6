"""Where else a message arriving at the intake doors may go than the city's complaints.

Other domains add themselves when their app loads (the DPRD: "Aspirasi untuk DPRD"); the
intake doors (operator page, e-mail, WhatsApp) offer every registered destination and name
none. A destination has sub-choices (the whole council, a komisi, the members of the
citizen's dapil) and files the case itself.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Destination:
    key: str
    label: object  # "Aspirasi untuk DPRD"
    # [(value, label)] the citizen chooses from, e.g. [("dprd", "Seluruh DPRD"), …]
    options: Callable[[], list[tuple[str, str]]]
    # Does this option need the citizen's kelurahan (e.g. the members of their dapil)?
    needs_kelurahan: Callable[[str], bool]
    # file(option=, channel=, title=, description=, identity=, reporter_name=,
    #      reporter_email=, reporter_phone=, kelurahan=, rt=, street=, files=,
    #      idempotency_key=, recorded_by=, attributes=) -> (case, secret | None).
    # Raises ValueError with a message for a citizen when the option cannot be filed.
    file: Callable
    # E-mails whose subject starts with one of these words go here ("DPRD: …").
    subject_words: tuple[str, ...] = ()


_destinations: dict[str, Destination] = {}


def register(destination: Destination) -> Destination:
    _destinations[destination.key] = destination
    return destination


def all_destinations() -> list[Destination]:
    return list(_destinations.values())


def get(key: str) -> Destination | None:
    return _destinations.get(key)


def for_subject(subject: str) -> tuple[Destination, str] | None:
    """The destination an e-mail subject names in its first word, and the subject without it
    ("DPRD: jalan rusak" → (DPRD, "jalan rusak"))."""
    head, _sep, rest = subject.strip().partition(":")
    if not _sep:
        head, _sep, rest = subject.strip().partition(" ")
    word = head.strip(" []").lower()
    for destination in _destinations.values():
        if word and word in destination.subject_words:
            return destination, rest.strip()
    return None
