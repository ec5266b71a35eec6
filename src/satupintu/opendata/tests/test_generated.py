"""Datasets generated from the platform's figures: aggregates only (names, NIKs and phones
seeded into cases and applications appear in no resource of any format), small counts
suppressed, Satu Data metadata complete, refreshed by a periodic task."""

import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.applications.tests.conftest import VALID_KK, VALID_NIK, VALID_PHONE
from satupintu.cases.tests.helpers import coordinator, file_case, make_category, verify
from satupintu.core import periodic
from satupintu.dashboards import rollup
from satupintu.opendata import registry, services
from satupintu.opendata.models import Dataset

pytestmark = pytest.mark.django_db

NAME = "Sulastri Wibisono"
NIK = "6471054505880002"
PHONE = "+6281398765432"
SECRETS = [NAME, "Wibisono", NIK, PHONE, PHONE[1:], "081398765432", "budi@contoh.id",
           "Budi Santoso", VALID_NIK, VALID_KK, VALID_PHONE, VALID_PHONE[1:]]  # fmt: skip


@pytest.fixture
def figures(reference_data, submitted_application):
    """Six complaints (five "Jalan rusak", one "Banjir") with the reporter's name, NIK and
    phone in the contact fields and the text; an application with NIK, KK and phone."""
    roads, flood = make_category(), make_category("banjir", name="Banjir")
    by = coordinator()
    for n in range(5):
        case, _secret = file_case(
            roads,
            title=f"Jalan rusak depan rumah {NAME}",
            description=f"Saya {NAME}, NIK {NIK}, HP {PHONE}: lubang besar nomor {n}.",
            reporter_name=NAME,
            reporter_phone=PHONE,
        )
        verify(case, by=by, org_unit="DPU")
    file_case(flood, reporter_name=NAME, description=f"Banjir, hubungi {PHONE} ({NIK}).")
    today = timezone.localdate()
    rollup.rollup_range(today - timedelta(days=1), today)
    return services.regenerate_all()


def _texts(resource) -> str:
    raw = resource.file.open("rb").read()
    if resource.format != "XLSX":
        return raw.decode("utf-8")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw), read_only=True)
    return "\n".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
        for cell in row if cell is not None
    )  # fmt: skip


def test_every_generator_ran_and_no_resource_holds_personal_data(figures):
    keys = {g.key for g in registry.generators()}
    assert set(figures) == keys
    expected = {
        "pengaduan-per-kategori",
        "pengaduan-per-bulan-opd",
        "permohonan-per-layanan",
        "waktu-penyelesaian",
        "indeks-kepuasan-masyarakat",
        "antrean-per-lokasi",
    }
    assert expected <= keys
    datasets = Dataset.objects.filter(source=Dataset.Source.GENERATED)
    assert datasets.count() == len(keys)
    checked = 0
    for dataset in datasets:
        for resource in dataset.resources.all():
            text = _texts(resource)
            for secret in SECRETS:
                assert secret not in text, (dataset.slug, resource.format, secret)
            checked += 1
        assert dataset.resources.count() >= 3
    assert checked >= 3 * len(keys)
    # The figures are there: the grep above read real rows.
    table = Dataset.objects.get(generator_key="pengaduan-per-kategori").table
    month = timezone.localdate().strftime("%Y-%m")
    assert [month, "Jalan rusak", 5] in table.rows


def test_small_counts_are_suppressed(figures):
    rows = Dataset.objects.get(generator_key="pengaduan-per-kategori").table.rows
    flood = next(row for row in rows if row[1] == "Banjir")
    assert flood[2] is None  # one complaint: could point to its reporter
    csv_text = _texts(
        Dataset.objects.get(generator_key="pengaduan-per-kategori").resources.get(format="CSV")
    )
    assert "Banjir," in csv_text and "Banjir,1" not in csv_text


def test_metadata_is_complete(figures, dataset_a):
    required = ("title", "description", "org_unit", "walidata", "frequency", "license",
                "period_start", "period_end", "contact_name", "contact_email")  # fmt: skip
    for dataset in Dataset.objects.all():
        for name in required:
            assert getattr(dataset, name), (dataset.slug, name)
        assert dataset.tags.exists() and dataset.groups.exists(), dataset.slug
        assert dataset.period_start <= dataset.period_end
        assert dataset.data_updated_at is not None


def test_regenerating_replaces_rows_and_files(figures, django_capture_on_commit_callbacks):
    dataset = Dataset.objects.get(generator_key="pengaduan-per-kategori")
    old_file = dataset.resources.get(format="CSV").file.name
    storage = dataset.resources.get(format="CSV").file.storage
    roads = make_category("sampah", name="Sampah")
    for _ in range(3):
        file_case(roads)
    with django_capture_on_commit_callbacks(execute=True):
        services.regenerate(registry.get("pengaduan-per-kategori"))
    dataset.refresh_from_db()
    assert [timezone.localdate().strftime("%Y-%m"), "Sampah", 3] in dataset.table.rows
    assert Dataset.objects.filter(generator_key="pengaduan-per-kategori").count() == 1
    new = dataset.resources.get(format="CSV")
    assert storage.exists(new.file.name)
    assert b"Sampah" in new.file.open("rb").read()
    assert new.file.name != old_file
    assert not storage.exists(old_file)  # the old version is deleted once committed


def test_a_periodic_task_refreshes_them(reference_data):
    from satupintu.opendata.tasks import regenerate_datasets

    names = {p.name for p in periodic.registered()}
    assert regenerate_datasets.module_path in names
    result = regenerate_datasets.call()
    assert "pengaduan-per-kategori" in result
    assert Dataset.objects.filter(generator_key="pengaduan-per-kategori", is_published=True)


def test_a_failing_generator_does_not_stop_the_others(reference_data):
    def broken():
        raise RuntimeError("boom")

    registry.register(
        registry.Generator(
            key="zz-rusak", title="x", description="x", columns=(registry.Column("a", "a"),),
            table=broken,
        )
    )  # fmt: skip
    try:
        done = services.regenerate_all()
    finally:
        registry._generators.pop("zz-rusak")
    assert "zz-rusak" not in done and "pengaduan-per-kategori" in done


def test_json_resource_names_its_fields(figures):
    dataset = Dataset.objects.get(generator_key="pengaduan-per-bulan-opd")
    document = json.loads(dataset.resources.get(format="JSON").file.open("rb").read())
    assert [f["id"] for f in document["fields"]][:2] == ["bulan", "perangkat_daerah"]
    assert document["license"] == "cc-by"
