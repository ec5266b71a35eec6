import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from satupintu.cases import services as case_services
from satupintu.cases.models import Case, Category, SlaTier
from satupintu.cases.workflow import COORDINATOR, REPORTER, UNIT
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.complaints.workflow import KIND
from satupintu.open311 import services
from satupintu.org.models import OrgUnit, Region

KELURAHAN_CODE = "64.71.05.1002"
REPORTER_NAME = "Budi Santoso"
REPORTER_EMAIL = "budi.rahasia@contoh.id"
REPORTER_PHONE = "+6281234567890"


@pytest.fixture
def frozen_minute(monkeypatch):
    """Throttle counters live per clock minute: keep a test inside one."""
    from satupintu.open311 import throttle

    monkeypatch.setattr(throttle, "_now", lambda: 1_800_000_030.0)


@pytest.fixture
def categories(reference_data):
    # get_or_create: live-server tests run on a flushed database without migration data.
    tier, _ = SlaTier.objects.get_or_create(
        code="normatif", defaults={"name": "Normatif", "working_days": 5}
    )
    made = {}
    for order, (code, name, unit) in enumerate(
        [
            ("jalan-rusak", "Jalan rusak atau berlubang", "DPU"),
            ("sampah", "Sampah tidak diangkut", "DLH"),
            ("lainnya", "Lainnya", None),
        ],
        1,
    ):
        made[code] = Category.objects.create(
            kind=KIND,
            code=code,
            name=name,
            description=f"Laporan {name.lower()}.",
            sla_tier=tier,
            sort_order=order,
            default_org_unit=OrgUnit.objects.filter(code=unit).first() if unit else None,
        )
    made["lama"] = Category.objects.create(
        kind=KIND, code="lama", name="Kategori lama", sla_tier=tier, is_active=False
    )
    made["permohonan"] = Category.objects.create(
        kind="application", code="ktp", name="KTP elektronik", sla_tier=tier
    )
    return made


@pytest.fixture
def kelurahan(reference_data):
    return Region.objects.get(code=KELURAHAN_CODE)


@pytest.fixture
def api_key(db):
    key, raw = services.create_api_key(actor=None, name="Aplikasi Warga")
    key.raw = raw
    return key


@pytest.fixture
def make_case(categories, kelurahan):
    """A complaint through the real services, taken to `status` by the real transitions."""

    def make(
        status="terverifikasi",
        *,
        category="jalan-rusak",
        identity=Identity.NAMED,
        title="Jalan berlubang di depan sekolah",
        description=f"Saya {REPORTER_NAME}, lubangnya besar sekali di depan rumah saya.",
        summary=None,
        street="Jl. Mulawarman",
        latitude=Decimal("-1.237900"),
        longitude=Decimal("116.852900"),
        **extra,
    ):
        case, _secret = file_complaint(
            channel=Case.Channel.WEB,
            subtype="pengaduan",
            category=categories[category],
            title=title,
            description=description,
            identity=identity,
            reporter_name=REPORTER_NAME,
            reporter_email=REPORTER_EMAIL,
            reporter_phone=REPORTER_PHONE,
            kelurahan=kelurahan,
            rt="007",
            street=street,
            latitude=latitude,
            longitude=longitude,
            **extra,
        )
        steps = {
            "baru": [],
            "terverifikasi": [("verify", COORDINATOR)],
            "diproses": [("verify", COORDINATOR), ("start", UNIT)],
            "menunggu_info": [("verify", COORDINATOR), ("request_info", UNIT)],
            "dijawab": [("verify", COORDINATOR), ("resolve", UNIT)],
            "selesai": [("verify", COORDINATOR), ("resolve", UNIT), ("close", REPORTER)],
            "diarsipkan": [("archive", COORDINATOR)],
        }[status]
        unit = case.org_unit or OrgUnit.objects.get(code="DPU")
        for action, role in steps:
            note = "Sudah ditambal hari ini." if action == "resolve" else ""
            # The coordinator approves (or writes) the public summary at verification.
            more = {"public_summary": summary} if action == "verify" else {}
            case_services.perform(
                case, action, actor=None, role=role, note=note, org_unit=unit, **more
            )
        case.refresh_from_db()
        assert case.status == status
        return case

    return make


def xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ET.fromstring(response.content)  # noqa: S314 - our own test server's answer


def json_error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, list) and len(body) == 1
    assert body[0]["code"] == status and body[0]["description"]
    return body[0]["description"]


def xml_error(response, status):
    assert response.status_code == status, response.content
    root = xml(response)
    assert root.tag == "errors"
    errors = root.findall("error")
    assert len(errors) == 1
    assert errors[0].findtext("code") == str(status)
    assert errors[0].findtext("description")
    return errors[0].findtext("description")
