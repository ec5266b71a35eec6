"""Staff forms for projects: the project itself (with its place) and a progress report."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.core import images
from satupintu.core.filechecks import MAX_FILES, check_upload
from satupintu.core.formfields import latitude_field, longitude_field
from satupintu.core.validators import no_markup
from satupintu.geo.geometry import Geometry, GeometryError, parse
from satupintu.org import permissions
from satupintu.org.models import Region
from satupintu.projects.models import Project

PROJECT_FIELDS = [
    "org_unit",
    "name",
    "description",
    "programme",
    "activity",
    "budget_year",
    "budget_ceiling",
    "realisation",
    "funding_source",
    "contractor",
    "contract_value",
    "start_date",
    "finish_date",
    "region",
    "status",
    "is_published",
]


class ProjectForm(forms.ModelForm):
    latitude = latitude_field(help_text=_("Untuk lokasi berupa titik."))
    longitude = longitude_field()
    geometry_text = forms.CharField(
        label=_("Atau garis/area sebagai GeoJSON"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            'Geometri GeoJSON (bujur, lintang), mis. {"type": "LineString", "coordinates": '
            "[[116.88, -1.26], [116.89, -1.26]]}."
        ),
    )

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "finish_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = permissions.visible_units(user).order_by("name")
        self.fields["region"].queryset = Region.objects.filter(level="kelurahan").order_by("name")
        project = self.instance
        if project.pk and project.geometry:
            if project.geometry.get("type") == "Point":
                lon, lat = project.geometry["coordinates"]
                self.initial.setdefault("latitude", lat)
                self.initial.setdefault("longitude", lon)
            else:
                self.initial.setdefault("geometry_text", json.dumps(project.geometry))
        for name in ("name", "description", "programme", "activity", "contractor"):
            self.fields[name].validators.append(no_markup)

    def clean_budget_year(self):
        year = self.cleaned_data["budget_year"]
        this_year = timezone.localdate().year
        if not 2000 <= year <= this_year + 5:
            raise ValidationError(_("Tahun anggaran tidak masuk akal."))
        return year

    def clean(self):
        data = super().clean()
        start, finish = data.get("start_date"), data.get("finish_date")
        if start and finish and finish < start:
            self.add_error("finish_date", _("Tanggal selesai sebelum tanggal mulai."))
        ceiling = data.get("budget_ceiling")
        if ceiling is not None:
            if data.get("realisation") is not None and data["realisation"] > ceiling:
                self.add_error("realisation", _("Realisasi melebihi pagu."))
            if data.get("contract_value") is not None and data["contract_value"] > ceiling:
                self.add_error("contract_value", _("Nilai kontrak melebihi pagu."))
        for name in ("budget_ceiling", "realisation", "contract_value"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Jumlah tidak boleh negatif."))
        self.geometry = self._geometry(data)
        return data

    def _geometry(self, data) -> Geometry | None:
        text = (data.get("geometry_text") or "").strip()
        lat, lon = data.get("latitude"), data.get("longitude")
        if text:
            try:
                return parse(text)
            except GeometryError as exc:
                self.add_error("geometry_text", exc.messages[0])
                return None
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Isi lintang dan bujur, atau kosongkan keduanya."))
            return None
        if lat is None:
            self.add_error(
                "latitude", _("Isi lokasi proyek: titik (lintang dan bujur) atau GeoJSON.")
            )
            return None
        return Geometry.from_point(lon, lat)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS}


class PhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", PhotoInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Paling banyak %(n)d foto.") % {"n": MAX_FILES})
        checked = [check_upload(f, max_bytes=images.MAX_BYTES) for f in files]
        if any(not c.content_type.startswith("image/") for c in checked):
            raise ValidationError(_("Hanya foto (JPG, PNG atau WEBP)."))
        # The pipeline of every public picture: decoded with a pixel limit, upright, without
        # metadata (the GPS of the officer's phone), resized to a few widths.
        return [images.prepare(f) for f in files]


class ProgressForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Tanggal laporan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    progress = forms.IntegerField(label=_("Kemajuan fisik (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos = PhotosField(label=_("Foto lapangan"))
    alt_text = forms.CharField(
        label=_("Keterangan foto (untuk pembaca layar)"), required=False, max_length=200
    )

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Tanggal laporan tidak boleh di masa depan."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("photos") and not (data.get("alt_text") or "").strip():
            self.add_error("alt_text", _("Tulis keterangan foto (teks alternatif)."))
        for name in ("note", "alt_text"):
            if data.get(name):
                try:
                    no_markup(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data

    def photos_with_alt(self):
        alt = self.cleaned_data.get("alt_text", "").strip()
        return [(photo, alt) for photo in self.cleaned_data.get("photos") or []]
