import pytest
from django.core.management import call_command
from django.urls import reverse

from satupintu.opendata import demo
from satupintu.opendata.models import Dataset

pytestmark = pytest.mark.django_db


def test_demo_catalogue(reference_data, client):
    call_command("load_demo_data", force=True)
    published = Dataset.objects.filter(is_published=True)
    assert published.filter(source=Dataset.Source.UPLOAD).count() == 2
    assert published.filter(source=Dataset.Source.GENERATED).count() >= 6
    puskesmas = Dataset.objects.get(title="Lokasi puskesmas")
    assert puskesmas.resources.filter(format="GeoJSON").exists()
    rows = Dataset.objects.get(generator_key="pengaduan-per-kategori").table.rows
    assert rows and any(isinstance(row[2], int) for row in rows)  # the demo's complaints
    uploads = Dataset.objects.filter(source=Dataset.Source.UPLOAD).count()
    demo.load()  # safe to run again
    assert Dataset.objects.filter(source=Dataset.Source.UPLOAD).count() == uploads
    page = client.get(reverse("opendata:list"))
    assert page.status_code == 200 and "Lokasi puskesmas" in page.text
