"""/kantor/spbe/ (the inventory: each OPD its own, city-wide roles all; CSV import and export,
integration map) and /aplikasi/ (the public directory of the city's other applications)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.spbe import charts, importer, importer_xlsx, selectors, services

MAX_UPLOAD = 2 * 1024 * 1024


@staff_required
def inventory(request, errors=None):
    apps = selectors.staff_applications(request.user)
    return render(
        request,
        "spbe/inventory.html",
        {"apps": apps, "errors": errors or [], "columns": importer.COLUMNS},
        status=400 if errors else 200,
    )


@staff_required
@require_POST
def import_csv(request):
    upload = request.FILES.get("berkas")
    if upload is None or upload.size > MAX_UPLOAD:
        return inventory(
            request, [importer.LineError(0, _("Pilih berkas CSV atau XLSX (maksimal 2 MB)."))]
        )
    data = upload.read()
    allowed = selectors.importable_units(request.user)
    try:
        if importer_xlsx.is_xlsx(data[:4]):
            count = services.import_xlsx(data=data, allowed_units=allowed, actor=request.user)
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return inventory(
                    request, [importer.LineError(0, _("Berkas harus CSV UTF-8 atau XLSX."))]
                )
            count = services.import_csv(text=text, allowed_units=allowed, actor=request.user)
    except services.ImportRefused as refused:
        return inventory(request, refused.errors)
    messages.success(request, _("%(n)d aplikasi diimpor.") % {"n": count})
    return redirect("spbe:inventory")


@staff_required
def export_csv(request):
    response = HttpResponse(
        importer.export(selectors.staff_applications(request.user)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="inventaris-aplikasi.csv"'
    return response


@staff_required
def export_xlsx(request):
    response = HttpResponse(
        importer_xlsx.export(selectors.staff_applications(request.user)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="inventaris-aplikasi.xlsx"'
    return response


@staff_required
def integration_map(request):
    apps, edges = selectors.graph(selectors.staff_applications(request.user))
    names = {a.pk: a.name for a in apps}
    return render(
        request,
        "spbe/map.html",
        {
            "chart": charts.integration_svg(apps, edges, _("Peta integrasi aplikasi")),
            "edges": [(names[a], names[b]) for a, b in edges],
        },
    )


def directory(request):
    return render(request, "spbe/directory.html", {"apps": selectors.public_directory()})
