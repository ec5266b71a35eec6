"""Applications (permohonan layanan) as a case kind.

The case status says where the application stands for the citizen; *which* workflow step of the
service it is at (front office, technical processing, approval, issuance…) is
`Application.current_step`, data per service. Moving from one step to the next is the "advance"
action (the status stays "diproses"); the step's role is checked by the applications services,
on top of the engine's UNIT/COORDINATOR check.
"""

from django.utils.translation import gettext_lazy as _

from satupintu.applications.statuses import KIND, Status
from satupintu.cases.notify import notify_reporter
from satupintu.cases.workflow import (
    PAUSE_EFFECT,
    REPORTER,
    RESUME_EFFECT,
    STAFF,
    SYSTEM,
    CaseKind,
    assign_transition,
    note_transition,
    register_kind,
    transition,
)

S = Status
WORKING = frozenset({S.SUBMITTED, S.IN_PROGRESS})


TRANSITIONS = {
    t.action: t
    for t in [
        # Complete the current step and enter the next one (status becomes "diproses").
        transition(
            "advance",
            WORKING,
            S.IN_PROGRESS,
            STAFF,
            _("Selesaikan langkah ini"),
            done=_("Langkah diselesaikan"),
        ),
        transition(
            "request_correction",
            WORKING,
            S.CORRECTION,
            STAFF,
            _("Minta perbaikan dari pemohon"),
            effect=PAUSE_EFFECT,
            done=_("Perbaikan diminta dari pemohon"),
        ),
        transition(
            "submit_correction",
            [S.CORRECTION],
            S.IN_PROGRESS,
            [REPORTER],
            _("Kirim perbaikan"),
            effect=RESUME_EFFECT,
            done=_("Perbaikan dikirim"),
        ),
        # Completing the approval step.
        transition("approve", WORKING, S.APPROVED, STAFF, _("Setujui"), done=_("Disetujui")),
        # The signed result document is issued (by the issuance step or a queued task).
        transition(
            "issue",
            [S.APPROVED],
            S.ISSUED,
            [*STAFF, SYSTEM],
            _("Terbitkan dokumen hasil"),
            done=_("Dokumen hasil diterbitkan"),
        ),
        transition(
            "reject", [*WORKING, S.CORRECTION], S.REJECTED, STAFF, _("Tolak"), done=_("Ditolak")
        ),
        transition(
            "withdraw",
            [*WORKING, S.CORRECTION],
            S.WITHDRAWN,
            [REPORTER],
            _("Batalkan"),
            done=_("Dibatalkan"),
        ),
        assign_transition([*WORKING, S.CORRECTION]),
        note_transition(S.values),
        transition(
            "reply",
            [*WORKING, S.CORRECTION],
            None,
            STAFF,
            _("Pesan ke pemohon"),
            done=_("Pesan dikirim ke pemohon"),
        ),
        transition(
            "rate",
            [S.ISSUED, S.REJECTED],
            None,
            [REPORTER],
            _("Beri penilaian"),
            public=False,
            done=_("Dinilai"),
        ),
    ]
}


def service_name(case) -> str:
    """The application's service name in the active language (the case title is Indonesian)."""
    from satupintu.applications.models import Application

    application = Application.objects.select_related("service").filter(case=case).first()
    return application.service.name if application else ""


APPLICATION = register_kind(
    CaseKind(
        key=KIND,
        prefix="PMH",
        label=_("Permohonan layanan"),
        initial_status=S.SUBMITTED,
        status_labels=dict(Status.choices),
        transitions=TRANSITIONS,
        closed_statuses=frozenset({S.ISSUED, S.REJECTED, S.WITHDRAWN}),
        paused_statuses=frozenset({S.CORRECTION}),
        resolved_statuses=frozenset({S.ISSUED}),
        # Applications go straight to the OPD offering the service: no city-wide triage.
        triage_statuses=frozenset(),
        # The title is the service's name, written by the platform.
        system_titles=True,
        translated_title=service_name,
        on_event=[notify_reporter],
        noun=_("Permohonan"),
        event_labels={"submit": _("Diajukan")},
        role_labels={REPORTER: _("pemohon")},
    )
)

# Application-specific hooks (applications/notify.py). The applicant's message goes first: it
# is written under the same outbox key as the engine's generic one, which then stays unsent.
from satupintu.applications import notify as _notify  # noqa: E402

APPLICATION.on_event.insert(0, _notify.notify_applicant)
APPLICATION.on_event.append(_notify.on_submit_correction)
