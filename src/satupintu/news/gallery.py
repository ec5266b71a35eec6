"""Writes of an item's gallery: add, remove and reorder pictures. Each picture is checked and
resized by `images.prepare` like the lead image; each write is one transaction and one audit
event; refusals raise `services.NewsError` with an Indonesian message."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.news import images
from satupintu.news.models import GalleryImage, Item
from satupintu.news.services import NewsError
from satupintu.news.workflow import EDITABLE
from satupintu.org import permissions

# A gallery tells a story in a few pictures; more would only weigh on citizens' phones.
MAX_IMAGES = 12
MAX_CAPTION = 300


def _editable_item(actor, item: Item) -> Item:
    item = Item.objects.select_for_update().select_related("org_unit").get(pk=item.pk)
    if not permissions.may_edit_news(actor, item.org_unit):
        raise NewsError(_("Anda bukan editor informasi unit ini."), 403)
    if item.status not in EDITABLE:
        raise NewsError(_("Informasi yang sudah terbit harus ditarik dulu sebelum diubah."))
    return item


def _texts(alt_text: str, caption: str) -> tuple[str, str]:
    alt_text = " ".join((alt_text or "").split())
    caption = " ".join((caption or "").split())
    if not alt_text:
        raise NewsError(_("Tuliskan teks alternatif: apa yang terlihat pada gambar."), 400)
    if len(alt_text) > 250:
        raise NewsError(_("Teks alternatif paling panjang 250 karakter."), 400)
    if len(caption) > MAX_CAPTION:
        raise NewsError(
            _("Keterangan gambar paling panjang %(n)d karakter.") % {"n": MAX_CAPTION}, 400
        )
    return alt_text, caption


def add_image(*, actor, item: Item, upload, alt_text: str, caption: str = "") -> GalleryImage:
    """Add a picture at the end of the gallery."""
    alt_text, caption = _texts(alt_text, caption)
    with transaction.atomic():  # refuse early, before the (slow) resizing
        _editable_item(actor, item)
        if GalleryImage.objects.filter(item=item).count() >= MAX_IMAGES:
            raise NewsError(_("Galeri paling banyak %(n)d gambar.") % {"n": MAX_IMAGES}, 400)
    try:
        prepared = images.prepare(upload)
    except ValidationError as exc:
        raise NewsError(" ".join(exc.messages), 400) from exc
    names = images.store(prepared)
    try:
        with transaction.atomic():
            item = _editable_item(actor, item)  # checked again: the item is locked now
            count = GalleryImage.objects.filter(item=item).count()
            if count >= MAX_IMAGES:
                raise NewsError(_("Galeri paling banyak %(n)d gambar.") % {"n": MAX_IMAGES}, 400)
            last = GalleryImage.objects.filter(item=item).aggregate(last=Max("position"))["last"]
            picture = GalleryImage(
                item=item,
                position=0 if last is None else last + 1,
                alt_text=alt_text,
                caption=caption,
                width=prepared.width,
                height=prepared.height,
                renditions=names,
            )
            picture.original.save(prepared.original.name, prepared.original, save=False)
            picture.full_clean()
            picture.save()
            Item.objects.filter(pk=item.pk).update(updated_at=timezone.now())
            audit.record(
                "news.gallery_added",
                actor=actor,
                obj=item,
                data={"image": picture.pk, "widths": sorted(names, key=int)},
            )
    except BaseException:
        images.delete_stored(names)  # nothing half-made: no renditions without their row
        raise
    return picture


def _picture_of(item: Item, picture_pk) -> GalleryImage:
    picture = GalleryImage.objects.filter(item=item, pk=picture_pk).first()
    if picture is None:
        raise NewsError(_("Gambar tidak ditemukan di galeri ini."), 404)
    return picture


@transaction.atomic
def remove_image(*, actor, item: Item, picture_pk) -> None:
    item = _editable_item(actor, item)
    picture = _picture_of(item, picture_pk)
    renditions, original = picture.renditions, picture.original.name
    picture.delete()
    _renumber(item)
    Item.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    audit.record("news.gallery_removed", actor=actor, obj=item, data={"image": int(picture_pk)})

    def delete_files():
        images.delete_stored(renditions)
        if original:
            GalleryImage._meta.get_field("original").storage.delete(original)

    transaction.on_commit(delete_files)


def _renumber(item: Item, order: list[int] | None = None) -> list[int]:
    pictures = list(GalleryImage.objects.filter(item=item).order_by("position", "pk"))
    if order is not None:
        rank = {pk: index for index, pk in enumerate(order)}
        pictures.sort(key=lambda p: rank[p.pk])
    for index, picture in enumerate(pictures):
        if picture.position != index:
            picture.position = index
            picture.save(update_fields=["position"])
    return [picture.pk for picture in pictures]


@transaction.atomic
def reorder(*, actor, item: Item, order: list[int]) -> list[int]:
    """Put the gallery in the given order: every picture of the item, each once."""
    item = _editable_item(actor, item)
    current = set(GalleryImage.objects.filter(item=item).values_list("pk", flat=True))
    if len(order) != len(set(order)) or set(order) != current:
        raise NewsError(_("Urutan harus memuat setiap gambar galeri tepat satu kali."), 400)
    result = _renumber(item, order)
    Item.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    audit.record("news.gallery_reordered", actor=actor, obj=item, data={"order": result})
    return result


def move(*, actor, item: Item, picture_pk, step: int) -> list[int]:
    """Move one picture a place earlier (-1) or later (+1): the staff page's buttons."""
    order = list(
        GalleryImage.objects.filter(item=item)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    if int(picture_pk) not in order:
        raise NewsError(_("Gambar tidak ditemukan di galeri ini."), 404)
    index = order.index(int(picture_pk))
    target = min(max(index + step, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return reorder(actor=actor, item=item, order=order)
