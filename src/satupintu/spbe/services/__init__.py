"""Writes of the SPBE inventory."""

from django.db import transaction

from satupintu.core import audit
from satupintu.spbe import importer
from satupintu.spbe.models import Application


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def import_csv(*, text: str, allowed_units: dict, actor) -> int:
    """All rows or none: raises `ImportRefused` with the line errors."""
    return import_rows(
        importer.parse(text, allowed_units), actor=actor, allowed_units=allowed_units
    )


def import_xlsx(*, data: bytes, allowed_units: dict, actor) -> int:
    """The same for a workbook's first sheet (raises `ImportRefused` for an unreadable file)."""
    from satupintu.spbe import importer_xlsx

    try:
        fieldnames, records = importer_xlsx.read(data)
    except importer_xlsx.NotAWorkbook as exc:
        raise ImportRefused([importer.LineError(0, str(exc))]) from exc
    parsed = importer.parse_rows(fieldnames, records, allowed_units)
    return import_rows(parsed, actor=actor, allowed_units=allowed_units)


def import_rows(parsed, *, allowed_units: dict, actor) -> int:
    rows, errors = parsed
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        saved = {}
        for row in rows:
            values = dict(row.values)
            code = values.pop("code")
            existing = Application.objects.filter(code=code).first()
            if existing is not None and existing.owner.code not in allowed_units:
                raise ImportRefused([importer.LineError(0, f"{code}: bukan milik unit Anda")])
            app, _created = Application.objects.update_or_create(code=code, defaults=values)
            saved[code] = app
        for row in rows:
            targets = Application.objects.filter(code__in=row.integrations)
            saved[row.values["code"]].integrations.set(targets)
        audit.record("spbe.inventory_import", actor=actor, data={"rows": len(rows)})
    return len(rows)


def sync_platform_modules(owner) -> int:
    """The platform's own modules (the back office's registry) as applications of `owner`
    (Diskominfo), status `aktif`; existing rows keep what people edited."""
    from satupintu.backoffice.modules import _registry

    made = 0
    for module in _registry.values():
        _app, created = Application.objects.get_or_create(
            code=f"satupintu-{module.key}",
            defaults={
                "name": f"Satu Pintu: {module.title}",
                "owner": owner,
                "scope": Application.Scope.SPECIFIC,
                "purpose": str(module.description),
                "users": Application.Users.INTERNAL,
                "hosting": Application.Hosting.CITY,
                "technology": "Django",
                "classification": Application.Classification.LIMITED,
                "status": Application.Status.ACTIVE,
                "is_platform_module": True,
            },
        )
        made += created
    return made
