"""Aspirations to the DPRD: a citizen's message to the whole council, a komisi, or the members
of their dapil, as a case of kind "aspirasi_dprd" (tracking code `ASP-…`, the same code space
and tracking page as complaints; the complaint's identity rules and notifications).

baru → (SETWAN verifies and forwards) diteruskan → (SETWAN schedules a hearing) rdp →
(the addressed members or SETWAN answer) dijawab → selesai. SETWAN may archive what is no
aspiration (with reason). Every step but internal notes is public.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.cases.notify import notify_reporter
from satupintu.cases.progress import Deadline, StatusProgress
from satupintu.cases.workflow import (
    COORDINATOR,
    REPORTER,
    SYSTEM,
    UNIT,
    CaseKind,
    register_kind,
    transition,
)
from satupintu.dprd.workflow import MEMBER

KIND = "aspirasi_dprd"
# Working days for the council's answer, counted from submission (verification: 3, as
# complaints).
ANSWER_WORKING_DAYS = 14


class Status:
    NEW = "baru"
    FORWARDED = "diteruskan"
    HEARING = "rdp"
    ANSWERED = "dijawab"
    CLOSED = "selesai"
    ARCHIVED = "diarsipkan"


S = Status
SETWAN = (UNIT, COORDINATOR)
COUNCIL = (UNIT, COORDINATOR, MEMBER)
LABELS = {
    S.NEW: _("Menunggu verifikasi Sekretariat DPRD"),
    S.FORWARDED: _("Diteruskan ke DPRD"),
    S.HEARING: _("Dijadwalkan rapat dengar pendapat"),
    S.ANSWERED: _("Sudah dijawab"),
    S.CLOSED: pgettext_lazy("case status", "Selesai"),
    S.ARCHIVED: _("Diarsipkan"),
}
# Actions that need a written text: the answer itself, the reply, the reason.
NEEDS_NOTE = frozenset({"reply", "answer", "archive"})

TRANSITIONS = {
    t.action: t
    for t in [
        transition(
            "verify",
            [S.NEW],
            S.FORWARDED,
            SETWAN,
            _("Verifikasi dan teruskan"),
            done=_("Diverifikasi dan diteruskan"),
        ),
        transition(
            "hearing",
            [S.FORWARDED],
            S.HEARING,
            SETWAN,
            _("Jadwalkan rapat dengar pendapat"),
            done=_("Rapat dengar pendapat dijadwalkan"),
        ),
        transition(
            "reply",
            [S.NEW, S.FORWARDED, S.HEARING],
            None,
            COUNCIL,
            _("Balasan publik"),
            done=_("Dibalas"),
        ),
        transition(
            "note",
            [S.NEW, S.FORWARDED, S.HEARING, S.ANSWERED],
            None,
            COUNCIL,
            _("Catatan internal"),
            public=False,
            done=_("Catatan internal ditulis"),
        ),
        transition(
            "answer",
            [S.FORWARDED, S.HEARING],
            S.ANSWERED,
            COUNCIL,
            _("Beri jawaban"),
            done=_("Dijawab"),
        ),
        transition(
            "close",
            [S.ANSWERED],
            S.CLOSED,
            [*SETWAN, REPORTER, SYSTEM],
            _("Tutup"),
            done=_("Ditutup"),
        ),
        transition(
            "archive",
            [S.NEW],
            S.ARCHIVED,
            SETWAN,
            _("Arsipkan (bukan aspirasi)"),
            done=_("Diarsipkan"),
        ),
    ]
}


class AspirationProgress(StatusProgress):
    def __init__(self):
        super().__init__(
            [
                ("received", _("Diterima"), frozenset({S.NEW})),
                ("forwarded", _("Diteruskan ke DPRD"), frozenset({S.FORWARDED})),
                ("hearing", _("Rapat dengar pendapat"), frozenset({S.HEARING})),
                ("answered", _("Dijawab"), frozenset({S.ANSWERED})),
                ("closed", pgettext_lazy("case status", "Selesai"), frozenset({S.CLOSED})),
            ]
        )

    def holder(self, case):
        if case.status == S.NEW:
            return str(_("Sekretariat DPRD (sedang diverifikasi)"))
        aspiration = getattr(case, "aspiration", None)
        return aspiration.addressee_label() if aspiration else str(_("DPRD"))

    def deadlines(self, case):
        found = []
        if case.status == S.NEW and case.verify_due_date:
            found.append(
                Deadline(
                    _("Batas verifikasi"),
                    case.verify_due_date,
                    _("Sekretariat DPRD memeriksa aspirasi Anda dan meneruskannya ke DPRD."),
                )
            )
        if case.status in (S.NEW, S.FORWARDED, S.HEARING) and case.due_date:
            found.append(
                Deadline(
                    _("Batas jawaban"),
                    case.due_date,
                    _("Anggota DPRD yang dituju memberi jawaban atas aspirasi Anda."),
                )
            )
        return found


ASPIRATION = register_kind(
    CaseKind(
        key=KIND,
        prefix="ASP",
        label=_("Aspirasi ke DPRD"),
        noun=_("Aspirasi"),
        initial_status=S.NEW,
        status_labels=LABELS,
        transitions=TRANSITIONS,
        closed_statuses=frozenset({S.CLOSED, S.ARCHIVED}),
        resolved_statuses=frozenset({S.ANSWERED, S.CLOSED}),
        triage_statuses=frozenset({S.NEW}),
        subtype_labels={"aspirasi": _("Aspirasi ke DPRD")},
        on_event=[notify_reporter],
        progress=AspirationProgress(),
        event_labels={"submit": _("Aspirasi dikirim")},
        role_labels={MEMBER: _("anggota DPRD"), UNIT: _("Sekretariat DPRD")},
    )
)
