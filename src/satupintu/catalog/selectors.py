"""Reads of the service catalogue for the public pages, the API and other apps."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from satupintu.catalog.form_i18n import localized
from satupintu.catalog.models import FormSchemaVersion, LifeEvent, Service
from satupintu.catalog.search import Index, IndexCache
from satupintu.core import versions
from satupintu.org.models import OrgUnit

VERSION_KEY = "catalog:version"
# On the list page, each OPD shows at most this many services, then a link to all of them.
SERVICES_PER_UNIT = 5

_index_cache = IndexCache()


# --- Version of the catalogue (search index and cached pages follow it) -----------------------


def catalog_version() -> int:
    """A number that changes whenever a service, its parts or its OPD change."""
    return versions.current(VERSION_KEY)


def bump_catalog_version() -> None:
    """Called on every change (signals)."""
    versions.bump(VERSION_KEY)


# --- Lists ------------------------------------------------------------------------------------


def apply_url(service: Service) -> str:
    """Where a citizen starts an online application (the applications app serves it)."""
    return f"/permohonan/baru/{service.slug}/"


def published_services() -> QuerySet[Service]:
    return (
        Service.objects.filter(is_published=True, org_unit__is_active=True)
        .select_related("org_unit")
        .prefetch_related(Prefetch("life_events", queryset=LifeEvent.objects.order_by()))
        .order_by("sort_order", "name")
    )


def filter_services(
    queryset: QuerySet[Service], *, opd: str = "", life_event: str = ""
) -> QuerySet[Service]:
    if opd:
        queryset = queryset.filter(org_unit__code__iexact=opd)
    if life_event:
        queryset = queryset.filter(life_events__slug=life_event)
    return queryset


def units_with_services() -> list[OrgUnit]:
    """OPD (and kelurahan offices) that publish at least one service, with the count."""
    return list(
        OrgUnit.objects.filter(is_active=True)
        .annotate(
            service_count=Count("services", filter=Q(services__is_published=True), distinct=True)
        )
        .filter(service_count__gt=0)
        .order_by("name")
    )


def life_events_with_services() -> list[LifeEvent]:
    return list(
        LifeEvent.objects.annotate(
            service_count=Count(
                "services",
                filter=Q(services__is_published=True, services__org_unit__is_active=True),
                distinct=True,
            )
        )
        .filter(service_count__gt=0)
        .order_by("sort_order", "name")
    )


@dataclass
class Group:
    key: str
    title: str
    services: list[Service] = field(default_factory=list)
    total: int = 0
    unit: OrgUnit | None = None
    life_event: LifeEvent | None = None

    @property
    def more(self) -> int:
        return self.total - len(self.services)


def group_by_unit(services, limit: int | None = None) -> list[Group]:
    """Services grouped by their OPD, OPD by name; at most `limit` services shown per group."""
    groups: dict[int, Group] = {}
    for service in services:
        unit = service.org_unit
        group = groups.get(unit.pk)
        if group is None:
            group = groups[unit.pk] = Group(key=unit.code, title=unit.name, unit=unit)
        group.total += 1
        if limit is None or len(group.services) < limit:
            group.services.append(service)
    return sorted(groups.values(), key=lambda g: g.title)


def group_by_life_event(services, limit: int | None = None) -> list[Group]:
    """Services grouped by life event (a service can sit in several); events in their order."""
    groups: dict[int, Group] = {}
    for service in services:
        for event in service.life_events.all():
            group = groups.get(event.pk)
            if group is None:
                group = groups[event.pk] = Group(key=event.slug, title=event.name, life_event=event)
            group.total += 1
            if limit is None or len(group.services) < limit:
                group.services.append(service)
    return sorted(
        groups.values(), key=lambda g: (g.life_event.sort_order, g.title) if g.life_event else ()
    )


# --- Search -----------------------------------------------------------------------------------


def _both(obj, name: str) -> str:
    """A translatable field in Indonesian and English, so one index answers both languages
    (an English visitor finds "birth certificate", an Indonesian one "akta kelahiran")."""
    return " ".join(filter(None, (getattr(obj, f"{name}_ind"), getattr(obj, f"{name}_en"))))


def _index_rows():
    services = (
        Service.objects.filter(is_published=True, org_unit__is_active=True)
        .select_related("org_unit")
        .prefetch_related("life_events")
        .only(
            "id",
            "name_ind",
            "name_en",
            "synonyms_ind",
            "synonyms_en",
            "summary_ind",
            "summary_en",
            "org_unit__code",
            "org_unit__name",
            "org_unit__short_name",
        )
    )
    for service in services:
        unit = service.org_unit
        yield {
            "id": service.pk,
            "name": _both(service, "name"),
            "synonyms": _both(service, "synonyms").replace(",", " "),
            "summary": _both(service, "summary"),
            "unit": f"{unit.name} {unit.short_name} {unit.code}",
            "events": " ".join(_both(event, "name") for event in service.life_events.all()),
        }


def search_index() -> Index:
    return _index_cache.get(catalog_version(), lambda: Index.build(list(_index_rows())))


@dataclass
class SearchResult:
    query: str
    services: list[Service]
    partial: bool = False  # only some words of the query were found


def search_services(
    query: str, *, opd: str = "", life_event: str = "", limit: int | None = None
) -> SearchResult:
    """Published services matching `query` (typo-tolerant), best first."""
    query = query.strip()[:100]
    ids, partial = search_index().search(query)
    rank = {pk: position for position, pk in enumerate(ids)}
    queryset = filter_services(
        published_services().filter(pk__in=ids), opd=opd, life_event=life_event
    )
    services = sorted(queryset, key=lambda s: rank[s.pk])
    if limit is not None:
        services = services[:limit]
    return SearchResult(query=query, services=services, partial=partial)


def service_hits(query: str, limit: int) -> list[Service]:
    """The first `limit` published services matching `query`, best first, for one search
    (/cari/): only the rows shown are read, with their OPD, and no life events."""
    ids, _partial = search_index().search(query.strip()[:100])
    # The index may be a moment behind a change: twice as many rows are asked and checked.
    wanted = ids[: limit * 2]
    found = published_services().prefetch_related(None).filter(pk__in=wanted)
    by_pk = {service.pk: service for service in found}
    return [by_pk[pk] for pk in wanted if pk in by_pk][:limit]


# --- One service ------------------------------------------------------------------------------


def service_detail(slug: str) -> Service | None:
    """A published service with everything its page shows, in a fixed number of queries."""
    return (
        Service.objects.filter(slug=slug, is_published=True, org_unit__is_active=True)
        .select_related("org_unit", "org_unit__region")
        .prefetch_related("requirements", "steps", "life_events")
        .first()
    )


def current_form_version(service: Service) -> FormSchemaVersion | None:
    """The form citizens fill in now: the highest published version."""
    return (
        FormSchemaVersion.objects.filter(service=service, published_at__isnull=False)
        .order_by("-version")
        .first()
    )


def form_steps(version: FormSchemaVersion) -> list[dict]:
    """The form's steps with their fields resolved: [{title, fields: [{name, label, ...}]}].

    Fields not placed in any step of `ui.steps` come last in a step of their own.
    """
    schema, ui = localized(version.schema or {}, version.ui or {})
    properties = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    hints = (ui or {}).get("fields") or {}
    steps = (ui or {}).get("steps") or []

    def describe(name):
        spec = properties.get(name) or {}
        hint = hints.get(name) or {}
        widget = hint.get("widget") or ("select" if "enum" in spec else spec.get("format", ""))
        return {
            "name": name,
            "label": spec.get("title") or name,
            "description": hint.get("help") or spec.get("description", ""),
            "type": spec.get("type", "string"),
            "widget": widget or "text",
            "choices": spec.get("enum") or [],
            "required": name in required,
            "max_length": spec.get("maxLength"),
        }

    placed: set[str] = set()
    result = []
    for step in steps:
        names = [n for n in step.get("fields", []) if n in properties]
        placed.update(names)
        result.append({"title": step.get("title", ""), "fields": [describe(n) for n in names]})
    rest = [name for name in properties if name not in placed]
    if rest:
        result.append({"title": "", "fields": [describe(n) for n in rest]})
    return result
