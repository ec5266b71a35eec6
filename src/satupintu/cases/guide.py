"""The guide "Melacak laporan dan permohonan" (/panduan/melacak/), see guides/registry.py."""

from django.utils.translation import gettext_lazy as _

from satupintu.guides.registry import Guide, Screen, Step, register


def _demo_code() -> str:
    from satupintu.cases.models import Case

    return Case.objects.get(idempotency_key="demo-pmh-2").tracking_code


def _type_code(page) -> None:
    page.locator("main input[name=code]").fill(_demo_code())


register(
    Guide(
        slug="melacak",
        title=_("Melacak laporan dan permohonan"),
        summary=_("Lihat sampai mana aduan atau permohonan Anda, dengan kode lacak."),
        order=30,
        explains=("cases:track_form", "cases:track", "cases:track_secret"),
        steps=(
            Step(
                _("Buka menu Lacak laporan. Ketik kode lacak Anda, misalnya PMH-7K3F9Q."),
                image="melacak-1.webp",
                alt=_("Halaman Lacak dengan kode lacak terisi."),
                screen=Screen(path="/lacak/", prepare=_type_code),
            ),
            Step(
                _("Lihat statusnya dan siapa yang menangani. Tanggal batas waktu juga tampil."),
                image="melacak-2.webp",
                alt=_("Halaman status dengan riwayat langkah."),
                screen=Screen(path=lambda: f"/lacak/{_demo_code()}/"),
            ),
            Step(
                _("Punya akun? Semua permohonan Anda ada di “Permohonan saya”."),
                image="melacak-3.webp",
                alt=_("Daftar Permohonan saya."),
                screen=Screen(path="/permohonan/", login="citizen"),
            ),
        ),
        tips=(
            _(
                "Tautan pribadi di HP atau e-mail Anda membuka halaman yang sama, dengan tombol "
                "untuk menjawab petugas."
            ),
            _("Kode lacak boleh ditulis dengan huruf kecil."),
        ),
    )
)
