from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.core.validators import no_markup
from satupintu.geo.models import MapLayer
from satupintu.org import permissions


class LayerUploadForm(forms.Form):
    org_unit = forms.ModelChoiceField(label=_("OPD pemilik"), queryset=None)
    title = forms.CharField(label=_("Judul lapisan"), max_length=150, validators=[no_markup])
    description = forms.CharField(
        label=_("Keterangan"), max_length=300, required=False, validators=[no_markup]
    )
    source_format = forms.ChoiceField(label=_("Format berkas"), choices=MapLayer.Format.choices)
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_(
            "GeoJSON (FeatureCollection, bujur-lintang WGS 84), Shapefile dalam .zip "
            "(.shp, .shx, .dbf) atau CSV dengan kolom nama, lat, lon. Setiap fitur wajib "
            "punya atribut nama."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = permissions.visible_units(user).order_by("name")
