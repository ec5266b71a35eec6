"""Demo city information (invented): Balikpapan news, announcements and city events written by
the demo Dinas PU and Dinas Kesehatan operators and published by the head of Dinas PU; one
draft, one waiting for review and one scheduled for tomorrow, so the flow shows."""

from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from satupintu.accounts.models import User
from satupintu.news import gallery, services
from satupintu.news.models import Item
from satupintu.org.models import OrgUnit

K = Item.Kind
# (unit, kind, title, summary, body, image colour or None, days ago)
PUBLISHED = [
    (
        "DPU",
        K.NEWS,
        "Pembangunan jalan di Sepinggan dimulai pekan ini",
        "Dinas PU memulai pelebaran dan pengaspalan Jalan Marsma R. Iswahyudi di Kelurahan "
        "Sepinggan sepanjang 1,2 km.",
        "<p>Pekerjaan berlangsung bertahap selama empat bulan. Pengendara diminta memperhatikan "
        "rambu pengalihan arus di sekitar Bandara Sepinggan.</p><ul><li>Tahap 1: drainase "
        "sisi barat</li><li>Tahap 2: pelebaran badan jalan</li><li>Tahap 3: pengaspalan</li></ul>",
        (70, 110, 160),
        1,
    ),
    (
        "DPU",
        K.NEWS,
        "Normalisasi drainase Balikpapan Selatan kurangi genangan",
        "Sebelas titik genangan di Balikpapan Selatan ditangani dengan pengerukan saluran.",
        "<p>Pengerukan dilakukan di Gunung Bahagia, Damai dan Sungai Nangka.</p>",
        (40, 130, 110),
        3,
    ),
    (
        "DPU",
        K.ANNOUNCEMENT,
        "Penutupan sementara Jalan MT Haryono untuk perbaikan gorong-gorong",
        "Jalan MT Haryono ruas Damai ditutup pukul 22.00–05.00 WITA selama tiga malam.",
        "<p>Kendaraan dialihkan melalui Jalan Soekarno-Hatta.</p>",
        None,
        2,
    ),
    (
        "DPU",
        K.NEWS,
        "Perbaikan jalan berlubang di Balikpapan Utara selesai",
        "Tiga puluh dua lubang yang dilaporkan warga lewat Satu Pintu telah ditambal.",
        "<p>Terima kasih kepada warga yang melaporkan.</p>",
        None,
        6,
    ),
    (
        "DPU",
        K.NEWS,
        "Jembatan Manggar diperkuat sebelum musim hujan",
        "Penguatan pondasi Jembatan Manggar ditargetkan selesai bulan depan.",
        "<p>Lalu lintas tetap dibuka satu lajur.</p>",
        None,
        9,
    ),
    (
        "DINKES",
        K.NEWS,
        "Vaksinasi anak gratis di seluruh puskesmas",
        "Dinas Kesehatan membuka layanan imunisasi dasar lengkap di 27 puskesmas.",
        "<p>Bawa buku KIA dan kartu keluarga.</p>",
        (170, 80, 90),
        4,
    ),
    (
        "DINKES",
        K.ANNOUNCEMENT,
        "Jam layanan puskesmas selama libur akhir tahun",
        "Puskesmas rawat inap tetap buka 24 jam; puskesmas lain buka pukul 08.00–12.00.",
        "",
        None,
        5,
    ),
    (
        "DINKES",
        K.NEWS,
        "Pemberantasan sarang nyamuk serentak di Balikpapan Tengah",
        "Kader jumantik memeriksa rumah warga untuk mencegah demam berdarah.",
        "<p>Warga diminta menguras, menutup dan mendaur ulang wadah air.</p>",
        None,
        8,
    ),
]
# (unit, title, summary, place, days ahead, hours)
EVENTS = [
    (
        "DPU",
        "Sosialisasi pembangunan jalan Sepinggan",
        "Dinas PU menjelaskan jadwal pekerjaan dan pengalihan arus kepada warga.",
        "Kantor Kelurahan Sepinggan",
        3,
        2,
    ),
    (
        "DINKES",
        "Pemeriksaan kesehatan gratis Hari Kesehatan Nasional",
        "Cek tekanan darah, gula darah dan konsultasi gizi.",
        "Lapangan Merdeka, Balikpapan",
        10,
        4,
    ),
]

# The first item's gallery: (colour, caption) per stage of the works.
GALLERY = [
    ((110, 90, 60), "Tahap 1: saluran drainase sisi barat"),
    ((90, 100, 110), "Tahap 2: pelebaran badan jalan"),
    ((50, 50, 55), "Tahap 3: pengaspalan"),
]


