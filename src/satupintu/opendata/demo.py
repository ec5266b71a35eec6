"""Demo open data (loaded by `load_demo_data` after the dashboards' demo; safe to run again):
the catalogue's groups, two datasets uploaded by OPDs (puskesmas with coordinates, so also
GeoJSON; road lengths per kecamatan) and every generated dataset from the demo figures."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satupintu.opendata import services
from satupintu.opendata.models import Dataset, Group
from satupintu.org.models import OrgUnit

GROUPS = [
    ("pelayanan-publik", "Pelayanan publik", "Pengaduan, permohonan, antrean dan kepuasan warga."),
    ("kesehatan", "Kesehatan", "Fasilitas dan layanan kesehatan kota."),
    ("infrastruktur", "Infrastruktur", "Jalan, jembatan, drainase dan bangunan kota."),
]
PUSKESMAS = """nama,kecamatan,kelurahan,lintang,bujur,jam_layanan
Puskesmas Sepinggan,Balikpapan Selatan,Sepinggan,-1.2597,116.8921,07.30-14.00
Puskesmas Klandasan Ilir,Balikpapan Kota,Klandasan Ilir,-1.2771,116.8297,07.30-14.00
Puskesmas Gunung Samarinda,Balikpapan Utara,Gunung Samarinda,-1.2218,116.8596,07.30-14.00
Puskesmas Karang Joang,Balikpapan Utara,Karang Joang,-1.1535,116.8851,07.30-14.00
Puskesmas Manggar,Balikpapan Timur,Manggar,-1.2213,116.9679,07.30-14.00
"""
JALAN = """kecamatan,jalan_kota_km,kondisi_baik_persen
Balikpapan Selatan,182.4,78.5
Balikpapan Kota,96.1,84.0
Balikpapan Utara,171.9,69.2
Balikpapan Timur,120.3,61.7
Balikpapan Barat,88.6,72.4
Balikpapan Tengah,74.8,80.1
"""
UPLOADS = [
    ("DINKES", "puskesmas.csv", PUSKESMAS, "kesehatan", {
        "title": "Lokasi puskesmas",
        "description": "Puskesmas di Kota Balikpapan dengan koordinat dan jam layanan.",
        "frequency": "tahunan",
        "contact_name": "Seksi Data dan Informasi Dinas Kesehatan",
        "contact_email": "data.dinkes@balikpapan.example.go.id",
    }, ["puskesmas", "fasilitas-kesehatan"]),
    ("DPU", "jalan.csv", JALAN, "infrastruktur", {
        "title": "Panjang dan kondisi jalan kota per kecamatan",
        "description": "Panjang jalan berstatus jalan kota dan persentase kondisi baik.",
        "frequency": "tahunan",
        "contact_name": "Bidang Bina Marga DPU",
        "contact_email": "binamarga@balikpapan.example.go.id",
    }, ["jalan", "infrastruktur"]),
]  # fmt: skip


def load() -> int:
    for slug, title, description in GROUPS:
        Group.objects.update_or_create(
            slug=slug, defaults={"title": title, "description": description}
        )
    made = 0
    year = timezone.localdate().year
    for code, filename, text, group, fields, tags in UPLOADS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None or Dataset.objects.filter(title=fields["title"]).exists():
            continue
        dataset = services.create_dataset(
            actor=None,
            org_unit=unit,
            metadata={
                **fields,
                "license": "cc-by",
                "period_start": date(year - 1, 1, 1),
                "period_end": date(year - 1, 12, 31),
            },
            tags=tags,
            groups=[Group.objects.get(slug=group)],
            upload=SimpleUploadedFile(filename, text.encode("utf-8")),
        )
        services.set_published(actor=None, dataset=dataset, published=True)
        made += 1
    return made + len(services.regenerate_all())
