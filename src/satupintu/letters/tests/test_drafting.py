"""Outgoing letters: the edit page, templates and kop surat, review return with a note,
changes after signing refused and audited, internal delivery, e-mail export."""

import pytest

from satupintu.core.models import AuditEvent
from satupintu.letters import selectors, services
from satupintu.letters.models import Letter, LetterTemplate, Review, UnitLetterSettings
from satupintu.letters.tests.test_outgoing import draft, to_sign
from satupintu.notifications.models import OutboxMessage
from satupintu.testing.factories import make_staff


def edit_url(letter):
    return f"/kantor/surat/keluar/{letter.pk}/ubah/"


def form_data(org, **overrides):
    data = {
        "letter_type": "undangan",
        "subject": "Undangan rapat teknis jalan",
        "sifat": "biasa",
        "classification": "000.1.5",
        "body": "Dengan hormat, kami mengundang Bapak/Ibu ...",
        "signer": org.kadis_dpu.pk,
        "reviewer_1": org.kabid_bm.pk,
        "reviewer_kind_1": "paraf",
        "recipient_units": [org.dinkes.pk],
        "copy_units": [org.setda.pk],
        "external_recipients": "Kepala Balai Jalan Nasional",
        "external_emails": "",
        "external_copies": "",
        "aksi": "simpan",
    }
    data.update(overrides)
    return data


