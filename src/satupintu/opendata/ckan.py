"""The CKAN Action API (read part) at /api/3/action/<name> and /api/action/<name>.

Answers in CKAN's envelope — {"help", "success", "result"} or {"help", "success": false,
"error": {"__type", "message"|fields}} with CKAN's status codes (400 unknown action, 404 not
found, 409 validation or search query errors) — so that CKAN clients (ckanapi) and national
harvesters read the catalogue unchanged. Parameters come from the query string or, as ckanapi
sends them, a JSON body. No cookies, no CSRF: read-only, public data. See docs/open-data.md."""

import json
import re
from datetime import UTC, datetime, time

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from satupintu.core import ratelimit
from satupintu.opendata import selectors
from satupintu.opendata.ckan_dicts import (
    group_dict,
    organization_dict,
    package_dict,
    resource_dict,
)

CKAN_VERSION = "2.10.4"  # the API version whose answers these imitate
MAX_ROWS = 1000
SORTS = {
    "name": "slug",
    "title_string": "title",
    "title": "title",
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
    "id": "uuid",
}
FQ_FIELDS = {
    "organization": "organizations",
    "owner_org": "organizations",
    "groups": "groups",
    "tags": "tags",
    "res_format": "formats",
    "license_id": "licenses",
}


class ActionError(Exception):
    def __init__(self, status: int, error: dict):
        super().__init__(error)
        self.status = status
        self.error = error


def not_found(message=None):
    return ActionError(
        404, {"__type": "Not Found Error", "message": message or _("Tidak ditemukan")}
    )


def invalid(**fields):
    return ActionError(409, {"__type": "Validation Error", **{k: [v] for k, v in fields.items()}})


# --- Parameters ----------------------------------------------------------------------------------


def _int(params, name, default, maximum=None):
    value = params.get(name, default)
    try:
        value = int(value)
    except (TypeError, ValueError) as exc:
        raise invalid(**{name: _("Bilangan bulat tidak sah")}) from exc
    if value < 0:
        raise invalid(**{name: _("Harus bilangan bulat positif")})
    return min(value, maximum) if maximum else value


def _bool(params, name) -> bool:
    value = params.get(name, False)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _required(params, name) -> str:
    value = params.get(name)
    if value in (None, ""):
        raise invalid(**{name: _("Nilai wajib diisi")})
    return str(value)


FQ_TERM = re.compile(r'([+-]?)([A-Za-z_]+):(\[[^\]]*\]|"([^"]*)"|\S+)')
RANGE = re.compile(r"^\[\s*(\S+)\s+TO\s+(\S+)\s*\]$")
RANGE_FIELDS = {"metadata_modified": "modified", "metadata_created": "created"}


def _search_error(message):
    return ActionError(409, {"__type": "Search Query Error", "message": message})


def _moment(value: str):
    """A bound of a Solr date range ("*", "NOW", or an ISO date/time, "Z" for UTC)."""
    if value == "*":
        return None
    if value.upper() == "NOW":
        return timezone.now()
    moment = parse_datetime(value.replace("Z", "+00:00"))
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise _search_error(_("Tanggal tidak dapat dibaca: %s") % value)
        moment = datetime.combine(day, time.min)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _range(criteria, name, raw):
    """`metadata_modified:[2026-01-01T00:00:00Z TO *]`, as CKAN harvesters ask for changes."""
    match = RANGE.match(raw)
    if match is None:
        raise _search_error(_("Rentang tidak dapat dibaca: %s") % raw)
    low, high = (_moment(v) for v in match.groups())
    criteria.ranges.append((RANGE_FIELDS[name], low, high))


def parse_fq(fq: str) -> selectors.Search:
    criteria = selectors.Search()
    rest = FQ_TERM.sub("", fq or "")
    if re.sub(r"\bAND\b", "", rest).strip():
        raise ActionError(
            409, {"__type": "Search Query Error", "message": _("fq tidak dapat dibaca: %s") % fq}
        )
    for sign, name, raw, quoted in FQ_TERM.findall(fq or ""):
        if name in RANGE_FIELDS and sign != "-":
            _range(criteria, name, raw)
            continue
        attribute = FQ_FIELDS.get(name)
        if attribute is None or sign == "-":
            raise ActionError(
                409,
                {
                    "__type": "Search Query Error",
                    "message": _("Kolom fq tidak didukung: %s") % name,
                },
            )
        getattr(criteria, attribute).append(quoted or raw)
    return criteria


def parse_sort(sort: str) -> tuple[str, ...]:
    order = []
    for part in (sort or "").split(","):
        words = part.split()
        if not words:
            continue
        name, direction = words[0], (words[1].lower() if len(words) > 1 else "asc")
        if name == "score":
            continue
        if name not in SORTS or direction not in ("asc", "desc") or len(words) > 2:
            raise ActionError(
                409,
                {"__type": "Search Query Error", "message": _("Urutan tidak didukung: %s") % sort},
            )
        order.append(("-" if direction == "desc" else "") + SORTS[name])
    return tuple(order) or ("-modified_at",)


# --- Actions -------------------------------------------------------------------------------------


def package_list(request, params):
    """Names of all published datasets (limit, offset)."""

    limit = _int(params, "limit", 0, MAX_ROWS) if "limit" in params else None
    offset = _int(params, "offset", 0)
    names = selectors.published().order_by("slug").values_list("slug", flat=True)
    return list(names[offset : offset + limit] if limit is not None else names[offset:])


