"""Case kinds and their transition tables.

A kind (complaints, applications, proposals) registers a `CaseKind` when its app loads. The
engine never knows a kind's statuses: it only checks every action against the kind's table.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Who acts on a case, decided per request by `cases.access.actor_role`.
REPORTER = "reporter"  # the submitter, or whoever holds the secret link
COORDINATOR = "coordinator"  # city-wide koordinator (admin koordinator)
UNIT = "unit"  # staff of the unit the case is routed to (or above it)
SYSTEM = "system"  # periodic tasks and intake channels

# Actions the engine itself gives meaning to (kinds may add more).
PAUSE_EFFECT = "pause"
RESUME_EFFECT = "resume"

# Who did it, in the history staff read ("Diverifikasi oleh koordinator"); a kind may name
# its reporter differently (the applicant is "pemohon").
ROLE_LABELS = {
    REPORTER: _("pelapor"),
    COORDINATOR: _("koordinator"),
    UNIT: _("petugas unit"),
    SYSTEM: _("sistem"),
}


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the status stays
    roles: frozenset[str]
    public: bool = True  # shown on the public tracking page
    effect: str = ""  # "pause" / "resume" the SLA clock
    label: str = ""  # the button: what to do ("Verifikasi dan teruskan")
    # Extra condition on the case: returns a reason (shown to the user) when not allowed.
    guard: Callable | None = None
    done_label: str = ""  # the history: what was done ("Diverifikasi")


def transition(action, sources, target, roles, label, public=True, effect="", guard=None, done=""):
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
        done_label=done,
    )


# The unit's staff and the city's koordinator: who works on a case in every kind.
STAFF = frozenset({UNIT, COORDINATOR})


def assign_transition(sources, roles=STAFF) -> Transition:
    """Giving the case to one officer of its unit: the status stays, the reporter is not told."""
    return transition(
        "assign", sources, None, roles, _("Tugaskan"), public=False, done=_("Ditugaskan")
    )


def note_transition(statuses, roles=STAFF) -> Transition:
    """An internal note, in any of `statuses` (usually all): never shown to the reporter."""
    return transition(
        "note",
        statuses,
        None,
        roles,
        _("Catatan internal"),
        public=False,
        done=_("Catatan internal ditulis"),
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
    # Labels of `Case.subtype` (e.g. pengaduan, aspirasi), for the neutral public title.
    subtype_labels: dict[str, str] = field(default_factory=dict)
    # Titles written by the platform itself (an application's service name), not by people:
    # public as they are. Otherwise the public sees the coordinator's summary (cases/public.py).
    system_titles: bool = False
    # For such titles, the text in the reader's language (the title is stored in Indonesian):
    # called with the case, e.g. the application's service name from the translated catalogue.
    translated_title: Callable | None = None
    on_event: list[Callable] = field(default_factory=list)
    # What a person calls one case of this kind in a message ("Laporan", "Permohonan").
    noun: str = ""
    # The tracking page's step list and deadlines: an object with the methods of
    # `cases.progress.ProgressSpec` (steps, position, entered, deadlines). None: no step list.
    progress: object = None
    # History words for events that are no transition (the submission: "submit").
    event_labels: dict[str, str] = field(default_factory=dict)
    # Role words that differ from ROLE_LABELS (e.g. {REPORTER: "pemohon"}).
    role_labels: dict[str, str] = field(default_factory=dict)

    def status_label(self, status: str) -> str:
        return str(self.status_labels.get(status, status))

    def noun_label(self) -> str:
        return str(self.noun or self.label)

    def history_label(self, action: str, role: str = "") -> str:
        """What happened and who did it, in words: "Diverifikasi oleh koordinator". Never the
        action code, unless an event was recorded by an action this kind no longer knows."""
        transition = self.transitions.get(action)
        what = self.event_labels.get(action) or (
            (transition.done_label or transition.label) if transition else action
        )
        who = self.role_labels.get(role) or ROLE_LABELS.get(role)
        if not who:
            return str(what)
        return gettext("%(what)s oleh %(who)s") % {"what": what, "who": who}

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
