from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.core.validators import no_markup
from satupintu.news.models import Item
from satupintu.org import permissions
from satupintu.projects import selectors as project_selectors

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime(label, **kwargs):
    return forms.DateTimeField(
        label=label, input_formats=[DATETIME_FORMAT], widget=DateTimeLocalInput(), **kwargs
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProjectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.budget_year})"


class ItemForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Perangkat daerah"), queryset=None)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Item.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200, validators=[no_markup])
    summary = forms.CharField(
        label=_("Ringkasan"),
        max_length=400,
        validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu atau dua kalimat; tampil di daftar, umpan RSS dan hasil pencarian."),
    )
    body = forms.CharField(
        label=_("Isi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "HTML sederhana: paragraf, judul, daftar, tebal, miring, tautan dan tabel. "
            "Unsur lain dibuang."
        ),
    )
    starts_at = _datetime(_("Mulai (agenda)"), required=False)
    ends_at = _datetime(pgettext_lazy("event time", "Selesai (agenda)"), required=False)
    place = forms.CharField(
        label=_("Tempat (agenda)"), max_length=250, required=False, validators=[no_markup]
    )
    projects = ProjectChoiceField(
        label=_("Proyek pembangunan terkait"),
        queryset=None,
        required=False,
        to_field_name="slug",
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={
            "invalid_choice": _(
                "Proyek %(value)s tidak dapat ditautkan: pilih proyek perangkat daerah Anda "
                "dari daftar."
            )
        },
        help_text=_(
            "Proyek perangkat daerah ini yang diberitakan; halaman proyek menautkan berita ini "
            "setelah terbit. Tahan Ctrl (atau ketuk di ponsel) untuk memilih lebih dari satu."
        ),
    )

    def __init__(self, *args, user, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        units = permissions.news_units(user)
        self.fields["org_unit"].queryset = units.order_by("name")
        if item is not None:
            del self.fields["org_unit"]  # an item stays with its OPD
            units = units.filter(pk=item.org_unit_id)
        # Only projects the user may see are offered, and only those are accepted.
        self.fields["projects"].queryset = project_selectors.linkable_projects(user, units)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Item.Kind.EVENT:
            if not data.get("starts_at"):
                self.add_error("starts_at", _("Agenda kota memerlukan waktu mulai."))
            if not data.get("place"):
                self.add_error("place", _("Agenda kota memerlukan tempat."))
        unit = self.item.org_unit if self.item is not None else data.get("org_unit")
        chosen = data.get("projects") or []
        if unit is not None and chosen:
            own = set(project_selectors.projects_of_unit(unit).values_list("pk", flat=True))
            if any(project.pk not in own for project in chosen):
                self.add_error(
                    "projects", _("Pilih proyek milik perangkat daerah informasi ini saja.")
                )
        return data

    def project_slugs(self) -> list[str]:
        return [project.slug for project in self.cleaned_data.get("projects") or []]


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Gambar utama"), help_text=_("JPEG, PNG atau WebP, paling besar 8 MB.")
    )
    alt_text = forms.CharField(
        label=_("Teks alternatif"),
        max_length=250,
        validators=[no_markup],
        help_text=_("Wajib: jelaskan apa yang terlihat, untuk pembaca layar."),
        error_messages={"required": _("Tuliskan teks alternatif: apa yang terlihat pada gambar.")},
    )


class ActionForm(forms.Form):
    action = forms.CharField(max_length=20)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)
    publish_at = _datetime(_("Terbitkan pada (kosongkan untuk sekarang)"), required=False)


class GalleryImageForm(forms.Form):
    # Shown on the same page as the lead image's form: its own names and ids.
    prefix = "galeri"

    image = forms.FileField(
        label=_("Gambar galeri"), help_text=_("JPEG, PNG atau WebP, paling besar 8 MB.")
    )
    alt_text = forms.CharField(
        label=_("Deskripsi gambar (wajib, untuk pembaca layar)"),
        max_length=250,
        validators=[no_markup],
        help_text=_("Wajib: jelaskan apa yang terlihat, untuk pembaca layar."),
        error_messages={"required": _("Tuliskan teks alternatif: apa yang terlihat pada gambar.")},
    )
    caption = forms.CharField(
        label=_("Keterangan (boleh kosong)"),
        max_length=300,
        required=False,
        validators=[no_markup],
    )
