"""The citizen's aspiration form (the complaint form's identity, contact and file fields, with
the addressee instead of a category) and the secretariat's / members' action form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.cases.models import Category
from satupintu.complaints.forms import ComplaintForm
from satupintu.core.validators import no_markup
from satupintu.dprd.models import Aspiration

Target = Aspiration.Target
# The complaint form's fields that an aspiration has no use for.
NOT_USED = ("subtype", "category", "latitude", "longitude")


class AspirationForm(ComplaintForm):
    target = forms.ChoiceField(
        label=_("Ditujukan kepada"),
        choices=Target.choices,
        widget=forms.RadioSelect,
        initial=Target.DISTRICT,
        help_text=_("Anggota DPRD dapil Anda ditentukan dari kelurahan yang Anda pilih."),
    )
    commission = forms.ModelChoiceField(
        label=_("Komisi"),
        queryset=None,
        required=False,
        empty_label=_("— pilih komisi —"),
        help_text=_("Isi bila aspirasi ditujukan kepada komisi."),
    )
    field_order = ["target", "commission", "title", "description", "kelurahan"]

    def __init__(self, *args, commissions, kelurahan, user=None, **kwargs):
        super().__init__(
            *args, categories=Category.objects.none(), kelurahan=kelurahan, user=user, **kwargs
        )
        for name in NOT_USED:
            self.fields.pop(name)
        self.fields["commission"].queryset = commissions
        self.fields["commission"].label_from_instance = lambda body: (
            f"{body.name} — {body.description}" if body.description else body.name
        )
        self.fields["title"].help_text = _("Contoh: Perbaikan drainase di Jl. Sepinggan Baru")
        self.fields["description"].label = _("Aspirasi Anda")
        self.fields["description"].help_text = _(
            "Apa yang Anda sampaikan kepada DPRD, dan mengapa (20–5000 karakter)."
        )
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target == Target.COMMISSION and not cleaned.get("commission"):
            self.add_error("commission", _("Pilih komisi yang dituju."))
        if target == Target.DISTRICT and not cleaned.get("kelurahan"):
            self.add_error(
                "kelurahan",
                _("Pilih kelurahan Anda agar aspirasi sampai ke anggota DPRD dapil Anda."),
            )
        return cleaned


class AspirationActionForm(forms.Form):
    """One form for every action on the staff page; what each action needs is checked in
    `services_aspiration.act` (the answer's text, the hearing's time and place)."""

    action = forms.CharField(max_length=30)
    note = forms.CharField(
        label=_("Isi / alasan"), required=False, max_length=5000, validators=[no_markup]
    )
    target = forms.ChoiceField(label=_("Teruskan kepada"), choices=Target.choices, required=False)
    commission = forms.ModelChoiceField(label=_("Komisi"), queryset=None, required=False)
    title = forms.CharField(
        label=_("Judul rapat"), max_length=200, required=False, validators=[no_markup]
    )
    starts_at = forms.DateTimeField(
        label=_("Mulai"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=pgettext_lazy("meeting time", "Selesai"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(
        label=_("Tempat"), max_length=200, required=False, validators=[no_markup]
    )

    def __init__(self, *args, commissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "hearing":
            for name in ("title", "starts_at", "ends_at", "place"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Wajib diisi untuk rapat dengar pendapat."))
        if cleaned.get("target") == Target.COMMISSION and not cleaned.get("commission"):
            self.add_error("commission", _("Pilih komisi yang dituju."))
        if self.errors:
            raise ValidationError(_("Periksa isian di bawah."))
        return cleaned
