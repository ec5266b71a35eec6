"""Every write of city information: one transaction, one audit event each.

Refusals (not the editor's unit, wrong status, missing alt text, bad image) raise `NewsError`
with an Indonesian message; the API and pages show it and keep what was typed.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.news import images, richtext
from satupintu.news.models import Image, Item, StatusChange
from satupintu.news.workflow import EDITABLE, TRANSITIONS
from satupintu.org import permissions
from satupintu.projects import selectors as project_selectors

Status = Item.Status
# Path segments of /berita/ that are not items.
RESERVED_SLUGS = frozenset({"rss", "atom", "opd", "gambar", "galeri"})
FIELDS = ("kind", "title", "summary", "body", "starts_at", "ends_at", "place")


class NewsError(Exception):
    """A refused write. `status` is the HTTP status the API would answer with."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:100].strip("-") or "informasi"
    slug = base
    while slug in RESERVED_SLUGS or Item.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{get_random_string(5).lower()}"
    return slug


def _check_values(values: dict) -> None:
    if values.get("kind") == Item.Kind.EVENT:
        if not values.get("starts_at") or not values.get("place"):
            raise NewsError(_("Agenda kota memerlukan waktu mulai dan tempat."), 400)
        ends_at = values.get("ends_at")
        if ends_at and ends_at < values["starts_at"]:
            raise NewsError(_("Waktu selesai tidak boleh sebelum waktu mulai."), 400)


def _clean(values: dict) -> dict:
    values = {key: values[key] for key in FIELDS if key in values}
    if "body" in values:
        values["body"] = richtext.clean(values["body"])
    if values.get("kind") and values["kind"] != Item.Kind.EVENT:
        values.update(starts_at=None, ends_at=None, place="")
    return values


