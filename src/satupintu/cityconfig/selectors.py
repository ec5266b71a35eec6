"""Reading a city's configuration out of the database: one list of entries per part."""

from django.utils import translation

from satupintu.catalog.models import ResultTemplate, Service
from satupintu.catalog.selectors import current_form_version
from satupintu.cityconfig import yamlio
from satupintu.cityconfig.kinds import PARTS, Part
from satupintu.cityconfig.values import canonical, file_value


def entry(part: Part, obj) -> dict:
    data = {name: file_value(part, obj, name) for name in part.columns()}
    for child in part.children:
        rows = child.model.objects.filter(**{child.parent: obj}).order_by(*child.order)
        data[child.name] = [entry(child, row) for row in rows]
    if part.model is Service:
        data.update(service_extras(obj))
    return data


def service_extras(service: Service) -> dict:
    version = current_form_version(service)
    form = None
    if version is not None:
        form = {"schema": canonical(version.schema), "ui": canonical(version.ui)}
    template = ResultTemplate.objects.filter(service=service).first()
    result = None if template is None else {"title": template.title, "body": template.body}
    return {"form": form, "result_template": result}


def entries(part: Part) -> list[dict]:
    objects = part.model.objects.filter(**part.filter).order_by(*part.order or ("pk",))
    return [entry(part, obj) for obj in objects]


def export_texts() -> dict[str, str]:
    """File name → YAML text for every part (the Indonesian texts as written, not translated)."""
    with translation.override("id"):
        return {f"{part.name}.yaml": yamlio.dump(entries(part)) for part in PARTS}
