"""Complaints (pengaduan, aspirasi, permintaan informasi) as a case kind (SP4N-LAPOR! flow)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.cases.notify import notify_reporter
from satupintu.cases.workflow import (
    COORDINATOR,
    PAUSE_EFFECT,
    REPORTER,
    RESUME_EFFECT,
    SYSTEM,
    UNIT,
    CaseKind,
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
    CLOSED = "selesai", _("Selesai")
    MERGED = "digabung", _("Digabung dengan laporan lain")
    ARCHIVED = "diarsipkan", _("Diarsipkan")


class Subtype(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    ASPIRATION = "aspirasi", _("Aspirasi")
    INFORMATION = "informasi", _("Permintaan informasi")


S = Status
OPEN_WORK = frozenset({S.VERIFIED, S.IN_PROGRESS})
STAFF = frozenset({UNIT, COORDINATOR})


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
        transition("verify", [S.NEW], S.VERIFIED, [COORDINATOR], _("Verifikasi dan teruskan")),
        transition(
            "route",
            [S.NEW, S.VERIFIED, S.IN_PROGRESS],
            S.VERIFIED,
            [COORDINATOR],
            _("Teruskan ke unit lain"),
        ),
        transition("not_our_authority", OPEN_WORK, S.NEW, [UNIT], _("Bukan wewenang kami")),
        transition("start", [S.VERIFIED], S.IN_PROGRESS, STAFF, _("Mulai tangani")),
        transition(
            "assign",
            [S.NEW, *OPEN_WORK, S.INFO_REQUESTED],
            None,
            STAFF,
            _("Tugaskan"),
            public=False,
        ),
        transition("note", [*S.values], None, STAFF, _("Catatan internal"), public=False),
        transition(
            "reply", [S.NEW, *OPEN_WORK, S.INFO_REQUESTED], None, STAFF, _("Balasan publik")
        ),
        transition(
            "request_info",
            [S.NEW, *OPEN_WORK],
            S.INFO_REQUESTED,
            STAFF,
            _("Minta informasi pelapor"),
            effect=PAUSE_EFFECT,
        ),
        transition(
            "provide_info",
            [S.INFO_REQUESTED],
            S.IN_PROGRESS,
            [REPORTER],
            _("Kirim informasi"),
            effect=RESUME_EFFECT,
        ),
        transition(
            "add_files",
            [S.NEW, *OPEN_WORK, S.INFO_REQUESTED],
            None,
            [REPORTER],
            _("Tambah berkas"),
            public=False,
        ),
        transition("resolve", [*OPEN_WORK], S.ANSWERED, STAFF, _("Beri jawaban akhir")),
        transition("close", [S.ANSWERED], S.CLOSED, [SYSTEM, COORDINATOR, REPORTER], _("Tutup")),
        transition(
            "reopen",
            [S.ANSWERED, S.CLOSED],
            S.IN_PROGRESS,
            [REPORTER],
            _("Buka kembali"),
            guard=within_reopen_window,
        ),
        transition(
            "rate", [S.ANSWERED, S.CLOSED], None, [REPORTER], _("Beri penilaian"), public=False
        ),
        transition(
            "merge",
            [S.NEW, *OPEN_WORK, S.INFO_REQUESTED],
            S.MERGED,
            [COORDINATOR],
            _("Gabungkan (duplikat)"),
        ),
        transition("archive", [S.NEW], S.ARCHIVED, [COORDINATOR], _("Arsipkan (tidak layak)")),
    ]
}

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
        on_event=[notify_reporter],
    )
)
