from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.nik import normalize_nik
from satupintu.accounts.phone import normalize_phone
from satupintu.applications.forms import DeclarationForm
from satupintu.assisted import consent
from satupintu.core.masking import mask_email
from satupintu.core.validators import no_markup

NEED_CONTACT = _("Isi nomor HP atau e-mail warga: kode lacak dan tautan pribadi dikirim ke sana.")


class LookupForm(forms.Form):
    """Step one at the counter: the NIK from the identity card the citizen shows."""

    nik = forms.CharField(
        label=_("NIK warga"),
        max_length=25,
        help_text=_("16 angka dari KTP-el atau Kartu Keluarga yang ditunjukkan warga."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    identity_checked = forms.BooleanField(
        label=_("Identitas diperiksa: NIK, nama dan foto cocok dengan KTP-el atau KK asli."),
        error_messages={
            "required": _("Periksa dulu KTP-el atau KK asli warga, lalu centang kotak ini.")
        },
    )

    def clean_nik(self):
        return normalize_nik(self.cleaned_data["nik"])


class StartForm(forms.Form):
    """Step two: who the citizen is (a new account when the NIK is unknown), the service,
    where the tracking link goes, and the citizen's consent."""

    full_name = forms.CharField(
        label=_("Nama lengkap sesuai KTP-el"), max_length=150, validators=[no_markup]
    )
    phone = forms.CharField(
        label=_("Nomor HP / WhatsApp warga"),
        required=False,
        max_length=25,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("E-mail warga"), required=False)
    service = forms.ModelChoiceField(
        label=_("Layanan"), queryset=None, empty_label=_("— pilih layanan —")
    )
    counter_unit = forms.ModelChoiceField(label=_("Loket"), queryset=None, empty_label=None)
    consent = forms.BooleanField(
        error_messages={
            "required": _(
                "Bacakan teks persetujuan kepada warga. Permohonan hanya dapat diisi bila "
                "warga setuju."
            )
        },
    )

    def __init__(self, *args, services, units, citizen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        self.fields["service"].queryset = services
        self.fields["counter_unit"].queryset = units
        # One counter (the usual case): nothing to choose.
        self.only_unit = units.first() if units.count() == 1 else None
        if self.only_unit is not None:
            del self.fields["counter_unit"]
        self.fields["consent"].label = consent.text()
        if citizen is not None:
            # Known account: its name stays; contacts typed here are for this filing only.
            del self.fields["full_name"]
            self.fields["phone"].label = _("Nomor HP untuk kabar permohonan ini")
            self.fields["email"].label = _("E-mail untuk kabar permohonan ini")
            kept = citizen.masked_phone or ""
            if citizen.email:
                kept = " · ".join(v for v in (kept, mask_email(citizen.email)) if v)
            if kept:
                self.fields["phone"].help_text = _(
                    "Kosongkan untuk memakai kontak akun warga: %(contact)s."
                ) % {"contact": kept}
        else:
            self.fields["phone"].help_text = _(
                "Isi nomor HP atau e-mail (salah satu wajib). Kode lacak dan tautan pribadi "
                "dikirim ke sana."
            )

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        return normalize_phone(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if self.only_unit is not None:
            cleaned["counter_unit"] = self.only_unit
        has_own = self.citizen is not None and (self.citizen.email or self.citizen.phone)
        if (
            not has_own
            and not cleaned.get("phone")
            and not cleaned.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error(
                "phone",
                ValidationError(NEED_CONTACT),
            )
        return cleaned


class CounterDeclarationForm(DeclarationForm):
    """The citizen's declaration, confirmed by the officer who reads it to them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].label = _(
            "Warga menyatakan bahwa data dan dokumen yang diberikan benar dan dapat "
            "dipertanggungjawabkan."
        )
        self.fields["declaration"].error_messages["required"] = _(
            "Bacakan pernyataan kepada warga dan centang bila warga setuju."
        )
