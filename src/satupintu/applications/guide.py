"""The guide "Mengajukan permohonan" (/panduan/mengajukan-permohonan/), see guides/registry.py.
The screens' functions run only in `make guides`, against the demo data."""

from django.utils.translation import gettext_lazy as _

from satupintu.guides.registry import Guide, Screen, Step, register

DEMO_SERVICE = "akta-kelahiran"


def _documents_step() -> str:
    """A fresh draft of the demo citizen with every form step answered: its documents page."""
    from django.urls import reverse

    from satupintu.accounts.models import User
    from satupintu.applications import demo
    from satupintu.applications.forms import FormSpec
    from satupintu.applications.models import ApplicationDraft
    from satupintu.applications.services import citizen as services
    from satupintu.catalog.models import Service

    citizen = User.objects.get(email__startswith=f"{demo.CITIZEN_EMAIL_LOCAL}@")
    service = Service.objects.get(slug=DEMO_SERVICE)
    draft = services.start_draft(user=citizen, service=service, fresh=True)
    pages = len(FormSpec(draft.form_version).steps)
    ApplicationDraft.objects.filter(pk=draft.pk).update(
        data=demo._answers(draft.form_version), current_step=pages
    )
    return reverse("applications:step", args=[draft.public_id, pages + 1])


def _sent_page() -> str:
    from satupintu.cases.models import Case

    return f"/permohonan/{Case.objects.get(idempotency_key='demo-pmh-1').tracking_code}/terkirim/"


register(
    Guide(
        slug="mengajukan-permohonan",
        title=_("Mengajukan permohonan"),
        summary=_("Minta layanan kota dari HP Anda: akta, KK, surat keterangan, izin."),
        order=10,
        explains=(
            "catalog:list",
            "catalog:detail",
            "applications:my_list",
            "applications:step",
            "applications:done",
        ),
        steps=(
            Step(
                _("Buka Katalog layanan. Ketik nama layanan, misalnya “akta kelahiran”."),
                image="mengajukan-1.webp",
                alt=_("Halaman Katalog layanan dengan kotak pencarian."),
                screen=Screen(path="/layanan/?q=akta+kelahiran"),
            ),
            Step(
                _("Baca syaratnya dan siapkan dokumennya. Tekan “Ajukan permohonan online”."),
                image="mengajukan-2.webp",
                alt=_("Halaman layanan dengan tombol Ajukan permohonan online."),
                screen=Screen(path=f"/layanan/{DEMO_SERVICE}/", focus="main h1"),
            ),
            Step(
                _(
                    "Masuk ke akun Anda. Belum punya akun? Tekan “Daftar”. "
                    "Cukup nomor HP atau e-mail."
                ),
                image="mengajukan-3.webp",
                alt=_("Halaman masuk akun."),
                screen=Screen(path="/akun/login/"),
            ),
            Step(
                _(
                    "Isi formulir. Tekan “Simpan dan lanjutkan”. Isian tersimpan, jadi bisa "
                    "dilanjutkan nanti."
                ),
                image="mengajukan-4.webp",
                alt=_("Langkah pertama formulir permohonan."),
                screen=Screen(path=f"/permohonan/baru/{DEMO_SERVICE}/", login="citizen"),
            ),
            Step(
                _("Foto atau pindai dokumen. Unggah satu berkas untuk setiap syarat."),
                image="mengajukan-5.webp",
                alt=_("Langkah dokumen: satu tombol pilih berkas untuk setiap syarat."),
                screen=Screen(path=_documents_step, login="citizen", focus="form h2"),
            ),
            Step(
                _("Periksa lagi, lalu tekan “Kirim permohonan”. Catat kode lacaknya."),
                image="mengajukan-6.webp",
                alt=_("Permohonan terkirim, dengan kode lacak."),
                screen=Screen(path=_sent_page, login="citizen"),
            ),
        ),
        tips=(
            _("Tautan pribadi dikirim ke HP atau e-mail Anda. Jangan bagikan tautan itu."),
            _("Bila petugas meminta perbaikan, unggah berkas baru lewat tautan yang sama."),
        ),
    )
)
