"""Demo complaints for the dashboards (loaded by `load_demo_data`, demo mode only; safe to run
again): 60 anonymous complaints over the last 45 days in several kelurahan, verified to their
units, some answered and closed, and twelve of DPU's past their deadline, then the rollup of
those days — so /kantor/dasbor/ shows "DPU: 12" overdue and /transparansi/ has figures."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from satupintu.cases import services as case_services
from satupintu.cases.models import Case, Category
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.dashboards import rollup
from satupintu.org.models import Membership, Region

DAYS = 45
MARK = "demo-dasbor"
KELURAHAN = ["64.71.05.1002", "64.71.05.1003", "64.71.02.1001", "64.71.03.1001", "64.71.01.1003"]
PLAN = [  # category code, how many, closed share
    ("jalan-rusak", 18, 0.3),
    ("drainase-banjir", 8, 0.4),
    ("lampu-jalan", 10, 0.7),
    ("sampah", 12, 0.8),
    ("layanan-kesehatan", 6, 0.6),
    ("adminduk", 6, 0.9),
]


def _coordinator():
    membership = (
        Membership.objects.filter(
            role=Membership.Role.COORDINATOR, org_unit__parent=None, is_active=True
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def load() -> int:
    if Case.objects.filter(attributes__demo=MARK).exists():
        return 0
    by = _coordinator()
    regions = list(Region.objects.filter(code__in=KELURAHAN)) or [None]
    rng = random.Random(MARK)  # noqa: S311 - demo data, repeatable
    today = timezone.localdate()
    made = 0
    for code, count, closed_share in PLAN:
        category = Category.objects.filter(code=code).first()
        if category is None or by is None:
            continue
        for i in range(count):
            case, _secret = file_complaint(
                channel=Case.Channel.WEB,
                subtype="pengaduan",
                category=category,
                title=f"{category.name} (contoh {i + 1})",
                description="Laporan contoh untuk dasbor pimpinan dan halaman transparansi.",
                identity=Identity.ANONYMOUS,
                kelurahan=rng.choice(regions),
                attributes={"demo": MARK},
            )
            case_services.perform(case, "verify", actor=by, role="coordinator")
            ago = rng.randrange(1, DAYS)
            filed = timezone.make_aware(
                datetime.combine(today - timedelta(days=ago), time(8 + rng.randrange(8)))
            )
            overdue = code == "jalan-rusak" and i < 12
            closed = not overdue and rng.random() < closed_share
            answered = filed + timedelta(hours=rng.randrange(2, 72))
            if overdue:
                due = today - timedelta(days=1 + i)
            elif closed:
                due = filed.date() + timedelta(days=rng.choice((2, 10)))
            else:
                due = today + timedelta(days=7)
            Case.objects.filter(pk=case.pk).update(
                created_at=filed,
                verified_at=filed + timedelta(hours=1),
                first_response_at=answered if (closed or rng.random() < 0.5) else None,
                closed_at=answered + timedelta(days=rng.randrange(0, 6)) if closed else None,
                status="selesai" if closed else "diproses",
                due_date=due,
            )
            made += 1
    rollup.rollup_range(today - timedelta(days=DAYS), today)
    return made
