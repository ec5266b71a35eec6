"""A second city proves the configuration is data: an invented kabupaten (desa instead of
kelurahan, WIT, its own OPDs, two services, one complaint category) loads from its own files
into an empty database, and its citizens' and staff's journeys run with nothing of Balikpapan
in any page, PDF or message."""

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from satupintu.applications.tests.staff_fixtures import signing_keys  # noqa: F401
from satupintu.cases.models import Case, Category
from satupintu.catalog.models import Service
from satupintu.cityconfig.services import import_city_config
from satupintu.documents.models import Signatory
from satupintu.dprd.models import Member, SubmissionWindow
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.testing.factories import UserFactory, make_staff

CITY_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "kabupaten-contoh"
# Balikpapan's names, its Kemendagri code, its OPD names and its map centre.
BALIKPAPAN = re.compile(
    r"balikpapan|64\.71|-1\.23|116\.85|sepinggan|klandasan|beriman", re.IGNORECASE
)


def _clean(text: str, where: str) -> str:
    found = BALIKPAPAN.search(text)
    assert found is None, f"{where}: {text[max(0, found.start() - 80) : found.end() + 80]}"
    return text


def _page(client, url, where=None, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return _clean(response.content.decode(), where or url)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def kabupaten(db, settings):
    from satupintu.org.services import import_reference_data

    settings.CITY_REGION_CODE = "94.09"
    settings.TIME_ZONE = "Asia/Jayapura"
    settings.MAP_CENTER = (-2.61, 140.52)
    import_reference_data(CITY_DIR)
    summary = import_city_config(CITY_DIR)
    assert summary.counts["services"]["created"] == 2
    return summary


def test_the_kabupaten_loads_with_desa_its_own_offices_and_wit(kabupaten):
    assert Region.objects.filter(level=Region.Level.VILLAGE).count() == 3
    assert not Region.objects.filter(level=Region.Level.URBAN_VILLAGE).exists()
    assert OrgUnit.objects.get(code="PEMKOT").name == "Pemerintah Kabupaten Lembah Sunyi"
    assert set(Service.objects.values_list("org_unit__code", flat=True)) == {
        "DKPS-LS",
        "DPUPR-LS",
    }
    assert Category.objects.get().rules.get().region.code == "94.09.02"
    assert str(timezone.get_current_timezone()) == "Asia/Jayapura"
    assert list(SubmissionWindow.objects.values_list("planning_year", flat=True)) == [2027, 2028]
    assert Signatory.objects.get().org_unit.code == "DKPS-LS"
    # Its council, from dprd.yaml: one term, its own fraksi, members in its own dapil.
    assert sorted(Member.objects.values_list("slug", "faction__code", "district__number")) == [
        ("maria-rekaan", "FRAKSI-LEMBAH", 1),
        ("yakobus-fiktif", "FRAKSI-SUNGAI", 2),
        ("yuliana-andai", "FRAKSI-SUNGAI", 1),
    ]
    assert kabupaten.counts["dprd.members.positions"]["created"] == 3
    for code in ("64.71", "DISDUKCAPIL"):
        assert not Region.objects.filter(code=code).exists()
        assert not OrgUnit.objects.filter(code=code).exists()


def test_complaint_journey_citizen_and_staff(kabupaten, client, django_capture_on_commit_callbacks):
    _page(client, "/")
    form = _page(client, reverse("complaints:new"))
    assert "Kampung Pelangi" in form and "Jembatan kayu rusak" in form
    # Its villages are desa: the form says so, never "Kelurahan".
    assert "— pilih desa —" in form and "Kelurahan" not in form
    data = {
        "subtype": "pengaduan",
        "category": Category.objects.get().pk,
        "title": "Jembatan putus",
        "description": "Jembatan kayu ke kebun putus sejak hujan deras minggu lalu, anak sekolah "
        "menyeberang sungai.",
        "kelurahan": Region.objects.get(code="94.09.01.2001").pk,
        "rt": "2",
        "street": "Jalan kebun",
        "identity": "named",
        "reporter_name": "Yosina",
        "reporter_email": "yosina@contoh.id",
        "reporter_phone": "",
        "idempotency_key": "ls-1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert case.org_unit.code == "DPUPR-LS"
    _page(client, response["Location"])

    coordinator = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    operator = make_staff(OrgUnit.objects.get(code="DPUPR-LS"))
    client.force_login(coordinator)
    _page(client, reverse("cases:staff_detail", args=[case.tracking_code]))
    client.post(
        reverse("cases:act", args=[case.tracking_code]),
        {"action": "verify", "org_unit": "DPUPR-LS"},
    )
    client.force_login(operator)
    assert case.tracking_code in _page(client, reverse("cases:inbox"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:act", args=[case.tracking_code]),
            {"action": "resolve", "note": "Jembatan sudah disambung dengan kayu baru."},
        )
    case.refresh_from_db()
    assert case.status == "dijawab"
    assert mail.outbox
    for message in mail.outbox:
        _clean(message.subject + message.body, "e-mail")
    client.logout()
    public = _page(client, reverse("cases:track", args=[case.tracking_code]))
    assert "Jembatan sudah disambung" in public


def test_application_journey_citizen_and_staff(
    kabupaten,
    client,
    signing_keys,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from satupintu.applications.models import Application
    from satupintu.documents import services as documents

    unit = OrgUnit.objects.get(code="DKPS-LS")
    ca = documents.create_demo_ca(key=signing_keys["ca"])
    documents.issue_demo_identity(ca=ca, org_unit=unit, key=signing_keys["unit"])
    citizen = UserFactory(full_name="Markus Wenda")

    _page(client, reverse("catalog:list") if _has_route("catalog:list") else "/layanan/")
    detail = _page(client, "/layanan/surat-keterangan-lahir-desa/")
    assert "Keterangan dari bidan kampung" in detail and "Lembah Sunyi" in detail

    client.force_login(citizen)
    response = client.get(reverse("applications:start", args=["surat-keterangan-lahir-desa"]))
    url = response["Location"]
    _page(client, url)
    response = client.post(url, {"nama_anak": "Yakob", "nama_kampung": "Kampung Pelangi"})
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            assert response.status_code == 302, response.content.decode()[:3000]
            url = response["Location"]
            if "/terkirim/" in url:
                break
            page = _page(client, url)
            data = {"declaration": "on"} if 'name="declaration"' in page else {}
            response = client.post(url, data)
    application = Application.objects.get()
    case = application.case
    _page(client, url)
    _page(client, reverse("applications:my_list"))

    operator = make_staff(unit, Membership.Role.OPERATOR)
    head = make_staff(unit, Membership.Role.HEAD)
    staff_url = reverse("applications:staff_detail", args=[case.tracking_code])
    for actor in (operator, head):
        client.force_login(actor)
        _page(client, reverse("applications:staff_queue"))
        _page(client, staff_url)
        application.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("applications:staff_act", args=[case.tracking_code]),
                {"action": "advance", "expected_step_id": application.current_step_id},
            )
        assert response.status_code == 302
    case.refresh_from_db()
    application.refresh_from_db()
    assert application.result_document is not None
    assert "472.11" in application.result_document.number

    client.force_login(citizen)
    response = client.get(reverse("applications:result", args=[case.tracking_code]))
    assert response.status_code == 200
    pdf = _clean(_pdf_text(b"".join(response)), "result PDF")
    assert "Yakob" in pdf and "LEMBAH SUNYI" in pdf
    # The signature block names the official designated in signatories.yaml.
    assert "Yohanes Wenda, S.Sos." in pdf and "NIP. 197801012005011002" in pdf
    receipt = client.get(reverse("applications:receipt", args=[case.tracking_code]))
    if receipt.status_code == 200:
        _clean(_pdf_text(b"".join(receipt)), "receipt PDF")
    for message in mail.outbox:
        _clean(message.subject + message.body, "e-mail")


def _has_route(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_the_council_pages_show_the_kabupaten_own_dprd(kabupaten, client):
    home = _page(client, "/dprd/")
    assert "Fraksi Lembah Bersatu" in home and "Komisi A" in home
    member = _page(client, "/dprd/anggota/maria-rekaan/")
    assert "Maria Rekaan" in member and "Lembah Sunyi 1" in member
