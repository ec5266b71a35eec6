from django import forms
from django.utils.translation import gettext_lazy as _


class PrivateLinkForm(forms.Form):
    link = forms.CharField(
        label=_("Tautan pribadi laporan"),
        max_length=300,
        help_text=_(
            "Tempel tautan dari pesan konfirmasi laporan anonim Anda: alamat situs ini "
            "diikuti kode lacak dan kode rahasianya."
        ),
        error_messages={"required": _("Tempel tautan pribadi laporan Anda.")},
    )
