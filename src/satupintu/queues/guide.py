"""The guide "Memesan antrean" (/panduan/memesan-antrean/), see guides/registry.py. The
pictures are of the demo's Disdukcapil office (`queues/demo.py`)."""

from datetime import time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.guides.registry import Guide, Screen, Step, register

SITE = "disdukcapil"
GUIDE_PHONE = "+6281200000011"


def _service_and_day():
    from satupintu.queues.calendar import is_closed
    from satupintu.queues.models import Site

    site = Site.objects.get(slug=SITE)
    service = site.services.filter(needs_practitioner=False, online_quota__gt=0).first()
    day = timezone.localdate()
    for _offset in range(site.booking_days):
        day += timedelta(days=1)
        if not is_closed(site, day) and site.hours.filter(weekday=day.weekday()).exists():
            return site, service, day
    raise RuntimeError("no open day for the guide")


def _choose_page() -> str:
    site, service, day = _service_and_day()
    return f"/antrean/{site.slug}/layanan/{service.pk}/?tanggal={day.isoformat()}"


def _confirm_page() -> str:
    site, service, day = _service_and_day()
    query = f"?tanggal={day.isoformat()}&jam=09:00"
    return f"/antrean/{site.slug}/layanan/{service.pk}/pesan/{query}"


def _ticket_page() -> str:
    """A demo booking's ticket page (made once, for the picture)."""
    from satupintu.queues.models import Booking
    from satupintu.queues.services import BookingRequest, book

    site, service, day = _service_and_day()
    booking = Booking.objects.filter(service=service, day=day, name="Warga contoh").first()
    if booking is None:
        booking, _secret = book(
            BookingRequest(
                service=service,
                day=day,
                slot_start=time(9),
                name="Warga contoh",
                phone=GUIDE_PHONE,
            )
        )
    return f"/antrean/b/{booking.code}/"


register(
    Guide(
        slug="memesan-antrean",
        title=_("Memesan antrean"),
        summary=_("Pesan tempat di antrean RSUD, Disdukcapil atau MPP sebelum datang."),
        order=25,
        explains=("queues:home", "queues:site", "queues:choose"),
        steps=(
            Step(
                _("Buka menu Antrean online. Pilih lokasi yang dituju."),
                image="antrean-1.webp",
                alt=_("Daftar lokasi antrean online."),
                screen=Screen(path="/antrean/"),
            ),
            Step(
                _("Pilih layanan, lalu hari dan jam. Angkanya adalah tempat yang masih kosong."),
                image="antrean-2.webp",
                alt=_("Pilihan hari dan jam dengan jumlah tempat kosong."),
                screen=Screen(path=_choose_page, focus="main h2"),
            ),
            Step(
                _("Isi nama dan nomor HP. Di RSUD isi juga NIK pasien. Tekan “Pesan tempat”."),
                image="antrean-3.webp",
                alt=_("Formulir konfirmasi booking."),
                screen=Screen(path=_confirm_page),
            ),
            Step(
                _(
                    "Simpan kode booking dan kode QR. Di lokasi, tunjukkan di kios untuk "
                    "mendapat nomor antrean."
                ),
                image="antrean-4.webp",
                alt=_("Tiket antrean dengan kode booking dan kode QR."),
                screen=Screen(path=_ticket_page),
            ),
        ),
        tips=(
            _("Pengingat dikirim sehari sebelum jadwal."),
            _("Ubah jadwal atau batalkan lewat tautan pribadi yang dikirim ke HP Anda."),
        ),
    )
)
