"""Demo queues (loaded by `load_demo_data`, demo mode only; safe to run again): the RSUD's
outpatient building with registration, four polyclinics and their doctors' schedules; the
Disdukcapil office with three services and four counters; the Mal Pelayanan Publik with
counters of DPMPTSP and Disdukcapil; one counter officer per site; a FHIR client for the
RSUD's SIMRS with the token `demo-fhir-rsud-token`."""

from datetime import time

from satupintu.accounts.demo import demo_officers
from satupintu.org.models import Membership, OrgUnit
from satupintu.queues.models import (
    Counter,
    FhirClient,
    OpeningHours,
    PracticeSchedule,
    Practitioner,
    QueueService,
    Site,
)
from satupintu.queues.services import clients

DEMO_FHIR_TOKEN = "demo-fhir-rsud-token"  # noqa: S105 - documented demo token
WEEKDAYS = range(5)

# (slug, unit, name, kind, address, hours [(weekdays, opens, closes)])
SITES = [
    (
        "rsud-rawat-jalan",
        "RSUD",
        "RSUD Beriman: Instalasi Rawat Jalan",
        Site.Kind.HOSPITAL,
        "Jl. Mayjend Sutoyo, Balikpapan",
        [(WEEKDAYS, "07:30", "14:00"), ((5,), "07:30", "12:00")],
    ),
    (
        "disdukcapil",
        "DISDUKCAPIL",
        "Kantor Disdukcapil",
        Site.Kind.OFFICE,
        "Jl. Jenderal Sudirman, Balikpapan",
        [(WEEKDAYS, "08:00", "15:00")],
    ),
    (
        "mpp",
        "DPMPTSP",
        "Mal Pelayanan Publik",
        Site.Kind.OFFICE,
        "Balikpapan Plaza, Balikpapan",
        [(WEEKDAYS, "08:00", "16:00"), ((5,), "08:00", "12:00")],
    ),
]
# site → [(prefix, name, unit, catalog slug, slot minutes, per slot, online, walk-in, doctor)]
SERVICES = {
    "rsud-rawat-jalan": [
        ("R", "Pendaftaran dan BPJS", "RSUD", "", 10, 4, 0, 200, False),
        ("A", "Poli Penyakit Dalam", "RSUD", "", 15, 3, 40, 20, True),
        ("B", "Poli Anak", "RSUD", "", 15, 3, 40, 20, True),
        ("C", "Poli Gigi dan Mulut", "RSUD", "", 20, 2, 24, 10, True),
        ("D", "Poli Kandungan", "RSUD", "", 15, 3, 40, 20, True),
    ],
    "disdukcapil": [
        ("A", "KTP elektronik", "DISDUKCAPIL", "", 10, 3, 60, 60, False),
        ("B", "Kartu Keluarga", "DISDUKCAPIL", "perubahan-kk", 15, 2, 40, 40, False),
        ("C", "Akta kelahiran dan kematian", "DISDUKCAPIL", "akta-kelahiran", 15, 2, 40, 40, False),
    ],
    "mpp": [
        ("P", "Perizinan berusaha (DPMPTSP)", "DPMPTSP", "izin-usaha-mikro", 15, 2, 40, 40, False),
        ("K", "Kependudukan (Disdukcapil)", "DISDUKCAPIL", "", 10, 3, 60, 60, False),
    ],
}
# site → [(number, name, unit, service prefixes)]
COUNTERS = {
    "rsud-rawat-jalan": [
        (1, "Loket 1 Pendaftaran", "RSUD", "R"),
        (2, "Loket 2 Pendaftaran", "RSUD", "R"),
        (3, "Ruang Poli Penyakit Dalam", "RSUD", "A"),
        (4, "Ruang Poli Anak", "RSUD", "B"),
        (5, "Ruang Poli Gigi", "RSUD", "C"),
        (6, "Ruang Poli Kandungan", "RSUD", "D"),
    ],
    "disdukcapil": [
        (1, "Loket 1", "DISDUKCAPIL", "A"),
        (2, "Loket 2", "DISDUKCAPIL", "AB"),
        (3, "Loket 3", "DISDUKCAPIL", "BC"),
        (4, "Loket 4", "DISDUKCAPIL", "C"),
    ],
    "mpp": [
        (1, "Loket 1 DPMPTSP", "DPMPTSP", "P"),
        (2, "Loket 2 DPMPTSP", "DPMPTSP", "P"),
        (3, "Loket 3 Disdukcapil", "DISDUKCAPIL", "K"),
        (4, "Loket 4 Disdukcapil", "DISDUKCAPIL", "K"),
    ],
}
# RSUD doctors: (name, poli prefix, weekdays, starts, ends)
DOCTORS = [
    ("dr. Andi Pratama, Sp.PD", "A", (0, 2, 4), "08:00", "12:00"),
    ("dr. Maria Simanjuntak, Sp.PD", "A", (1, 3), "08:00", "12:00"),
    ("dr. Rahmat Hidayat, Sp.A", "B", (0, 1, 2, 3, 4), "08:00", "11:00"),
    ("dr. Dewi Lestari, Sp.A", "B", (0, 2), "11:00", "13:00"),
    ("drg. Yusuf Kurniawan", "C", (0, 1, 2, 3, 4), "08:00", "12:00"),
    ("dr. Sri Wahyuni, Sp.OG", "D", (0, 1, 3), "08:00", "12:00"),
    ("dr. Hendra Saputra, Sp.OG", "D", (2, 4, 5), "08:00", "11:00"),
]
ENGLISH = {
    "RSUD Beriman: Instalasi Rawat Jalan": "Beriman Hospital: Outpatient Building",
    "Kantor Disdukcapil": "Civil Registry Office (Disdukcapil)",
    "Mal Pelayanan Publik": "Public Service Mall",
    "Pendaftaran dan BPJS": "Registration and BPJS",
    "Poli Penyakit Dalam": "Internal Medicine Clinic",
    "Poli Anak": "Paediatric Clinic",
    "Poli Gigi dan Mulut": "Dental Clinic",
    "Poli Kandungan": "Obstetrics and Gynaecology Clinic",
    "KTP elektronik": "Electronic ID card (KTP-el)",
    "Kartu Keluarga": "Family card (KK)",
    "Akta kelahiran dan kematian": "Birth and death certificates",
    "Perizinan berusaha (DPMPTSP)": "Business licensing (DPMPTSP)",
    "Kependudukan (Disdukcapil)": "Civil registration (Disdukcapil)",
}
ANNOUNCEMENT_EN = "Welcome. Have your booking code ready at the check-in kiosk."
OFFICERS = [
    # (e-mail local part, name, unit code, title); loket.mpp comes from assisted.demo
    ("loket.rsud", "Petugas Loket RSUD", "RSUD", "Petugas loket pendaftaran RSUD"),
    ("loket.disdukcapil", "Petugas Loket Disdukcapil", "DISDUKCAPIL", "Petugas loket"),
]


