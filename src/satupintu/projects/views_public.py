"""Public pages of development projects (/proyek/): all of them with filters, one project with
its progress reports and photos, per kelurahan ("yang dibangun di dekat saya") and per OPD.
Plain HTML, no JavaScript needed."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from satupintu.core.images import FORMATS
from satupintu.core.listing import page_of
from satupintu.org.models import OrgUnit, Region
from satupintu.projects import related, selectors
from satupintu.projects.models import Project

PER_PAGE = 20


def _year(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2100 else None


def _list(request, template, context, **fixed):
    status = request.GET.get("status", "")
    if status not in Project.Status.values:
        status = ""
    filters = {
        "opd": request.GET.get("opd", "")[:20],
        "region": request.GET.get("wilayah", "")[:13],
        "year": _year(request.GET.get("tahun")),
        "status": status,
    } | fixed
    projects = selectors.filter_projects(selectors.public_projects(), **filters)
    context |= {
        "page": page_of(request, projects, PER_PAGE),
        "count": projects.count(),
        "years": selectors.budget_years(),
        "statuses": Project.Status.choices,
        "filters": filters,
    }
    return render(request, template, context)


@require_GET
def project_list(request):
    return _list(
        request,
        "projects/list.html",
        {
            "units": OrgUnit.objects.filter(projects__is_published=True)
            .distinct()
            .order_by("name"),
            "regions": Region.objects.filter(level="kecamatan").order_by("name"),
        },
    )


@require_GET
def by_region(request, code):
    region = Region.objects.filter(code=code, level__in=["kecamatan", "kelurahan"]).first()
    if region is None:
        raise Http404
    return _list(request, "projects/region.html", {"region": region}, region=region.code)


@require_GET
def by_opd(request, code):
    unit = OrgUnit.objects.filter(code__iexact=code, is_active=True).first()
    if unit is None:
        raise Http404
    return _list(request, "projects/opd.html", {"unit": unit}, opd=unit.code)


@require_GET
def detail(request, slug):
    project = selectors.public_project(slug)
    if project is None:
        raise Http404
    return render(
        request,
        "projects/detail.html",
        {"project": project, "related": related.sections(project)},
    )


def _found_photo(request, slug, pk):
    """A photo of a published project, or of one of the staff user's own projects (their
    gallery API and staff pages show unpublished ones): with whether it is public."""
    found = selectors.public_photo(slug, pk)
    if found is not None:
        return found, True
    if request.user.is_authenticated:
        return selectors.staff_photo(request.user, slug, pk), False
    return None, False


def _serve(opened, public, content_type):
    response = FileResponse(opened, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # A photo never changes (a new one gets new names): a public one is cached a day.
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response


@require_GET
def photo(request, slug, pk):
    """The photo as kept (re-encoded, without metadata)."""
    found, public = _found_photo(request, slug, pk)
    if found is None:
        raise Http404
    return _serve(found.file.open("rb"), public, found.content_type)


@require_GET
def photo_rendition(request, slug, pk, width, fmt):
    """One width of a photo, WebP or JPEG."""
    found, public = _found_photo(request, slug, pk)
    name = found.renditions.get(str(width), {}).get(fmt) if found else None
    if not name or fmt not in FORMATS:
        raise Http404
    return _serve(found.file.storage.open(name), public, FORMATS[fmt][1])
