"""Export → import → export gives the same files; bad files are refused with file:line."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from satupintu.catalog.models import FormSchemaVersion, LifeEvent, Service
from satupintu.cityconfig import yamlio
from satupintu.cityconfig.schema import schema_texts
from satupintu.cityconfig.selectors import export_texts
from satupintu.cityconfig.services import CityConfigError, import_city_config
from satupintu.documents.models import IssuedDocument, Signatory
from satupintu.dprd.models import Member, SubmissionWindow, Term
from satupintu.testing.factories import REFERENCE_DATA_DIR

DOCS = Path(__file__).resolve().parents[4] / "docs" / "city-config" / "schema"


def _write(directory: Path, texts: dict) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def _more_settings():
    """What the demo files do not hold: a holiday, a unit's letter settings, a queue site."""
    from satupintu.core.models import Holiday
    from satupintu.letters.models import LetterTemplate, LetterType, UnitLetterSettings
    from satupintu.org.models import OrgUnit
    from satupintu.queues.models import ClosedDay, Counter, OpeningHours, QueueService, Site

    Holiday.objects.create(date=datetime.date(2026, 12, 24), name="Cuti bersama Natal")
    dpu = OrgUnit.objects.get(code="DPU")
    settings = UnitLetterSettings.objects.create(
        org_unit=dpu, number_code="DPU", letterhead_name="Dinas Pekerjaan Umum"
    )
    settings.coordinated_units.set(OrgUnit.objects.filter(code__in=["DLH", "DISHUB"]))
    LetterTemplate.objects.create(
        name="Undangan uji", letter_type=LetterType.INVITATION, body="Perihal: {perihal}"
    )
    LetterTemplate.objects.create(
        name="Undangan uji", letter_type=LetterType.INVITATION, body="DPU", org_unit=dpu
    )
    site = Site.objects.create(org_unit=dpu, slug="kantor-dpu", name="Kantor DPU")
    service = QueueService.objects.create(
        site=site,
        org_unit=dpu,
        name="Konsultasi",
        prefix="K",
        catalog_service=Service.objects.get(slug="akta-kelahiran"),
    )
    counter = Counter.objects.create(site=site, org_unit=dpu, number=1, name="Loket 1")
    counter.services.set([service])
    OpeningHours.objects.create(
        site=site, weekday=0, opens=datetime.time(8), closes=datetime.time(15, 30)
    )
    ClosedDay.objects.create(site=site, date=datetime.date(2026, 8, 17), reason="HUT RI")
    Signatory.objects.create(
        org_unit=dpu,
        kind=IssuedDocument.Kind.SERVICE_RESULT,
        title="Plt. Kepala Dinas Pekerjaan Umum",
        name="Ir. Budi Santoso",
        nip="197001011995031001",
    )
    SubmissionWindow.objects.create(
        planning_year=2028,
        opens_on=datetime.date(2027, 1, 4),
        closes_on=datetime.date(2027, 3, 31),
    )


def _wipe():
    from satupintu.cases.models import Category
    from satupintu.core.models import Holiday
    from satupintu.letters.models import LetterTemplate, UnitLetterSettings
    from satupintu.queues.models import Site

    LetterTemplate.objects.all().delete()
    Site.objects.all().delete()
    Category.objects.all().delete()
    Service.objects.all().delete()
    LifeEvent.objects.all().delete()
    UnitLetterSettings.objects.all().delete()
    Holiday.objects.all().delete()
    Signatory.objects.all().delete()
    SubmissionWindow.objects.all().delete()
    Member.objects.all().delete()
    Term.objects.all().delete()


@pytest.fixture
def demo_city(reference_data):
    import_city_config(REFERENCE_DATA_DIR)
    _more_settings()


def test_export_import_export_gives_identical_files(demo_city, tmp_path):
    first = export_texts()
    assert Service.objects.count() >= 10
    _wipe()
    assert not Service.objects.exists()
    summary = import_city_config(_write(tmp_path / "a", first))
    assert summary.counts["services"]["created"] == Service.objects.count()
    assert summary.counts["queue-sites.counters"]["created"] == 1
    assert summary.counts["letter-templates"]["created"] >= 2
    assert summary.counts["signatories"]["created"] == Signatory.objects.count() >= 5
    assert summary.counts["pokir-windows"]["created"] == 1
    assert summary.counts["dprd.members"]["created"] == Member.objects.count() == 45
    assert export_texts() == first
    # The counter's service is found by its letter within its own site.
    assert "  - K\n" in first["queue-sites.yaml"]


def test_importing_the_same_files_twice_changes_nothing(demo_city, tmp_path):
    directory = _write(tmp_path / "a", export_texts())
    versions = FormSchemaVersion.objects.count()
    summary = import_city_config(directory)
    assert summary.changed == 0
    assert FormSchemaVersion.objects.count() == versions


def test_the_demo_city_files_are_what_an_export_writes(reference_data):
    import_city_config(REFERENCE_DATA_DIR)
    texts = export_texts()
    for path in REFERENCE_DATA_DIR.glob("*.yaml"):
        assert path.read_text(encoding="utf-8") == texts[path.name], path.name


