"""Reads of the open-data catalogue. Lists never load a dataset's rows, and every list
prefetches its tags, groups and resources (a page of 1 000 datasets is five queries)."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count, F, Prefetch, Q, QuerySet

from satupintu.opendata.models import Dataset, DatasetTable, Group, Resource, Tag
from satupintu.org.models import OrgUnit


def org_name(unit: OrgUnit) -> str:
    """The organisation's CKAN name (lower case letters, digits, "-")."""
    return org_code_name(unit.code)


def with_relations(queryset: QuerySet[Dataset]) -> QuerySet[Dataset]:
    return queryset.select_related("org_unit").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
        Prefetch("groups", queryset=Group.objects.order_by("slug")),
        Prefetch("resources", queryset=Resource.objects.order_by("position")),
    )


def published() -> QuerySet[Dataset]:
    return Dataset.objects.filter(is_published=True)


@dataclass
class Search:
    text: str = ""
    organizations: list[str] = field(default_factory=list)  # CKAN names
    groups: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    licenses: list[str] = field(default_factory=list)
    ranges: list[tuple] = field(default_factory=list)  # ("modified"|"created", from, to)


def _units_named(names) -> list[int]:
    wanted = {n.lower() for n in names}
    codes = [
        c
        for c in OrgUnit.objects.values_list("code", flat=True)
        if c.lower().replace(".", "-") in wanted
    ]
    return list(OrgUnit.objects.filter(code__in=codes).values_list("pk", flat=True))


def search(criteria: Search, order=("title",)) -> QuerySet[Dataset]:
    queryset = published()
    for word in criteria.text.split():
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(slug__icontains=word)
            | Q(
                pk__in=Dataset.tags.through.objects.filter(tag__name__icontains=word).values(
                    "dataset_id"
                )
            )
        )
    if criteria.organizations:
        queryset = queryset.filter(org_unit_id__in=_units_named(criteria.organizations))
    for slug in criteria.groups:
        queryset = queryset.filter(
            pk__in=Dataset.groups.through.objects.filter(group__slug=slug).values("dataset_id")
        )
    for name in criteria.tags:
        queryset = queryset.filter(
            pk__in=Dataset.tags.through.objects.filter(tag__name=name).values("dataset_id")
        )
    for fmt in criteria.formats:
        queryset = queryset.filter(
            pk__in=Resource.objects.filter(format__iexact=fmt).values("dataset_id")
        )
    if criteria.licenses:
        queryset = queryset.filter(license__in=criteria.licenses)
    for name, low, high in criteria.ranges:
        if low is not None:
            queryset = queryset.filter(**{f"{name}_at__gte": low})
        if high is not None:
            queryset = queryset.filter(**{f"{name}_at__lte": high})
    return queryset.order_by(*order)


class Related(list):
    """The rows of a relation read as plain values; `.all()` as on a prefetched manager."""

    def all(self):
        return self


# What CKAN shows of a dataset and its relations (`ckan_dicts.package_dict`).
PAGE_FIELDS = (
    "pk", "uuid", "slug", "title", "description", "license", "contact_name", "contact_email",
    "walidata", "frequency", "period_start", "period_end", "source", "created_at",
    "modified_at", "data_updated_at", "org_unit_id", "org_unit__code", "org_unit__name",
)  # fmt: skip


def page(queryset: QuerySet[Dataset], start: int, rows: int) -> list[SimpleNamespace]:
    """One page of datasets for `package_search`, read as plain values (a CKAN page of 1 000
    would otherwise build some 8 000 model instances): records with a dataset's attributes,
    its `org_unit` and `tags`, `groups`, `resources` in their order. Four queries, whatever
    the page size."""
    datasets = []
    for row in queryset.values(*PAGE_FIELDS)[start : start + rows]:
        unit = SimpleNamespace(
            pk=row["org_unit_id"], code=row.pop("org_unit__code"), name=row.pop("org_unit__name")
        )
        datasets.append(
            SimpleNamespace(
                **row, org_unit=unit, tags=Related(), groups=Related(), resources=Related()
            )
        )
    if not datasets:
        return []
    by_pk = {dataset.pk: dataset for dataset in datasets}
    tags = Dataset.tags.through.objects.filter(dataset_id__in=by_pk).order_by("tag__name")
    for row in tags.values("dataset_id", uuid=F("tag__uuid"), name=F("tag__name")):
        by_pk[row.pop("dataset_id")].tags.append(SimpleNamespace(**row))
    groups = Dataset.groups.through.objects.filter(dataset_id__in=by_pk).order_by("group__slug")
    group_fields = {f: F(f"group__{f}") for f in ("uuid", "slug", "title", "description")}
    for row in groups.values("dataset_id", **group_fields, created_at=F("group__created_at")):
        by_pk[row.pop("dataset_id")].groups.append(SimpleNamespace(**row))
    resources = Resource.objects.filter(dataset_id__in=by_pk).order_by("position", "pk")
    resource_fields = ("uuid", "format", "size", "position", "created_at", "modified_at")
    for row in resources.values("dataset_id", *resource_fields):
        by_pk[row.pop("dataset_id")].resources.append(SimpleNamespace(**row))
    return datasets


