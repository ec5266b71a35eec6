"""Demo e-office data: Sekda, asisten and a TU officer, a few letters (each with the scan of
the paper letter, so a leader can read it before disposing) and a disposition chain
SETDA → asisten → kepala OPD. Called by `load_demo_data`; safe to run again."""

from datetime import date, timedelta

from django.utils import timezone

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.letters import services
from satupintu.letters.demo_scans import scan_upload
from satupintu.letters.models import ClassificationCode, Letter, LetterFile, UnitLetterSettings
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit

STAFF = [
    # (e-mail local part, name, unit, role, title)
    ("sekda", "Sekretaris Daerah", "SETDA", "kepala", "Sekretaris Daerah"),
    ("asisten1", "Asisten Pemerintahan dan Kesra", "SETDA-ASS1", "kepala", "Asisten I"),
    ("asisten2", "Asisten Perekonomian dan Pembangunan", "SETDA-ASS2", "kepala", "Asisten II"),
    ("asisten3", "Asisten Administrasi Umum", "SETDA-ASS3", "kepala", "Asisten III"),
    ("tu.setda", "Petugas Agenda Setda", "SETDA", "operator", "Pengadministrasi umum"),
]
COORDINATION = {
    "SETDA-ASS1": ["DINKES", "DISDIKBUD", "DINSOS", "DISDUKCAPIL", "DP3AKB"],
    "SETDA-ASS2": ["DPU", "DPPR", "DISPERKIM", "DISHUB", "DLH"],
    "SETDA-ASS3": ["BKPSDM", "BPKAD", "DISKOMINFO", "INSPEKTORAT"],
}
LETTERS = [
    (
        "Kementerian Dalam Negeri",
        "100.2/4512/OTDA",
        "Evaluasi kinerja penyelenggaraan pemerintahan daerah",
        "penting",
    ),
    (
        "Pemerintah Provinsi Kalimantan Timur",
        "600/1133/PUPR",
        "Koordinasi penanganan jalan provinsi di Balikpapan",
        "biasa",
    ),
    (
        "Ombudsman RI Perwakilan Kaltim",
        "B/210/LM.11-23/2026",
        "Permintaan klarifikasi laporan masyarakat",
        "sangat_penting",
    ),
]


def _user(local, name, unit_code, role, title, password, domain):
    email = f"{local}@{domain}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_services.create_user(
            actor=None, email=email, password=password, full_name=name, email_verified=True
        )
    unit = OrgUnit.objects.get(code=unit_code)
    if not Membership.objects.filter(user=user, org_unit=unit, role=role, is_active=True).exists():
        org_services.add_membership(actor=None, user=user, org_unit=unit, role=role, title=title)
    return user


def _scan(number, subject, sifat, sent, unit):
    """The paper letter as the agenda officer scanned it (letters/demo_scans.py)."""
    return scan_upload(
        number,
        subject=subject,
        sifat=sifat,
        sent=sent,
        received=sent + timedelta(days=1),
        receiver=str(unit.name),
    )


def _scan_existing(unit, registrar) -> None:
    """Demo letters registered before they came with a scan get one, once."""
    for letter in Letter.objects.filter(
        org_unit=unit, external_number__in=[row[1] for row in LETTERS]
    ).exclude(files__kind=LetterFile.Kind.SCAN):
        sent = letter.external_date or date.today()
        services.add_scans(
            actor=registrar,
            letter=letter,
            scans=[_scan(letter.external_number, letter.subject, letter.sifat, sent, unit)],
        )


def load(*, password: str, domain: str) -> int:
    """Returns the number of letters created."""
    if not OrgUnit.objects.filter(code="SETDA-ASS1").exists():
        return 0
    people = {row[0]: _user(*row, password, domain) for row in STAFF}
    for unit_code, coordinated in COORDINATION.items():
        row, _ = UnitLetterSettings.objects.get_or_create(
            org_unit=OrgUnit.objects.get(code=unit_code)
        )
        row.coordinated_units.set(OrgUnit.objects.filter(code__in=coordinated))
    setda = OrgUnit.objects.get(code="SETDA")
    UnitLetterSettings.objects.get_or_create(
        org_unit=setda,
        defaults={
            "letterhead_name": "Sekretariat Daerah",
            "letterhead_address": "Jl. Jenderal Sudirman No. 1, Balikpapan",
            "number_code": "SETDA",
        },
    )
    if Letter.objects.filter(org_unit=setda, external_number=LETTERS[0][1]).exists():
        _scan_existing(setda, people["tu.setda"])
        return 0
    code = ClassificationCode.objects.filter(code="000.5.3.1").first()
    if code is None:
        return 0
    created = []
    sent = date.today() - timedelta(days=3)
    for sender, number, subject, sifat in LETTERS:
        created.append(
            services.register_incoming(
                actor=people["tu.setda"],
                unit=setda,
                subject=subject,
                classification=code,
                sender_name=sender,
                sifat=sifat,
                external_number=number,
                external_date=sent,
                scans=[_scan(number, subject, sifat, sent, setda)],
            )
        )
    kadis_pu = User.objects.filter(memberships__org_unit__code="DPU", memberships__role="kepala")
    due = timezone.localdate() + timedelta(days=5)
    letter = created[1]
    services.mark_read(actor=people["sekda"], letter=letter)
    services.dispose(
        actor=people["sekda"],
        letter=letter,
        to_users=[people["asisten2"], people["asisten1"]],
        instructions=["ditindaklanjuti"],
        urgency="segera",
        due_date=due,
        note="Mohon dikoordinasikan dengan OPD terkait.",
    )
    if kadis_pu.exists():
        services.mark_read(actor=people["asisten2"], letter=letter)
        services.dispose(
            actor=people["asisten2"],
            letter=letter,
            to_users=[kadis_pu.first()],
            instructions=["siapkan_bahan", "koordinasikan"],
            urgency="segera",
            due_date=due,
        )
    return len(created)