def _projects(actor, org_unit, slugs) -> list:
    """The projects named by `slugs`: each must be a project of the item's OPD (or a unit
    below it), so an item cannot claim another OPD's work, and one the actor may see
    (`projects.selectors.staff_projects`, scoped by `org.permissions`): a project outside
    their units is not found, as everywhere."""
    slugs = list(dict.fromkeys(slugs))
    allowed = project_selectors.projects_of_unit(org_unit).filter(
        pk__in=project_selectors.staff_projects(actor).values("pk")
    )
    found = {p.slug: p for p in allowed.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise NewsError(
            _("Proyek tidak ditemukan di perangkat daerah ini: %(slugs)s.")
            % {"slugs": ", ".join(missing)},
            400,
        )
    return [found[slug] for slug in slugs]


@transaction.atomic
def create_item(
    *, actor, org_unit, idempotency_key: str | None = None, projects=None, **values
) -> Item:
    """A new draft; `projects`: slugs of the OPD's development projects it is about."""
    if not permissions.may_edit_news(actor, org_unit):
        raise NewsError(_("Anda bukan editor informasi unit ini."), 403)
    values = _clean(values)
    _check_values(values)
    linked = _projects(actor, org_unit, projects or [])
    item = Item(
        org_unit=org_unit,
        created_by=actor,
        slug=_unique_slug(values["title"]),
        idempotency_key=idempotency_key,
        **values,
    )
    item.body_text = richtext.text_of(item.body)
    item.full_clean(exclude=["slug"])
    item.save()
    item.projects.set(linked)
    audit.record(
        "news.created",
        actor=actor,
        obj=item,
        data={"kind": item.kind, "projects": [p.slug for p in linked]},
    )
    return item


@transaction.atomic
def update_item(*, actor, item: Item, projects=None, **values) -> Item:
    """Change a draft; `projects` (slugs), when given, replaces the projects it is about."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not permissions.may_edit_news(actor, item.org_unit):
        raise NewsError(_("Anda bukan editor informasi unit ini."), 403)
    if item.status not in EDITABLE:
        raise NewsError(_("Informasi yang sudah terbit harus ditarik dulu sebelum diubah."))
    if item.status == Status.REVIEW and not permissions.may_review_news(actor, item.org_unit):
        raise NewsError(_("Informasi sedang ditinjau; hanya peninjau yang dapat mengubahnya."))
    values = _clean(values)
    merged = {key: values.get(key, getattr(item, key)) for key in FIELDS}
    _check_values(merged)
    changed = sorted(key for key, value in values.items() if getattr(item, key) != value)
    for key, value in values.items():
        setattr(item, key, value)
    item.body_text = richtext.text_of(item.body)
    item.full_clean(exclude=["slug"])
    item.save()
    if projects is not None:
        linked = _projects(actor, item.org_unit, projects)
        # The list replaces what the editor can see; a link to a project they cannot see (moved
        # to another OPD since) is neither shown to them nor dropped by them.
        unseen = item.projects.exclude(pk__in=project_selectors.staff_projects(actor).values("pk"))
        linked += [project for project in unseen if project not in linked]
        if {p.pk for p in linked} != set(item.projects.values_list("pk", flat=True)):
            changed.append("projects")
        item.projects.set(linked)
    audit.record("news.updated", actor=actor, obj=item, data={"fields": changed})
    return item


def allowed_actions(actor, item: Item) -> list[str]:
    reviewer = permissions.may_review_news(actor, item.org_unit)
    editor = reviewer or permissions.may_edit_news(actor, item.org_unit)
    return [
        action
        for action, t in TRANSITIONS.items()
        if t.source == item.status and (reviewer if t.reviewer_only else editor)
    ]


@transaction.atomic
def transition(
    *, actor, item: Item, action: str, note: str = "", publish_at: datetime | None = None
) -> Item:
    """Move an item along its flow. `publish_at` (publish only) schedules it: the item stays
    hidden until then. Publishing an item without an image needs nothing more; an image
    always has its alt text (enforced when it is added)."""
    item = Item.objects.select_for_update().select_related("org_unit").get(pk=item.pk)
    step = TRANSITIONS.get(action)
    if step is None:
        raise NewsError(_("Tindakan tidak dikenal."), 400)
    if action not in allowed_actions(actor, item):
        if not permissions.may_edit_news(actor, item.org_unit):
            raise NewsError(_("Anda bukan editor informasi unit ini."), 403)
        if step.reviewer_only and not permissions.may_review_news(actor, item.org_unit):
            raise NewsError(_("Hanya peninjau unit ini yang dapat melakukannya."), 403)
        raise NewsError(_("Tindakan ini tidak berlaku pada status sekarang."))
    if action == "return" and not note.strip():
        raise NewsError(_("Tuliskan alasan pengembalian."), 400)
    now = timezone.now()
    if step.target == Status.PUBLISHED:
        item.published_at = publish_at if publish_at and publish_at > now else now
    elif step.target == Status.DRAFT:
        item.published_at = None
    previous = item.status
    item.status = step.target
    item.save(update_fields=["status", "published_at", "updated_at"])
    StatusChange.objects.create(
        item=item, from_status=previous, to_status=step.target, actor=actor, note=note[:500]
    )
    audit.record(
        f"news.{action}",
        actor=actor,
        obj=item,
        data={"from": previous, "to": step.target, "published_at": str(item.published_at or "")},
    )
    return item


def set_image(*, actor, item: Item, upload, alt_text: str) -> Image:
    """Add or replace the lead image. Alt text is required: an image without it is refused."""
    if not permissions.may_edit_news(actor, item.org_unit):
        raise NewsError(_("Anda bukan editor informasi unit ini."), 403)
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise NewsError(_("Tuliskan teks alternatif: apa yang terlihat pada gambar."), 400)
    if len(alt_text) > 250:
        raise NewsError(_("Teks alternatif paling panjang 250 karakter."), 400)
    if item.status not in EDITABLE:
        raise NewsError(_("Informasi yang sudah terbit harus ditarik dulu sebelum diubah."))
    try:
        prepared = images.prepare(upload)
    except ValidationError as exc:
        raise NewsError(" ".join(exc.messages), 400) from exc
    names = images.store(prepared)
    try:
        with transaction.atomic():
            old = Image.objects.select_for_update().filter(item=item).first()
            old_renditions = old.renditions if old else {}
            if old:
                old.original.delete(save=False)
                old.delete()
            image = Image(
                item=item,
                alt_text=alt_text,
                width=prepared.width,
                height=prepared.height,
                renditions=names,
            )
            image.original.save(prepared.original.name, prepared.original, save=False)
            image.full_clean()
            image.save()
            Item.objects.filter(pk=item.pk).update(updated_at=timezone.now())
            audit.record(
                "news.image", actor=actor, obj=item, data={"widths": sorted(names, key=int)}
            )
    except BaseException:
        images.delete_stored(names)  # nothing half-made: no renditions without their row
        raise
    transaction.on_commit(lambda: images.delete_stored(old_renditions))
    return image
