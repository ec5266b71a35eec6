from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.documents.services import MAX_PDF_BYTES, PDF_MAGIC


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas PDF"),
        help_text=_("Berkas PDF yang Anda terima dari kami, paling besar 10 MB."),
        error_messages={
            "required": _("Pilih berkas PDF yang akan diperiksa."),
            "empty": _("Berkas yang dikirim kosong."),
            "invalid": _("Berkas tidak terkirim dengan benar, coba lagi."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PDF_BYTES:
            raise ValidationError(_("Berkas lebih dari 10 MB."))
        upload.seek(0)
        data = upload.read()
        if not data.startswith(PDF_MAGIC):
            raise ValidationError(_("Berkas ini bukan PDF. Unggah berkas PDF asli dokumen."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ditampilkan kepada publik di halaman verifikasi: jangan menulis data pribadi."
        ),
        error_messages={"required": _("Alasan pencabutan wajib diisi.")},
    )
