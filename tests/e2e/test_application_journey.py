"""An online application from search to a verified result document, in the browser.

The citizen finds "akte kelahiran" in the catalogue, fills the two form steps, loses the
browser after step 2 (the context is closed), logs in again in a new browser and resumes from
"Permohonan saya", uploads three documents (with JavaScript on: the upload goes through the
progress script) and submits. The operator asks for a new KK; the citizen re-uploads only that
file; the operator completes the front-office step; the head approves, which issues the signed
PDF. The citizen downloads it from the tracking page; its verification address says it is
valid, and a modified copy uploaded to /verifikasi/ is refused.
"""

import re

import pytest
from playwright.sync_api import expect

from satupintu.applications.models import Application
from satupintu.applications.tests.conftest import make_service, pdf_bytes, png_bytes
from satupintu.catalog.models import ResultTemplate, WorkflowStep
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import TEST_PASSWORD, UserFactory, make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RESULT_BODY = """
<h1>{{ service.name }}</h1>
<p>Nomor: {{ number }}</p>
<p>Diberikan kepada {{ holder_name }} untuk anak bernama {{ data.nama_anak }}.</p>
"""


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def files(tmp_path):
    paths = {
        "surat-lahir": tmp_path / "surat-lahir.pdf",
        "kk": tmp_path / "kk.pdf",
        "ktp-ortu": tmp_path / "ktp.png",
        "kk-baru": tmp_path / "kk-baru.png",
    }
    paths["surat-lahir"].write_bytes(pdf_bytes(40_000))
    paths["kk"].write_bytes(pdf_bytes(30_000))
    paths["ktp-ortu"].write_bytes(png_bytes(60, 40))
    paths["kk-baru"].write_bytes(png_bytes(80, 50))
    return paths


@pytest.fixture
def cast(reference_data_live, media_root):
    """The service (front office by the operator, then approval by the head, which issues the
    document), the unit's signing certificate, the citizen and the two officers."""
    from satupintu.documents import services as documents

    dpu = OrgUnit.objects.get(code="DPU")
    service = make_service(dpu, steps=0)
    WorkflowStep.objects.create(
        service=service,
        order=1,
        code="loket",
        name="Pemeriksaan berkas",
        role=WorkflowStep.Role.OPERATOR,
        working_days=1,
    )
    WorkflowStep.objects.create(
        service=service,
        order=2,
        code="persetujuan",
        name="Persetujuan kepala",
        role=WorkflowStep.Role.HEAD,
        working_days=2,
        is_approval=True,
    )
    ResultTemplate.objects.create(service=service, title="Kutipan Akta Kelahiran", body=RESULT_BODY)
    ca = documents.create_demo_ca()
    documents.issue_demo_identity(ca=ca, org_unit=dpu)
    return {
        "service": service,
        "citizen": UserFactory(full_name="Siti Rahmawati"),
        "operator": make_staff(dpu, Membership.Role.OPERATOR, full_name="Operator Loket"),
        "head": make_staff(dpu, Membership.Role.HEAD, full_name="Kepala Dinas"),
    }


CSP_ERRORS: list[str] = []


