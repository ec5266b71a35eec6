"""CKAN's dictionaries of a dataset (package), its resources, organisation and groups, as
CKAN 2.10 answers them (`package_show`, `package_search`, `organization_list` …); Satu Data
metadata without a CKAN field go to `extras`."""

from datetime import UTC

from django.urls import reverse

from satupintu.opendata import selectors

LICENSES = {
    "cc-by": ("Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by"),
    "cc-zero": ("Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero"),
    "odc-by": ("Open Data Commons Attribution License", "http://www.opendefinition.org/licenses/odc-by"),
    "other-open": ("Other (Open)", ""),
}  # fmt: skip
MIMETYPES = {
    "CSV": "text/csv",
    "JSON": "application/json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "GeoJSON": "application/geo+json",
}


def _time(value) -> str | None:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() if value else None


def organization_dict(request, unit, count=None) -> dict:
    out = {
        "id": str(unit.pk),
        "name": selectors.org_name(unit),
        "title": unit.name,
        "display_name": unit.name,
        "description": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "image_display_url": "",
        "created": None,
    }
    if count is not None:
        out["package_count"] = count
    return out


def group_dict(group, count=None) -> dict:
    out = {
        "id": str(group.uuid),
        "name": group.slug,
        "title": group.title,
        "display_name": group.title,
        "description": group.description,
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "image_display_url": "",
        "created": _time(group.created_at),
    }
    if count is not None:
        out["package_count"] = count
    return out


def download_url(request, resource, dataset=None) -> str:
    dataset = dataset or resource.dataset
    return request.build_absolute_uri(
        reverse("opendata:download", args=[dataset.slug, resource.format.lower()])
    )


def package_show_url(request, dataset) -> str:
    url = request.build_absolute_uri(reverse("opendata:ckan_action", args=["package_show"]))
    return f"{url}?id={dataset.slug}"


def resource_dict(request, resource, dataset=None) -> dict:
    dataset = dataset or resource.dataset
    return {
        "id": str(resource.uuid),
        "package_id": str(dataset.uuid),
        "name": f"{dataset.title} ({resource.format})",
        "description": "",
        "format": resource.format,
        "mimetype": MIMETYPES.get(resource.format, ""),
        "url": download_url(request, resource, dataset),
        "url_type": None,
        "size": resource.size,
        "position": resource.position,
        "state": "active",
        "created": _time(resource.created_at),
        "last_modified": _time(resource.modified_at),
        "metadata_modified": _time(resource.modified_at),
        "hash": "",
        "cache_url": None,
        "datastore_active": False,
    }


def package_dict(request, dataset) -> dict:
    """`dataset`: a Dataset with its relations prefetched, or a record of `selectors.page`."""
    license_title, license_url = LICENSES.get(dataset.license, ("", ""))
    tags = list(dataset.tags.all())
    groups = list(dataset.groups.all())
    resources = list(dataset.resources.all())
    return {
        "id": str(dataset.uuid),
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        "isopen": True,
        "version": None,
        "url": request.build_absolute_uri(reverse("opendata:detail", args=[dataset.slug])),
        "license_id": dataset.license,
        "license_title": license_title,
        "license_url": license_url,
        "author": dataset.org_unit.name,
        "author_email": None,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "metadata_created": _time(dataset.created_at),
        "metadata_modified": _time(dataset.modified_at),
        "owner_org": str(dataset.org_unit_id),
        "organization": organization_dict(request, dataset.org_unit),
        "num_tags": len(tags),
        "tags": [
            {
                "id": str(t.uuid),
                "name": t.name,
                "display_name": t.name,
                "state": "active",
                "vocabulary_id": None,
            }
            for t in tags
        ],
        "groups": [group_dict(g) for g in groups],
        "num_resources": len(resources),
        "resources": [resource_dict(request, r, dataset) for r in resources],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "extras": [
            {"key": key, "value": value}
            for key, value in (
                ("produsen_data", dataset.org_unit.name),
                ("walidata", dataset.walidata),
                ("frekuensi", dataset.frequency),
                ("periode_awal", dataset.period_start.isoformat() if dataset.period_start else ""),
                ("periode_akhir", dataset.period_end.isoformat() if dataset.period_end else ""),
                ("sumber", dataset.source),
                ("data_diperbarui", _time(dataset.data_updated_at) or ""),
            )
        ],
    }
