from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.core.validators import no_markup
from satupintu.opendata import tables
from satupintu.opendata.models import Dataset, Group


class DatasetForm(forms.Form):
    """Metadata Satu Data Indonesia asks for, and the table itself (CSV, JSON, GeoJSON, XLSX)."""

    org_unit = forms.ModelChoiceField(label=_("Produsen data (perangkat daerah)"), queryset=None)
    title = forms.CharField(label=_("Judul"), max_length=200, validators=[no_markup])
    description = forms.CharField(
        label=_("Uraian"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[no_markup],
        help_text=_("Apa isi data, dari mana asalnya, dan cara membacanya."),
    )
    frequency = forms.ChoiceField(
        label=_("Frekuensi pemutakhiran"), choices=Dataset.Frequency.choices
    )
    license = forms.ChoiceField(label=_("Lisensi"), choices=Dataset.License.choices)
    period_start = forms.DateField(
        label=_("Periode dari"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Periode sampai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_name = forms.CharField(label=_("Narahubung"), max_length=200, validators=[no_markup])
    contact_email = forms.EmailField(label=_("E-mail narahubung"))
    tags = forms.CharField(
        label=_("Kata kunci"),
        max_length=500,
        required=False,
        help_text=_("Pisahkan dengan koma, misalnya: jalan, infrastruktur."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Grup"),
        queryset=Group.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(
        label=_("Berkas data"),
        help_text=_(
            "CSV (UTF-8, baris pertama judul kolom), JSON, GeoJSON atau XLSX; maksimal 20 MB. "
            "Kolom lintang dan bujur menjadikan data ini juga GeoJSON. Jangan unggah data "
            "pribadi (nama, NIK, nomor telepon, alamat orang)."
        ),
    )

    def __init__(self, *args, units, dataset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        if dataset is not None:
            self.fields["file"].required = False
            self.fields["file"].help_text = _("Kosongkan bila datanya tidak berubah. %(rules)s") % {
                "rules": self.fields["file"].help_text
            }
            del self.fields["org_unit"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.table = tables.read_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Akhir periode tidak boleh sebelum awalnya."))
        return data

    def tag_names(self) -> list[str]:
        return [t for t in (self.cleaned_data.get("tags") or "").split(",") if t.strip()]

    def metadata(self) -> dict:
        return {
            key: self.cleaned_data[key]
            for key in (
                "title",
                "description",
                "frequency",
                "license",
                "period_start",
                "period_end",
                "contact_name",
                "contact_email",
            )
        }

    @classmethod
    def initial_for(cls, dataset: Dataset) -> dict:
        return {
            "title": dataset.title,
            "description": dataset.description,
            "frequency": dataset.frequency,
            "license": dataset.license,
            "period_start": dataset.period_start,
            "period_end": dataset.period_end,
            "contact_name": dataset.contact_name,
            "contact_email": dataset.contact_email,
            "tags": ", ".join(t.name for t in dataset.tags.all()),
            "groups": list(dataset.groups.all()),
        }
