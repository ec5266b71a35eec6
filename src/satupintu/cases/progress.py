"""Where a case stands, in words a citizen reads: the step list and what each deadline means.

A kind describes its path in `CaseKind.progress`, an object with the methods of
`ProgressSpec`: its steps in order, the step a case is at now, the step an event of the public
history entered, and its deadlines with what each means. `progress_of()` turns that into what
the tracking page shows: every step done, current or still to come, with the date it was
reached, and every deadline as a date and its distance in working days ("3 hari kerja lagi",
"terlambat 2 hari kerja"). Complaints follow their status (`StatusProgress`); applications
follow their service's own workflow steps (`applications/progress.py`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satupintu.cases import dates
from satupintu.cases.models import Case, CaseEvent
from satupintu.cases.workflow import get_kind
from satupintu.core import workdays

DONE, CURRENT, TODO = "done", "current", "todo"
# "Jumat, 12 Des 2026": the weekday helps people who count days on a calendar.
DATE_FORMAT = "l, j M Y"


@dataclass(frozen=True)
class StepDef:
    key: str
    label: str


@dataclass(frozen=True)
class Deadline:
    label: str  # "Batas jawaban"
    due: date
    meaning: str  # what must happen by then, and by whom, in plain words


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # DONE, CURRENT or TODO
    reached_at: datetime | None = None

    @property
    def state_label(self) -> str:
        # Only this step's word is translated (not all three for every step).
        if self.state == DONE:
            return _("selesai")
        return _("sedang berlangsung") if self.state == CURRENT else _("belum")

    @property
    def reached_text(self) -> str:
        """The day it was reached ("7 Des 2026"), or empty when it has none."""
        return dates.day_text(self.reached_at) if self.reached_at else ""

    @property
    def reached_iso(self) -> str:
        return dates.iso_text(self.reached_at) if self.reached_at else ""


@dataclass(frozen=True)
class DeadlineView:
    label: str
    due: date
    meaning: str
    words: str  # "3 hari kerja lagi", "hari ini", "terlambat 2 hari kerja"
    late: bool

    @property
    def date_text(self) -> str:
        return date_format(self.due, DATE_FORMAT)


@dataclass(frozen=True)
class Progress:
    steps: list[Step]
    holder: str  # who holds the case now
    deadlines: list[DeadlineView] = field(default_factory=list)
    # The status label when the case left the path (merged, archived, rejected, withdrawn).
    ending: str = ""
    ended_at: datetime | None = None
    # Why no deadline runs now (waiting for the citizen), when that is the case.
    paused_note: str = ""

    @property
    def ended_text(self) -> str:
        return dates.day_text(self.ended_at) if self.ended_at else ""

    @property
    def ended_iso(self) -> str:
        return dates.iso_text(self.ended_at) if self.ended_at else ""


class ProgressSpec:
    """What a kind tells the tracking page about its path. Subclasses give `steps`,
    `position` and `entered`; `deadlines`, `paused_note` and `holder` have defaults.

    `milestones`: steps are things that happen (received, verified…): the position is the
    last one reached. Otherwise steps are stages a case sits in (an application's workflow
    steps): the position is the stage it is in now."""

    milestones = False

    def steps(self, case: Case) -> list[StepDef]:
        raise NotImplementedError

    def position(self, case: Case) -> str | None:
        """The key of the step the case is at (see `milestones`); None when it left the path
        (merged, archived, rejected, withdrawn: shown as its status, `Progress.ending`)."""
        raise NotImplementedError

    def entered(self, event: CaseEvent) -> str | None:
        """The key of the step this public event moved the case into, if any."""
        raise NotImplementedError

    def current_since(self, case: Case) -> datetime | None:
        """When the case entered its current step, if no public event says so."""
        return None

    def deadlines(self, case: Case) -> list[Deadline]:
        return []

    def paused_note(self, case: Case) -> str:
        return ""

    def holder(self, case: Case) -> str:
        kind = get_kind(case.kind)
        if case.status in kind.triage_statuses or case.org_unit_id is None:
            return _("Koordinator kota (sedang diverifikasi)")
        return case.org_unit.name


class StatusProgress(ProgressSpec):
    """Milestones that follow the case status: each is the set of statuses that mean it was
    the last one reached."""

    milestones = True

    def __init__(self, steps: list[tuple[str, str, frozenset[str]]]):
        self._steps = steps
        self._step_of = {status: key for key, _label, statuses in steps for status in statuses}

    def steps(self, case):
        return [StepDef(key, str(label)) for key, label, _statuses in self._steps]

    def position(self, case):
        return self._step_of.get(case.status)

    def entered(self, event):
        if event.action == "submit":
            return self._steps[0][0]
        if event.to_status and event.to_status != event.from_status:
            return self._step_of.get(event.to_status)
        return None


def deadline_words(due: date, today: date | None = None) -> tuple[str, bool]:
    """(words, late): how far `due` is from today in working days."""
    today = today or timezone.localdate()
    if due == today:
        return _("hari ini"), False
    if due > today:
        left = workdays.working_days_between(today, due)
        if left == 0:  # only weekends or holidays in between
            return _("hari kerja berikutnya"), False
        return ngettext("%(n)d hari kerja lagi", "%(n)d hari kerja lagi", left) % {"n": left}, False
    late = workdays.working_days_between(due, today)
    if late == 0:
        return _("batas sudah lewat"), True
    return ngettext("terlambat %(n)d hari kerja", "terlambat %(n)d hari kerja", late) % {
        "n": late
    }, True


def deadline_view(deadline: Deadline, today: date | None = None) -> DeadlineView:
    words, late = deadline_words(deadline.due, today)
    return DeadlineView(deadline.label, deadline.due, deadline.meaning, words, late)


def _on_path(spec, case, definitions, at: int, when) -> list[Step]:
    """States of the steps of a case at step `at`.

    Milestones (complaints): `at` is the last milestone reached, done; the next one is what
    is being worked towards. Stages (applications): `at` is the stage in progress, current
    since it was entered; the last stage of a closed case is done."""
    last = len(definitions) - 1
    if spec.milestones:
        done_upto, current = at, (at + 1 if at < last else None)
    elif at == last and case.closed_at is not None:
        done_upto, current = at, None
    else:
        done_upto, current = at - 1, at
    steps = []
    for i, step in enumerate(definitions):
        if i <= done_upto:
            steps.append(Step(step.key, step.label, DONE, when(i)))
        elif i == current:
            since = None if spec.milestones else (when(i) or spec.current_since(case))
            steps.append(Step(step.key, step.label, CURRENT, since))
        else:
            steps.append(Step(step.key, step.label, TODO))
    return steps


def progress_of(case: Case, events=None, today: date | None = None) -> Progress | None:
    """The step list and deadlines of a case, or None when its kind has no step list.

    `events`: the public history in order (read here when not given)."""
    kind = get_kind(case.kind)
    spec = kind.progress
    if spec is None:
        return None
    if events is None:
        events = case.events.filter(is_public=True).order_by("created_at", "pk")
    events = list(events)
    definitions = spec.steps(case)
    keys = [step.key for step in definitions]
    first_entry: dict[str, datetime] = {}
    last_entry: dict[str, datetime] = {}
    for event in events:
        key = spec.entered(event)
        if key in keys:
            first_entry.setdefault(key, event.created_at)
            last_entry[key] = event.created_at
    if keys:
        first_entry.setdefault(keys[0], case.created_at)
        last_entry.setdefault(keys[0], case.created_at)

    def when(index: int) -> datetime | None:
        key = keys[index]
        return first_entry.get(key) if index == 0 else last_entry.get(key)

    position = spec.position(case)
    ending, ended_at = "", None
    if position in keys:
        steps = _on_path(spec, case, definitions, keys.index(position), when)
    else:
        # Left the path (merged, archived, rejected, withdrawn): the steps it went through,
        # then how it ended.
        furthest = max((keys.index(k) for k in last_entry if k in keys), default=0)
        steps = [
            Step(d.key, d.label, DONE, when(i)) for i, d in enumerate(definitions[: furthest + 1])
        ]
        ending = kind.status_label(case.status)
        ended_at = case.closed_at
    open_case = case.closed_at is None
    deadlines = [deadline_view(d, today) for d in spec.deadlines(case)] if open_case else []
    return Progress(
        steps=steps,
        holder=spec.holder(case),
        deadlines=deadlines,
        ending=ending,
        ended_at=ended_at,
        paused_note=spec.paused_note(case) if open_case and case.paused_at else "",
    )