def test_edit_page_prefilled_and_saved(client, org, code):
    letter = draft(org)
    client.force_login(org.staff_bm)
    page = client.get(edit_url(letter))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Permohonan data jalan rusak" in html and 'name="reviewer_1"' in html
    assert "Simpan konsep" in html and "Simpan dan ajukan" in html
    response = client.post(
        edit_url(letter),
        form_data(
            org,
            reviewer_1=org.tu_dpu.pk,
            reviewer_kind_1="verifikasi",
            reviewer_2=org.kabid_bm.pk,
            reviewer_kind_2="paraf",
            external_emails="balai@example.org\nBALAI@example.org",
        ),
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Undangan rapat teknis jalan"
    assert letter.letter_type == "undangan"
    assert letter.external_emails == "balai@example.org"
    steps = [(r.reviewer, r.kind) for r in letter.reviews.order_by("order")]
    assert steps == [(org.tu_dpu, Review.Kind.VERIFY), (org.kabid_bm, Review.Kind.INITIAL)]
    assert {(r.org_unit, r.is_copy) for r in letter.recipients.all()} == {
        (org.dinkes, False),
        (org.setda, True),
    }
    assert AuditEvent.objects.filter(action="letters.draft_updated").exists()


def test_bad_input_keeps_what_was_typed(client, org, code):
    letter = draft(org)
    client.force_login(org.staff_bm)
    response = client.post(
        edit_url(letter),
        form_data(org, external_emails="bukan-email", subject="Judul yang diketik"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Alamat e-mail tidak valid" in html and "Judul yang diketik" in html
    letter.refresh_from_db()
    assert letter.subject == "Permohonan data jalan rusak"


def test_same_reviewer_twice_refused(client, org, code):
    letter = draft(org)
    client.force_login(org.staff_bm)
    response = client.post(
        edit_url(letter), form_data(org, reviewer_2=org.kabid_bm.pk, reviewer_kind_2="paraf")
    )
    assert response.status_code == 400
    assert "sudah dipilih di urutan lain" in response.content.decode()


def test_returned_draft_note_shown_then_edited_and_resubmitted(
    client, org, code, django_capture_on_commit_callbacks
):
    letter = draft(org)
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    client.force_login(org.kabid_bm)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/kantor/surat/{letter.pk}/paraf/",
            {"decision": "kembalikan", "note": "Lengkapi data ruas jalan"},
        )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT
    assert letter.returned_note == "Lengkapi data ruas jalan"
    assert letter.returned_by == org.kabid_bm
    returned = OutboxMessage.objects.get(dedupe_key__startswith="letters:returned:")
    assert returned.recipient == org.staff_bm.email

    client.force_login(org.staff_bm)
    detail = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    assert "Lengkapi data ruas jalan" in detail and "Ubah konsep" in detail
    page = client.get(edit_url(letter)).content.decode()
    assert "Dikembalikan untuk diperbaiki" in page and "Lengkapi data ruas jalan" in page
    response = client.post(
        edit_url(letter), form_data(org, body="Data ruas: Jl. Soekarno-Hatta", aksi="ajukan")
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REVIEW and "Soekarno-Hatta" in letter.body
    client.force_login(org.kabid_bm)
    client.post(f"/kantor/surat/{letter.pk}/paraf/", {"decision": "setuju", "note": ""})
    letter.refresh_from_db()
    assert letter.status == Letter.Status.TO_SIGN


def test_under_review_cannot_be_edited(client, org, code):
    letter = draft(org)
    services.submit_outgoing(actor=org.staff_bm, letter=letter)
    client.force_login(org.staff_bm)
    response = client.get(edit_url(letter), follow=True)
    assert "sedang dalam proses paraf" in response.content.decode()
    with pytest.raises(services.LetterError):
        services.update_outgoing(actor=org.staff_bm, letter=letter, changes={"body": "x"})


def test_changes_after_signing_refused_with_message_and_audited(client, org, code):
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=to_sign(org))
    client.force_login(org.staff_bm)
    response = client.get(edit_url(letter), follow=True)
    assert "Surat yang sudah ditandatangani tidak dapat diubah." in response.content.decode()
    response = client.post(edit_url(letter), form_data(org, body="Diubah"), follow=True)
    assert "Surat yang sudah ditandatangani tidak dapat diubah." in response.content.decode()
    letter.refresh_from_db()
    assert letter.body == "Dengan hormat, ..."
    assert AuditEvent.objects.filter(
        action="letters.refused", data__reason="signed_is_final", data__action="letters.update"
    ).exists()


def test_only_the_drafter_edits_and_other_opd_gets_404(client, org, code):
    letter = draft(org)
    client.force_login(org.tu_dpu)  # same OPD, not the drafter
    response = client.post(edit_url(letter), form_data(org, body="Diubah"))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body == "Dengan hormat, ..."
    assert AuditEvent.objects.filter(action="letters.refused", data__reason="not_drafter").exists()
    client.force_login(org.tu_dinkes)
    assert client.get(edit_url(letter)).status_code == 404
    assert client.post(edit_url(letter), form_data(org)).status_code == 404


def test_kop_from_org_data_of_the_opd(org):
    org.dpu.address = "Jl. Ruhui Rahayu No. 1, Balikpapan"
    org.dpu.phone = "0542-123456"
    org.dpu.email = "dpu@balikpapan.go.id"
    org.dpu.save()
    kop = services.kop_for(org.dpu_bm)  # a bidang writes on its dinas's kop
    assert kop.unit == org.dpu
    assert kop.name == org.dpu.name
    assert kop.address == "Jl. Ruhui Rahayu No. 1, Balikpapan"
    assert "0542-123456" in kop.contact and "dpu@balikpapan.go.id" in kop.contact
    UnitLetterSettings.objects.create(
        org_unit=org.dpu, letterhead_name="DINAS PEKERJAAN UMUM", letterhead_contact="Kontak"
    )
    kop = services.kop_for(org.dpu_bm)
    assert (kop.name, kop.contact) == ("DINAS PEKERJAAN UMUM", "Kontak")
    assert kop.address == "Jl. Ruhui Rahayu No. 1, Balikpapan"


def test_template_fills_body_and_kop_shown(client, org, code):
    org.dpu.address = "Jl. Ruhui Rahayu No. 1"
    org.dpu.save()
    template = LetterTemplate.objects.create(
        name="Undangan DPU",
        letter_type="undangan",
        org_unit=org.dpu,
        body="Dalam rangka {perihal}, {unit} mengundang ...",
    )
    other = LetterTemplate.objects.create(
        name="Undangan Dinkes", letter_type="undangan", org_unit=org.dinkes, body="x"
    )
    letter = draft(org)
    client.force_login(org.staff_bm)
    page = client.get(edit_url(letter), {"templat": template.pk}).content.decode()
    assert f"Dalam rangka Permohonan data jalan rusak, {org.dpu.name} mengundang" in page
    assert "Jl. Ruhui Rahayu No. 1" in page  # kop preview
    assert "Undangan Dinkes" not in page  # another OPD's template is not offered
    page = client.get(edit_url(letter), {"templat": other.pk}).content.decode()
    assert "Dalam rangka" not in page
    new = client.get("/kantor/surat/keluar/baru/", {"templat": template.pk}).content.decode()
    assert "mengundang" in new
    # City-wide templates shipped by the migration are offered to every unit.
    assert services.templates_for(org.dinkes).filter(org_unit__isnull=True).count() >= 7


def test_new_letter_save_and_submit(client, org, code):
    client.force_login(org.staff_bm)
    response = client.post(
        "/kantor/surat/keluar/baru/", form_data(org, unit=org.dpu_bm.pk, aksi="ajukan")
    )
    assert response.status_code == 302
    letter = Letter.objects.get(direction="keluar")
    assert letter.status == Letter.Status.REVIEW and letter.letter_type == "undangan"


def test_dispatch_arrives_registered_in_recipient_unit_inbox(client, org, code):
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=to_sign(org))
    client.force_login(org.kadis_dpu)
    client.post(f"/kantor/surat/{letter.pk}/kirim/")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT
    delivered = Letter.objects.get(source_letter=letter, org_unit=org.dinkes)
    assert delivered.direction == Letter.Direction.INCOMING and delivered.agenda_number == 1
    assert delivered.external_number == letter.letter_number
    client.force_login(org.kadis_dinkes)
    inbox = client.get("/kantor/surat/").content.decode()
    assert f"/kantor/surat/{delivered.pk}/" in inbox
    assert delivered in selectors.search(org.tu_dinkes, selectors.filters_from({"q": "jalan"}))
    page = client.get(f"/kantor/surat/{letter.pk}/")
    assert page.status_code == 404  # the sender's own copy stays with the sender


def test_email_needs_a_signed_pdf_and_never_for_rahasia(org, code):
    letter = to_sign(org, external_emails="balai@example.org")
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=letter)
    assert not letter.files.filter(kind="tte").exists()  # no signing identity: no PDF
    with pytest.raises(services.LetterError) as refused:
        services.dispatch_outgoing(actor=org.kadis_dpu, letter=letter)
    assert "PDF bertanda tangan" in refused.value.message
    secret = to_sign(org, external_emails="balai@example.org", sifat=Letter.Sifat.SECRET)
    secret = services.sign_outgoing(actor=org.kadis_dpu, letter=secret)
    with pytest.raises(services.LetterError) as refused:
        services.dispatch_outgoing(actor=org.kadis_dpu, letter=secret)
    assert "Rahasia tidak dikirim lewat e-mail" in refused.value.message
    assert not OutboxMessage.objects.filter(dedupe_key__startswith="letters:external:").exists()
    assert AuditEvent.objects.filter(data__reason="secret_by_email").exists()


def test_email_export_with_signed_pdf_link(client, org, code, django_capture_on_commit_callbacks):
    from satupintu.documents import services as documents

    ca = documents.create_demo_ca()
    documents.issue_demo_identity(ca=ca, org_unit=org.dpu, user=org.kadis_dpu)
    letter = to_sign(org, external_emails="balai@example.org")
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=letter)
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_outgoing(actor=org.kadis_dpu, letter=letter)
    message = OutboxMessage.objects.get(dedupe_key__startswith="letters:external:")
    assert message.recipient == "balai@example.org"
    assert letter.letter_number in message.subject
    link = next(w for w in message.body.split() if "/kantor/surat/unduhan/" in w)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    response = client.get("/" + path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get("/kantor/surat/unduhan/rusak/").status_code == 404
    assert "/verifikasi/" in message.body


def test_new_page_offers_only_own_units(client, org, code):
    outsider = make_staff(org.dinkes)
    client.force_login(outsider)
    html = client.get("/kantor/surat/keluar/baru/").content.decode()
    assert org.dpu_bm.name not in html.split('name="unit"')[1].split("</select>")[0]
