"""Back-office pages of the retention schedule (Jadwal Retensi Arsip): the table, one code's
retention, the CSV import (city admins write, every staff member reads)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satupintu.backoffice.views import staff_required
from satupintu.core.listing import page_of
from satupintu.letters import retention, selectors, services
from satupintu.letters.forms import (
    RetentionForm,
    RetentionImportForm,
)
from satupintu.letters.models import ClassificationCode


def _schedule_page(request, import_form=None, import_errors=(), status=200):
    query = request.GET.get("q", "").strip()[:100]
    unset_only = request.GET.get("belum") == "1"
    rows = selectors.retention_schedule(query, unset_only)
    can_edit = services.can_edit_retention(request.user)
    return render(
        request,
        "letters/retention.html",
        {
            "query": query,
            "unset_only": unset_only,
            "page": page_of(request, rows, 100),
            "found": len(rows),
            "can_edit": can_edit,
            "import_form": (import_form or RetentionImportForm()) if can_edit else None,
            "import_errors": import_errors,
        },
        status=status,
    )


@staff_required
def retention_schedule(request):
    return _schedule_page(request)


@staff_required
@require_POST
def retention_import(request):
    """All or nothing: a bad row and nothing is applied; the rows are listed."""
    if not services.can_edit_retention(request.user):
        raise Http404
    form = RetentionImportForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        filename, text = form.cleaned_data["file"]
        try:
            result = services.import_retention(actor=request.user, text=text, filename=filename)
        except services.LetterError as exc:
            form.add_error(None, exc.message)
            errors = exc.data.get("errors", [])
        else:
            messages.success(
                request,
                _("Jadwal retensi diterapkan: %(c)d kode diubah, %(u)d tetap.")
                % {"c": len(result.changed), "u": result.unchanged + result.blank},
            )
            if result.unknown:
                messages.warning(
                    request,
                    _(
                        "Kode tidak ada di tabel klasifikasi, dilewati: %(codes)s. Muat kode "
                        "baru dengan perintah import_classification."
                    )
                    % {"codes": ", ".join(result.unknown[:50])},
                )
            return redirect("letters:retention")
    return _schedule_page(request, import_form=form, import_errors=errors, status=400)


@staff_required
def retention_edit(request, code):
    if not services.can_edit_retention(request.user):
        raise Http404
    row = ClassificationCode.objects.filter(code=code).first()
    if row is None:
        raise Http404
    initial = {
        "active_years": row.active_years,
        "inactive_years": row.inactive_years,
        "final_disposition": row.final_disposition,
    }
    form = RetentionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_retention(
                    actor=request.user,
                    code=row,
                    active_years=data["active_years"],
                    inactive_years=data["inactive_years"],
                    final_disposition=data["final_disposition"],
                )
            except services.LetterError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Retensi kode %(code)s tersimpan.") % {"code": row.code}
                )
                return redirect(f"{reverse('letters:retention')}?q={row.code}")
        status = 400
    parent = retention.effective(ClassificationCode(code=retention.parent_code(row.code)))
    return render(
        request,
        "letters/retention.html",
        {
            "editing": row,
            "edit_form": form,
            "effective": retention.effective(row),
            "parent_retention": parent,
        },
        status=status,
    )
