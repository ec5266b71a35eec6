"""Projects as a layer of the one map (/peta/, `geo.layers`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.geo.cluster import Feature
from satupintu.geo.layers import Layer, register
from satupintu.projects.selectors import filter_projects, public_projects


def _queryset(bbox, region):
    return filter_projects(public_projects(), region=region, bbox=bbox).filter(
        point_lon__isnull=False
    )


def features(bbox, region=""):
    rows = _queryset(bbox, region).order_by("name", "pk")
    for project in rows.iterator(chunk_size=2000):
        yield Feature(
            id=f"proyek:{project.slug}",
            title=project.name,
            url=reverse("projects:detail", args=[project.slug]),
            lon=project.point_lon,
            lat=project.point_lat,
            geometry=None if project.geometry_kind == "point" else project.geometry,
            detail=f"{project.get_status_display()}, {project.progress}% · {project.region.name}",
        )


def count(bbox, region=""):
    return _queryset(bbox, region).count()


register(
    Layer(
        key="proyek",
        title=_("Proyek pembangunan"),
        description=_("Proyek OPD: jalan, drainase, gedung, taman, dengan kemajuannya."),
        owner=_("OPD pelaksana"),
        features=features,
        count=count,
        order=10,
        symbol="pin",
    )
)