def package_show(request, params):
    """One dataset by name or id, with its resources, tags, groups and organisation."""

    dataset = selectors.dataset(_required(params, "id"))
    if dataset is None:
        raise not_found()
    return package_dict(request, dataset)


def package_search(request, params):
    """Datasets matching q and fq (organization, groups, tags, res_format, license_id,
    metadata_modified range), paged by rows and start, ordered by sort."""

    q = str(params.get("q") or "").strip()
    if q in ("*:*", "*"):
        q = ""
    criteria = parse_fq(str(params.get("fq") or ""))
    criteria.text = q
    rows = _int(params, "rows", 10, MAX_ROWS)
    start = _int(params, "start", 0)
    sort = str(params.get("sort") or "score desc, metadata_modified desc")
    queryset = selectors.search(criteria, parse_sort(sort) + ("slug",))
    count = queryset.count()
    results = [package_dict(request, d) for d in selectors.page(queryset, start, rows)]
    facets, search_facets = _facets(queryset, params)
    return {
        "count": count,
        "sort": sort,
        "results": results,
        "facets": facets,
        "search_facets": search_facets,
    }


def _facets(queryset, params) -> tuple[dict, dict]:
    fields = params.get("facet.field") or []
    if isinstance(fields, str):
        try:
            fields = json.loads(fields)
        except ValueError as exc:
            raise invalid(**{"facet.field": _("Harus daftar JSON")}) from exc
    if not isinstance(fields, list):
        raise invalid(**{"facet.field": _("Harus daftar JSON")})
    limit = _int(params, "facet.limit", 50, MAX_ROWS)
    found = selectors.facets(queryset, [str(f) for f in fields], limit)
    facets = {name: {key: n for key, _title, n in items} for name, items in found.items()}
    search_facets = {
        name: {
            "title": name,
            "items": [{"name": key, "display_name": title, "count": n} for key, title, n in items],
        }
        for name, items in found.items()
    }
    return facets, search_facets


def organization_list(request, params):
    """Names of the OPDs publishing datasets; all_fields for the whole records."""

    units = selectors.organizations()
    if _bool(params, "all_fields"):
        return [organization_dict(request, u, u.package_count) for u in units]
    return [selectors.org_name(u) for u in units]


def organization_show(request, params):
    """One OPD by name or id."""

    key = _required(params, "id")
    for unit in selectors.organizations():
        if key in (selectors.org_name(unit), str(unit.pk)):
            return organization_dict(request, unit, unit.package_count)
    raise not_found()


def group_list(request, params):
    """Names of the groups; all_fields for the whole records."""

    groups = selectors.groups()
    if _bool(params, "all_fields"):
        return [group_dict(g, g.package_count) for g in groups]
    return [g.slug for g in groups]


def group_show(request, params):
    """One group by name or id."""

    key = _required(params, "id")
    for group in selectors.groups():
        if key in (group.slug, str(group.uuid)):
            return group_dict(group, group.package_count)
    raise not_found()


def tag_list(request, params):
    """Tags of published datasets."""

    from satupintu.opendata.models import Tag

    return list(
        Tag.objects.filter(dataset__is_published=True).distinct().values_list("name", flat=True)
    )


def resource_show(request, params):
    """One resource (a file of a dataset) by id."""

    resource = selectors.resource(_required(params, "id"))
    if resource is None:
        raise not_found()
    return resource_dict(request, resource)


def status_show(request, params):
    """The site and the CKAN API version this imitates."""

    return {
        "site_title": settings.SITE_NAME,
        "site_description": _("Portal data terbuka %(site)s") % {"site": settings.SITE_NAME},
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "id",
        "extensions": [],
    }


def help_show(request, params):
    """The documentation of an action (name)."""

    name = _required(params, "name")
    if name not in ACTIONS:
        raise not_found()
    return ACTIONS[name].__doc__ or ""


ACTIONS = {
    f.__name__: f
    for f in (
        help_show,
        package_list,
        package_show,
        package_search,
        organization_list,
        organization_show,
        group_list,
        group_show,
        tag_list,
        resource_show,
        status_show,
    )
}


def _params(request) -> dict:
    params = request.GET.dict()
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError as exc:
            raise ActionError(
                400, {"__type": "Bad request", "message": _("Badan permintaan bukan JSON.")}
            ) from exc
        if not isinstance(body, dict):
            raise ActionError(
                400, {"__type": "Bad request", "message": _("Badan permintaan bukan objek JSON.")}
            )
        params.update(body)
    return params


def _answer(request, name, status, payload) -> JsonResponse:
    help_url = request.build_absolute_uri(reverse("opendata:ckan_action", args=["help_show"]))
    body = {"help": f"{help_url}?name={name}", "success": status == 200, **payload}
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response


@csrf_exempt
def action(request, name):
    if request.method not in ("GET", "HEAD", "POST"):
        response = _answer(
            request,
            name,
            405,
            {"error": {"__type": "Bad request", "message": _("Metode tidak didukung.")}},
        )
        response["Allow"] = "GET, POST"
        return response
    refusal = ratelimit.hit(request, "open_data_api")
    if refusal is not None:
        response = _answer(request, name, 429, {"error": {"message": refusal.message}})
        response["Retry-After"] = str(refusal.retry_after)
        return response
    handler = ACTIONS.get(name)
    if handler is None:
        message = _("Permintaan salah - aksi tidak dikenal: %s") % name
        return _answer(request, name, 400, {"error": {"__type": "Bad request", "message": message}})
    try:
        result = handler(request, _params(request))
    except ActionError as exc:
        return _answer(request, name, exc.status, {"error": exc.error})
    return _answer(request, name, 200, {"result": result})
