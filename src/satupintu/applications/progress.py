"""An application's own path on the tracking page: received, then its service's workflow steps
(front office, technical check, approval…, data per service), then the result document.

Registered on the "application" case kind when the app loads (`apps.py`); the step list itself
is computed by `cases.progress`.
"""

from django.utils.translation import gettext as _

from satupintu.cases.progress import Deadline, ProgressSpec, StepDef
from satupintu.cases.workflow import get_kind

RECEIVED = "received"
ISSUED = "issued"
STEP_PREFIX = "step:"
WORKING = ("diajukan", "diproses")
UNFINISHED = (*WORKING, "perlu_perbaikan", "disetujui")
ENDED = ("ditolak", "dibatalkan")


def _application(case):
    # The reverse one-to-one raises an AttributeError subclass when the row is missing.
    return getattr(case, "application", None)


class ApplicationProgress(ProgressSpec):
    def steps(self, case):
        steps = [StepDef(RECEIVED, _("Diterima"))]
        application = _application(case)
        if application is not None:
            steps += [
                StepDef(STEP_PREFIX + step.code, step.name)
                for step in application.service.steps.order_by("order")
            ]
        steps.append(StepDef(ISSUED, _("Selesai, dokumen hasil terbit")))
        return steps

    def position(self, case):
        if case.status == "selesai":
            return ISSUED
        if case.status in ENDED:
            return None
        application = _application(case)
        if application is not None and application.current_step_id:
            return STEP_PREFIX + application.current_step.code
        # Approved with no step left: the result document is being issued.
        return ISSUED if case.status == "disetujui" else RECEIVED

    def entered(self, event):
        if event.action == "submit":
            return RECEIVED
        if event.action == "issue":
            return ISSUED
        step = (event.data or {}).get("to_step")
        return STEP_PREFIX + step if step else None

    def current_since(self, case):
        application = _application(case)
        return application.step_started_at if application is not None else None

    def deadlines(self, case):
        application = _application(case)
        found = []
        if application is None or case.paused_at:
            return found
        step = application.current_step
        if case.status in WORKING and step is not None and application.step_due_date:
            found.append(
                Deadline(
                    _("Batas tahap ini"),
                    application.step_due_date,
                    _("Petugas menyelesaikan tahap “%(step)s” paling lambat tanggal ini.")
                    % {"step": step.name},
                )
            )
        if case.status in UNFINISHED and case.due_date:
            found.append(
                Deadline(
                    _("Batas penyelesaian"),
                    case.due_date,
                    _(
                        "Permohonan selesai diproses paling lambat tanggal ini, sesuai standar "
                        "pelayanan (%(n)d hari kerja)."
                    )
                    % {"n": application.service.processing_days},
                )
            )
        return found

    def paused_note(self, case):
        return _(
            "Batas waktu berhenti sementara sampai Anda mengirim perbaikan; setelah itu batas "
            "penyelesaian bergeser sebanyak hari kerja yang terlewati."
        )


def register() -> None:
    get_kind("application").progress = ApplicationProgress()
