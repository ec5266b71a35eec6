"""Forms of the SPBE self-evaluation (Indonesian messages; a failed form keeps its input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.spbe.evidence import LIVE_FIGURES


class OpenForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2018, max_value=2100)
    framework = forms.ModelChoiceField(label=_("Kerangka"), queryset=None, empty_label=None)

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks


class AssignForm(forms.Form):
    org_unit = forms.ModelChoiceField(label=_("OPD"), queryset=None)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indikator"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        self.fields["indicators"].queryset = indicators
        self.fields["indicators"].label_from_instance = lambda i: f"{i.number}. {i.name}"


class AnswerForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Tingkat"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
        max_length=5000,
    )  # fmt: skip


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Judul bukti"), max_length=200, required=False)
    berkas = forms.FileField(label=_("Berkas (PDF, JPG, PNG, WEBP; maks. 10 MB)"), required=False)
    url = forms.URLField(label=_("Tautan"), required=False, max_length=200, assume_scheme="https")
    figure = forms.ChoiceField(label=_("Angka platform"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = [("", "—")] + [
            (key, f.title) for key, f in LIVE_FIGURES.items()
        ]


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk OPD"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=2000,
    )  # fmt: skip