def dataset(key: str) -> Dataset | None:
    """A published dataset by slug or id (CKAN accepts either)."""
    condition = Q(slug=key)
    if _is_uuid(key):
        condition |= Q(uuid=key)
    return with_relations(published().filter(condition)).first()


def resource(key: str) -> Resource | None:
    if not _is_uuid(key):
        return None
    return (
        Resource.objects.filter(uuid=key, dataset__is_published=True)
        .select_related("dataset")
        .first()
    )


def dataset_resource(slug: str, fmt: str) -> Resource | None:
    return (
        Resource.objects.filter(dataset__slug=slug, dataset__is_published=True, format__iexact=fmt)
        .select_related("dataset")
        .first()
    )


def preview(dataset: Dataset) -> tuple[list[dict], list[list]]:
    """The columns and first rows (without geometries), never loading the whole table."""
    found = DatasetTable.objects.filter(pk=dataset.pk).values_list("columns", "preview").first()
    if found is None:
        return [], []
    all_columns, rows = found
    keep = [i for i, c in enumerate(all_columns) if c["kind"] != "geometry"]
    return [all_columns[i] for i in keep], [[row[i] for i in keep] for row in rows]


def organizations() -> QuerySet[OrgUnit]:
    """Units that produce at least one published dataset, with their count."""
    return (
        OrgUnit.objects.filter(datasets__is_published=True)
        .annotate(package_count=Count("datasets", filter=Q(datasets__is_published=True)))
        .order_by("code")
    )


def groups() -> QuerySet[Group]:
    return Group.objects.annotate(
        package_count=Count("dataset", filter=Q(dataset__is_published=True))
    ).order_by("slug")


def all_published() -> list[Dataset]:
    return list(with_relations(published().order_by("slug")))


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def facets(queryset: QuerySet[Dataset], fields, limit: int = 50) -> dict[str, list[tuple]]:
    """{field: [(name, display name, count), …]} over the datasets of a search, for CKAN's
    `facet.field`: one grouped query per field."""
    ids = queryset.order_by().values("pk")
    out = {}
    for name in fields:
        if name in ("organization", "owner_org"):
            rows = (
                OrgUnit.objects.filter(datasets__in=ids)
                .values("code", "name")
                .annotate(n=Count("datasets"))
            )
            items = [(org_code_name(r["code"]), r["name"], r["n"]) for r in rows]
        elif name == "groups":
            rows = (
                Group.objects.filter(dataset__in=ids)
                .values("slug", "title")
                .annotate(n=Count("dataset"))
            )
            items = [(r["slug"], r["title"], r["n"]) for r in rows]
        elif name == "tags":
            rows = Tag.objects.filter(dataset__in=ids).values("name").annotate(n=Count("dataset"))
            items = [(r["name"], r["name"], r["n"]) for r in rows]
        elif name == "res_format":
            rows = (
                Resource.objects.filter(dataset__in=ids)
                .values("format")
                .annotate(n=Count("dataset", distinct=True))
            )
            items = [(r["format"], r["format"], r["n"]) for r in rows]
        elif name == "license_id":
            rows = queryset.order_by().values("license").annotate(n=Count("pk"))
            items = [(r["license"], r["license"], r["n"]) for r in rows]
        else:
            continue
        out[name] = sorted(items, key=lambda item: (-item[2], item[0]))[:limit]
    return out


def org_code_name(code: str) -> str:
    return code.lower().replace(".", "-")
