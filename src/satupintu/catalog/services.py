"""Every write to the service catalogue's form versions: one transaction, one audit event each.

Services, requirements, workflow steps and result templates are plain admin edits (audited by
`AuditedAdminMixin`); form versions go through here because publishing freezes them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, SchemaError
from jsonschema.validators import validator_for

from satupintu.catalog import form_i18n, formrules
from satupintu.catalog.models import FormSchemaVersion, Service
from satupintu.core import audit

WIDGETS = frozenset({"text", "textarea", "select", "date", "nik", "kk", "phone", "email", "number"})


def validate_form_definition(schema, ui) -> None:
    """Raise ValidationError (Indonesian messages) unless `schema` is a valid JSON Schema object
    with properties, every field named in `ui` is one of those properties, and every number
    and date limit can work (`formrules`)."""
    errors = []
    if not isinstance(schema, dict):
        raise ValidationError(_("JSON Schema harus berupa objek JSON."))
    try:
        validator_for(schema, default=Draft202012Validator).check_schema(schema)
    except SchemaError as exc:
        path = "/".join(str(part) for part in exc.path) or "(akar)"
        raise ValidationError(
            _("JSON Schema tidak sah di %(path)s: %(message)s")
            % {"path": path, "message": exc.message}
        ) from exc
    properties = schema.get("properties")
    if schema.get("type") != "object" or not isinstance(properties, dict) or not properties:
        raise ValidationError(
            _('JSON Schema harus bertipe "object" dan punya setidaknya satu isian di "properties".')
        )
    if ui in (None, ""):
        ui = {}
    if not isinstance(ui, dict):
        raise ValidationError(_("Petunjuk tampilan harus berupa objek JSON."))
    steps = ui.get("steps", [])
    if not isinstance(steps, list):
        errors.append(_('"steps" harus berupa daftar langkah.'))
        steps = []
    placed: set[str] = set()
    for number, step in enumerate(steps, start=1):
        if not isinstance(step, dict) or not isinstance(step.get("fields", []), list):
            errors.append(_("Langkah %(n)s harus berisi judul dan daftar isian.") % {"n": number})
            continue
        if not str(step.get("title", "")).strip():
            errors.append(_("Langkah %(n)s belum diberi judul.") % {"n": number})
        for name in step.get("fields", []):
            if name not in properties:
                errors.append(
                    _("Langkah %(n)s memakai isian “%(name)s” yang tidak ada di JSON Schema.")
                    % {"n": number, "name": name}
                )
            elif name in placed:
                errors.append(
                    _("Isian “%(name)s” muncul di lebih dari satu langkah.") % {"name": name}
                )
            placed.add(name)
    hints = ui.get("fields", {})
    if not isinstance(hints, dict):
        errors.append(_('"fields" pada petunjuk tampilan harus berupa objek.'))
        hints = {}
    for name, hint in hints.items():
        if name not in properties:
            errors.append(
                _("Petunjuk tampilan untuk isian “%(name)s” yang tidak ada di JSON Schema.")
                % {"name": name}
            )
        elif not isinstance(hint, dict):
            errors.append(_("Petunjuk isian “%(name)s” harus berupa objek.") % {"name": name})
        elif hint.get("widget") and hint["widget"] not in WIDGETS:
            errors.append(
                _("Jenis tampilan “%(widget)s” untuk “%(name)s” tidak dikenal. Pilihan: %(all)s.")
                % {"widget": hint["widget"], "name": name, "all": ", ".join(sorted(WIDGETS))}
            )
    # Translations of the labels (ui["i18n"], catalog/form_i18n.py) name existing fields only.
    errors.extend(form_i18n.check(schema, ui))
    errors += formrules.problems(properties, hints)
    if errors:
        raise ValidationError(errors)


def _next_version(service: Service) -> int:
    top = FormSchemaVersion.objects.filter(service=service).aggregate(top=Max("version"))["top"]
    return (top or 0) + 1


def create_draft(*, actor, service: Service, schema: dict, ui: dict) -> FormSchemaVersion:
    """A new draft version (number = highest + 1)."""
    validate_form_definition(schema, ui)
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).first()
        version = FormSchemaVersion.objects.create(
            service=service, version=_next_version(service), schema=schema, ui=ui or {}
        )
        audit.record(
            "catalog.form_draft_created",
            actor=actor,
            obj=version,
            data={"service": service.slug, "version": version.version},
        )
    return version


def update_draft(*, actor, version: FormSchemaVersion, schema: dict, ui: dict) -> FormSchemaVersion:
    validate_form_definition(schema, ui)
    with transaction.atomic():
        locked = FormSchemaVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_published:
            raise ValidationError(
                _("Versi formulir yang sudah diterbitkan tidak dapat diubah; buat versi baru.")
            )
        locked.schema, locked.ui = schema, ui or {}
        locked.save(update_fields=["schema", "ui"])
        audit.record(
            "catalog.form_draft_changed",
            actor=actor,
            obj=locked,
            data={"service": locked.service.slug, "version": locked.version},
        )
    return locked


def publish_version(*, actor, version: FormSchemaVersion) -> FormSchemaVersion:
    """Freeze a draft; from now on it is the service's current form (the highest published)."""
    with transaction.atomic():
        locked = (
            FormSchemaVersion.objects.select_for_update()
            .select_related("service")
            .get(pk=version.pk)
        )
        if locked.is_published:
            raise ValidationError(_("Versi %(v)s sudah diterbitkan.") % {"v": locked.version})
        validate_form_definition(locked.schema, locked.ui)
        newer = FormSchemaVersion.objects.filter(
            service=locked.service_id, published_at__isnull=False, version__gt=locked.version
        ).exists()
        if newer:
            raise ValidationError(
                _("Versi yang lebih baru sudah diterbitkan; buat versi baru dari versi itu.")
            )
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        audit.record(
            "catalog.form_published",
            actor=actor,
            obj=locked,
            data={"service": locked.service.slug, "version": locked.version},
        )
    return locked


def new_version_from(*, actor, version: FormSchemaVersion) -> FormSchemaVersion:
    """A draft copy of `version`, numbered after the service's highest version."""
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=version.service_id).first()
        source = FormSchemaVersion.objects.get(pk=version.pk)
        draft = FormSchemaVersion.objects.create(
            service_id=source.service_id,
            version=_next_version(source.service),
            schema=source.schema,
            ui=source.ui,
        )
        audit.record(
            "catalog.form_version_copied",
            actor=actor,
            obj=draft,
            data={"service": source.service.slug, "from": source.version, "to": draft.version},
        )
    return draft
