"""Case kinds and their transition tables.

A kind (complaints, applications, proposals) registers a `CaseKind` when its app loads. The
engine never knows a kind's statuses: it only checks every action against the kind's table.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# Who acts on a case, decided per request by `cases.access.actor_role`.
REPORTER = "reporter"  # the submitter, or whoever holds the secret link
COORDINATOR = "coordinator"  # city-wide koordinator (admin koordinator)
UNIT = "unit"  # staff of the unit the case is routed to (or above it)
SYSTEM = "system"  # periodic tasks and intake channels

# Actions the engine itself gives meaning to (kinds may add more).
PAUSE_EFFECT = "pause"
RESUME_EFFECT = "resume"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the status stays
    roles: frozenset[str]
    public: bool = True  # shown on the public tracking page
    effect: str = ""  # "pause" / "resume" the SLA clock
    label: str = ""
    # Extra condition on the case: returns a reason (shown to the user) when not allowed.
    guard: Callable | None = None


def transition(action, sources, target, roles, label, public=True, effect="", guard=None):
    """A Transition from plain iterables, as the kinds' tables are written."""
    return Transition(
        action=action,
        sources=frozenset(sources),
        target=target,
        roles=frozenset(roles),
        public=public,
        effect=effect,
        label=label,
        guard=guard,
    )


@dataclass
class CaseKind:
    key: str
    prefix: str
    label: str
    initial_status: str
    status_labels: dict[str, str]
    transitions: dict[str, Transition]
    closed_statuses: frozenset[str]
    paused_statuses: frozenset[str] = frozenset()
    # Public meaning for Open311 and statistics: which statuses count as resolved.
    resolved_statuses: frozenset[str] = frozenset()
    # Statuses only coordinators see (waiting to be verified and routed).
    triage_statuses: frozenset[str] = frozenset()
    on_event: list[Callable] = field(default_factory=list)

    def status_label(self, status: str) -> str:
        return str(self.status_labels.get(status, status))

    def allowed(self, action: str, status: str, role: str) -> Transition | None:
        transition = self.transitions.get(action)
        if transition is None or status not in transition.sources:
            return None
        if role not in transition.roles:
            return None
        return transition

    def actions_for(self, status: str, role: str) -> list[Transition]:
        return [t for t in self.transitions.values() if status in t.sources and role in t.roles]

    @property
    def open_statuses(self) -> frozenset[str]:
        return frozenset(self.status_labels) - self.closed_statuses


_kinds: dict[str, CaseKind] = {}


def register_kind(kind: CaseKind) -> CaseKind:
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> CaseKind:
    try:
        return _kinds[key]
    except KeyError as exc:
        raise LookupError(f"case kind {key!r} is not registered") from exc


def kinds() -> list[CaseKind]:
    return list(_kinds.values())


def kind_for_code(code: str) -> CaseKind | None:
    prefix = code.split("-", 1)[0]
    return next((k for k in _kinds.values() if k.prefix == prefix), None)