def _image(colour) -> SimpleUploadedFile:
    """An invented illustration: a road in perspective, drawn here (no photo in the repo)."""
    image = PILImage.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(image)
    draw.polygon([(650, 300), (950, 300), (1500, 900), (100, 900)], fill=(60, 60, 60))
    draw.rectangle([(0, 0), (1600, 300)], fill=(180, 210, 235))
    for y in range(340, 900, 90):
        draw.rectangle([(790, y), (810, y + 45)], fill=(240, 240, 240))
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile("ilustrasi.jpg", out.getvalue(), content_type="image/jpeg")


def _people(domain):
    def get(local):
        return User.objects.filter(email=f"{local}@{domain}").first()

    return get("operator.dpu"), get("kepala.dpu"), get("operator.dinkes"), get("koordinator")


# The first demo item is about the Sepinggan road works of the projects demo (loaded first).
ABOUT_PROJECTS = ["pembangunan-jalan-sepinggan"]


def _about(unit) -> list[str]:
    from satupintu.projects import selectors as project_selectors

    found = project_selectors.projects_of_unit(unit).filter(slug__in=ABOUT_PROJECTS)
    return list(found.values_list("slug", flat=True))


def load(*, domain: str) -> int:
    """Idempotent: returns the number of items created."""
    writer_dpu, head_dpu, writer_dinkes, city_reviewer = _people(domain)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=["DPU", "DINKES"])}
    if not (writer_dpu and writer_dinkes and head_dpu and city_reviewer and len(units) == 2):
        return 0
    if Item.objects.filter(title=PUBLISHED[0][2]).exists():
        return 0
    writers = {"DPU": writer_dpu, "DINKES": writer_dinkes}
    # Dinas Kesehatan has no demo head: the city-wide koordinator reviews its items.
    reviewers = {"DPU": head_dpu, "DINKES": city_reviewer}
    now = timezone.now()
    created = 0
    for code, kind, title, summary, body, colour, days in PUBLISHED:
        item = services.create_item(
            actor=writers[code],
            org_unit=units[code],
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            projects=_about(units[code]) if created == 0 else [],
        )
        if colour:
            services.set_image(
                actor=writers[code],
                item=item,
                upload=_image(colour),
                alt_text=f"Ilustrasi: {title.lower()}",
            )
        if created == 0:  # the Sepinggan road works: a gallery of the three stages
            for stage, (shade, caption) in enumerate(GALLERY, start=1):
                gallery.add_image(
                    actor=writers[code],
                    item=item,
                    upload=_image(shade),
                    alt_text=f"Ilustrasi tahap {stage} pekerjaan jalan di Sepinggan",
                    caption=caption,
                )
        services.transition(actor=writers[code], item=item, action="submit")
        services.transition(actor=reviewers[code], item=item, action="publish")
        # Spread the demo over the past days (a direct update: history is invented anyway).
        Item.objects.filter(pk=item.pk).update(published_at=now - timedelta(days=days))
        created += 1
    for code, title, summary, place, ahead, hours in EVENTS:
        start = (timezone.localtime() + timedelta(days=ahead)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        item = services.create_item(
            actor=writers[code],
            org_unit=units[code],
            kind=K.EVENT,
            title=title,
            summary=summary,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            place=place,
        )
        services.transition(actor=reviewers[code], item=item, action="publish_draft")
        created += 1
    scheduled = services.create_item(
        actor=writer_dpu,
        org_unit=units["DPU"],
        kind=K.ANNOUNCEMENT,
        title="Jadwal pengaspalan malam Jalan Jenderal Sudirman",
        summary="Pengaspalan dilakukan malam hari agar lalu lintas siang tidak terganggu.",
    )
    services.transition(
        actor=head_dpu, item=scheduled, action="publish_draft", publish_at=now + timedelta(days=1)
    )
    waiting = services.create_item(
        actor=writer_dpu,
        org_unit=units["DPU"],
        kind=K.NEWS,
        title="Rencana trotoar ramah disabilitas di Klandasan",
        summary="Dinas PU merancang trotoar dengan jalur pemandu di Klandasan Ilir.",
    )
    services.transition(actor=writer_dpu, item=waiting, action="submit")
    services.create_item(
        actor=writer_dpu,
        org_unit=units["DPU"],
        kind=K.NEWS,
        title="Draf: laporan kemajuan proyek drainase",
        summary="Draf yang belum dikirim untuk ditinjau.",
    )
    return created + 3
