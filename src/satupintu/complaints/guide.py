"""The guide "Menyampaikan aduan" (/panduan/menyampaikan-aduan/), see guides/registry.py."""

from django.utils.translation import gettext_lazy as _

from satupintu.guides.registry import Guide, Screen, Step, register

GUIDE_KEY = "panduan-demo-aduan"


def _sent_page() -> str:
    """A demo complaint's confirmation page (made once, for the picture)."""
    from satupintu.cases.models import Case, Category
    from satupintu.complaints.forms import Identity
    from satupintu.complaints.services import file_complaint
    from satupintu.complaints.workflow import KIND, Subtype

    case = Case.objects.filter(idempotency_key=GUIDE_KEY).first()
    if case is None:
        case, _secret = file_complaint(
            channel=Case.Channel.WEB,
            subtype=Subtype.COMPLAINT,
            category=Category.objects.filter(kind=KIND, code="jalan-rusak").first(),
            title="Jalan berlubang di depan SD",
            description="Lubang besar di depan sekolah. Motor sering jatuh.",
            identity=Identity.NAMED,
            reporter_name="Warga contoh",
            reporter_phone="+6281234567890",
            idempotency_key=GUIDE_KEY,
        )
    return f"/aduan/terkirim/{case.tracking_code}/"


register(
    Guide(
        slug="menyampaikan-aduan",
        title=_("Menyampaikan aduan"),
        summary=_("Laporkan jalan rusak, sampah, lampu mati, atau pelayanan yang buruk."),
        order=20,
        explains=("complaints:landing", "complaints:new", "complaints:sent"),
        steps=(
            Step(
                _("Buka menu Pengaduan dan aspirasi. Tekan “Buat laporan”."),
                image="aduan-1.webp",
                alt=_("Halaman Pengaduan dan aspirasi."),
                screen=Screen(path="/aduan/"),
            ),
            Step(
                _("Pilih kategori. Tulis apa yang terjadi dan di mana. Tambahkan foto bila ada."),
                image="aduan-2.webp",
                alt=_("Formulir laporan: kategori, judul dan uraian."),
                screen=Screen(path="/aduan/baru/", focus="main form"),
            ),
            Step(
                _(
                    "Pilih identitas: biasa, rahasia, atau anonim. Isi HP atau e-mail agar "
                    "dapat kabar."
                ),
                image="aduan-3.webp",
                alt=_("Pilihan identitas pelapor dan kontak."),
                screen=Screen(path="/aduan/baru/", focus="text=Identitas pelapor"),
            ),
            Step(
                _("Tekan “Kirim laporan”. Simpan kode lacak dan tautan pribadinya."),
                image="aduan-4.webp",
                alt=_("Laporan terkirim, dengan kode lacak."),
                screen=Screen(path=_sent_page),
            ),
        ),
        tips=(
            _("Laporan diperiksa paling lambat 3 hari kerja."),
            _("Identitas pelapor rahasia hanya diketahui petugas koordinator."),
        ),
    )
)
