"""The guide "Memeriksa keaslian dokumen" (/panduan/memverifikasi-dokumen/), see
guides/registry.py."""

from django.utils.translation import gettext_lazy as _

from satupintu.guides.registry import Guide, Screen, Step, register


def _issued_document() -> str:
    from satupintu.cases.models import Case

    case = Case.objects.get(idempotency_key="demo-pmh-5")
    return f"/verifikasi/{case.application.result_document.token}/"


register(
    Guide(
        slug="memverifikasi-dokumen",
        title=_("Memeriksa keaslian dokumen"),
        summary=_("Pastikan surat atau akta dari kota ini asli dan belum dicabut."),
        order=40,
        explains=("documents:verify_upload", "documents:verify_token"),
        steps=(
            Step(
                _("Pindai kode QR di bagian bawah dokumen dengan kamera HP."),
                image="verifikasi-1.webp",
                alt=_("Halaman hasil pemeriksaan: dokumen sah."),
                screen=Screen(path=_issued_document),
            ),
            Step(
                _("Punya berkas PDF-nya? Buka menu Verifikasi dan unggah berkasnya."),
                image="verifikasi-2.webp",
                alt=_("Halaman Periksa keaslian berkas PDF."),
                screen=Screen(path="/verifikasi/"),
            ),
            Step(
                _("Baca hasilnya. Cocokkan nomor, nama dan tanggal dengan dokumen di tangan Anda."),
            ),
        ),
        tips=(
            _("Tanda terima permohonan bukan dokumen hasil; tanda terima tidak ditandatangani."),
        ),
    )
)
