from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from satupintu.backoffice import selectors
from satupintu.backoffice.modules import modules_for
from satupintu.org import permissions


def staff_required(view):
    """Back-office pages: logged in, a staff member (TOTP is enforced by middleware)."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.may_use_back_office(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@staff_required
def home(request):
    return render(
        request,
        "backoffice/home.html",
        {
            "modules": modules_for(request.user),
            "memberships": permissions.memberships_of(request.user),
        },
    )


@staff_required
def units(request):
    return render(request, "backoffice/units.html", {"units": selectors.units_for(request.user)})


@staff_required
def unit_detail(request, code):
    unit = selectors.unit_for(request.user, code)
    return render(
        request,
        "backoffice/unit_detail.html",
        {"unit": unit, "members": selectors.unit_members(unit)},
    )


@staff_required
def audit(request):
    if not permissions.is_auditor(request.user):
        raise Http404
    events = selectors.audit_events(
        action=request.GET.get("tindakan", "").strip(),
        object_type=request.GET.get("objek", "").strip(),
    )
    page = Paginator(events, 50).get_page(request.GET.get("halaman"))
    page.object_list = selectors.with_shown_labels(page.object_list)
    return render(
        request,
        "backoffice/audit.html",
        {
            "page": page,
            "action": request.GET.get("tindakan", ""),
            "object_type": request.GET.get("objek", ""),
        },
    )
