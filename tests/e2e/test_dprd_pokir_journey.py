"""Issue 10's first journey, on a phone: a citizen of Kel. Sepinggan submits an E-Pokir
proposal with a photo, a volume and a line drawn on the map → it appears on the page of dapil
Balikpapan Selatan → three citizens support it → SETWAN verifies it → a member of that dapil
adopts it → the SIPD CSV and XLSX hold every field → each status change is public.

(The workflow verifies before a member adopts: a member adopts only what SETWAN has found
complete and eligible, `dprd/workflow.py`.)"""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from PIL import Image

from satupintu.dprd.exports import HEADER
from satupintu.dprd.models import Member, Proposal, SubmissionWindow
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import TOTP_SECRET, UserFactory, make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TITLE = "Semenisasi Gang Mawar RT 12 Sepinggan"


def citizen_page(new_context, live_server, user):
    client = Client()
    client.force_login(user)
    context = new_context(**PHONE)
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    return context.new_page()


def test_pokir_from_a_citizen_to_sipd_and_public_status(
    reference_data_live, new_context, live_server, assert_accessible, tmp_path, settings
):
    from allauth.mfa.totp.internal.auth import TOTP

    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    SubmissionWindow.objects.create(
        planning_year=today.year + 1,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=60),
    )
    setwan = make_staff(OrgUnit.objects.get(code="SETWAN"), full_name="Sari Setwan")
    member = Member.objects.filter(district__districts__name="Balikpapan Selatan").first()
    member.user = UserFactory(is_staff=True, full_name=member.name)
    member.save(update_fields=["user"])
    TOTP.activate(member.user, TOTP_SECRET)
    proposer, *supporters = [UserFactory(phone_verified=True) for _ in range(4)]
    photo = tmp_path / "gang-mawar.png"
    Image.new("RGB", (32, 32), "brown").save(photo, format="PNG")

    # 1. The citizen's form on a phone: every SIPD field, a photo, and a line drawn on the map.
    page = citizen_page(new_context, live_server, proposer)
    page.goto("/dprd/usulan/baru/")
    assert_accessible(page)
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill(
        "Gang Mawar becek dan berlubang setiap hujan; dilalui anak sekolah setiap hari."
    )
    page.get_by_label("Fisik", exact=True).check()
    page.locator("#id_affair").fill("Pekerjaan umum — jalan lingkungan")
    page.locator("#id_kelurahan").select_option(label="Sepinggan — Balikpapan Selatan")
    page.locator("#id_rt").fill("12")
    page.locator("#id_street").fill("Gg. Mawar, Jl. Marsma R. Iswahyudi")
    page.locator("#id_boundaries").fill("Dari mulut gang sampai musala Al-Ikhlas")
    page.locator("#id_volume").fill("350")
    page.locator("#id_volume_unit").fill("m")
    page.locator("#id_files").set_input_files([str(photo)])
    page.get_by_role("button", name="Gambar garis di peta").click()
    box = page.locator("#line-map-box")
    box.locator(".leaflet-container, .leaflet-pane").first.wait_for(state="attached")
    box.click(position={"x": 60, "y": 60})
    page.get_by_role("button", name="Tambah titik tengah peta").click()
    line_text = page.locator("#id_line").input_value()
    assert len(line_text.strip().splitlines()) == 2
    assert "2 titik" in page.locator("#line-map-status").inner_text()
    page.get_by_role("button", name="Kirim usulan").click()
    page.wait_for_url("**/dprd/usulan/POK-*/")
    proposal = Proposal.objects.select_related("case", "district").get()
    code = proposal.case.tracking_code
    assert proposal.district.districts.filter(name="Balikpapan Selatan").exists()
    assert len(proposal.line) == 2 and proposal.case.attachments.count() == 1
    assert proposal.volume == 350 and proposal.volume_unit == "m"
    assert_accessible(page)

    # 2. On the dapil's public page.
    page.goto(f"/dprd/dapil/{proposal.district.number}/")
    assert TITLE in page.locator("main").inner_text()

    # 3. Three citizens support it (once each; the count is public, the names never).
    for supporter in supporters:
        other = citizen_page(new_context, live_server, supporter)
        other.goto(f"/dprd/usulan/{code}/")
        other.get_by_role("button", name="Dukung usulan ini").click()
        other.wait_for_url(f"**/dprd/usulan/{code}/")
    proposal.refresh_from_db()
    assert proposal.support_count == 3

    # 4. SETWAN verifies on a phone; 5. the dapil's member adopts into their pokir.
    officer = log_in(new_context, setwan, **PHONE)
    officer.goto(f"/kantor/dprd/usulan/{code}/")
    officer.get_by_role("button", name="Verifikasi").click()
    officer.wait_for_url(f"**/kantor/dprd/usulan/{code}/")
    councillor = log_in(new_context, member.user, **PHONE)
    councillor.goto("/kantor/dprd/usulan/")
    councillor.get_by_role("link", name=code).click()
    councillor.get_by_role("button", name="Adopsi ke pokir").click()
    councillor.wait_for_url(f"**/kantor/dprd/usulan/{code}/")
    proposal.refresh_from_db()
    assert proposal.case.status == "diadopsi" and proposal.adopted_by == member

    # 6. The SIPD exports of the dapil: every column, every required field filled.
    officer.goto("/kantor/dprd/usulan/")
    row = officer.locator("li", has_text=f"{proposal.district.name}:")
    with officer.expect_download() as download:
        row.get_by_role("link", name="CSV").click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    (record,) = list(csv.DictReader(io.StringIO(text)))
    assert list(record) == HEADER
    for column in ("kode_usulan", "judul", "kelurahan", "rt", "alamat", "garis", "batas_lokasi"):
        assert record[column], column
    assert record["kode_usulan"] == code and record["volume"] == "350.00"
    assert record["anggota_dprd"] == member.name and record["jumlah_dukungan"] == "3"
    assert record["jumlah_foto"] == "1" and record["kelurahan"] == "Sepinggan"
    with officer.expect_download() as download:
        row.get_by_role("link", name="XLSX").click()
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and rows[1][0] == code and len(rows) == 2

    # 7. Through RKPD; each change is public, with its date, on the proposal's page.
    officer.goto(f"/kantor/dprd/usulan/{code}/")
    for button in ("Usulkan ke RKPD", "Diterima", "Dianggarkan"):
        officer.get_by_role("button", name=button, exact=True).click()
        officer.wait_for_url(f"**/kantor/dprd/usulan/{code}/")
    public = new_context(**PHONE).new_page()
    public.goto(f"/dprd/usulan/{code}/")
    history = public.locator("main").inner_text()
    for label in ("Diverifikasi", "Diadopsi", "Diusulkan ke RKPD", "Diterima", "Dianggarkan"):
        assert label in history, label
    assert timezone.localdate().strftime("%d-%m-%Y") in history
    assert proposer.email not in history and "Dukungan warga" in history
    public.get_by_role("button", name="Lihat garis di peta").click()
    public.locator("#line-map-box path.leaflet-interactive").wait_for()
    assert_accessible(public)
