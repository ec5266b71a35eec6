"""Complaints (pengaduan, aspirasi, permintaan informasi) as a case kind (SP4N-LAPOR! flow)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.cases.notify import notify_reporter
from satupintu.cases.progress import Deadline, StatusProgress
from satupintu.cases.workflow import (
    COORDINATOR,
    PAUSE_EFFECT,
    REPORTER,
    RESUME_EFFECT,
    STAFF,
    SYSTEM,
    UNIT,
    CaseKind,
    assign_transition,
    note_transition,
    register_kind,
    transition,
)
from satupintu.core import workdays

KIND = "complaint"


class Status(models.TextChoices):
    NEW = "baru", _("Menunggu verifikasi")
    VERIFIED = "terverifikasi", _("Diteruskan ke unit")
    IN_PROGRESS = "diproses", _("Sedang ditangani")
    INFO_REQUESTED = "menunggu_info", _("Menunggu informasi dari pelapor")
    ANSWERED = "dijawab", _("Sudah dijawab")
    CLOSED = "selesai", pgettext_lazy("case status", "Selesai")
    MERGED = "digabung", _("Digabung dengan laporan lain")
    ARCHIVED = "diarsipkan", _("Diarsipkan")


class Subtype(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    ASPIRATION = "aspirasi", _("Aspirasi")
    INFORMATION = "informasi", _("Permintaan informasi")


S = Status
OPEN_WORK = frozenset({S.VERIFIED, S.IN_PROGRESS})


REOPEN_WORKING_DAYS = 10


def within_reopen_window(case):
    """A reporter may reopen up to 10 working days after the final answer."""
    answered = case.resolved_at or case.closed_at
    if answered is None:
        return None
    elapsed = workdays.working_days_between(timezone.localdate(answered), timezone.localdate())
    if elapsed > REOPEN_WORKING_DAYS:
        return _("Batas 10 hari kerja untuk membuka kembali laporan sudah lewat.")
    return None


TRANSITIONS = {
    t.action: t
    for t in [
        transition(
            "verify",
            [S.NEW],
            S.VERIFIED,
            [COORDINATOR],
            _("Verifikasi dan teruskan"),
            done=_("Diverifikasi"),
        ),
        transition(
            "route",
            [S.NEW, S.VERIFIED, S.IN_PROGRESS],
            S.VERIFIED,
            [COORDINATOR],
            _("Teruskan ke unit lain"),
            done=_("Diteruskan ke unit lain"),
        ),
        transition(
            "not_our_authority",
            OPEN_WORK,
            S.NEW,
            [UNIT],
            _("Bukan wewenang kami"),
            done=_("Dikembalikan ke koordinator: bukan wewenang unit"),
        ),
        transition(
            "start",
            [S.VERIFIED],
            S.IN_PROGRESS,
            STAFF,
            _("Mulai tangani"),
            done=_("Mulai ditangani"),
        ),
        assign_transition([S.NEW, *OPEN_WORK, S.INFO_REQUESTED]),
        note_transition(S.values),
        transition(
            "reply",
            [S.NEW, *OPEN_WORK, S.INFO_REQUESTED],
            None,
            STAFF,
            _("Balasan publik"),
            done=_("Dibalas"),
        ),
        transition(
            "request_info",
            [S.NEW, *OPEN_WORK],
            S.INFO_REQUESTED,
            STAFF,
            _("Minta informasi pelapor"),
            effect=PAUSE_EFFECT,
            done=_("Informasi diminta dari pelapor"),
        ),
        transition(
            "provide_info",
            [S.INFO_REQUESTED],
            S.IN_PROGRESS,
            [REPORTER],
            _("Kirim informasi"),
            effect=RESUME_EFFECT,
            done=_("Informasi dikirim"),
        ),
        transition(
            "add_files",
            [S.NEW, *OPEN_WORK, S.INFO_REQUESTED],
            None,
            [REPORTER],
            _("Tambah berkas"),
            public=False,
            done=_("Berkas ditambahkan"),
        ),
        transition(
            "resolve",
            [*OPEN_WORK],
            S.ANSWERED,
            STAFF,
            _("Beri jawaban akhir"),
            done=_("Dijawab (jawaban akhir)"),
        ),
        transition(
            "close",
            [S.ANSWERED],
            S.CLOSED,
            [SYSTEM, COORDINATOR, REPORTER],
            _("Tutup"),
            done=_("Ditutup"),
        ),
        transition(
            "reopen",
            [S.ANSWERED, S.CLOSED],
            S.IN_PROGRESS,
            [REPORTER],
            _("Buka kembali"),
            guard=within_reopen_window,
            done=_("Dibuka kembali"),
        ),
        transition(
            "rate",
            [S.ANSWERED, S.CLOSED],
            None,
            [REPORTER],
            _("Beri penilaian"),
            public=False,
            done=_("Dinilai"),
        ),
        transition(
            "merge",
            [S.NEW, *OPEN_WORK, S.INFO_REQUESTED],
            S.MERGED,
            [COORDINATOR],
            _("Gabungkan (duplikat)"),
            done=_("Digabungkan dengan laporan lain"),
        ),
        transition(
            "archive",
            [S.NEW],
            S.ARCHIVED,
            [COORDINATOR],
            _("Arsipkan (tidak layak)"),
            done=_("Diarsipkan (tidak layak)"),
        ),
    ]
}


class ComplaintProgress(StatusProgress):
    """received → verified → in process → answered → closed, and the deadlines of each."""

    def __init__(self):
        super().__init__(
            [
                ("received", _("Diterima"), frozenset({S.NEW})),
                ("verified", _("Diverifikasi"), frozenset({S.VERIFIED})),
                ("in_process", _("Diproses"), frozenset({S.IN_PROGRESS})),
                ("answered", _("Dijawab"), frozenset({S.ANSWERED})),
                ("closed", pgettext_lazy("case status", "Selesai"), frozenset({S.CLOSED})),
            ]
        )

    def position(self, case):
        if case.status != S.INFO_REQUESTED:
            return super().position(case)
        # Waiting for the reporter stays at the step it was asked from (verification too).
        asked_from = (
            case.events.filter(action="request_info")
            .order_by("-created_at", "-pk")
            .values_list("from_status", flat=True)
            .first()
        )
        return self._step_of.get(asked_from or S.IN_PROGRESS)

    def deadlines(self, case):
        found = []
        if case.paused_at:
            return found
        if case.status == S.NEW and case.verify_due_date:
            found.append(
                Deadline(
                    _("Batas verifikasi"),
                    case.verify_due_date,
                    _(
                        "Koordinator kota memeriksa laporan Anda dan meneruskannya ke perangkat "
                        "daerah yang berwenang."
                    ),
                )
            )
        if case.status in (S.NEW, *OPEN_WORK) and case.due_date:
            found.append(
                Deadline(
                    _("Batas jawaban"),
                    case.due_date,
                    _("Perangkat daerah yang menangani memberi jawaban akhir atas laporan Anda."),
                )
            )
        if case.status == S.ANSWERED and case.resolved_at:
            answered = timezone.localdate(case.resolved_at)
            found.append(
                Deadline(
                    _("Batas tanggapan Anda"),
                    workdays.add_working_days(answered, REOPEN_WORKING_DAYS),
                    _(
                        "Bila jawaban belum menyelesaikan masalah, buka kembali laporan sampai "
                        "tanggal ini. Setelah itu laporan ditutup otomatis."
                    ),
                )
            )
        return found

    def paused_note(self, case):
        return _(
            "Batas waktu berhenti sementara sampai Anda mengirim informasi yang diminta petugas; "
            "setelah itu batas jawaban bergeser sebanyak hari kerja yang terlewati."
        )


COMPLAINT = register_kind(
    CaseKind(
        key=KIND,
        prefix="ADU",
        label=_("Pengaduan dan aspirasi"),
        initial_status=S.NEW,
        status_labels=dict(Status.choices),
        transitions=TRANSITIONS,
        closed_statuses=frozenset({S.CLOSED, S.MERGED, S.ARCHIVED}),
        paused_statuses=frozenset({S.INFO_REQUESTED}),
        resolved_statuses=frozenset({S.ANSWERED, S.CLOSED}),
        triage_statuses=frozenset({S.NEW}),
        subtype_labels=dict(Subtype.choices),
        on_event=[notify_reporter],
        noun=_("Laporan"),
        progress=ComplaintProgress(),
        event_labels={"submit": _("Laporan dikirim")},
    )
)
