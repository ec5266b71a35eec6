"""Loading a city's configuration from its files: validate everything, then apply in one
transaction (or roll back with `dry_run`), with one audit event.

A file that is absent leaves its part alone. A file that is present is the whole truth for its
part: entries not in it are retired (`is_active`/`is_published` set off) or, for rows without
such a flag and rows inside an entry (requirements, steps, routing rules…), deleted. The
current form and the result template of a service are compared as a whole: a form that
differs becomes a new published version, so applications keep the version they were made with.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import CheckConstraint, ProtectedError
from django.utils import timezone, translation
from jsonschema import Draft202012Validator
from modeltranslation.utils import build_localized_fieldname

from satupintu.catalog import services as catalog_services
from satupintu.catalog.models import ResultTemplate, Service
from satupintu.catalog.selectors import bump_catalog_version
from satupintu.cityconfig import yamlio
from satupintu.cityconfig.kinds import PARTS, Part
from satupintu.cityconfig.marks import mark_from_file
from satupintu.cityconfig.models import ImportedRecord
from satupintu.cityconfig.schema import file_schema
from satupintu.cityconfig.selectors import service_extras
from satupintu.cityconfig.values import file_value, model_value, normalised
from satupintu.core import audit

ACTIONS = ("created", "updated", "retired")


class CityConfigError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} kesalahan")
        self.errors = errors


@dataclass
class Summary:
    counts: dict = field(default_factory=lambda: defaultdict(lambda: dict.fromkeys(ACTIONS, 0)))
    files: list = field(default_factory=list)

    def add(self, kind: str, action: str, n: int = 1):
        self.counts[kind][action] += n

    @property
    def changed(self) -> int:
        return sum(sum(row.values()) for row in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{kind}: {row['created']} baru, {row['updated']} diubah, {row['retired']} dipensiunkan"
            for kind, row in sorted(self.counts.items())
        ]


def read_files(directory, only=None) -> dict[str, tuple[Part, object]]:
    """Parse and validate every part's file present in `directory` (of the parts named in
    `only`, when given); raise every error at once."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CityConfigError([f"{directory}: folder tidak ditemukan"])
    found, errors = {}, []
    unknown = sorted(set(only or ()) - {part.name for part in PARTS})
    if unknown:
        raise CityConfigError([f"{directory}: jenis tidak dikenal: {', '.join(unknown)}"])
    for part in PARTS:
        path = directory / f"{part.name}.yaml"
        if not path.exists() or (only and part.name not in only):
            continue
        try:
            data = yamlio.load(path.read_text(encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001 - any YAML error is the file's fault
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            errors.append(f"{path.name}:{line}: YAML tidak sah: {getattr(exc, 'problem', exc)}")
            continue
        if data is None:
            data = []
        validator = Draft202012Validator(file_schema(part))
        problems = sorted(validator.iter_errors(data), key=lambda e: yamlio.line_of(data, e.path))
        for problem in problems:
            where = "/".join(str(p) for p in problem.absolute_path) or "(akar)"
            line = yamlio.line_of(data, problem.absolute_path)
            extra = _unexpected_key(problem)
            if extra is not None:
                line = problem.instance.key_lines.get(extra, line)
            errors.append(f"{path.name}:{line}: {where}: {problem.message}")
        found[part.name] = (part, data)
    if errors:
        raise CityConfigError(errors)
    return found


def _unexpected_key(problem):
    """For "additional properties" the line of the first key the schema does not know."""
    if problem.validator != "additionalProperties" or not isinstance(
        problem.instance, yamlio.LineDict
    ):
        return None
    known = problem.schema.get("properties", {})
    return next((key for key in problem.instance if key not in known), None)


class _Loader:
    def __init__(self, summary: Summary):
        self.summary = summary
        self.errors: list[str] = []
        self.file = ""
        self.targets: dict = {}
        self.now = timezone.now()

    def error(self, row, name: str | None, message: str):
        line = getattr(row, "line", 1)
        if name and isinstance(row, yamlio.LineDict):
            line = row.key_lines.get(name, line)
        self.errors.append(f"{self.file}:{line}: {message}")

    def target(self, ref, code, parent):
        if ref.scoped:
            return ref.model.objects.filter(**{ref.scoped: parent, ref.code: code}).first()
        table = self.targets.get((ref.model, ref.code))
        if table is None:
            table = self.targets[(ref.model, ref.code)] = {
                getattr(obj, ref.code): obj for obj in ref.model.objects.all()
            }
        return table.get(code)

    def key_of(self, part: Part, obj) -> tuple:
        return tuple(file_value(part, obj, name) for name in part.key)

    def sync(self, part: Part, rows: list, label: str, parent=None, parent_row=None):
        objects = part.model.objects.filter(**part.filter)
        if parent is not None:
            objects = objects.filter(**{part.parent: parent})
        existing = {self.key_of(part, obj): obj for obj in objects}
        seen = set()
        for row in rows:
            key = tuple(normalised(part, name, row.get(name)) for name in part.key)
            if key in seen:
                self.error(row, None, f"{label}: kunci {key} muncul dua kali")
                continue
            seen.add(key)
            self.apply(part, row, existing.get(key), label, parent)
        for key, obj in existing.items():
            if key not in seen:
                self.retire(part, obj, label, parent_row)

    def retire(self, part: Part, obj, label: str, row):
        if part.retire or (part.parent and hasattr(obj, "is_active")):
            flag = part.retire or "is_active"
            if getattr(obj, flag):
                setattr(obj, flag, False)
                obj.save(update_fields=[flag])
                self.summary.add(label, "retired")
            return
        try:
            with transaction.atomic():
                ImportedRecord.objects.filter(
                    content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
                ).delete()
                obj.delete()
        except ProtectedError:
            self.error(row, None, f"{label}: {obj} masih dipakai, tidak dapat dihapus")
            return
        self.summary.add(label, "retired")

    def apply(self, part: Part, row, obj, label: str, parent):
        created = obj is None
        if created:
            obj = part.model()
            if parent is not None:
                setattr(obj, part.parent, parent)
        changed, many = [], {}
        for name in part.columns():
            if name not in row:
                continue
            wanted = normalised(part, name, row[name])
            if not created and file_value(part, obj, name) == wanted:
                continue
            ref = part.refs.get(name)
            if ref is None:
                value = model_value(part, name, row[name])
                if name in part.translated():
                    setattr(obj, build_localized_fieldname(name, "id"), value)
                setattr(obj, name, value)
            elif ref.many:
                targets = [self.target(ref, code, parent) for code in wanted]
                missing = [c for c, t in zip(wanted, targets, strict=True) if t is None]
                if missing:
                    self.error(row, name, f"{name}: kode tidak dikenal: {', '.join(missing)}")
                    return
                many[name] = targets
            else:
                target = None if wanted is None else self.target(ref, wanted, parent)
                if wanted is not None and target is None:
                    self.error(row, name, f"{name}: kode tidak dikenal: {wanted}")
                    return
                setattr(obj, name, target)
            changed.append(name)
        if created or set(changed) - set(many):
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
                _check_constraints(obj)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    where = None if name == NON_FIELD_ERRORS else name
                    self.error(row, where, f"{where or part.name}: {' '.join(messages)}")
                return
            obj.save()
        for name, targets in many.items():
            getattr(obj, name).set(targets)
        if created:
            self.summary.add(label, "created")
        elif changed:
            self.summary.add(label, "updated")
        if not part.parent:
            self.mark(obj, refresh=created or bool(changed))
        for child in part.children:
            if child.name in row:
                self.sync(child, row[child.name], f"{label}.{child.name}", obj, row)
        if part.model is Service:
            self.service_extras(obj, row, label)

    def mark(self, obj, *, refresh: bool):
        """Remember that `obj` came from this file (touched only when it changed)."""
        mark_from_file(obj, self.file, self.now, refresh=refresh)

    def service_extras(self, service: Service, row, label: str):
        current = service_extras(service)
        form = _plain(row.get("form"))
        if "form" in row and form is not None and form != current["form"]:
            try:
                draft = catalog_services.create_draft(
                    actor=None, service=service, schema=form["schema"], ui=form["ui"]
                )
                catalog_services.publish_version(actor=None, version=draft)
            except ValidationError as exc:
                for message in exc.messages:
                    self.error(row, "form", f"form: {message}")
                return
            self.summary.add(f"{label}.form", "created")
        template = _plain(row.get("result_template"))
        if "result_template" in row and template != current["result_template"]:
            if template is None:
                ResultTemplate.objects.filter(service=service).delete()
                self.summary.add(f"{label}.result_template", "retired")
            else:
                _obj, made = ResultTemplate.objects.update_or_create(
                    service=service, defaults=template
                )
                self.summary.add(f"{label}.result_template", "created" if made else "updated")


def _check_constraints(obj):
    """A row's check constraints (e.g. a window closing before it opens) as a file error, not
    a database error: unique keys are the loader's own business (`sync`)."""
    for constraint in obj._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            try:
                constraint.validate(type(obj), obj)
            except ValidationError as exc:
                raise ValidationError({NON_FIELD_ERRORS: exc.messages}) from exc


def _plain(value):
    return None if value is None else json.loads(json.dumps(value))


def import_city_config(directory, *, actor=None, dry_run: bool = False, only=None) -> Summary:
    """Validate and load every configuration file in `directory` (or only the parts named in
    `only`). Raises CityConfigError with every problem as `file:line: message`; nothing is
    written then (nor with `dry_run`)."""
    found = read_files(directory, only)
    summary = Summary(files=sorted(f"{name}.yaml" for name in found))
    loader = _Loader(summary)
    with translation.override("id"), transaction.atomic():
        for part in PARTS:
            if part.name not in found:
                continue
            loader.file = f"{part.name}.yaml"
            if part.load is not None:
                part.load(loader, part, found[part.name][1])
            else:
                loader.sync(part, found[part.name][1], part.name)
        if loader.errors:
            transaction.set_rollback(True)
            raise CityConfigError(loader.errors)
        if summary.changed:
            bump_catalog_version()
            audit.record(
                "cityconfig.imported",
                actor=actor,
                data={"files": summary.files, "counts": dict(summary.counts)},
            )
        if dry_run:
            transaction.set_rollback(True)
    return summary
