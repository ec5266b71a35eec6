"""Projects in one search (/cari/, `portal.findable`): published projects ranked by the
catalogue's typo-tolerant index ("pembangunn jalan sepinggan" finds "Pembangunan Jalan
Sepinggan"), over name, programme/activity, OPD, kelurahan and kecamatan."""

import time

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.catalog.search import Index, IndexCache
from satupintu.portal.findable import HITS_PER_GROUP, Group, Hit, Source, register_source
from satupintu.projects.selectors import public_projects

VERSION_KEY = "projects:version"
_index_cache = IndexCache()


def projects_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_version() -> None:
    """After any change (signals in `apps.py`): now, and again after commit."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), timeout=None))


def _rows():
    for project in public_projects().order_by("pk"):
        region = project.region
        district = region.parent.name if region.parent_id else ""
        yield {
            "id": project.pk,
            "name": project.name,
            "synonyms": f"{project.activity} {project.contractor}",
            "events": f"{region.name} {district}",
            "unit": f"{project.org_unit.name} {project.org_unit.short_name}",
            "summary": f"{project.programme} {project.description[:300]}",
        }


def _index() -> Index:
    return _index_cache.get(projects_version(), lambda: Index.build(list(_rows())))


def search(query: str) -> Group:
    label = _("Proyek pembangunan")
    if not query.strip():
        return Group(key="projects", label=label, count=0)
    ids, _partial = _index().search(query)
    if not ids:
        return Group(key="projects", label=label, count=0)
    wanted = ids[:HITS_PER_GROUP]
    found = {p.pk: p for p in public_projects().filter(pk__in=wanted)}
    hits = [
        Hit(
            title=found[pk].name,
            url=reverse("projects:detail", args=[found[pk].slug]),
            detail=f"{found[pk].org_unit.name}, {found[pk].region.name}, {found[pk].budget_year}",
        )
        for pk in wanted
        if pk in found
    ]
    return Group(key="projects", label=label, count=len(ids), hits=hits)


register_source(Source(key="projects", search=search, order=40))
