"""Any change to the catalogue moves its version: search index and cached pages follow."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from satupintu.catalog.models import (
    FormSchemaVersion,
    LifeEvent,
    Requirement,
    ResultTemplate,
    Service,
    WorkflowStep,
)
from satupintu.catalog.selectors import bump_catalog_version
from satupintu.org.models import OrgUnit

WATCHED = (
    Service,
    LifeEvent,
    Requirement,
    WorkflowStep,
    FormSchemaVersion,
    ResultTemplate,
    OrgUnit,
)


def _changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    bump_catalog_version()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalog-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"catalog-{model.__name__}-del")
    m2m_changed.connect(
        _changed, sender=Service.life_events.through, dispatch_uid="catalog-service-life-events"
    )
