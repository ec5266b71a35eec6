"""Every admin page of a configuration row says whether it came from the city's files.

The mark is added to the existing model admins (registered by their own apps) when the admin
loads, so no app has to know about the configuration files."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satupintu.cityconfig.kinds import PARTS
from satupintu.cityconfig.models import ImportedRecord

FIELD = "city_config_source"


@admin.display(description=gettext_lazy("asal data"))
def city_config_source(obj) -> str:
    if obj is None or obj.pk is None:
        return "-"
    record = ImportedRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).first()
    if record is None:
        return _("Diisi lewat admin (tidak dari berkas konfigurasi).")
    when = formats.date_format(timezone.localtime(record.imported_at), "DATETIME_FORMAT")
    return _(
        "Dari berkas konfigurasi kota %(file)s (dimuat %(when)s). Perubahan di sini ikut "
        "dalam ekspor berikutnya; impor berkas lagi menimpanya."
    ) % {"file": record.file, "when": when}


def mark_admins(site=admin.site) -> None:
    for model in [model for part in PARTS for model in (part.model, *part.marks)]:
        model_admin = site._registry.get(model)
        if model_admin is None or FIELD in (model_admin.readonly_fields or ()):
            continue
        model_admin.city_config_source = city_config_source
        model_admin.readonly_fields = [*(model_admin.readonly_fields or ()), FIELD]
        if model_admin.fieldsets:
            model_admin.fieldsets = [
                *model_admin.fieldsets,
                (gettext_lazy("Berkas konfigurasi kota"), {"fields": [FIELD]}),
            ]
