"""Demo meetings: one public DPRD meeting with published minutes, one internal draft."""

from datetime import timedelta

from django.utils import timezone

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.demo import data
from satupintu.minutes import services
from satupintu.minutes.models import Meeting
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit

PUBLIC_TITLE = "Rapat Kerja Komisi III DPRD dengan Dinas Pekerjaan Umum"
INTERNAL_TITLE = "Rapat internal persiapan masa sidang"

# (e-mail local part, name, role, title): the DPRD secretariat's meeting staff.
SETWAN_STAFF = [
    ("notulis.setwan", "Rina Notulis", Membership.Role.OPERATOR, "Pengelola risalah"),
]
# The chair is a council member, not SETWAN staff: an account of their own with no unit
# membership (so no SETWAN inbox); the dprd demo links it to the member's record.
CHAIR = ("ketua.komisi3", "Gita Contoh")


def _account(local, name):
    email = f"{local}@{data.DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_services.create_user(
            actor=None,
            email=email,
            password=data.DEMO_PASSWORD,
            full_name=name,
            email_verified=True,
        )
    return user


def _chair():
    """A council member's account: may open the staff area (to approve minutes it chairs),
    belongs to no unit."""
    user = _account(*CHAIR)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def _user(local, name, unit, role, title):
    user = _account(local, name)
    if not user.memberships.filter(org_unit=unit, role=role, is_active=True).exists():
        org_services.add_membership(actor=None, user=user, org_unit=unit, role=role, title=title)
    return user


def load() -> int:
    """Idempotent: returns the number of meetings created."""
    setwan = OrgUnit.objects.filter(code="SETWAN").first()
    if setwan is None or Meeting.objects.filter(title=PUBLIC_TITLE).exists():
        return 0
    (notulis,) = (_user(*row[:2], setwan, *row[2:]) for row in SETWAN_STAFF)
    chair = _chair()
    dpu = OrgUnit.objects.filter(code="DPU").first()
    kepala_dpu = User.objects.filter(email=f"kepala.dpu@{data.DEMO_DOMAIN}").first()
    invited = [u for u in [kepala_dpu] if u]

    start = (timezone.localtime() - timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    meeting = services.create_meeting(
        actor=notulis,
        org_unit=setwan,
        kind=Meeting.Kind.WORKING,
        title=PUBLIC_TITLE,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Ruang Rapat Komisi III, Gedung DPRD Kota Balikpapan",
        chair=chair,
        secretary=notulis,
        invited_users=invited,
        invited_units=[dpu] if dpu else [],
        is_public=True,
        summary="Komisi III meminta Dinas PU menyampaikan jadwal perbaikan secara berkala.",
    )
    items = [
        (
            "Evaluasi perbaikan jalan dan drainase triwulan I",
            "Kepala Dinas PU",
            "Dinas PU melaporkan 42 ruas jalan telah diperbaiki; 11 titik genangan masih ada "
            "di Balikpapan Selatan. Anggota Komisi III menyoroti aduan warga Sepinggan.",
            "Dinas PU memprioritaskan 11 titik genangan dan melaporkan kemajuannya tiap bulan.",
        ),
        (
            "Usulan anggaran perubahan",
            "Sekretaris Dinas PU",
            "Pembahasan kebutuhan tambahan untuk normalisasi drainase.",
            "Usulan dibahas lebih lanjut bersama TAPD.",
        ),
    ]
    for title, presenter, discussion, decisions in items:
        item = services.add_agenda_item(
            actor=notulis, meeting=meeting, title=title, presenter=presenter
        )
        services.update_agenda_item(
            actor=notulis, item=item, changes={"discussion": discussion, "decisions": decisions}
        )
    rows = list(meeting.attendances.all())
    services.record_attendance(
        actor=notulis,
        meeting=meeting,
        entries=[{"attendance": r, "status": "present", "arrived_at": start.time()} for r in rows],
    )
    if dpu:
        services.add_follow_up(
            actor=notulis,
            meeting=meeting,
            description="Laporan kemajuan penanganan 11 titik genangan",
            due_date=timezone.localdate() + timedelta(days=21),
            owner_unit=dpu,
        )
    services.transition(actor=notulis, meeting=meeting, action="submit")
    services.transition(actor=chair, meeting=meeting, action="approve")
    services.transition(actor=notulis, meeting=meeting, action="publish")

    later = start + timedelta(days=14)
    draft = services.create_meeting(
        actor=notulis,
        org_unit=setwan,
        kind=Meeting.Kind.INTERNAL,
        title=INTERNAL_TITLE,
        starts_at=later,
        ends_at=later + timedelta(hours=1),
        place="Ruang Sekretaris DPRD",
        chair=chair,
        secretary=notulis,
        is_public=False,
    )
    services.add_agenda_item(actor=notulis, meeting=draft, title="Pembagian tugas persidangan")
    return 2
