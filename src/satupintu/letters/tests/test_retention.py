"""Jadwal Retensi Arsip: inheritance, the schedule page (city admins edit, others read), the
all-or-nothing CSV upload, a letter's retention dates (page, API, CSV export) and the archive
filter, which keeps Rahasia letters to their chain."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.letters import retention, selectors, services
from satupintu.letters.models import ClassificationCode, Letter
from satupintu.letters.tests.conftest import register
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

URL = "/kantor/surat/klasifikasi/retensi/"
CSV_HEADER = "kode,nama,retensi_aktif,retensi_inaktif,keterangan_akhir\n"


def set_code(code, active, inactive, final):
    ClassificationCode.objects.filter(code=code).update(
        active_years=active, inactive_years=inactive, final_disposition=final
    )


def own(code):
    row = ClassificationCode.objects.get(code=code)
    return (row.active_years, row.inactive_years, row.final_disposition)


@pytest.fixture
def city_admin(org):
    return make_staff(org.setda.parent, Membership.Role.ADMIN, full_name="Admin kota")


def find(user, **params):
    return list(selectors.search(user, selectors.filters_from(params)))


# --- Inheritance ------------------------------------------------------------------------------


def test_code_without_values_takes_nearest_ancestor(org):
    set_code("000", 1, 1, "musnah")
    set_code("000.1", 2, 5, "permanen")
    table = retention.table()
    notula = table.by_code["000.1.5"]
    assert (notula.active_years, notula.inactive_years, notula.final_disposition) == (
        2,
        5,
        "permanen",
    )
    assert notula.inherited and notula.source_code == "000.1"
    assert table.by_code["000.1"].inherited is False
    assert table.by_code["000.5.3.1"].source_code == "000"  # 000.5.3 and 000.5 have none
    assert table.by_code["100"] is None  # another primary class: nothing to inherit
    # The single-code path agrees with the table.
    code = ClassificationCode.objects.get(code="000.1.5")
    assert retention.effective(code) == notula
    # Own values win over the ancestor's.
    set_code("000.1.5", 3, 0, "dinilai_kembali")
    assert retention.effective(code).source_code == "000.1.5"
    assert retention.ancestors("000.1.5") == ["000.1.5", "000.1", "000"]


def test_incomplete_own_values_do_not_count(org):
    set_code("000.1", 2, 5, "permanen")
    ClassificationCode.objects.filter(code="000.1.5").update(active_years=4)  # no inactive
    assert retention.table().by_code["000.1.5"].source_code == "000.1"


# --- Letter dates -----------------------------------------------------------------------------


def test_letter_dates_count_from_the_end_of_its_year(org, code):
    letter = register(org.tu_setda, org.setda)
    assert retention.for_letter(letter).retention is None
    assert retention.for_letter(letter).phase() == retention.UNSET
    set_code("000.5", 2, 5, "musnah")
    Letter.objects.filter(pk=letter.pk).update(agenda_year=2027)
    letter.refresh_from_db()
    kept = retention.for_letter(letter)
    assert kept.year == 2027
    assert kept.active_until == date(2029, 12, 31)
    assert kept.inactive_until == date(2034, 12, 31)
    assert kept.final_disposition == "musnah" and kept.final_label == "Musnah"
    assert kept.phase(date(2029, 12, 31)) == retention.ACTIVE
    assert kept.phase(date(2030, 1, 1)) == retention.INACTIVE
    assert kept.phase(date(2035, 1, 1)) == retention.EXPIRED
    # The table path gives the same answer.
    assert retention.for_letter(letter, retention.table()) == kept


def test_outgoing_draft_counts_from_its_creation_year(org):
    letter = Letter(
        direction=Letter.Direction.OUTGOING,
        classification=ClassificationCode.objects.get(code="000.1.5"),
        created_at=timezone.make_aware(timezone.datetime(2024, 6, 1, 10)),
    )
    assert retention.letter_year(letter) == 2024
    letter.sequence_year = 2025
    assert retention.letter_year(letter) == 2025


def test_detail_page_shows_dates_or_not_set(client, org, code):
    letter = register(org.tu_setda, org.setda)
    client.force_login(org.sekda)
    page = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    assert "Belum ditetapkan" in page and URL in page
    set_code("000.5", 2, 5, "musnah")
    year = letter.agenda_year
    page = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    assert f"Aktif sampai 31 Desember {year + 2}" in page
    assert f"Inaktif sampai 31 Desember {year + 7}" in page
    assert "Keterangan akhir: Musnah" in page
    assert "menurut kode 000.5" in page


# --- Schedule page ----------------------------------------------------------------------------


def test_page_is_read_only_for_staff_who_are_not_city_admins(client, org):
    set_code("000.1", 2, 5, "permanen")
    unit_admin = make_staff(org.dpu, Membership.Role.ADMIN)  # admin of one OPD, not the city
    for person in (org.tu_dpu, unit_admin):
        client.force_login(person)
        page = client.get(URL, {"q": "000.1"})
        html = page.content.decode()
        assert page.status_code == 200
        assert "Notula/Risalah rapat" in html and "diwarisi dari 000.1" in html
        assert "/kantor/surat/klasifikasi/retensi/000.1.5/" not in html  # no edit links
        assert 'name="file"' not in html  # no upload form
        assert client.get(f"{URL}000.1.5/").status_code == 404
        post = client.post(
            f"{URL}000.1.5/",
            {"active_years": "1", "inactive_years": "1", "final_disposition": "musnah"},
        )
        assert post.status_code == 404
        upload = SimpleUploadedFile("jra.csv", (CSV_HEADER + "000.1.5,X,1,1,Musnah\n").encode())
        assert client.post(f"{URL}impor/", {"file": upload}).status_code == 404
    assert own("000.1.5") == (None, None, "")
    with pytest.raises(services.LetterError):
        services.set_retention(
            actor=org.tu_dpu,
            code=ClassificationCode.objects.get(code="000.1.5"),
            active_years=1,
            inactive_years=1,
            final_disposition="musnah",
        )
    assert own("000.1.5") == (None, None, "")


def test_page_requires_staff(client, org):
    from satupintu.testing.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(URL).status_code in (302, 403, 404)


def test_filters_by_words_code_and_not_set(client, org, city_admin):
    set_code("000.1", 2, 5, "permanen")
    client.force_login(city_admin)
    html = client.get(URL, {"q": "notula"}).content.decode()
    assert "000.1.5" in html and "Penyediaan Konsumsi" not in html
    html = client.get(URL, {"q": "000.1", "belum": "1"}).content.decode()
    assert "Notula" not in html  # inherits from 000.1
    html = client.get(URL, {"q": "000.5", "belum": "1"}).content.decode()
    assert "Registrasi naskah masuk/keluar" in html


def test_city_admin_edits_and_clears_a_code(client, org, city_admin):
    client.force_login(city_admin)
    html = client.get(URL, {"q": "000.1"}).content.decode()
    assert f"{URL}000.1/" in html
    response = client.post(
        f"{URL}000.1/",
        {"active_years": "2", "inactive_years": "5", "final_disposition": "permanen"},
    )
    assert response.status_code == 302
    assert own("000.1") == (2, 5, "permanen")
    event = AuditEvent.objects.filter(action="letters.retention_set").latest("seq")
    assert event.data["old"] == {
        "active_years": None,
        "inactive_years": None,
        "final_disposition": "",
    }
    assert event.data["new"] == {
        "active_years": 2,
        "inactive_years": 5,
        "final_disposition": "permanen",
    }
    assert event.actor_id == city_admin.pk
    html = client.get(URL, {"q": "000.1.5"}).content.decode()
    assert "diwarisi dari 000.1" in html
    edit = client.get(f"{URL}000.1.5/").content.decode()
    assert "Tanpa isian, kode ini mengikuti 000.1: 2 tahun aktif, 5 tahun inaktif" in edit
    assert 'name="active_years"' in edit
    assert client.get(f"{URL}999.999/").status_code == 404
    # All three empty: the code follows its parent again.
    client.post(f"{URL}000.1/", {"active_years": "", "inactive_years": "", "final_disposition": ""})
    assert own("000.1") == (None, None, "")


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"active_years": "101", "inactive_years": "5", "final_disposition": "musnah"},
            "paling lama 100 tahun",
        ),
        (
            {"active_years": "-1", "inactive_years": "5", "final_disposition": "musnah"},
            "paling sedikit 0 tahun",
        ),
        (
            {"active_years": "dua", "inactive_years": "5", "final_disposition": "musnah"},
            "angka bulat",
        ),
        ({"active_years": "2", "inactive_years": "", "final_disposition": ""}, "sekaligus"),
        (
            {"active_years": "2", "inactive_years": "5", "final_disposition": "bakar"},
            "Pilih keterangan akhir",
        ),
    ],
)
def test_bad_input_is_refused_and_kept(client, org, city_admin, data, message):
    client.force_login(city_admin)
    response = client.post(f"{URL}000.1.5/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'value="{data["active_years"]}"' in html  # the form keeps what was typed
    assert own("000.1.5") == (None, None, "")


def test_service_checks_values_too(org, city_admin):
    code = ClassificationCode.objects.get(code="000.1.5")
    with pytest.raises(services.LetterError, match="antara 0 dan 100"):
        services.set_retention(
            actor=city_admin,
            code=code,
            active_years=200,
            inactive_years=1,
            final_disposition="musnah",
        )
    assert AuditEvent.objects.filter(action="letters.refused").exists()


# --- CSV upload -------------------------------------------------------------------------------


def upload(client, text, name="jra.csv"):
    return client.post(f"{URL}impor/", {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def test_csv_upload_applies_retention_columns(client, org, city_admin):
    set_code("000.1.6", 1, 1, "musnah")
    client.force_login(city_admin)
    response = upload(
        client,
        CSV_HEADER + "000.1,Nama diabaikan,2,5,Permanen\n"
        "000.1.5,Notula,3,7,dinilai kembali\n"
        "000.1.6,Konsumsi,,,\n"  # no values: unchanged
        "999.99,Tidak ada,1,1,Musnah\n",
    )
    assert response.status_code == 302
    assert own("000.1") == (2, 5, "permanen")
    assert own("000.1.5") == (3, 7, "dinilai_kembali")
    assert own("000.1.6") == (1, 1, "musnah")
    assert ClassificationCode.objects.get(code="000.1").name.startswith("Ketatausahaan")
    assert not ClassificationCode.objects.filter(code="999.99").exists()
    page = client.get(URL).content.decode()
    assert "999.99" in page  # reported as unknown (message)
    event = AuditEvent.objects.filter(action="letters.retention_imported").latest("seq")
    assert set(event.data["changed"]) == {"000.1", "000.1.5"}
    assert event.data["unknown"] == ["999.99"]


def test_csv_upload_is_all_or_nothing(client, org, city_admin):
    client.force_login(city_admin)
    response = upload(
        client,
        CSV_HEADER + "000.1,Ketatausahaan,2,5,Permanen\n"
        "000.1.5,Notula,dua,5,Musnah\n"
        "000.1.6,Konsumsi,1,,Musnah\n"
        "000.1.7,Kendaraan,1,1,Dibakar\n"
        "000.1.8,Gedung,101,1,Musnah\n",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Berkas tidak diterapkan: 4 baris bermasalah" in html
    for line in (3, 4, 5, 6):
        assert f"Baris {line} " in html
    assert own("000.1") == (None, None, "")  # the good row was not applied either
    assert AuditEvent.objects.filter(action="letters.refused").latest("seq").data["reason"] == (
        "invalid_csv"
    )


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("jra.txt", CSV_HEADER, "berformat CSV"),
        ("jra.csv", "kode,nama\n000.1,X\n", "Kolom tidak ada"),
    ],
)
def test_csv_upload_bad_file(client, org, city_admin, name, text, message):
    client.force_login(city_admin)
    response = upload(client, text, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_command_keeps_recorded_retention(org, tmp_path):
    set_code("000.1", 2, 5, "permanen")
    call_command("import_classification")  # the shipped table has no retention
    assert own("000.1") == (2, 5, "permanen")
    custom = tmp_path / "jra.csv"
    custom.write_text(CSV_HEADER + "000.1,Ketatausahaan,4,6,Musnah\n", encoding="utf-8")
    call_command("import_classification", str(custom))
    assert own("000.1") == (4, 6, "musnah")


# --- Archive filter, API, CSV export ----------------------------------------------------------


@pytest.fixture
def aged(org, code):
    """Three SETDA letters under 000.5.3.1 (retention 2 + 5 years from 000.5) of different
    years, one letter whose code has no retention."""
    set_code("000.5", 2, 5, "musnah")
    this_year = timezone.localdate().year
    letters = {}
    for name, year in (("baru", this_year), ("inaktif", this_year - 4), ("lama", this_year - 9)):
        letter = register(org.tu_setda, org.setda, number=f"R/{name}", subject=f"Surat {name}")
        Letter.objects.filter(pk=letter.pk).update(agenda_year=year)
        letters[name] = letter
    letters["tanpa"] = register(
        org.tu_setda,
        org.setda,
        number="R/tanpa",
        subject="Surat tanpa retensi",
        classification=ClassificationCode.objects.get(code="100"),
    )
    return letters


@pytest.mark.parametrize(
    "phase, expected",
    [("aktif", {"baru"}), ("inaktif", {"inaktif"}), ("habis", {"lama"}), ("belum", {"tanpa"})],
)
def test_archive_filter_by_retention_phase(org, aged, phase, expected):
    found = find(org.sekda, retensi=phase)
    assert {letter.pk for letter in found} == {aged[name].pk for name in expected}
    # The SQL filter agrees with the per-letter computation.
    for letter in found:
        letter.refresh_from_db()
        assert retention.for_letter(letter).phase() == phase


def test_archive_filter_unknown_value_is_ignored(org, aged):
    assert selectors.filters_from({"retensi": "x"}).retention == ""
    assert len(find(org.sekda, retensi="x")) == 4


def test_archive_filter_keeps_rahasia_to_the_chain(client, org, aged):
    secret = register(
        org.tu_dinkes,
        org.dinkes,
        sifat=Letter.Sifat.SECRET,
        number="R/rahasia",
        subject="Pemeriksaan rahasia Dinkes",
    )
    Letter.objects.filter(pk=secret.pk).update(agenda_year=timezone.localdate().year - 9)
    colleague = make_staff(org.dinkes, Membership.Role.OPERATOR)  # same OPD, not in the chain
    for outsider in (org.sekda, colleague, org.tu_setda):
        assert secret not in find(outsider, retensi="habis")
        client.force_login(outsider)
        html = client.get("/kantor/surat/arsip/", {"retensi": "habis"}).content.decode()
        assert "Pemeriksaan rahasia" not in html
        api = client.get("/api/v1/kantor/surat/", {"retensi": "habis"}).json()
        rows = api["results"] if isinstance(api, dict) else api
        assert secret.pk not in [row["id"] for row in rows]
    assert secret in find(org.tu_dinkes, retensi="habis")  # the registrar is in its chain
    assert secret not in find(org.tu_dinkes, retensi="aktif")


def test_archive_page_has_the_filter(client, org, aged):
    client.force_login(org.sekda)
    html = client.get("/kantor/surat/arsip/", {"retensi": "habis"}).content.decode()
    assert 'name="retensi"' in html and '<option value="habis" selected>' in html
    assert "Surat lama" in html and "Surat baru" not in html


def test_api_has_retention_fields(client, org, aged):
    client.force_login(org.sekda)
    api = client.get("/api/v1/kantor/surat/").json()
    rows = {row["id"]: row for row in (api["results"] if isinstance(api, dict) else api)}
    year = timezone.localdate().year
    new = rows[aged["baru"].pk]
    assert new["retention_active_until"] == f"{year + 2}-12-31"
    assert new["retention_inactive_until"] == f"{year + 7}-12-31"
    assert new["retention_final_disposition"] == "musnah"
    assert new["retention_phase"] == "aktif"
    assert new["retention_source_code"] == "000.5"
    assert rows[aged["lama"].pk]["retention_phase"] == "habis"
    unset = rows[aged["tanpa"].pk]
    assert unset["retention_active_until"] is None and unset["retention_phase"] == "belum"
    assert unset["retention_final_disposition"] is None
    detail = client.get(f"/api/v1/kantor/surat/{aged['inaktif'].pk}/").json()
    assert detail["retention_phase"] == "inaktif"


def test_csv_export_has_retention_columns(client, org, aged):
    client.force_login(org.sekda)
    body = b"".join(client.get("/kantor/surat/arsip/csv/").streaming_content).decode()
    lines = body.splitlines()
    header = lines[0].split(",")
    assert header[-3:] == ["retensi_aktif_sampai", "retensi_inaktif_sampai", "keterangan_akhir"]
    year = timezone.localdate().year
    row = next(line for line in lines if "R/baru" in line)
    assert row.endswith(f"{year + 2}-12-31,{year + 7}-12-31,musnah")
    row = next(line for line in lines if "R/tanpa" in line)
    assert row.endswith(",,")


def test_filter_query_is_one_term_per_period(org, aged):
    set_code("000.1", 2, 5, "permanen")  # same periods as 000.5: same term
    sql = str(selectors.search(org.sekda, selectors.filters_from({"retensi": "aktif"})).query)
    assert sql.count("COALESCE") == 1


def test_today_boundary_uses_local_date(org, aged):
    """On 31 December of the last active year the letter is still active."""
    table = retention.table()
    letter = Letter.objects.get(pk=aged["baru"].pk)
    kept = retention.for_letter(letter, table)
    assert kept.phase(kept.active_until) == retention.ACTIVE
    assert kept.phase(kept.active_until + timedelta(days=1)) == retention.INACTIVE


def test_lookup_page_shows_the_retention_in_force(client, org):
    set_code("000.1", 2, 5, "permanen")
    client.force_login(org.tu_setda)
    html = client.get("/kantor/surat/klasifikasi/", {"q": "000.1.5"}).content.decode()
    assert "000.1.5" in html and "2 / 5" in html and "diwarisi dari 000.1" in html
    html = client.get("/kantor/surat/klasifikasi/", {"q": "100"}).content.decode()
    assert "Belum ditetapkan" in html


def test_schedule_pager_keeps_the_filters(client, org):
    client.force_login(org.tu_setda)
    html = client.get(URL, {"belum": "1", "halaman": "1"}).content.decode()
    assert 'href="?belum=1&amp;halaman=2"' in html  # 151 codes, 100 a page
    html = client.get(URL, {"belum": "1", "halaman": "2"}).content.decode()
    assert 'href="?belum=1&amp;halaman=1"' in html
