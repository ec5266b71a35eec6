from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.nik import normalize_nik
from satupintu.accounts.phone import normalize_phone
from satupintu.core.validators import no_markup
from satupintu.queues.models import Booking


class BookingForm(forms.Form):
    """Who comes: an account's name and contacts are offered; the hospital asks for the NIK
    or the medical-record number and who pays."""

    name = forms.CharField(label=_("Nama lengkap"), max_length=120, validators=[no_markup])
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Kode booking dan pengingat dikirim ke nomor ini."),
    )
    email = forms.EmailField(label=_("E-mail (boleh kosong)"), required=False)

    def __init__(self, *args, hospital=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.hospital = hospital
        if hospital:
            self.fields["nik"] = forms.CharField(
                label=_("NIK pasien"),
                max_length=20,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )
            self.fields["mrn"] = forms.CharField(
                label=_("Nomor rekam medis (bila sudah pernah berobat)"),
                max_length=30,
                required=False,
                validators=[no_markup],
            )
            self.fields["payer"] = forms.ChoiceField(
                label=_("Penjamin"),
                choices=Booking.Payer.choices,
                widget=forms.RadioSelect,
            )

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_nik(self):
        raw = (self.cleaned_data.get("nik") or "").strip()
        return normalize_nik(raw) if raw else ""

    def clean(self):
        data = super().clean()
        missing = self.hospital and not data.get("nik") and not data.get("mrn")
        if missing and "nik" not in self.errors and "mrn" not in self.errors:
            raise ValidationError(_("Isi NIK pasien atau nomor rekam medis."))
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode booking"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    priority = forms.BooleanField(
        label=_("Prioritas (lansia, disabilitas, ibu hamil)"), required=False
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper().replace(" ", "")
        if not code.startswith("ANT-"):
            code = f"ANT-{code}"
        return code


class LeaveForm(forms.Form):
    practitioner = forms.ModelChoiceField(label=_("Dokter"), queryset=None)
    starts = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label=_("Sampai"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Alasan"), max_length=150, required=False, validators=[no_markup]
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = site.practitioners.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            raise ValidationError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data
