"""An item's gallery: the public renditions and the staff pages that add, remove and reorder
pictures. Staff find an item only among their units' items (404 otherwise), like
`views_staff`; the writes are `gallery`'s."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from satupintu.backoffice.views import staff_required
from satupintu.news import gallery, selectors, services
from satupintu.news.forms import GalleryImageForm
from satupintu.news.models import GalleryImage
from satupintu.news.views_public import serve_rendition
from satupintu.news.views_staff import render_detail


@require_GET
def picture(request, pk, width, fmt):
    """A rendition of a gallery picture: public once its item is, staff see their drafts."""
    return serve_rendition(request, GalleryImage.objects.filter(pk=pk).first(), width, fmt)


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
    return render_detail(request, item, gallery_form=form)


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