def _t(value: str) -> time:
    return time.fromisoformat(value)


def _site(slug, unit, name, kind, address, hours):
    site, _ = Site.objects.get_or_create(
        slug=slug,
        defaults={
            "org_unit": unit,
            "name": name,
            "name_en": ENGLISH.get(name, ""),
            "announcement_en": ANNOUNCEMENT_EN,
            "kind": kind,
            "address": address,
            "announcement": "Selamat datang. Siapkan kode booking Anda di kios pendaftaran.",
        },
    )
    if not site.hours.exists():
        for days, opens, closes in hours:
            for day in days:
                OpeningHours.objects.create(
                    site=site, weekday=day, opens=_t(opens), closes=_t(closes)
                )
    return site


def load_sites() -> list[Site]:
    from satupintu.catalog.models import Service

    units = {u.code: u for u in OrgUnit.objects.filter(code__in=["RSUD", "DISDUKCAPIL", "DPMPTSP"])}
    if len(units) < 3:
        return []
    sites = []
    for slug, unit, name, kind, address, hours in SITES:
        site = _site(slug, units[unit], name, kind, address, hours)
        sites.append(site)
        by_prefix = {}
        for prefix, sname, sunit, catalog, minutes, per_slot, online, walkin, doctor in SERVICES[
            slug
        ]:
            service, _ = QueueService.objects.get_or_create(
                site=site,
                prefix=prefix,
                defaults={
                    "name": sname,
                    "name_en": ENGLISH.get(sname, ""),
                    "org_unit": units[sunit],
                    "slot_minutes": minutes,
                    "slot_capacity": per_slot,
                    "online_quota": online,
                    "walkin_quota": walkin,
                    "needs_practitioner": doctor,
                    "catalog_service": Service.objects.filter(slug=catalog).first()
                    if catalog
                    else None,
                },
            )
            by_prefix[prefix] = service
        for number, cname, cunit, prefixes in COUNTERS[slug]:
            counter, created = Counter.objects.get_or_create(
                site=site, number=number, defaults={"name": cname, "org_unit": units[cunit]}
            )
            if created:
                counter.services.set([by_prefix[p] for p in prefixes])
        if kind == Site.Kind.HOSPITAL:
            for dname, prefix, days, starts, ends in DOCTORS:
                doctor, created = Practitioner.objects.get_or_create(site=site, name=dname)
                if created:
                    for day in days:
                        PracticeSchedule.objects.create(
                            practitioner=doctor,
                            service=by_prefix[prefix],
                            weekday=day,
                            starts=_t(starts),
                            ends=_t(ends),
                        )
            if not FhirClient.objects.filter(site=site).exists():
                clients.issue(site, "SIMRS RSUD (demo)", write=True, token=DEMO_FHIR_TOKEN)
    return sites


def load(*, password: str, domain: str) -> int:
    load_sites()
    return demo_officers(OFFICERS, role=Membership.Role.COUNTER, password=password, domain=domain)
