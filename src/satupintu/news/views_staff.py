"""Staff pages under /kantor/berita/: the list of the editor's items, writing, the lead image
and the editorial flow. An item is found among the items of the user's units
(`org.permissions.scope_news`); anything else is 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.listing import page_of
from satupintu.news import selectors, services
from satupintu.news.forms import ActionForm, GalleryImageForm, ImageForm, ItemForm
from satupintu.news.models import Item
from satupintu.news.workflow import EDITABLE, TRANSITIONS
from satupintu.org import permissions

ITEM_FIELDS = ("kind", "title", "summary", "body", "starts_at", "ends_at", "place")


def _empty(form_class, editable):
    return form_class() if editable else None


def render_detail(request, item, *, image_form=None, gallery_form=None):
    """An item's staff page; a form given here failed and is shown with its errors (400),
    the others are empty while the item can still be edited."""
    editable = item.status in EDITABLE
    failed = image_form is not None or gallery_form is not None
    projects, unseen_projects = selectors.staff_item_projects(request.user, item)
    return render(
        request,
        "news/staff/detail.html",
        {
            "item": item,
            "actions": [TRANSITIONS[a] for a in services.allowed_actions(request.user, item)],
            "changes": item.changes.select_related("actor"),
            "editable": editable,
            "projects": projects,
            "unseen_projects": unseen_projects,
            "image_form": image_form if image_form is not None else _empty(ImageForm, editable),
            "gallery_form": (
                gallery_form if gallery_form is not None else _empty(GalleryImageForm, editable)
            ),
        },
        status=400 if failed else 200,
    )


@never_cache
@staff_required
def staff_list(request):
    filters = selectors.StaffFilter.from_params(request.GET)
    page = page_of(request, selectors.staff_items(request.user, filters), 30)
    return render(
        request,
        "news/staff/list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Item.Status.choices,
            "kinds": Item.Kind.choices,
            "can_create": permissions.may_write_news(request.user),
        },
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not permissions.may_write_news(request.user):
        raise Http404
    form = ItemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.create_item(
                actor=request.user,
                org_unit=data["org_unit"],
                projects=form.project_slugs(),
                **{key: data[key] for key in ITEM_FIELDS},
            )
        except services.NewsError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draf tersimpan."))
            return redirect("news:staff_detail", pk=item.pk)
    return render(request, "news/staff/form.html", {"form": form, "item": None})


@never_cache
@staff_required
def staff_detail(request, pk):
    item = selectors.staff_item_or_404(request.user, pk)
    return render_detail(request, item)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    item = selectors.staff_item_or_404(request.user, pk)
    if item.status not in EDITABLE:
        messages.info(request, _("Informasi yang sudah terbit harus ditarik dulu sebelum diubah."))
        return redirect("news:staff_detail", pk=item.pk)
    initial = {key: getattr(item, key) for key in ITEM_FIELDS}
    initial["projects"] = list(item.projects.values_list("slug", flat=True))
    form = ItemForm(request.POST or None, initial=initial, user=request.user, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(
                actor=request.user,
                item=item,
                projects=form.project_slugs(),
                **{key: form.cleaned_data[key] for key in ITEM_FIELDS},
            )
        except services.NewsError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Perubahan tersimpan."))
            return redirect("news:staff_detail", pk=item.pk)
    return render(request, "news/staff/form.html", {"form": form, "item": item})


@never_cache
@staff_required
@require_POST
def image(request, pk):
    item = selectors.staff_item_or_404(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_image(
                actor=request.user,
                item=item,
                upload=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except services.NewsError as exc:
            form.add_error("image", exc.message)
        else:
            messages.success(request, _("Gambar tersimpan."))
            return redirect("news:staff_detail", pk=item.pk)
    return render_detail(request, item, image_form=form)


@never_cache
@staff_required
@require_POST
def act(request, pk):
    item = selectors.staff_item_or_404(request.user, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Waktu terbit tidak dapat dibaca."))
        return redirect("news:staff_detail", pk=item.pk)
    data = form.cleaned_data
    try:
        item = services.transition(
            actor=request.user,
            item=item,
            action=data["action"],
            note=data["note"],
            publish_at=data["publish_at"],
        )
    except services.NewsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Status: %(status)s.") % {"status": item.get_status_display()})
    return redirect("news:staff_detail", pk=item.pk)
