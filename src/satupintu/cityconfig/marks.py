"""Remembering which rows came from a city's files (shown read-only in the admin).

Used by the configuration importer and by the readers of other files that write the same
rows (the Setwan's DPRD tables), so every row loaded from a file says which one."""

from django.contrib.contenttypes.models import ContentType

from satupintu.cityconfig.models import ImportedRecord


def mark_from_file(obj, file: str, when, *, refresh: bool) -> None:
    """Remember that `obj` came from `file`; the file and time are only replaced (`refresh`)
    when this load created or changed the row."""
    keys = {"content_type": ContentType.objects.get_for_model(type(obj)), "object_id": obj.pk}
    values = {"file": file, "imported_at": when}
    if refresh:
        ImportedRecord.objects.update_or_create(**keys, defaults=values)
    else:
        ImportedRecord.objects.get_or_create(**keys, defaults=values)


def forget_deleted(*models) -> None:
    """Drop the marks of rows of `models` that no longer exist."""
    for model in models:
        kind = ContentType.objects.get_for_model(model)
        ImportedRecord.objects.filter(content_type=kind).exclude(
            object_id__in=model.objects.values("pk")
        ).delete()
