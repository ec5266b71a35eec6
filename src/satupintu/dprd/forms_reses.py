"""Forms of E-Reses: schedule (SETWAN), record the reses held, an aspiration heard, cancel."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.cases.forms import MultipleFileField
from satupintu.core.validators import no_markup
from satupintu.dprd.models import Proposal, RecessHeard
from satupintu.dprd.reses_services import Heard


def _kelurahan_label(region):
    return f"{region.name} — {region.parent.name}" if region.parent else region.name


class ScheduleForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Anggota DPRD"), queryset=None)
    period = forms.ModelChoiceField(label=_("Masa sidang"), queryset=None)
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), queryset=None)
    place = forms.CharField(label=_("Tempat"), max_length=200, validators=[no_markup])
    held_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, members, periods, kelurahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.name} — {m.district.name}"
        self.fields["period"].queryset = periods
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].label_from_instance = _kelurahan_label

    def scheduled(self) -> dict:
        """`reses_services.schedule`'s arguments from the valid form (pages and API)."""
        data = self.cleaned_data
        names = ("member", "period", "kelurahan", "place", "held_on")
        return {name: data[name] for name in names}


class HeldForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("Jumlah warga yang hadir"),
        min_value=0,
        max_value=100_000,
        error_messages={"min_value": _("Jumlah hadir tidak boleh negatif.")},
    )
    summary = forms.CharField(
        label=_("Ringkasan"),
        required=False,
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(
        label=_("Foto reses"),
        required=False,
        help_text=_("JPG, PNG atau WEBP; ≤ 10 MB per foto."),
    )

    def held(self) -> dict:
        """`reses_services.record_held`'s arguments from the valid form (pages and API)."""
        data = self.cleaned_data
        return {
            "attendance": data["attendance"],
            "summary": data["summary"],
            "photos": data["files"],
        }


class HeardForm(forms.Form):
    """An aspiration heard: a proposal needs what SIPD needs, else it stays a draft."""

    outcome = forms.ChoiceField(
        label=_("Dicatat sebagai"), choices=RecessHeard.Outcome.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Judul"), min_length=5, max_length=150, validators=[no_markup])
    description = forms.CharField(
        label=_("Uraian"),
        min_length=10,
        max_length=5000,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    speaker_name = forms.CharField(
        label=_("Nama warga (tidak dipublikasikan)"),
        required=False,
        max_length=150,
        validators=[no_markup],
    )
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), queryset=None, required=False)
    work_type = forms.ChoiceField(
        label=_("Jenis kegiatan"), choices=Proposal.WorkType.choices, required=False
    )
    affair = forms.CharField(label=_("Urusan / bidang"), max_length=150, required=False)
    rt = forms.RegexField(label=_("RT"), regex=r"^\d{1,3}$", max_length=3, required=False)
    street = forms.CharField(label=_("Alamat (jalan / patokan)"), max_length=200, required=False)
    boundaries = forms.CharField(label=_("Batas lokasi"), max_length=300, required=False)
    volume = forms.DecimalField(
        label=_("Volume"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    volume_unit = forms.CharField(label=_("Satuan"), max_length=30, required=False)
    files = MultipleFileField(
        label=_("Foto lokasi"),
        required=False,
        help_text=_("Usulan pokir perlu paling sedikit satu foto lokasi."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args, kelurahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].label_from_instance = _kelurahan_label
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4().hex

    def clean_rt(self):
        value = self.cleaned_data["rt"]
        return value.zfill(3) if value else ""

    def heard(self, idempotency_key: str) -> Heard:
        """What `reses_services.record_heard` records, from the valid form (pages and API;
        the API's key is scoped to the user, so it is passed in)."""
        data = self.cleaned_data
        return Heard(
            outcome=data["outcome"],
            title=data["title"],
            description=data["description"],
            idempotency_key=idempotency_key,
            speaker_name=data["speaker_name"],
            kelurahan=data["kelurahan"],
            work_type=data["work_type"],
            affair=data["affair"],
            rt=data["rt"],
            street=data["street"],
            boundaries=data["boundaries"],
            volume=data["volume"],
            volume_unit=data["volume_unit"],
            photos=data["files"],
        )


class CompleteForm(forms.Form):
    """What a draft proposal from a reses still lacks."""

    work_type = forms.ChoiceField(label=_("Jenis kegiatan"), choices=Proposal.WorkType.choices)
    affair = forms.CharField(label=_("Urusan / bidang"), max_length=150, required=False)
    rt = forms.RegexField(label=_("RT"), regex=r"^\d{1,3}$", max_length=3, required=False)
    street = forms.CharField(label=_("Alamat (jalan / patokan)"), max_length=200, required=False)
    boundaries = forms.CharField(label=_("Batas lokasi"), max_length=300, required=False)
    volume = forms.DecimalField(
        label=_("Volume"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    volume_unit = forms.CharField(label=_("Satuan"), max_length=30, required=False)
    files = MultipleFileField(label=_("Foto lokasi"), required=False)

    def clean_rt(self):
        value = self.cleaned_data["rt"]
        return value.zfill(3) if value else ""

    def changes(self) -> dict:
        """`reses_services.complete_draft`'s changes from the valid form (pages and API)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "files"}


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=500, validators=[no_markup])
