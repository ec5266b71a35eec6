"""Projects in one search (/cari/, `portal.findable`): published projects ranked by the shared
typo-tolerant index (`core.textsearch`), so "pembangunn jalan sepinggan" finds "Pembangunan
Jalan Sepinggan"; over name, programme/activity, OPD, kelurahan and kecamatan."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.core.textsearch import VersionedIndex
from satupintu.portal.findable import HITS_PER_GROUP, Group, Hit, Source, register_source
from satupintu.projects.selectors import public_projects

# Where a word was found weighs as in the catalogue: the name most, then other names
# (activity, contractor), the place, the OPD and the description.
WEIGHTS = {"name": 3.0, "synonyms": 2.5, "events": 1.2, "unit": 1.0, "summary": 1.0}


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


_index = VersionedIndex("projects", WEIGHTS, _rows)


def bump_version() -> None:
    """After any change (signals in `apps.py`)."""
    _index.bump()


def search(query: str) -> Group:
    label = _("Proyek pembangunan")
    if not query.strip():
        return Group(key="projects", label=label, count=0)
    ids = _index.search(query)
    if not ids:
        return Group(key="projects", label=label, count=0)
    wanted = ids[:HITS_PER_GROUP]
    # Only the columns a hit shows (a project's row holds its geometry).
    rows = (
        public_projects()
        .filter(pk__in=wanted)
        .select_related(None)
        .select_related("org_unit", "region")
        .only("name", "slug", "budget_year", "org_unit__name", "region__name")
    )
    found = {p.pk: p for p in rows}
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
