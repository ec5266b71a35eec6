"""The e-office in the browser, on a phone.

1. Incoming: the agenda officer of SETDA registers a letter with a scanned PDF; the Sekda sees
   it unread in the inbox, opens it and disposes it to two asisten ("Ditindaklanjuti",
   "Segera"); Asisten I disposes further to a kepala OPD; the kepala reports it done with a
   text and a file; the Sekda sees the whole disposition tree and the response-time figures.
2. Outgoing: a drafter in a bidang writes a letter, the kepala bidang gives the paraf, the
   kepala dinas signs (a demo certificate) and the letter gets its number; it is sent and the
   recipient unit's agenda officer finds it registered in their inbox.

Staff log in through the password and TOTP steps (log_in from the complaints journeys).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from satupintu.letters.models import Disposition, Letter, LetterFile, UnitLetterSettings
from satupintu.letters.tests.conftest import ensure_codes
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
HEAD = Membership.Role.HEAD
SUBJECT = "Koordinasi penanganan banjir di Balikpapan Selatan"
REPORT = "Rapat koordinasi dengan kelurahan sudah dilaksanakan; normalisasi saluran dimulai."
OUTGOING_SUBJECT = "Permintaan data titik genangan tahun berjalan"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_file(tmp_path):
    def make(name):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        return path

    return make


@pytest.fixture
def cast(reference_data_live, media_root):
    """SETDA with two asisten units (Asisten II coordinates the DPU), the DPU with a bidang;
    the Sekda, the asisten, the heads and the agenda officers."""
    ensure_codes()  # a transactional test's flush removes the data migration's table
    setda = OrgUnit.objects.get(code="SETDA")
    dpu = OrgUnit.objects.get(code="DPU")
    dinkes = OrgUnit.objects.get(code="DINKES")

    def child(parent, code, name):
        return org_services.create_org_unit(
            actor=None,
            code=code,
            name=name,
            short_name=code,
            kind=OrgUnit.Kind.DIVISION,
            parent=parent,
        )

    ass1 = child(setda, "SETDA-ASS1", "Asisten Pemerintahan dan Kesra")
    ass2 = child(setda, "SETDA-ASS2", "Asisten Perekonomian dan Pembangunan")
    bina_marga = child(dpu, "DPU-BM", "Bidang Bina Marga")
    UnitLetterSettings.objects.create(org_unit=ass1).coordinated_units.set([dinkes])
    UnitLetterSettings.objects.create(org_unit=ass2).coordinated_units.set([dpu])
    UnitLetterSettings.objects.create(org_unit=bina_marga, number_code="BM")
    return {
        "setda": setda,
        "dpu": dpu,
        "dinkes": dinkes,
        "tu_setda": make_staff(setda, full_name="Tari Agenda Setda"),
        "sekda": make_staff(setda, HEAD, full_name="Rahmat Sekda"),
        "asisten1": make_staff(ass1, HEAD, full_name="Agus Asisten Satu"),
        "asisten2": make_staff(ass2, HEAD, full_name="Bunga Asisten Dua"),
        "kadinkes": make_staff(dinkes, HEAD, full_name="Dian Kepala Dinkes"),
        "kadis_pu": make_staff(dpu, HEAD, full_name="Hendra Kepala PU"),
        "kabid_bm": make_staff(bina_marga, HEAD, full_name="Indra Kabid Bina Marga"),
        "staf_bm": make_staff(bina_marga, full_name="Joko Staf Bina Marga"),
        "tu_dinkes": make_staff(dinkes, full_name="Kiki Agenda Dinkes"),
    }


def message(page) -> str:
    """The flash messages; the whole page text when there are none (shown on failure)."""
    messages = page.locator("main .messages")
    return messages.inner_text() if messages.count() else page.locator("main").inner_text()


def counter(page, label: str) -> int:
    """The figure of an inbox counter, e.g. counter(page, "belum dibaca")."""
    link = page.locator("ul.counters a").filter(has_text=re.compile(f"^\\s*\\d+\\s+{label}\\s*$"))
    return int(link.locator("strong").inner_text())


def fact(page, term: str) -> str:
    return page.locator(f"dl.facts dt:text-is('{term}') + dd").inner_text().strip()


def dispose(page, *, people, instructions=("Ditindaklanjuti",), urgency="Segera", note=""):
    """Tick recipients, instructions and urgency in the dispose form and send it."""
    form = page.locator("form[action$='/disposisi/']")
    for name in people:
        form.get_by_role("checkbox", name=re.compile(re.escape(name))).check()
    more = form.locator("details")
    if more.count() and more.get_attribute("open") is None:  # the defaults are folded away
        more.locator("summary").click()
    for label in instructions:
        form.get_by_role("checkbox", name=label, exact=True).check()
    form.get_by_role("radio", name=urgency, exact=True).check()
    if note:
        form.get_by_label("Catatan").fill(note)
    with page.expect_navigation():
        form.get_by_role("button", name=re.compile("^(Disposisikan|Kirim disposisi)$")).click()


# --- 1. Incoming: register → dispose → dispose further → report → tree and figures -----------


def test_incoming_letter_disposed_down_two_levels_and_reported_done(
    cast, new_context, pdf_file, assert_accessible
):
    year = timezone.localdate().year

    # 1. The agenda officer registers the letter with its scan and gets agenda number 1.
    tu = log_in(new_context, cast["tu_setda"], **PHONE)
    tu.goto("/kantor/surat/")
    tu.get_by_role("link", name="Agendakan surat masuk").click()
    tu.get_by_label("Unit penerima").select_option(value=str(cast["setda"].pk))
    tu.get_by_role("textbox", name="Pengirim", exact=True).fill(
        "Pemerintah Provinsi Kalimantan Timur"
    )
    tu.get_by_label("Nomor surat pengirim").fill("600/1133/PUPR")
    tu.get_by_label("Tanggal surat").fill((timezone.localdate() - timedelta(days=2)).isoformat())
    tu.get_by_label("Perihal").fill(SUBJECT)
    tu.get_by_label("Sifat surat").select_option(label="Penting")
    tu.get_by_label("Kode klasifikasi").fill("000.5.3.1")
    tu.get_by_label("Pindaian surat (PDF/JPG/PNG)").set_input_files(pdf_file("pindaian.pdf"))
    with tu.expect_navigation():
        tu.get_by_role("button", name="Simpan dan beri nomor agenda").click()
    assert f"nomor agenda Agenda 1/{year}" in message(tu)
    assert fact(tu, "Nomor agenda") == f"1/{year}"
    assert fact(tu, "Sifat") == "Penting"
    expect(tu.get_by_role("link", name="pindaian.pdf")).to_be_visible()
    letter = Letter.objects.get(subject=SUBJECT)
    assert letter.org_unit == cast["setda"] and letter.agenda_number == 1
    assert letter.files.get().kind == LetterFile.Kind.SCAN

    # 2. The Sekda's inbox: one unread letter, marked new; the page passes axe.
    sekda = log_in(new_context, cast["sekda"], **PHONE)
    sekda.goto("/kantor/surat/")
    assert counter(sekda, "belum dibaca") == 1
    assert counter(sekda, "perlu tindak lanjut") == 1
    item = sekda.locator("ul.letter-list li.unread").filter(has_text=SUBJECT)
    expect(item.get_by_text("Baru", exact=True)).to_be_visible()
    assert_accessible(sekda)
    item.get_by_role("link", name=SUBJECT).click()
    sekda.wait_for_url(f"**/kantor/surat/{letter.pk}/")
    assert_accessible(sekda)

    # 3. Dispose to both asisten: Ditindaklanjuti, Segera.
    dispose(
        sekda,
        people=["Agus Asisten Satu", "Bunga Asisten Dua"],
        note="Mohon dikoordinasikan dengan OPD terkait.",
    )
    assert "Disposisi terkirim." in message(sekda)
    roots = sekda.locator("main > ul.tree > li")
    assert roots.count() == 2, roots.all_inner_texts()
    for name in ("Agus Asisten Satu", "Bunga Asisten Dua"):
        node = roots.filter(has_text=f"Rahmat Sekda → {name}")
        expect(node.get_by_text("Segera", exact=True)).to_be_visible()
        expect(node.get_by_text("belum dibaca", exact=True)).to_be_visible()
        assert "Ditindaklanjuti" in node.inner_text()
    sekda.goto("/kantor/surat/")
    assert counter(sekda, "belum dibaca") == 0
    assert counter(sekda, "perlu tindak lanjut") == 0
    given = Disposition.objects.filter(letter=letter, from_user=cast["sekda"])
    assert sorted(d.to_user.full_name for d in given) == ["Agus Asisten Satu", "Bunga Asisten Dua"]
    assert {(tuple(d.instructions), d.urgency) for d in given} == {(("ditindaklanjuti",), "segera")}

    # 4. Asisten I: the letter waits in the inbox; disposes further to the kepala Dinkes.
    asisten = log_in(new_context, cast["asisten1"], **PHONE)
    asisten.goto("/kantor/surat/")
    assert counter(asisten, "belum dibaca") == 1
    assert counter(asisten, "perlu tindak lanjut") == 1
    asisten.get_by_role("link", name=SUBJECT).click()
    received = asisten.locator("section").filter(has_text="Disposisi untuk Anda")
    assert "Rahmat Sekda: Ditindaklanjuti · Segera" in received.inner_text()
    dispose(asisten, people=["Dian Kepala Dinkes"], instructions=("Koordinasikan",))
    assert "Disposisi terkirim." in message(asisten)
    nested = asisten.locator("main > ul.tree > li ul.tree > li")
    assert nested.filter(has_text="Agus Asisten Satu → Dian Kepala Dinkes").count() == 1

    # 5. The kepala Dinkes reports it done, with a file.
    kepala = log_in(new_context, cast["kadinkes"], **PHONE)
    kepala.goto("/kantor/surat/")
    assert counter(kepala, "perlu tindak lanjut") == 1
    kepala.get_by_role("link", name=SUBJECT).click()
    report = kepala.locator("form[action$='/lapor/']")
    report.get_by_label("Laporan tindak lanjut").fill(REPORT)
    report.get_by_label("Berkas pendukung").set_input_files(pdf_file("notulen-rapat.pdf"))
    with kepala.expect_navigation():
        report.get_by_role("button", name="Laporkan selesai").click()
    assert "Laporan tindak lanjut tersimpan." in message(kepala)
    kepala.goto("/kantor/surat/")
    assert counter(kepala, "perlu tindak lanjut") == 0

    # 6. The Sekda sees the tree: two asisten, one of them with a finished disposition below.
    sekda.goto(f"/kantor/surat/{letter.pk}/")
    roots = sekda.locator("main > ul.tree > li")
    assert roots.count() == 2
    first = roots.filter(has_text="Rahmat Sekda → Agus Asisten Satu")
    second = roots.filter(has_text="Rahmat Sekda → Bunga Asisten Dua")
    expect(first.locator(":scope > p").first.get_by_text("dibaca", exact=True)).to_be_visible()
    expect(second.get_by_text("belum dibaca", exact=True)).to_be_visible()
    leaf = first.locator("ul.tree > li.done")
    assert leaf.count() == 1
    assert "Agus Asisten Satu → Dian Kepala Dinkes" in leaf.inner_text()
    expect(leaf.get_by_text("selesai", exact=True)).to_be_visible()
    assert REPORT in leaf.inner_text()
    expect(leaf.get_by_role("link", name="notulen-rapat.pdf")).to_be_visible()
    assert second.locator("ul.tree").count() == 0
    assert_accessible(sekda)

    # 7. Response-time figures for the people involved.
    sekda.goto("/kantor/surat/")
    sekda.get_by_role("link", name="Kinerja tindak lanjut").click()
    sekda.wait_for_url("**/kantor/surat/kinerja/")
    people = sekda.locator("table").first
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [c.strip() for c in row.split("\t")]
            for row in people.locator("tbody tr").all_inner_texts()
        )
    }
    assert set(rows) == {"Agus Asisten Satu", "Bunga Asisten Dua", "Dian Kepala Dinkes"}
    received_count, read_time, act_time, on_time = rows["Dian Kepala Dinkes"]
    assert received_count == "1" and read_time != "—" and act_time != "—"
    assert on_time == "100% (1/1)"
    assert rows["Agus Asisten Satu"][0] == "1" and rows["Agus Asisten Satu"][1] != "—"
    assert rows["Agus Asisten Satu"][2] != "—"  # acted: disposed further
    assert rows["Bunga Asisten Dua"] == ["1", "—", "—", "—"]
    assert_accessible(sekda)


# --- 2. Outgoing: draft → edit → paraf → sign (number) → send → the recipient unit has it ------


def test_outgoing_letter_from_draft_to_the_recipient_units_inbox(
    cast, new_context, assert_accessible
):
    from satupintu.documents import services as documents
    from satupintu.letters import selectors

    documents.setup_demo_signing(unit_codes=["DPU"], user_emails=[cast["kadis_pu"].email])
    year = timezone.localdate().year

    # 1. The drafter in Bidang Bina Marga writes the letter and saves it as a draft.
    drafter = log_in(new_context, cast["staf_bm"], **PHONE)
    drafter.goto("/kantor/surat/")
    drafter.get_by_role("link", name="Buat surat keluar").click()
    form = drafter.locator("form.outgoing-form")
    form.locator("[name=subject]").fill(OUTGOING_SUBJECT)
    form.locator("[name=classification]").fill("000.8.3.4")
    form.locator("[name=body]").fill("Dengan hormat, mohon data titik genangan di wilayah Anda.")
    form.locator("[name=reviewer_1]").select_option(value=str(cast["kabid_bm"].pk))
    form.locator("[name=signer]").select_option(value=str(cast["kadis_pu"].pk))
    form.locator("[name=recipient_units]").select_option(value=[str(cast["dinkes"].pk)])
    with drafter.expect_navigation():
        form.get_by_role("button", name="Simpan konsep").click()
    assert "Konsep surat tersimpan." in message(drafter)
    letter = Letter.objects.get(subject=OUTGOING_SUBJECT)
    assert letter.status == Letter.Status.DRAFT and letter.letter_number == ""
    assert fact(drafter, "Jenis").endswith("Konsep")

    # 2. The drafter edits the draft and submits it for paraf.
    drafter.get_by_role("link", name="Ubah konsep").click()
    drafter.wait_for_url(f"**/kantor/surat/keluar/{letter.pk}/ubah/")
    body = drafter.locator("form.outgoing-form [name=body]")
    assert body.input_value().startswith("Dengan hormat")
    body.fill("Dengan hormat, mohon data titik genangan tahun berjalan di wilayah Anda.")
    with drafter.expect_navigation():
        drafter.get_by_role("button", name="Simpan dan ajukan").click()
    assert "Konsep diajukan untuk paraf/tanda tangan." in message(drafter)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REVIEW and "tahun berjalan" in letter.body

    # 3. The kepala bidang gives the paraf.
    kabid = log_in(new_context, cast["kabid_bm"], **PHONE)
    kabid.goto("/kantor/surat/")
    assert counter(kabid, "perlu verifikasi") == 1
    kabid.goto(f"/kantor/surat/{letter.pk}/")
    kabid.get_by_label("Setujui (paraf)").check()
    with kabid.expect_navigation():
        kabid.get_by_role("button", name="Simpan keputusan").click()
    assert "Keputusan paraf tersimpan." in message(kabid)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.TO_SIGN

    # 4. The kepala dinas signs: the number is given now, from the bidang's template.
    kadis = log_in(new_context, cast["kadis_pu"], **PHONE)
    kadis.goto("/kantor/surat/")
    assert counter(kadis, "perlu tanda tangan") == 1
    kadis.get_by_role("link", name="1 perlu tanda tangan").click()
    kadis.get_by_role("link", name=OUTGOING_SUBJECT).click()
    assert_accessible(kadis)
    with kadis.expect_navigation():
        kadis.get_by_role("button", name="Tandatangani dan beri nomor").click()
    number = fact(kadis, "Nomor surat")
    assert re.fullmatch(rf"000\.8\.3\.4/1/BM/{year}", number), number
    assert f"Surat ditandatangani dengan nomor {number}." in message(kadis)
    signed_name = f"surat-{number.replace('/', '-')}.pdf"
    expect(kadis.get_by_role("link", name=signed_name)).to_be_visible()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SIGNED and letter.letter_number == number
    # Final after signing: the edit page sends the drafter back with a message.
    drafter.goto(f"/kantor/surat/keluar/{letter.pk}/ubah/")
    assert "Surat yang sudah ditandatangani tidak dapat diubah." in message(drafter)

    # 5. Sent: Dinas Kesehatan receives it registered with its own agenda number.
    with kadis.expect_navigation():
        kadis.get_by_role("button", name="Kirim surat").click()
    assert "Surat dikirim." in message(kadis)
    received = f"{cast['dinkes']} — diterima, agenda 1/{year}"
    assert received in kadis.locator("main").inner_text()
    delivered = Letter.objects.get(source_letter=letter)
    assert delivered.org_unit == cast["dinkes"] and delivered.direction == Letter.Direction.INCOMING
    assert delivered in selectors.inbox(cast["kadinkes"])

    # 6. The agenda officer of Dinas Kesehatan finds it, unread, in the incoming inbox.
    tu = log_in(new_context, cast["tu_dinkes"], **PHONE)
    tu.goto("/kantor/surat/")
    assert counter(tu, "belum dibaca") == 1
    item = tu.locator("ul.letter-list li.unread").filter(has_text=OUTGOING_SUBJECT)
    expect(item.get_by_text("Baru", exact=True)).to_be_visible()
    assert_accessible(tu)
    item.get_by_role("link", name=OUTGOING_SUBJECT).click()
    assert fact(tu, "Nomor agenda") == f"1/{year}"
    assert fact(tu, "Nomor dan tanggal surat").startswith(number)
    expect(tu.get_by_role("link", name=signed_name)).to_be_visible()
    tu.goto("/kantor/surat/")
    assert counter(tu, "belum dibaca") == 0
