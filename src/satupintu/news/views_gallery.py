"""An item's gallery: the public renditions and the staff pages that add, remove and reorder
pictures. Staff find an item only among their units' items (404 otherwise), like
`views_staff`; the writes are `gallery`'s."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from satupintu.backoffice.views import staff_required
from satupintu.news import gallery, selectors, services
from satupintu.news.forms import GalleryImageForm, ImageForm
from satupintu.news.images import FORMATS
from satupintu.news.models import GalleryImage
from satupintu.news.workflow import EDITABLE, TRANSITIONS


@require_GET
def picture(request, pk, width, fmt):
    """A rendition of a gallery picture: public once its item is, staff see their drafts."""
    found = GalleryImage.objects.filter(pk=pk).first()
    if found is None or fmt not in FORMATS:
        raise Http404
    public = selectors.public_items().filter(pk=found.item_id).exists()
    visible = public or selectors.staff_items(request.user).filter(pk=found.item_id).exists()
    name = found.renditions.get(str(width), {}).get(fmt)
    if not visible or not name:
        raise Http404
    response = FileResponse(found.original.storage.open(name), content_type=FORMATS[fmt][1])
    # Renditions never change (a new picture gets new names): a public one is cached a day.
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@staff_required
@require_POST
def add(request, pk):
    item = selectors.staff_item_or_404(request.user, pk)
    form = GalleryImageForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            gallery.add_image(
                actor=request.user,
                item=item,
                upload=data["image"],
                alt_text=data["alt_text"],
                caption=data["caption"],
            )
        except services.NewsError as exc:
            form.add_error("image", exc.message)
        else:
            messages.success(request, _("Gambar ditambahkan ke galeri."))
            return redirect("news:staff_detail", pk=item.pk)
    actions = [TRANSITIONS[a] for a in services.allowed_actions(request.user, item)]
    return render(
        request,
        "news/staff/detail.html",
        {
            "item": item,
            "actions": actions,
            "changes": item.changes.select_related("actor"),
            "editable": item.status in EDITABLE,
            "image_form": ImageForm() if item.status in EDITABLE else None,
            "gallery_form": form,
        },
        status=400,
    )


@never_cache
@staff_required
@require_POST
def remove(request, pk, picture_pk):
    item = selectors.staff_item_or_404(request.user, pk)
    try:
        gallery.remove_image(actor=request.user, item=item, picture_pk=picture_pk)
    except services.NewsError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Gambar dihapus dari galeri."))
    return redirect("news:staff_detail", pk=item.pk)


@never_cache
@staff_required
@require_POST
def move(request, pk, picture_pk):
    item = selectors.staff_item_or_404(request.user, pk)
    step = -1 if request.POST.get("arah") == "naik" else 1
    try:
        gallery.move(actor=request.user, item=item, picture_pk=picture_pk, step=step)
    except services.NewsError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Urutan galeri tersimpan."))
    return redirect("news:staff_detail", pk=item.pk)
