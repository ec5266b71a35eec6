"""Writes of the open-data catalogue: one transaction and one audit event each.

Resources are written through Django storages; files replaced by a new version are deleted
once the transaction has committed, so a failed write leaves the old version whole."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.opendata import registry, tables
from satupintu.opendata.models import Dataset, DatasetTable, Group, Resource, Tag
from satupintu.org.models import OrgUnit

logger = logging.getLogger("satupintu.opendata")

METADATA_FIELDS = (
    "title",
    "description",
    "frequency",
    "license",
    "period_start",
    "period_end",
    "contact_name",
    "contact_email",
)
PREVIEW_ROWS = 20
EXTENSIONS = {"CSV": "csv", "JSON": "json", "XLSX": "xlsx", "GeoJSON": "geojson"}


class OpenDataError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def walidata_name() -> str:
    return settings.OPEN_DATA_WALIDATA


def walidata_unit() -> OrgUnit:
    unit = OrgUnit.objects.filter(code=settings.OPEN_DATA_WALIDATA_UNIT).first()
    return unit or OrgUnit.objects.filter(parent=None).order_by("pk").first()


def min_count() -> int:
    return int(settings.OPEN_DATA_MIN_COUNT)


def suppress(columns: list[dict], rows: list[list]) -> list[list]:
    """Counts from 1 to OPEN_DATA_MIN_COUNT - 1 become empty: a small group could point to a
    person (one complaint about one street in one month)."""
    floor = min_count()
    counted = [i for i, c in enumerate(columns) if c["kind"] == registry.COUNT]
    if not counted or floor <= 1:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i in counted:
            if isinstance(row[i], int) and 0 < row[i] < floor:
                row[i] = None
        out.append(row)
    return out


def _render(dataset: Dataset, columns, rows) -> dict[str, bytes]:
    meta = {
        "dataset": dataset.slug,
        "title": dataset.title,
        "producer": dataset.org_unit.name,
        "license": dataset.license,
    }
    files = {
        "CSV": tables.to_csv(columns, rows),
        "JSON": tables.to_json(columns, rows, meta=meta),
        "XLSX": tables.to_xlsx(columns, rows, title=dataset.slug),
    }
    if tables.has_geometry(columns):
        files["GeoJSON"] = tables.to_geojson(columns, rows)
    return files


def _write_table(dataset: Dataset, columns: list[dict], rows: list[list]) -> None:
    """Store the table and write every resource (inside the caller's transaction)."""
    DatasetTable.objects.update_or_create(
        dataset=dataset,
        defaults={"columns": columns, "rows": rows, "preview": rows[:PREVIEW_ROWS]},
    )
    files = _render(dataset, columns, rows)
    old_names = []
    existing = {r.format: r for r in dataset.resources.all()}
    for position, (fmt, content) in enumerate(files.items()):
        resource = existing.pop(fmt, None) or Resource(dataset=dataset, format=fmt)
        if resource.file:
            old_names.append(resource.file.name)
        resource.position = position
        resource.size = len(content)
        resource.file.save(f"{dataset.slug}.{EXTENSIONS[fmt]}", ContentFile(content), save=False)
        resource.save()
    for stale in existing.values():  # e.g. GeoJSON of a table that lost its coordinates
        old_names.append(stale.file.name)
        stale.delete()
    dataset.data_updated_at = timezone.now()
    dataset.save(update_fields=["data_updated_at", "modified_at"])
    storage = Resource._meta.get_field("file").storage

    def _delete_old():
        for name in old_names:
            if name:
                storage.delete(name)

    transaction.on_commit(_delete_old)


def _tags(names) -> list[Tag]:
    out = []
    for name in names:
        name = slugify(name.strip())[:100]
        if name:
            out.append(Tag.objects.get_or_create(name=name)[0])
    return out


def _unique_slug(title: str) -> str:
    base = slugify(title)[:80] or "dataset"
    slug, n = base, 2
    while Dataset.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- Uploaded datasets --------------------------------------------------------------------------


def _read(upload):
    try:
        return tables.read_upload(upload)
    except ValidationError as exc:
        raise OpenDataError(exc.messages[0]) from exc


def create_dataset(*, actor, org_unit: OrgUnit, metadata: dict, tags, groups, upload) -> Dataset:
    columns, rows = _read(upload)
    with transaction.atomic():
        dataset = Dataset(
            slug=_unique_slug(metadata["title"]),
            org_unit=org_unit,
            walidata=walidata_name(),
            source=Dataset.Source.UPLOAD,
            **{k: metadata[k] for k in METADATA_FIELDS},
        )
        dataset.original.save(f"{dataset.slug}-{upload.name[-60:]}", upload, save=False)
        dataset.save()
        dataset.tags.set(_tags(tags))
        dataset.groups.set(groups)
        _write_table(dataset, columns, rows)
        audit.record(
            "opendata.dataset_created",
            actor=actor,
            obj=dataset,
            data={"rows": len(rows), "columns": len(columns)},
        )
    return dataset


def update_dataset(*, actor, dataset: Dataset, metadata: dict, tags, groups, upload=None):
    if dataset.source != Dataset.Source.UPLOAD:
        raise OpenDataError(_("Dataset otomatis diperbarui oleh sistem, bukan diubah tangan."))
    table = _read(upload) if upload else None
    with transaction.atomic():
        dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
        for key in METADATA_FIELDS:
            setattr(dataset, key, metadata[key])
        old_original = dataset.original.name if upload else ""
        if upload:
            dataset.original.save(f"{dataset.slug}-{upload.name[-60:]}", upload, save=False)
        dataset.save()
        dataset.tags.set(_tags(tags))
        dataset.groups.set(groups)
        if table:
            _write_table(dataset, *table)
        elif dataset.resources.exists():
            # The JSON resource carries the title and licence: write it again.
            current = dataset.table
            _write_table(dataset, current.columns, current.rows)
        audit.record(
            "opendata.dataset_updated",
            actor=actor,
            obj=dataset,
            data={"new_file": bool(upload)},
        )
        if old_original:
            storage = Dataset._meta.get_field("original").storage
            transaction.on_commit(lambda: storage.delete(old_original))
    return dataset


def set_published(*, actor, dataset: Dataset, published: bool) -> Dataset:
    with transaction.atomic():
        dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
        if dataset.is_published == published:
            return dataset
        dataset.is_published = published
        dataset.save(update_fields=["is_published", "modified_at"])
        audit.record(
            "opendata.dataset_published" if published else "opendata.dataset_withdrawn",
            actor=actor,
            obj=dataset,
        )
    return dataset


# --- Generated datasets --------------------------------------------------------------------------


def _group(slug: str) -> Group:
    return Group.objects.get_or_create(
        slug=slug, defaults={"title": slug.replace("-", " ").title()}
    )[0]


def regenerate(generator: registry.Generator, *, actor=None) -> Dataset:
    """Write the generator's dataset again from today's figures (created on first run)."""
    produced = generator.table()
    columns = [tables.column(c.key, c.title, c.kind) for c in generator.columns]
    rows = suppress(columns, [list(r) for r in produced.rows])
    producer = None
    if generator.producer:
        producer = OrgUnit.objects.filter(code=generator.producer).first()
    producer = producer or walidata_unit()
    if producer is None:
        raise OpenDataError(_("Belum ada perangkat daerah: impor data rujukan lebih dahulu."))
    with transaction.atomic():
        dataset = (
            Dataset.objects.select_for_update()
            .filter(source=Dataset.Source.GENERATED, generator_key=generator.key)
            .first()
        )
        created = dataset is None
        if created:
            slug = generator.key
            if Dataset.objects.filter(slug=slug).exists():
                slug = _unique_slug(generator.key)
            dataset = Dataset(
                slug=slug,
                source=Dataset.Source.GENERATED,
                generator_key=generator.key,
                is_published=True,
                contact_name=settings.OPEN_DATA_CONTACT_NAME,
                contact_email=settings.OPEN_DATA_CONTACT_EMAIL,
            )
        dataset.title = str(generator.title)
        dataset.description = str(generator.description)
        dataset.org_unit = producer
        dataset.walidata = walidata_name()
        dataset.frequency = generator.frequency
        dataset.license = Dataset.License.CC_BY
        dataset.period_start = produced.period_start
        dataset.period_end = produced.period_end
        dataset.save()
        if created:
            dataset.tags.set(_tags(generator.tags))
            dataset.groups.set([_group(slug) for slug in generator.groups])
        _write_table(dataset, columns, rows)
        audit.record(
            "opendata.dataset_generated",
            actor=actor,
            obj=dataset,
            data={"rows": len(rows), "key": generator.key},
        )
    return dataset


def regenerate_all(*, actor=None) -> list[str]:
    """Every registered generator; one failing is logged and does not stop the others."""
    done = []
    for generator in registry.generators():
        try:
            regenerate(generator, actor=actor)
        except Exception:  # noqa: BLE001 - the next dataset must still be refreshed
            logger.exception("opendata: generator %s failed", generator.key)
            continue
        done.append(generator.key)
    return done