def test_dry_run_reports_but_writes_nothing(reference_data):
    summary = import_city_config(REFERENCE_DATA_DIR, dry_run=True)
    assert summary.counts["services"]["created"] >= 10
    assert not Service.objects.exists()


def test_a_changed_form_becomes_a_new_version_and_the_old_one_stays(demo_city, tmp_path):
    service = Service.objects.get(slug="akta-kelahiran")
    old = FormSchemaVersion.objects.filter(service=service).order_by("-version").first()
    texts = export_texts()
    texts["services.yaml"] = texts["services.yaml"].replace(
        "title: Nama lengkap anak", "title: Nama lengkap bayi", 1
    )
    summary = import_city_config(_write(tmp_path / "a", texts))
    assert summary.counts["services.form"] == {"created": 1, "updated": 0, "retired": 0}
    new = FormSchemaVersion.objects.filter(service=service).order_by("-version").first()
    assert new.version == old.version + 1 and new.is_published
    assert new.schema["properties"]["nama_anak"]["title"] == "Nama lengkap bayi"
    old.refresh_from_db()
    assert old.schema["properties"]["nama_anak"]["title"] == "Nama lengkap anak"


def test_a_service_left_out_of_the_file_is_unpublished_not_deleted(demo_city, tmp_path):
    entries = yamlio.load(export_texts()["services.yaml"])
    kept = [entry for entry in entries if entry["slug"] != "akta-kematian"]
    directory = _write(tmp_path / "a", {"services.yaml": yamlio.dump(kept)})
    summary = import_city_config(directory)
    assert summary.counts["services"]["retired"] == 1
    assert Service.objects.get(slug="akta-kematian").is_published is False


def test_an_admin_edit_appears_in_the_next_export(demo_city):
    service = Service.objects.get(slug="akta-kelahiran")
    service.processing_days = 9
    service.save()
    entries = yamlio.load(export_texts()["services.yaml"])
    assert next(e for e in entries if e["slug"] == "akta-kelahiran")["processing_days"] == 9


def test_schema_errors_name_the_file_and_line(reference_data, tmp_path):
    (tmp_path / "sla-tiers.yaml").write_text(
        "- code: cepat\n"
        "  name: Cepat\n"
        "  working_days: dua\n"
        "- code: lambat\n"
        "  nama: Lambat\n"
        "  working_days: 10\n",
        encoding="utf-8",
    )
    (tmp_path / "holidays.yaml").write_text("- date: 17-08-2026\n  name: X\n", encoding="utf-8")
    with pytest.raises(CityConfigError) as caught:
        import_city_config(tmp_path)
    errors = caught.value.errors
    assert any(e.startswith("sla-tiers.yaml:3: 0/working_days:") for e in errors), errors
    assert any(e.startswith("sla-tiers.yaml:4: 1:") and "'name'" in e for e in errors), errors
    assert any(e.startswith("sla-tiers.yaml:5:") and "nama" in e for e in errors), errors
    assert any(e.startswith("holidays.yaml:1: 0/date:") for e in errors), errors


def test_unknown_codes_are_refused_and_nothing_is_written(reference_data, tmp_path):
    texts = {"life-events.yaml": "- slug: lahir\n  name: Lahir\n"}
    entries = yamlio.load((REFERENCE_DATA_DIR / "services.yaml").read_text(encoding="utf-8"))
    entries[0]["org_unit"] = "DINAS-TIDAK-ADA"
    texts["services.yaml"] = yamlio.dump(entries[:1])
    with pytest.raises(CityConfigError) as caught:
        import_city_config(_write(tmp_path, texts))
    assert any("org_unit: kode tidak dikenal: DINAS-TIDAK-ADA" in e for e in caught.value.errors)
    assert caught.value.errors[0].startswith("services.yaml:")
    assert not LifeEvent.objects.exists()


def test_bad_yaml_is_reported_with_its_line(reference_data, tmp_path):
    (tmp_path / "holidays.yaml").write_text("- date: '2026-01-01'\n  name: [x\n", "utf-8")
    with pytest.raises(CityConfigError) as caught:
        import_city_config(tmp_path)
    assert caught.value.errors[0].startswith("holidays.yaml:")


def test_commands_print_the_changes_and_fail_on_errors(reference_data, tmp_path, capsys):
    call_command(
        "import_city_config", str(REFERENCE_DATA_DIR), "--dry-run", "--only=life-events,services"
    )
    out = capsys.readouterr().out
    assert "services:" in out and "uji coba" in out
    (tmp_path / "sla-tiers.yaml").write_text("- code: x\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_city_config", str(tmp_path))
    assert "sla-tiers.yaml:1:" in capsys.readouterr().err
    call_command("export_city_config", str(tmp_path / "out"))
    assert (tmp_path / "out" / "services.yaml").exists()


def test_the_published_schemas_are_up_to_date():
    published = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.json")}
    assert published == schema_texts()


