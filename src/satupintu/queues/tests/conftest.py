"""Sites for the queue tests: a small office of OPD A (DPU) and the RSUD with two doctors
of one polyclinic, on a Monday morning (7 December 2026, 07:00 WITA), with a clock that only
moves when a test moves it."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from satupintu.org.models import Membership, OrgUnit
from satupintu.queues.models import (
    Counter,
    OpeningHours,
    PracticeSchedule,
    Practitioner,
    QueueService,
    Site,
)
from satupintu.queues.services import BookingRequest
from satupintu.testing.factories import make_staff

WITA = ZoneInfo("Asia/Makassar")
MONDAY = date(2026, 12, 7)
TUESDAY = date(2026, 12, 8)
NIK = "6471055203850002"
NIK_2 = "6471051506900003"


def at(day, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=WITA)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(at(MONDAY, "07:00"), tick=False)
    return time_machine


def _hours(site, opens="08:00", closes="12:00"):
    for day in range(6):
        OpeningHours.objects.create(
            site=site,
            weekday=day,
            opens=time.fromisoformat(opens),
            closes=time.fromisoformat(closes),
        )


@pytest.fixture
def office(opd_a, clock):
    site = Site.objects.create(org_unit=opd_a, slug="kantor-dpu", name="Kantor DPU")
    _hours(site)
    service = QueueService.objects.create(
        site=site,
        org_unit=opd_a,
        name="Rekomendasi teknis",
        prefix="A",
        slot_minutes=30,
        slot_capacity=2,
        online_quota=5,
        walkin_quota=2,
    )
    other = QueueService.objects.create(
        site=site,
        org_unit=opd_a,
        name="Konsultasi",
        prefix="B",
        slot_minutes=30,
        slot_capacity=2,
        online_quota=5,
        walkin_quota=5,
    )
    c1 = Counter.objects.create(site=site, org_unit=opd_a, number=1)
    c1.services.set([service])
    c2 = Counter.objects.create(site=site, org_unit=opd_a, number=2)
    c2.services.set([service, other])
    return site


@pytest.fixture
def rsud(reference_data, clock):
    unit = OrgUnit.objects.get(code="RSUD")
    site = Site.objects.create(
        org_unit=unit, slug="rsud", name="RSUD Rawat Jalan", kind=Site.Kind.HOSPITAL
    )
    _hours(site, "07:30", "14:00")
    poli = QueueService.objects.create(
        site=site,
        org_unit=unit,
        name="Poli Anak",
        prefix="B",
        slot_minutes=30,
        slot_capacity=2,
        online_quota=10,
        walkin_quota=5,
        needs_practitioner=True,
    )
    registration = QueueService.objects.create(
        site=site,
        org_unit=unit,
        name="Pendaftaran",
        prefix="R",
        slot_minutes=10,
        slot_capacity=5,
        online_quota=0,
        walkin_quota=50,
    )
    for name in ("dr. Satu, Sp.A", "dr. Dua, Sp.A"):
        doctor = Practitioner.objects.create(site=site, name=name, identifier=f"N-{name[3:7]}")
        PracticeSchedule.objects.create(
            practitioner=doctor, service=poli, weekday=0, starts=time(8), ends=time(10)
        )
        PracticeSchedule.objects.create(
            practitioner=doctor, service=poli, weekday=1, starts=time(8), ends=time(10)
        )
    reg = Counter.objects.create(site=site, org_unit=unit, number=1, name="Pendaftaran")
    reg.services.set([registration])
    room = Counter.objects.create(site=site, org_unit=unit, number=2, name="Ruang Poli Anak")
    room.services.set([poli])
    return site


def request_for(service, day=MONDAY, hhmm="08:00", **kw) -> BookingRequest:
    defaults = {"name": "Siti Rahmawati", "phone": "+6281234567890"}
    defaults.update(kw)
    return BookingRequest(service=service, day=day, slot_start=time.fromisoformat(hhmm), **defaults)


@pytest.fixture
def loket_a(opd_a):
    return make_staff(opd_a, Membership.Role.COUNTER, full_name="Loket DPU")


@pytest.fixture
def loket_rsud(reference_data):
    return make_staff(OrgUnit.objects.get(code="RSUD"), Membership.Role.COUNTER)


@pytest.fixture
def loket_disdukcapil(reference_data):
    return make_staff(OrgUnit.objects.get(code="DISDUKCAPIL"), Membership.Role.COUNTER)
