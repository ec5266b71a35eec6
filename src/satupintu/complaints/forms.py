import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.accounts.phone import normalize_phone
from satupintu.cases.forms import MultipleFileField
from satupintu.complaints.workflow import Subtype
from satupintu.core.formfields import latitude_field, longitude_field
from satupintu.core.validators import no_markup
from satupintu.org.models import Region


class Identity:
    NAMED = "named"
    CONFIDENTIAL = "confidential"
    ANONYMOUS = "anonymous"
    CHOICES = [
        (NAMED, _("Biasa: petugas dapat melihat identitas saya")),
        (CONFIDENTIAL, _("Rahasia: hanya koordinator yang dapat melihat identitas saya")),
        (ANONYMOUS, _("Anonim: tidak ada yang tahu siapa saya")),
    ]


class ComplaintForm(forms.Form):
    subtype = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=Subtype.choices,
        widget=forms.RadioSelect,
        initial=Subtype.COMPLAINT,
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=None, empty_label=_("— pilih kategori —")
    )
    title = forms.CharField(
        label=_("Judul singkat"),
        max_length=150,
        min_length=5,
        validators=[no_markup],
        help_text=_("Contoh: Lampu jalan mati di Jl. Mulawarman"),
    )
    description = forms.CharField(
        label=_("Apa yang terjadi?"),
        min_length=20,
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan kejadiannya: apa, kapan, siapa yang terdampak (20–5000 karakter)."),
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=None,
        required=False,
        empty_label=_("— pilih kelurahan —"),
    )
    rt = forms.RegexField(
        label=_("RT"),
        regex=r"^\d{1,3}$",
        required=False,
        error_messages={"invalid": _("RT harus berupa angka (1–3 digit).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    street = forms.CharField(
        label=_("Jalan / patokan"), max_length=200, required=False, validators=[no_markup]
    )
    latitude = latitude_field()
    longitude = longitude_field()
    files = MultipleFileField(
        label=_("Foto atau dokumen"),
        required=False,
        help_text=_("Paling banyak 5 berkas JPG, PNG, WEBP atau PDF, masing-masing ≤ 10 MB."),
    )
    identity = forms.ChoiceField(
        label=_("Identitas pelapor"),
        choices=Identity.CHOICES,
        widget=forms.RadioSelect,
        initial=Identity.NAMED,
    )
    reporter_name = forms.CharField(
        label=_("Nama"), max_length=150, required=False, validators=[no_markup]
    )
    reporter_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_(
            "Kami mengirim kode lacak dan tautan pribadi ke e-mail atau nomor HP Anda. Pada "
            "laporan anonim keduanya boleh diisi: dipakai sekali untuk itu, lalu tidak disimpan."
        ),
    )
    reporter_phone = forms.CharField(
        label=_("Nomor HP / WhatsApp"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args, categories, kelurahan, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["category"].queryset = categories
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].label_from_instance = lambda r: (
            f"{r.name} — {r.parent.name}" if r.parent else r.name
        )
        self._name_the_villages(kelurahan)
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4().hex
        if user is not None and user.is_authenticated:
            for name in ("reporter_name", "reporter_email", "reporter_phone"):
                self.fields.pop(name)

    def _name_the_villages(self, kelurahan) -> None:
        """A kabupaten has desa, or desa and kelurahan: the field says which the city has."""
        levels = set(kelurahan.values_list("level", flat=True).distinct())
        if Region.Level.VILLAGE not in levels:
            return
        field = self.fields["kelurahan"]
        if Region.Level.URBAN_VILLAGE in levels:
            field.label, field.empty_label = _("Desa/kelurahan"), _("— pilih desa/kelurahan —")
        else:
            field.label, field.empty_label = _("Desa"), _("— pilih desa —")

    def clean_reporter_phone(self):
        value = self.cleaned_data.get("reporter_phone", "").strip()
        return normalize_phone(value) if value else ""

    def clean_rt(self):
        value = self.cleaned_data["rt"]
        return value.zfill(3) if value else ""

    def clean(self):
        cleaned = super().clean()
        anonymous = cleaned.get("identity") == Identity.ANONYMOUS
        logged_in = self.user is not None and self.user.is_authenticated
        if (
            not anonymous
            and not logged_in
            and not (cleaned.get("reporter_email") or cleaned.get("reporter_phone"))
            and not (self.errors.get("reporter_phone") or self.errors.get("reporter_email"))
        ):
            raise ValidationError(
                _(
                    "Isi e-mail atau nomor HP agar kami dapat mengabari Anda, "
                    "atau pilih pelaporan anonim."
                )
            )
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
        return cleaned