def test_the_admin_shows_what_came_from_the_files(reference_data, client):
    from satupintu.cases.models import Category
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    import_city_config(REFERENCE_DATA_DIR)
    own = Service.objects.create(
        slug="layanan-admin",
        name="Layanan dari admin",
        org_unit=OrgUnit.objects.get(code="DISDUKCAPIL"),
        summary="Ringkasan.",
        procedure="Datang.",
        processing_days=2,
        product="Surat.",
        complaint_handling="Pengaduan.",
    )
    admin = make_staff(OrgUnit.objects.get(code="DISDUKCAPIL"), Membership.Role.ADMIN)
    client.force_login(admin)
    imported = Service.objects.get(slug="akta-kelahiran")
    page = client.get(f"/admin/catalog/service/{imported.pk}/change/").content.decode()
    assert "Dari berkas konfigurasi kota services.yaml" in page
    page = client.get(f"/admin/catalog/service/{own.pk}/change/").content.decode()
    assert "Diisi lewat admin" in page
    # The edit made in the admin is in the next export.
    form_page = client.get(f"/admin/catalog/service/{own.pk}/change/")
    assert form_page.status_code == 200
    assert "slug: layanan-admin" in export_texts()["services.yaml"]
    assert Category.objects.filter(code="jalan-rusak").exists()


def test_signatories_and_pokir_windows_round_trip_with_their_own_errors(reference_data, tmp_path):
    (tmp_path / "signatories.yaml").write_text(
        "- org_unit: DPU\n"
        "  kind: hasil_layanan\n"
        "  title: Kepala Dinas Pekerjaan Umum\n"
        "  name: Ir. Budi\n"
        "  nip: '1970'\n"
        "- org_unit: DPU\n"
        "  kind: sertifikat\n"
        "  title: Kepala\n"
        "  name: Ir. Budi\n"
        "  private_key_pem: rahasia\n",
        encoding="utf-8",
    )
    (tmp_path / "pokir-windows.yaml").write_text(
        "- planning_year: 2028\n  opens_on: '2027-03-31'\n  closes_on: '2027-01-04'\n",
        encoding="utf-8",
    )
    with pytest.raises(CityConfigError) as caught:
        import_city_config(tmp_path)
    errors = caught.value.errors
    assert any(e.startswith("signatories.yaml:5: 0/nip:") for e in errors), errors
    assert any(e.startswith("signatories.yaml:7: 1/kind:") for e in errors), errors
    assert any(e.startswith("signatories.yaml:10:") and "private_key_pem" in e for e in errors)
    assert not any(e.startswith("pokir-windows") for e in errors), errors  # schema is fine

    (tmp_path / "signatories.yaml").write_text(
        "- org_unit: DPU\n  kind: hasil_layanan\n  title: Kepala Dinas\n  name: Ir. Budi\n",
        encoding="utf-8",
    )
    with pytest.raises(CityConfigError) as caught:
        import_city_config(tmp_path)
    # The window closing before it opens is the file's error, with its line; nothing saved.
    assert caught.value.errors[0].startswith("pokir-windows.yaml:1:"), caught.value.errors
    assert not Signatory.objects.exists()

    (tmp_path / "pokir-windows.yaml").write_text(
        "- planning_year: 2028\n  opens_on: '2027-01-04'\n  closes_on: '2027-03-31'\n",
        encoding="utf-8",
    )
    summary = import_city_config(tmp_path, dry_run=True)
    assert summary.counts["signatories"]["created"] == 1
    assert summary.counts["pokir-windows"]["created"] == 1
    assert not Signatory.objects.exists() and not SubmissionWindow.objects.exists()
    import_city_config(tmp_path)
    assert import_city_config(tmp_path).changed == 0
    signatory = Signatory.objects.get()
    assert (signatory.org_unit.code, signatory.title, signatory.nip) == ("DPU", "Kepala Dinas", "")
    # Left out of the file: the signatory is set inactive, the window deleted.
    (tmp_path / "signatories.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "pokir-windows.yaml").write_text("[]\n", encoding="utf-8")
    summary = import_city_config(tmp_path)
    assert summary.counts["signatories"]["retired"] == 1
    assert summary.counts["pokir-windows"]["retired"] == 1
    signatory.refresh_from_db()
    assert signatory.is_active is False and not SubmissionWindow.objects.exists()


def test_the_admin_marks_signatories_and_windows_from_files(reference_data, client):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    import_city_config(REFERENCE_DATA_DIR)
    client.force_login(make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN))
    admin_client = client
    signatory = Signatory.objects.get(org_unit__code="SETDA", kind="surat_keluar")
    page = admin_client.get(f"/admin/documents/signatory/{signatory.pk}/change/")
    assert "Dari berkas konfigurasi kota signatories.yaml" in page.content.decode()
    assert "Sekretaris Daerah" in page.content.decode()
    window = SubmissionWindow.objects.create(
        planning_year=2030, opens_on=datetime.date(2029, 1, 2), closes_on=datetime.date(2029, 3, 1)
    )
    page = admin_client.get(f"/admin/dprd/submissionwindow/{window.pk}/change/")
    assert "Diisi lewat admin" in page.content.decode()
    assert "planning_year: 2030" in export_texts()["pokir-windows.yaml"]
