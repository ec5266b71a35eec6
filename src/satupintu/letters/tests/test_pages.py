"""The pages a phone user goes through: register → dispose → report; draft → sign → send."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satupintu.letters import services
from satupintu.letters.models import Disposition, Letter
from satupintu.letters.tests.conftest import register

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Mobile"}


def test_officer_registers_a_letter_with_a_scan(client, org, code):
    client.force_login(org.tu_setda)
    assert client.get("/kantor/surat/masuk/baru/").status_code == 200
    scan = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        "/kantor/surat/masuk/baru/",
        {
            "unit": org.setda.pk,
            "sender_name": "Kementerian Dalam Negeri",
            "external_number": "400/123/OTDA",
            "external_date": "2026-01-02",
            "subject": "Evaluasi penyelenggaraan pemerintahan",
            "sifat": "penting",
            "classification": "000.5.3.1 Registrasi naskah masuk/keluar",
            "scans": [scan],
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kantor/surat/{letter.pk}/"
    assert letter.agenda_number == 1 and letter.files.count() == 1
    # Same letter again: flagged, not registered.
    again = client.post(
        "/kantor/surat/masuk/baru/",
        {
            "unit": org.setda.pk,
            "sender_name": "Kementerian Dalam Negeri",
            "external_number": "400/123/OTDA",
            "external_date": "2026-01-02",
            "subject": "Evaluasi",
            "sifat": "biasa",
            "classification": "000.5.3.1",
        },
    )
    assert again.status_code == 200
    assert "sudah diagendakan" in again.content.decode()
    assert Letter.objects.count() == 1


def test_classification_by_words(client, org):
    client.force_login(org.tu_setda)
    page = client.get("/kantor/surat/klasifikasi/", {"q": "naskah"}).content.decode()
    assert "000.5.3.1" in page


def test_sekda_disposes_in_one_form_and_sees_the_tree(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    page = client.get("/kantor/surat/", **PHONE).content.decode()
    assert letter.subject in page
    detail = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    assert "Disposisikan" in detail and str(org.asisten1) in detail
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(
        f"/kantor/surat/{letter.pk}/disposisi/",
        {
            "people": [org.asisten1.pk, org.asisten2.pk],
            "instructions": ["ditindaklanjuti"],
            "urgency": "segera",
            "due_date": due,
        },
    )
    assert response.status_code == 302
    assert Disposition.objects.filter(letter=letter).count() == 2

    client.force_login(org.asisten2)
    detail = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    assert "Disposisi untuk Anda" in detail
    client.post(
        f"/kantor/surat/{letter.pk}/disposisi/",
        {
            "people": [org.kadis_dpu.pk],
            "instructions": ["koordinasikan"],
            "urgency": "biasa",
            "due_date": due,
        },
    )
    d = Disposition.objects.get(to_user=org.kadis_dpu)
    client.force_login(org.kadis_dpu)
    client.post(f"/kantor/surat/disposisi/{d.pk}/lapor/", {"report": "Sudah ditangani"})
    d.refresh_from_db()
    assert d.done_at is not None

    client.force_login(org.sekda)
    tree = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    assert "Sudah ditangani" in tree and str(org.kadis_dpu) in tree
    figures = client.get("/kantor/surat/kinerja/").content.decode()
    assert str(org.asisten1) in figures and "100%" in figures


def test_past_due_date_from_the_form_is_refused(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    response = client.post(
        f"/kantor/surat/{letter.pk}/disposisi/",
        {
            "people": [org.asisten1.pk],
            "instructions": ["ditindaklanjuti"],
            "urgency": "biasa",
            "due_date": "2020-01-01",
        },
        follow=True,
    )
    assert "sudah lewat" in response.content.decode()
    assert not Disposition.objects.exists()


def test_withdraw_button_works_while_unread(client, org, code):
    letter = register(org.tu_setda, org.setda)
    (d,) = services.dispose(
        actor=org.sekda,
        letter=letter,
        to_users=[org.asisten1],
        instructions=["diketahui"],
        due_date=timezone.localdate(),
    )
    client.force_login(org.sekda)
    client.post(f"/kantor/surat/disposisi/{d.pk}/tarik/")
    d.refresh_from_db()
    assert d.withdrawn_at is not None


def test_outgoing_pages(client, org, code):
    client.force_login(org.staff_bm)
    assert client.get("/kantor/surat/keluar/baru/").status_code == 200
    response = client.post(
        "/kantor/surat/keluar/baru/",
        {
            "unit": org.dpu_bm.pk,
            "subject": "Undangan rapat teknis",
            "sifat": "biasa",
            "classification": "000.1.5",
            "body": "Dengan hormat, kami mengundang ...",
            "signer": org.kadis_dpu.pk,
            "recipient_units": [org.dinkes.pk],
        },
    )
    letter = Letter.objects.get(direction="keluar")
    assert response.status_code == 302
    client.post(f"/kantor/surat/{letter.pk}/ajukan/")
    client.post(f"/kantor/surat/{letter.pk}/kirim/", follow=True)  # unsigned: refused
    letter.refresh_from_db()
    assert letter.status == Letter.Status.TO_SIGN
    client.force_login(org.kadis_dpu)
    client.post(f"/kantor/surat/{letter.pk}/tandatangan/")
    client.post(f"/kantor/surat/{letter.pk}/kirim/")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT and letter.letter_number
    assert client.get(f"/kantor/surat/{letter.pk}/cetak/").status_code == 200
    assert Letter.objects.filter(org_unit=org.dinkes, source_letter=letter).exists()
    assert client.get("/kantor/surat/keluar/").status_code == 200


def test_backoffice_home_lists_the_module(client, org):
    client.force_login(org.tu_setda)
    assert "/kantor/surat/" in client.get("/kantor/").content.decode()