def citizen_login(new_context, user):
    page = new_context().new_page()
    # The upload script must run under the CSP (no inline script, no unsafe-inline).
    page.on(
        "console",
        lambda msg: CSP_ERRORS.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto("/akun/login/")
    form = page.locator("form[action='/akun/login/']")
    form.locator("[name='login']").fill(user.email)
    form.locator("[name='password']").fill(TEST_PASSWORD)
    form.locator("button[type='submit']").click()
    page.wait_for_url("**/akun/")
    return page


def message(page) -> str:
    return page.locator(".messages").inner_text()


def test_apply_correct_approve_download_and_verify(
    cast, files, new_context, live_server, assert_accessible, tmp_path
):
    citizen = cast["citizen"]
    service = cast["service"]
    CSP_ERRORS.clear()

    # --- Browser 1: find the service, fill steps 1 and 2, then the browser is gone. ---------
    page = citizen_login(new_context, citizen)
    page.goto("/layanan/?q=akte+kelahiran")
    page.get_by_role("link", name=service.name).first.click()
    page.get_by_role("link", name="Ajukan permohonan online").click()
    page.wait_for_url(re.compile(r"/permohonan/draf/[0-9a-f-]+/langkah/1/$"))
    assert_accessible(page)
    page.get_by_label("Nama anak").fill("Budi Santoso")
    page.get_by_label("Tanggal lahir").fill("2026-10-01")
    page.get_by_label("Jenis kelamin").select_option("L")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/2/")
    page.get_by_label("NIK ayah").fill("1234567890123456")  # wrong first
    page.get_by_label("Nomor KK").fill("6471050101200003")
    page.get_by_label("Nomor HP yang dapat dihubungi").fill("0812 3456 7890")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(page.locator("main")).to_contain_text("NIK tidak valid")
    page.wait_for_load_state()  # the refused page whole, before typing into it again
    assert page.get_by_label("Nomor KK").input_value() == "6471050101200003"
    page.get_by_label("NIK ayah").fill("6471054105900001")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/3/")
    page.context.close()  # the connection drops in a remote kelurahan

    # --- Browser 2: log in again, resume from "Permohonan saya". ---------------------------
    page = citizen_login(new_context, citizen)
    page.goto("/permohonan/")
    assert_accessible(page)
    page.locator("#draft-list").get_by_role("link", name=service.name, exact=True).click()
    page.wait_for_url("**/langkah/3/")
    page.get_by_role("link", name="Data orang tua").click()
    assert page.get_by_label("NIK ayah").input_value() == "6471054105900001"
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/3/")
    assert_accessible(page)
    page.get_by_label("Surat keterangan lahir").set_input_files(files["surat-lahir"])
    page.get_by_label("Kartu keluarga").set_input_files(files["kk"])
    page.get_by_label("KTP orang tua").set_input_files(files["ktp-ortu"])
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/4/")
    main = page.locator("main").inner_text()
    assert "6471********0001" in main and "6471054105900001" not in main
    assert "surat-lahir.pdf" in main and "ktp.png" in main
    assert_accessible(page)
    page.get_by_label(re.compile("Saya menyatakan")).check()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/permohonan/PMH-[A-Z0-9]+/terkirim/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    assert_accessible(page)
    with page.expect_download() as receipt:
        page.locator("#receipt-link").click()
    assert receipt.value.path().read_bytes().startswith(b"%PDF-")
    application = Application.objects.get(case__tracking_code=code)
    assert application.documents.count() == 3

    # --- The operator asks for a new KK. ---------------------------------------------------
    operator = log_in(new_context, cast["operator"])
    operator.goto(f"/kantor/permohonan/{code}/")
    operator.locator("summary", has_text="Minta perbaikan dari pemohon").click()
    operator.get_by_label("Kartu keluarga").check()
    operator.get_by_label("Apa yang perlu diperbaiki").fill("Foto KK buram, unggah ulang.")
    operator.get_by_role("button", name="Kirim permintaan perbaikan").click()
    operator.wait_for_load_state()
    application.refresh_from_db()
    assert application.case.status == "perlu_perbaikan"
    assert application.correction_codes == ["kk"]

    # --- The citizen re-uploads only the KK. -----------------------------------------------
    page.goto(f"/lacak/{code}/")
    assert "Perlu perbaikan" in page.locator("main").inner_text()
    page.locator("#correction-link").click()
    page.wait_for_url(f"**/permohonan/{code}/perbaikan/")
    assert page.locator("input[type=file]").count() == 1
    assert_accessible(page)
    page.get_by_label("Kartu keluarga").set_input_files(files["kk-baru"])
    page.get_by_role("button", name="Kirim perbaikan").click()
    page.wait_for_url(f"**/lacak/{code}/")
    assert "Perbaikan terkirim" in message(page)
    application.refresh_from_db()
    assert application.case.status == "diproses"
    current = application.documents.filter(superseded_at__isnull=True)
    assert {d.original_name for d in current} == {"surat-lahir.pdf", "kk-baru.png", "ktp.png"}

    # --- The operator completes the front office, the head approves and issues. ------------
    operator.goto(f"/kantor/permohonan/{code}/")
    operator.get_by_role("button", name=re.compile("Selesaikan langkah")).click()
    operator.wait_for_load_state()
    head = log_in(new_context, cast["head"])
    head.goto(f"/kantor/permohonan/{code}/")
    head.get_by_role("button", name=re.compile("Setujui")).click()
    head.wait_for_load_state()
    application.refresh_from_db()
    assert application.case.status == "selesai", application.case.status
    document = application.result_document
    assert document is not None

    # --- The citizen downloads the signed PDF from the tracking page. ----------------------
    page.goto(f"/lacak/{code}/")
    assert_accessible(page)
    with page.expect_download() as result:
        page.locator("#result-link").click()
    signed = result.value.path().read_bytes()
    assert signed.startswith(b"%PDF-")

    assert CSP_ERRORS == []

    # The QR code holds the verification address: it says the document is genuine.
    stranger = new_context().new_page()
    stranger.goto(f"/verifikasi/{document.token}/")
    assert "Dokumen asli" in stranger.locator("main").inner_text()

    # A modified copy (one byte of the signed content changed) is not valid.
    position = signed.index(b"/Type")
    modified = tmp_path / "diubah.pdf"
    modified.write_bytes(signed[:position] + b"/Typf" + signed[position + 5 :])
    stranger.goto("/verifikasi/")
    stranger.get_by_label("Berkas PDF").set_input_files(modified)
    stranger.get_by_role("button", name="Periksa berkas").click()
    stranger.wait_for_load_state()
    verdict = stranger.locator("main").inner_text()
    assert "Dokumen asli" not in verdict
    assert "tidak sah" in verdict.lower() or "tidak dikenal" in verdict.lower()
