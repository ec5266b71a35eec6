"""Staff pages under /kantor/data/: an OPD's datasets, uploads and publication."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.listing import page_of
from satupintu.core.ratelimit import charge_upload, limited_response
from satupintu.opendata import access, services
from satupintu.opendata.forms import DatasetForm


@staff_required
def staff_list(request):
    datasets = access.managed_datasets(request.user).select_related("org_unit").order_by("title")
    return render(
        request,
        "opendata/staff/list.html",
        {
            "page": page_of(request, datasets, 30),
            "can_create": access.producer_units(request.user).exists(),
            "can_refresh": access.can_refresh(request.user),
        },
    )


def _save(request, form, dataset=None):
    refusal = charge_upload(request, [form.cleaned_data.get("file")])
    if refusal is not None:
        return None, refusal
    try:
        if dataset is None:
            dataset = services.create_dataset(
                actor=request.user,
                org_unit=form.cleaned_data["org_unit"],
                metadata=form.metadata(),
                tags=form.tag_names(),
                groups=list(form.cleaned_data["groups"]),
                upload=form.cleaned_data["file"],
            )
        else:
            dataset = services.update_dataset(
                actor=request.user,
                dataset=dataset,
                metadata=form.metadata(),
                tags=form.tag_names(),
                groups=list(form.cleaned_data["groups"]),
                upload=form.cleaned_data.get("file"),
            )
    except services.OpenDataError as exc:
        form.add_error(None, exc.message)
        return None, None
    return dataset, None


@staff_required
def create(request):
    units = access.producer_units(request.user)
    if not units.exists():
        raise Http404
    form = DatasetForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        dataset, refusal = _save(request, form)
        if refusal is not None:
            return limited_response(request, refusal)
        if dataset is not None:
            messages.success(request, _("Dataset tersimpan sebagai draf. Periksa, lalu terbitkan."))
            return redirect("opendata:staff_detail", slug=dataset.slug)
    return render(request, "opendata/staff/form.html", {"form": form, "dataset": None})


@staff_required
def detail(request, slug):
    dataset = access.dataset_or_404(request.user, slug)
    editable = dataset.source == dataset.Source.UPLOAD
    form = None
    if editable:
        form = DatasetForm(
            request.POST or None,
            request.FILES or None,
            units=access.producer_units(request.user),
            dataset=dataset,
            initial=DatasetForm.initial_for(dataset),
        )
        if request.method == "POST" and form.is_valid():
            saved, refusal = _save(request, form, dataset)
            if refusal is not None:
                return limited_response(request, refusal)
            if saved is not None:
                messages.success(request, _("Tersimpan."))
                return redirect("opendata:staff_detail", slug=saved.slug)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "opendata/staff/form.html",
        {
            "form": form,
            "dataset": dataset,
            "resources": dataset.resources.order_by("position"),
        },
    )


@staff_required
@require_POST
def publish(request, slug):
    dataset = access.dataset_or_404(request.user, slug)
    published = request.POST.get("terbit") == "1"
    services.set_published(actor=request.user, dataset=dataset, published=published)
    messages.success(
        request, _("Dataset diterbitkan.") if published else _("Dataset ditarik dari katalog.")
    )
    return redirect("opendata:staff_detail", slug=dataset.slug)


@staff_required
@require_POST
def refresh(request):
    if not access.can_refresh(request.user):
        raise Http404
    done = services.regenerate_all(actor=request.user)
    messages.success(
        request, _("%(n)d dataset otomatis diperbarui dari data platform.") % {"n": len(done)}
    )
    return redirect("opendata:staff_list")
