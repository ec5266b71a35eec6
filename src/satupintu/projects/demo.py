"""Demo development projects (loaded by `load_demo_data`, demo mode only; safe to run again):
fifteen invented projects across Balikpapan's kecamatan — roads, drains, schools, a
puskesmas, parks — as points, lines and areas, with progress reports (one with a photo)."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satupintu.core import images
from satupintu.geo.geometry import parse
from satupintu.org.models import OrgUnit, Region
from satupintu.projects import services
from satupintu.projects.models import Project

P = Project.Funding
# (slug, OPD, kelurahan code, name, programme, activity, funding, pagu (million Rp),
#  contractor, progress %, geometry)
PROJECTS = [
    (
        "pembangunan-jalan-sepinggan",
        "DPU",
        "64.71.05.1002",
        "Pembangunan Jalan Sepinggan",
        "Program Penyelenggaraan Jalan",
        "Peningkatan jalan kota",
        P.APBD,
        8450,
        "CV Contoh Karya Beton",
        65,
        {
            "type": "LineString",
            "coordinates": [[116.8921, -1.2588], [116.8978, -1.2561], [116.9032, -1.2540]],
        },
    ),
    (
        "drainase-sepinggan-raya",
        "DPU",
        "64.71.05.1009",
        "Normalisasi Drainase Sepinggan Raya",
        "Program Pengelolaan Sumber Daya Air",
        "Drainase perkotaan",
        P.APBD,
        3200,
        "PT Contoh Tirta Konstruksi",
        40,
        {"type": "LineString", "coordinates": [[116.9101, -1.2612], [116.9150, -1.2590]]},
    ),
    (
        "taman-gunung-bahagia",
        "DISPERKIM",
        "64.71.05.1006",
        "Penataan Taman Gunung Bahagia",
        "Program Kawasan Permukiman",
        "Ruang terbuka hijau",
        P.APBD,
        1250,
        "CV Contoh Hijau Lestari",
        90,
        {
            "type": "Polygon",
            "coordinates": [
                [
                    [116.8741, -1.2480],
                    [116.8762, -1.2480],
                    [116.8762, -1.2462],
                    [116.8741, -1.2462],
                    [116.8741, -1.2480],
                ]
            ],
        },
    ),
    (
        "puskesmas-damai-baru",
        "DINKES",
        "64.71.05.1011",
        "Rehabilitasi Puskesmas Damai Baru",
        "Program Pemenuhan Upaya Kesehatan",
        "Rehabilitasi fasilitas kesehatan",
        P.DAK,
        2750,
        "CV Contoh Sehat Bangun",
        100,
        {"type": "Point", "coordinates": [116.8668, -1.2561]},
    ),
    (
        "sdn-sungainangka",
        "DISDIKBUD",
        "64.71.05.1010",
        "Pembangunan Ruang Kelas SD Sungainangka",
        "Program Pengelolaan Pendidikan",
        "Pembangunan ruang kelas baru",
        P.DAK,
        1900,
        "CV Contoh Cerdas Mandiri",
        20,
        {"type": "Point", "coordinates": [116.8712, -1.2498]},
    ),
    (
        "jalan-manggar-lamaru",
        "DPU",
        "64.71.01.1002",
        "Pelebaran Jalan Manggar–Lamaru",
        "Program Penyelenggaraan Jalan",
        "Pelebaran jalan kota",
        P.APBD_PROVINCE,
        12600,
        "PT Contoh Jalan Nusantara",
        35,
        {
            "type": "LineString",
            "coordinates": [[116.9712, -1.2168], [116.9895, -1.2073], [117.0051, -1.1989]],
        },
    ),
    (
        "pasar-manggar",
        "DISDAG",
        "64.71.01.1001",
        "Revitalisasi Pasar Manggar",
        "Program Stabilisasi Harga dan Pasar",
        "Revitalisasi pasar rakyat",
        P.APBN,
        6800,
        "PT Contoh Niaga Bangun",
        10,
        {
            "type": "Polygon",
            "coordinates": [
                [
                    [116.9660, -1.2152],
                    [116.9678, -1.2152],
                    [116.9678, -1.2139],
                    [116.9660, -1.2139],
                    [116.9660, -1.2152],
                ]
            ],
        },
    ),
    (
        "drainase-muara-rapak",
        "DPU",
        "64.71.03.1004",
        "Drainase Muara Rapak",
        "Program Pengelolaan Sumber Daya Air",
        "Drainase perkotaan",
        P.APBD,
        2100,
        "CV Contoh Aliran Jaya",
        75,
        {"type": "LineString", "coordinates": [[116.8445, -1.2301], [116.8478, -1.2275]]},
    ),
    (
        "rusunawa-batu-ampar",
        "DISPERKIM",
        "64.71.03.1001",
        "Rusunawa Batu Ampar Tahap II",
        "Program Perumahan",
        "Rumah susun sewa",
        P.APBN,
        18500,
        "PT Contoh Hunian Rakyat",
        55,
        {"type": "Point", "coordinates": [116.8603, -1.2189]},
    ),
    (
        "jembatan-kariangau",
        "DPU",
        "64.71.02.1004",
        "Jembatan Kariangau",
        "Program Penyelenggaraan Jalan",
        "Pembangunan jembatan",
        P.APBD,
        9800,
        "PT Contoh Baja Persada",
        0,
        {"type": "LineString", "coordinates": [[116.7905, -1.2012], [116.7933, -1.2001]]},
    ),
    (
        "turap-baru-ulu",
        "DPU",
        "64.71.02.1003",
        "Turap Sungai Baru Ulu",
        "Program Pengelolaan Sumber Daya Air",
        "Pengendalian banjir",
        P.APBD,
        1400,
        "CV Contoh Tebing Kokoh",
        80,
        {"type": "LineString", "coordinates": [[116.8160, -1.2421], [116.8185, -1.2409]]},
    ),
    (
        "gor-gunung-sari",
        "DISPORAPAR",
        "64.71.04.1001",
        "Renovasi GOR Gunung Sari",
        "Program Pengembangan Kapasitas Olahraga",
        "Sarana olahraga",
        P.APBD,
        2300,
        "CV Contoh Prima Sport",
        45,
        {"type": "Point", "coordinates": [116.8412, -1.2398]},
    ),
    (
        "penerangan-karang-rejo",
        "DISHUB",
        "64.71.04.1003",
        "Penerangan Jalan Karang Rejo",
        "Program Lalu Lintas dan Angkutan Jalan",
        "Penerangan jalan umum",
        P.APBD,
        650,
        "CV Contoh Terang Abadi",
        100,
        {"type": "LineString", "coordinates": [[116.8468, -1.2452], [116.8501, -1.2437]]},
    ),
    (
        "pedestrian-klandasan",
        "DPU",
        "64.71.06.1003",
        "Pedestrian Pantai Klandasan",
        "Program Penyelenggaraan Jalan",
        "Trotoar dan jalur pejalan kaki",
        P.APBD,
        4100,
        "PT Contoh Pesisir Indah",
        60,
        {
            "type": "LineString",
            "coordinates": [[116.8261, -1.2741], [116.8332, -1.2722], [116.8395, -1.2709]],
        },
    ),
    (
        "ipal-damai",
        "DLH",
        "64.71.06.1005",
        "IPAL Komunal Damai",
        "Program Pengendalian Pencemaran",
        "Instalasi pengolahan air limbah",
        P.DAK,
        1750,
        "CV Contoh Air Bersih",
        30,
        {"type": "Point", "coordinates": [116.8550, -1.2650]},
    ),
]


def _demo_photo():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 360), (198, 210, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 230, 640, 360], fill=(90, 90, 95))  # a road
    for x in range(20, 640, 80):
        draw.rectangle([x, 290, x + 40, 298], fill=(240, 240, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return images.prepare(SimpleUploadedFile("jalan.jpg", buffer.getvalue(), "image/jpeg"))


def load() -> int:
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={p[1] for p in PROJECTS})}
    regions = {r.code: r for r in Region.objects.filter(code__in={p[2] for p in PROJECTS})}
    year = timezone.localdate().year
    created = 0
    for index, row in enumerate(PROJECTS):
        slug, unit, region, name, programme, activity, funding, million, contractor, pct, geo = row
        if unit not in units or region not in regions:
            continue  # another city's reference data
        if Project.objects.filter(slug=slug).exists():
            continue
        ceiling = Decimal(million) * 1_000_000
        start = date(year, 2, 1) + timedelta(days=7 * index)
        project = services.save_project(
            actor=None,
            values={
                "org_unit": units[unit],
                "name": name,
                "description": f"{activity} di Kelurahan {regions[region].name}.",
                "programme": programme,
                "activity": activity,
                "budget_year": year,
                "budget_ceiling": ceiling,
                "realisation": (ceiling * Decimal(pct) / 100).quantize(Decimal(1)),
                "funding_source": funding,
                "contractor": contractor,
                "contract_value": (ceiling * Decimal("0.94")).quantize(Decimal(1)),
                "start_date": start,
                "finish_date": date(year, 12, 15),
                "region": regions[region],
                "status": Project.Status.RUNNING if pct else Project.Status.PLANNED,
                "is_published": True,
            },
            geometry=parse(geo),
        )
        Project.objects.filter(pk=project.pk).update(slug=slug)
        project.slug = slug
        today = timezone.localdate()
        if pct:
            photos = [(_demo_photo(), f"Pekerjaan {name} di lapangan")] if index == 0 else []
            services.report_progress(
                actor=None,
                project=project,
                reported_on=min(start + timedelta(days=30), today),
                progress=max(pct // 2, 1),
                note="Pekerjaan persiapan dan pengukuran selesai.",
                photos=[],
            )
            services.report_progress(
                actor=None,
                project=project,
                reported_on=today,
                progress=pct,
                note="Sesuai jadwal." if pct < 100 else "Pekerjaan selesai dan diserahterimakan.",
                photos=photos,
            )
        created += 1
    return created
