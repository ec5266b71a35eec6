"""The list behind the dashboard's disposition figures: /kantor/surat/disposisi/terlambat/."""

import re

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from satupintu.backoffice.views import staff_required
from satupintu.dashboards.views import LEADER_ROLES, BadParameter, answers_bad_parameters
from satupintu.letters import figures
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

UNIT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,50}$")


def _level(request) -> int | None:
    text = request.GET.get("tingkat", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) not in figures.LEVELS:
        raise BadParameter(
            _("Tingkat disposisi harus angka 1 sampai %(n)s.") % {"n": figures.DEEPEST}
        )
    return int(text)


def _unit(request) -> OrgUnit:
    code = request.GET.get("unit", "").strip()
    if not code:
        raise BadParameter(_("Pilih unit: parameter “unit” berisi kode unit, mis. DPU."))
    if not UNIT_CODE.match(code):
        raise BadParameter(_("Kode unit “unit” tidak sah: hanya huruf, angka, - dan _."))
    # A unit outside the viewer's leadership is not there for them (404, as everywhere).
    unit = (
        OrgUnit.objects.filter(permissions.units_q(request.user, LEADER_ROLES))
        .filter(code=code)
        .first()
    )
    if unit is None:
        raise Http404
    return unit


@staff_required
@answers_bad_parameters()
def overdue_dispositions(request):
    """Dispositions past their due date of one recipient unit (and level), for the leaders
    who see that unit on /kantor/dasbor/ (heads see their own unit and below)."""
    if not permissions.is_superuser(request.user) and not permissions.unit_paths(
        request.user, LEADER_ROLES
    ):
        raise Http404
    level = _level(request)
    unit = _unit(request)
    return render(
        request,
        "letters/overdue_dispositions.html",
        {
            "unit": unit,
            "level": level,
            "level_label": figures.level_label(level) if level else "",
            "dispositions": figures.overdue_behind(request.user, unit, level),
            "hidden": figures.overdue_hidden(request.user, unit, level),
        },
    )
