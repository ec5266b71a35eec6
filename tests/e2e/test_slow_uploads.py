"""Uploads on a weak 3G link at the edge of the city (issue #16): Chromium's own network
emulation (CDP `Network.emulateNetworkConditions`) at 50 KB/s up and down with 400 ms latency.

- JavaScript on, an application: a 1.9 MB scan and a 4 MB phone photo reach the server (the
  photo shrunk in the browser first), the connection is cut in the middle of the scan and the
  upload resumes where the server says it stopped, and the application is submitted.
- JavaScript off, a complaint: a 2 MB file goes as a plain multipart post and succeeds.
- A 25 MB file is refused in the browser before a byte of it is sent.

These journeys are slow by nature (the link is): the pages are opened before the link is
throttled where that changes nothing, and every other file is small. Test files are generated
in the test's temporary directory.
"""

import io
import random
import re
import time

import pytest
from PIL import Image

from satupintu.applications.models import Application
from satupintu.applications.tests.conftest import STEP_ONE, STEP_TWO, make_service, pdf_bytes
from satupintu.cases.models import CaseAttachment
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import UserFactory
from satupintu.uploads.models import Upload
from tests.e2e.test_application_journey import citizen_login
from tests.e2e.test_complaints_journeys import (  # noqa: F401 - fixtures
    categories,
    fill_complaint,
    media_root,
    submit_complaint,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KB = 1024
WEAK_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50 * KB,
    "uploadThroughput": 50 * KB,
}
OFFLINE = {**WEAK_3G, "offline": True}


def throttle(page, conditions=WEAK_3G):
    session = getattr(page, "_sp_cdp", None)
    if session is None:
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        page._sp_cdp = session
    session.send("Network.emulateNetworkConditions", conditions)


def scan_pdf(path, size):
    path.write_bytes(pdf_bytes(size))
    return path


def phone_photo(path, target=4 * 2**20):
    """A 4032 × 3024 JPEG of about `target` bytes, like a phone camera's."""
    rng = random.Random(7)
    small = Image.frombytes("RGB", (504, 378), rng.randbytes(504 * 378 * 3))
    image = small.resize((4032, 3024), Image.Resampling.BICUBIC)
    for quality in (95, 90, 85, 80, 70, 60):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality)
        if buffer.tell() <= target * 1.1:
            break
    path.write_bytes(buffer.getvalue())
    return path


class Requests:
    """The upload requests the page makes, as the browser sends them."""

    def __init__(self, page):
        self.seen = []
        page.on("request", self.record)

    def record(self, request):
        if "/unggah/" in request.url:
            self.seen.append(request.method)

    def count(self, method):
        return self.seen.count(method)


@pytest.fixture
def applicant(reference_data_live, media_root):  # noqa: F811
    from satupintu.applications.services import citizen as citizen_services

    service = make_service(OrgUnit.objects.get(code="DPU"))
    citizen = UserFactory(full_name="Warga Pinggiran")
    draft = citizen_services.start_draft(user=citizen, service=service)
    for index, answers in enumerate([STEP_ONE, STEP_TWO]):
        assert citizen_services.save_step(draft, index, answers, actor=citizen).is_valid()
    return citizen, draft


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_scan_and_phone_photo_on_weak_3g_with_a_dropped_link(applicant, new_context, tmp_path):
    citizen, draft = applicant
    scan = scan_pdf(tmp_path / "surat-lahir-scan.pdf", int(1.9 * 2**20))
    kk = scan_pdf(tmp_path / "kk.pdf", 20_000)
    photo = phone_photo(tmp_path / "IMG_20261205_101112.jpg")
    assert photo.stat().st_size > 3 * 2**20  # more than the requirement's 2 MB

    page = citizen_login(new_context, citizen)
    page.set_default_timeout(180_000)
    page.goto(f"/permohonan/draf/{draft.public_id}/langkah/3/")
    requests = Requests(page)
    throttle(page)

    page.get_by_label("Surat keterangan lahir").set_input_files(scan)
    status = page.locator("#doc-surat-lahir-status")
    # Progress with the time remaining, then the link drops for a few seconds mid-upload.
    status.get_by_text(re.compile(r"sekitar .* lagi")).wait_for()

    def received():
        upload = Upload.objects.filter(filename=scan.name).first()
        return upload.offset if upload else 0

    assert wait_for(lambda: received() > 0.3 * scan.stat().st_size, 90)
    throttle(page, OFFLINE)
    at_cut = received()
    status.get_by_text(re.compile("Koneksi terputus")).wait_for()
    time.sleep(2)
    throttle(page, WEAK_3G)
    page.locator("#doc-surat-lahir-kept").get_by_text("surat-lahir-scan.pdf").wait_for()
    # Resumed from the server's offset (HEAD) on the same upload, not started again: one
    # creation, and the server's offset never went back.
    assert requests.count("POST") == 1 and requests.count("HEAD") >= 1
    assert Upload.objects.get(filename=scan.name).offset == scan.stat().st_size > at_cut > 0

    page.get_by_label("Kartu keluarga").set_input_files(kk)
    page.get_by_label("KTP orang tua").set_input_files(photo)
    page.locator("#doc-ktp-ortu-kept").get_by_text("IMG_20261205_101112.jpg").wait_for()
    page.locator("#doc-kk-kept").get_by_text("kk.pdf").wait_for()
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/4/")
    page.get_by_label(re.compile("Saya menyatakan")).check()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/permohonan/PMH-[A-Z0-9]+/terkirim/$"))

    application = Application.objects.get(case__submitter=citizen)
    documents = {d.requirement.code: d for d in application.documents.all()}
    assert documents["surat-lahir"].size == scan.stat().st_size
    with documents["surat-lahir"].file.open("rb") as stored:
        assert stored.read() == scan.read_bytes()
    shrunk = documents["ktp-ortu"]
    assert shrunk.content_type == "image/jpeg" and shrunk.size < 2 * 2**20
    with shrunk.file.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 1600


def test_plain_multipart_post_of_2_mb_with_javascript_off(
    categories,  # noqa: F811
    new_context,
    tmp_path,
):
    scan = scan_pdf(tmp_path / "bukti-2mb.pdf", 2 * 2**20)
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(180_000)
    page.goto("/aduan/baru/")
    assert page.locator(".upload-progress").count() == 0
    fill_complaint(
        page,
        title="Jalan amblas di ujung kota",
        name="Budi",
        email="budi@contoh.id",
        files=[scan],
    )
    throttle(page)
    code = submit_complaint(page)
    attachment = CaseAttachment.objects.get(case__tracking_code=code)
    assert attachment.original_name == "bukti-2mb.pdf"
    assert attachment.size == scan.stat().st_size
    assert not Upload.objects.exists()  # no resumable upload without JavaScript


def test_a_25_mb_file_is_refused_before_it_is_sent(categories, new_context, tmp_path):  # noqa: F811
    big = scan_pdf(tmp_path / "terlalu-besar.pdf", 25 * 2**20)
    page = new_context().new_page()
    page.goto("/aduan/baru/")
    requests = Requests(page)
    throttle(page)
    page.get_by_label("Foto atau dokumen").set_input_files(big)
    alert = page.locator("#id_files-status [role=alert]")
    alert.wait_for(timeout=60_000)
    assert "terlalu besar" in alert.inner_text() and "10 MB" in alert.inner_text()
    assert requests.seen == []  # not even the creation request
    assert page.locator("#id_files").input_value() == ""  # the form will not carry it either
    assert not Upload.objects.exists()
