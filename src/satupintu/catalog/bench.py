"""Many plain services for `make bench` (`seed_services`), added after the demo city's
catalogue (data/balikpapan/, loaded by the city configuration importer)."""

from django.db import transaction

from satupintu.catalog.models import LifeEvent, Requirement, Service, WorkflowStep
from satupintu.catalog.selectors import bump_catalog_version
from satupintu.org.models import OrgUnit

COMPLAINTS = (
    "Pengaduan, saran dan masukan disampaikan melalui menu Pengaduan dan aspirasi di Satu Pintu, "
    "SP4N-LAPOR!, atau langsung ke loket pengaduan di kantor penyelenggara. Pengaduan "
    "diverifikasi paling lambat 3 hari kerja dan ditindaklanjuti paling lambat 5 hari kerja."
)

ONLINE_PROCEDURE = (
    "1. Pemohon mengisi formulir dan mengunggah persyaratan di Satu Pintu (atau datang ke loket).\n"
    "2. Petugas memverifikasi berkas; bila belum lengkap pemohon diminta melengkapi.\n"
    "3. Berkas diproses dan disetujui oleh pejabat yang berwenang.\n"
    "4. Dokumen hasil diterbitkan dengan tanda tangan elektronik dan dapat diunduh atau diambil."
)

STANDARD_STEPS = [
    ("verifikasi", "Verifikasi berkas", "operator", 1, False),
    ("teknis", "Pemrosesan teknis", "koordinator", 2, False),
    ("persetujuan", "Persetujuan kepala", "kepala", 1, True),
    ("penerbitan", "Penerbitan dokumen", "operator", 1, False),
]

BENCH_PREFIX = "uji-layanan-"


def make_bench_services(count: int) -> int:
    """Fill the catalogue up to `count` published services with plain generated ones spread
    over every OPD, in bulk. Returns how many were added."""
    existing = Service.objects.count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    units = list(OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS, is_active=True))
    events = list(LifeEvent.objects.all())
    subjects = [
        "Surat Keterangan",
        "Rekomendasi",
        "Izin",
        "Pendaftaran",
        "Legalisasi",
        "Pelaporan",
        "Penerbitan Sertifikat",
        "Permohonan Data",
    ]
    topics = [
        "Usaha Perdagangan",
        "Kegiatan Masyarakat",
        "Bantuan Pendidikan",
        "Sarana Kesehatan",
        "Pemakaian Gedung",
        "Penelitian",
        "Tenaga Kerja Asing",
        "Pemanfaatan Ruang",
        "Angkutan Barang",
        "Koperasi",
    ]
    start = Service.objects.filter(slug__startswith=BENCH_PREFIX).count()
    with transaction.atomic():
        services = []
        for i in range(start, start + missing):
            name = f"{subjects[i % len(subjects)]} {topics[(i // 8) % len(topics)]} {i + 1}"
            services.append(
                Service(
                    slug=f"{BENCH_PREFIX}{i + 1:04d}",
                    name=name,
                    synonyms=f"layanan {i + 1}",
                    summary=f"{name}: layanan contoh untuk uji beban katalog.",
                    org_unit=units[i % len(units)],
                    delivery=Service.Delivery.BOTH,
                    procedure=ONLINE_PROCEDURE,
                    processing_days=3 + i % 5,
                    fee_amount=0 if i % 4 else 50000,
                    product="Surat keterangan.",
                    complaint_handling=COMPLAINTS,
                    sort_order=200,
                )
            )
        Service.objects.bulk_create(services, batch_size=500)
        created = list(Service.objects.filter(slug__in=[s.slug for s in services]))
        through = Service.life_events.through
        through.objects.bulk_create(
            [
                through(service_id=s.pk, lifeevent_id=events[i % len(events)].pk)
                for i, s in enumerate(created)
            ],
            batch_size=1000,
        )
        Requirement.objects.bulk_create(
            [
                Requirement(service=s, code=code, name=name, sort_order=n)
                for s in created
                for n, (code, name) in enumerate(
                    [
                        ("ktp", "KTP-el pemohon"),
                        ("kk", "Kartu Keluarga"),
                        ("surat", "Surat permohonan"),
                    ]
                )
            ],
            batch_size=1000,
        )
        WorkflowStep.objects.bulk_create(
            [
                WorkflowStep(
                    service=s,
                    order=n,
                    code=code,
                    name=name,
                    role=role,
                    working_days=days,
                    is_approval=approval,
                )
                for s in created
                for n, (code, name, role, days, approval) in enumerate(STANDARD_STEPS, start=1)
            ],
            batch_size=1000,
        )
    bump_catalog_version()
    return len(created)
