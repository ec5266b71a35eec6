"""Writes of development projects: one transaction and one audit event each."""

import hashlib

from django.db import transaction
from django.utils.text import slugify

from satupintu.core import audit, images
from satupintu.geo.geometry import Geometry
from satupintu.projects.models import ProgressPhoto, ProgressUpdate, Project


def _unique_slug(name: str, year: int) -> str:
    base = slugify(f"{name} {year}")[:70] or "proyek"
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_project(
    *,
    actor,
    values: dict,
    geometry: Geometry | None,
    project: Project | None = None,
    idempotency_key: str | None = None,
) -> Project:
    """Create a project (no `project`) or change one; `values` are the form's fields.
    `idempotency_key` (create only) is the staff API client's key: unique, so a retry fails
    rather than making a twin."""
    with transaction.atomic():
        created = project is None
        if created:
            project = Project(
                slug=_unique_slug(values["name"], values["budget_year"]),
                idempotency_key=idempotency_key,
            )
        for key, value in values.items():
            setattr(project, key, value)
        project.set_geometry(geometry)
        project.full_clean(exclude=["slug"] if created else None)
        project.save()
        audit.record(
            "projects.create" if created else "projects.update",
            actor=actor,
            obj=project,
            data={"org_unit": project.org_unit.code, "fields": sorted(values)},
        )
    return project


def report_progress(
    *,
    actor,
    project: Project,
    reported_on,
    progress: int,
    note: str,
    photos,
    idempotency_key: str | None = None,
):
    """A dated progress report with its photos (`(images.Prepared, alt text)` pairs: checked
    and resized by the forms through `images.prepare`); the project's progress and status
    follow the newest report. The renditions are stored first and deleted again if the report
    is not saved, so nothing is left half-made."""
    stored = [images.store(prepared, "projects") for prepared, _alt in photos]
    originals: list[str] = []
    try:
        with transaction.atomic():
            update = ProgressUpdate.objects.create(
                project=project,
                reported_on=reported_on,
                progress=progress,
                note=note,
                created_by=actor,
                idempotency_key=idempotency_key,
            )
            for (prepared, alt_text), names in zip(photos, stored, strict=True):
                original = prepared.original.read()
                prepared.original.seek(0)
                digest = hashlib.sha256(original).hexdigest()
                photo = ProgressPhoto(
                    update=update,
                    content_type="image/jpeg",
                    size=len(original),
                    sha256=digest,
                    alt_text=alt_text,
                    width=prepared.width,
                    height=prepared.height,
                    renditions=names,
                )
                photo.file.save(f"{digest[:16]}.jpg", prepared.original, save=False)
                originals.append(photo.file.name)
                photo.save()
            newest = project.updates.order_by("-reported_on", "-pk").first()
            project.progress = newest.progress
            if newest.progress >= 100:
                project.status = Project.Status.DONE
            elif newest.progress > 0 and project.status == Project.Status.PLANNED:
                project.status = Project.Status.RUNNING
            project.save(update_fields=["progress", "status", "updated_at"])
            audit.record(
                "projects.progress",
                actor=actor,
                obj=project,
                data={"progress": progress, "photos": len(photos)},
            )
    except BaseException:
        for names in stored:
            images.delete_stored(names)
        for name in originals:
            ProgressPhoto._meta.get_field("file").storage.delete(name)
        raise
    return update
