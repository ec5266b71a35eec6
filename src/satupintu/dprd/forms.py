import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.cases.forms import MultipleFileField
from satupintu.core.formfields import latitude_field, longitude_field
from satupintu.core.validators import no_markup
from satupintu.dprd import lines
from satupintu.dprd.models import Proposal


class ProposalForm(forms.Form):
    """Every field SIPD needs is required here: SIPD refused many pokir for a missing
    address, photo, boundaries or volume."""

    title = forms.CharField(
        label=_("Judul usulan"), min_length=5, max_length=150, validators=[no_markup]
    )
    description = forms.CharField(
        label=_("Uraian"),
        min_length=20,
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    work_type = forms.ChoiceField(
        label=_("Jenis kegiatan"), choices=Proposal.WorkType.choices, widget=forms.RadioSelect
    )
    affair = forms.CharField(
        label=_("Urusan / bidang"),
        max_length=150,
        validators=[no_markup],
        help_text=_("Contoh: Pekerjaan umum — drainase"),
    )
    proposed_unit = forms.ModelChoiceField(
        label=_("OPD yang diusulkan"),
        queryset=None,
        required=False,
        empty_label=_("— belum tahu —"),
    )
    source = forms.ChoiceField(
        label=_("Diusulkan oleh"),
        choices=[c for c in Proposal.Source.choices if c[0] != Proposal.Source.RECESS],
        initial=Proposal.Source.CITIZEN,
        widget=forms.RadioSelect,
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=None,
        empty_label=_("— pilih kelurahan —"),
        error_messages={"required": _("Pilih kelurahan lokasi usulan.")},
    )
    rt = forms.RegexField(
        label=_("RT"),
        regex=r"^\d{1,3}$",
        required=False,
        error_messages={"invalid": _("RT harus berupa angka (1–3 digit).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    street = forms.CharField(
        label=_("Alamat (jalan / patokan)"),
        max_length=200,
        validators=[no_markup],
        error_messages={"required": _("Tulis alamat lokasi: jalan, gang atau patokan.")},
    )
    boundaries = forms.CharField(
        label=_("Batas lokasi"),
        max_length=300,
        validators=[no_markup],
        help_text=_("Dari mana sampai mana, contoh: dari simpang Jl. Sepinggan Baru s.d. masjid"),
        error_messages={"required": _("Tulis batas lokasi: dari mana sampai mana.")},
    )
    volume = forms.DecimalField(
        label=_("Volume"),
        min_value=0.01,
        max_digits=12,
        decimal_places=2,
        error_messages={"required": _("Isi volume, contoh 350 (meter) atau 2 (unit).")},
    )
    volume_unit = forms.CharField(
        label=_("Satuan volume"),
        max_length=30,
        validators=[no_markup],
        help_text=_("Contoh: m, m², unit, paket"),
        error_messages={"required": _("Isi satuan volume, contoh m atau unit.")},
    )
    estimated_cost = forms.DecimalField(
        label=_("Perkiraan biaya (Rp)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=0,
    )
    beneficiaries = forms.CharField(
        label=_("Penerima manfaat"), max_length=200, required=False, validators=[no_markup]
    )
    latitude = latitude_field()
    longitude = longitude_field()
    line = forms.CharField(
        label=_("Garis di peta (untuk jalan atau saluran)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Satu titik per baris: lintang,bujur — dari ujung awal sampai ujung akhir "
            "(atau tempel GeoJSON LineString). Dengan JavaScript, gambar garisnya di peta."
        ),
    )
    files = MultipleFileField(
        label=_("Foto lokasi"),
        help_text=_("Paling sedikit satu foto lokasi (JPG, PNG, WEBP; ≤ 10 MB)."),
        error_messages={"required": _("Lampirkan paling sedikit satu foto lokasi.")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args, kelurahan, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].label_from_instance = lambda r: (
            f"{r.name} — {r.parent.name}" if r.parent else r.name
        )
        self.fields["proposed_unit"].queryset = units
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4().hex

    def clean_rt(self):
        value = self.cleaned_data["rt"]
        return value.zfill(3) if value else ""

    def clean_line(self):
        return lines.parse_line(self.cleaned_data["line"])

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
        if cleaned.get("line") and cleaned.get("latitude") is None:
            # A line without a pin: its middle is the proposal's point (lists, the map layer).
            lat, lon = lines.middle(cleaned["line"])
            cleaned["latitude"] = Decimal(f"{lat:.6f}")
            cleaned["longitude"] = Decimal(f"{lon:.6f}")
        return cleaned


class ActionForm(forms.Form):
    action = forms.CharField(max_length=30)
    note = forms.CharField(label=_("Catatan / alasan"), required=False, max_length=2000)
