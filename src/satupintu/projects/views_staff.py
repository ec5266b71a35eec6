"""Staff pages under /kantor/proyek/: an OPD's projects, a project's form and its progress
reports, and the CSV export. A project outside the user's units is 404, as everywhere
(`selectors.staff_projects` → `permissions.scope_to_units`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from satupintu.backoffice.views import staff_required
from satupintu.core.exports import csv_writer
from satupintu.core.listing import page_of
from satupintu.projects import selectors, services
from satupintu.projects.forms import ProgressForm, ProjectForm


def _project_or_404(user, slug):
    project = selectors.staff_project(user, slug)
    if project is None:
        raise Http404
    return project


@never_cache
@staff_required
@require_GET
def project_list(request):
    if not selectors.may_manage_projects(request.user):
        raise Http404
    projects = selectors.staff_projects(request.user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        projects = projects.filter(name__icontains=query)
    return render(
        request,
        "projects/staff/list.html",
        {"page": page_of(request, projects, 30), "query": query},
    )


def _save(request, project=None):
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_project(
                actor=request.user, values=form.values(), geometry=form.geometry, project=project
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Proyek tersimpan."))
            return redirect("projects:staff_detail", saved.slug)
    status = 400 if form.errors else 200
    return render(
        request, "projects/staff/form.html", {"form": form, "project": project}, status=status
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not selectors.may_manage_projects(request.user):
        raise Http404
    return _save(request)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    return _save(request, _project_or_404(request.user, slug))


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def progress(request, slug):
    project = _project_or_404(request.user, slug)
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.report_progress(
            actor=request.user,
            project=project,
            reported_on=form.cleaned_data["reported_on"],
            progress=form.cleaned_data["progress"],
            note=form.cleaned_data["note"],
            photos=form.photos_with_alt(),
        )
        messages.success(request, _("Laporan kemajuan tersimpan."))
        return redirect("projects:staff_detail", project.slug)
    status = 400 if form.errors else 200
    updates = project.updates.prefetch_related("photos")
    return render(
        request,
        "projects/staff/progress.html",
        {"form": form, "project": project, "updates": updates},
        status=status,
    )


EXPORT_COLUMNS = [
    "slug",
    "name",
    "org_unit__code",
    "programme",
    "activity",
    "budget_year",
    "budget_ceiling",
    "realisation",
    "funding_source",
    "contractor",
    "contract_value",
    "start_date",
    "finish_date",
    "region__code",
    "status",
    "progress",
    "is_published",
]


@never_cache
@staff_required
@require_GET
def export(request):
    if not selectors.may_manage_projects(request.user):
        raise Http404
    rows = selectors.staff_projects(request.user).values_list(*EXPORT_COLUMNS)
    writer = csv_writer()

    def lines():
        yield writer.writerow(EXPORT_COLUMNS)
        for row in rows.iterator():
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="proyek.csv"'
    return response
