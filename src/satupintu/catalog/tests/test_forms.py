from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from jsonschema import Draft202012Validator

from satupintu.catalog import selectors, services
from satupintu.catalog.models import FormSchemaVersion
from satupintu.core.models import AuditEvent

SCHEMA = {
    "type": "object",
    "properties": {"nama": {"type": "string", "title": "Nama"}},
    "required": ["nama"],
}
UI = {"steps": [{"title": "Data", "fields": ["nama"]}], "fields": {"nama": {"widget": "text"}}}


@pytest.fixture
def service(make_service):
    return make_service("uji", "Layanan Uji")


def test_published_version_is_immutable(service):
    version = services.create_draft(actor=None, service=service, schema=SCHEMA, ui=UI)
    services.publish_version(actor=None, version=version)
    version.refresh_from_db()
    version.schema = {"type": "object", "properties": {}}
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        services.update_draft(actor=None, version=version, schema=SCHEMA, ui=UI)
    with pytest.raises(ValidationError):
        services.publish_version(actor=None, version=version)


def test_publish_and_new_version(service):
    first = services.create_draft(actor=None, service=service, schema=SCHEMA, ui=UI)
    assert first.version == 1 and selectors.current_form_version(service) is None
    services.publish_version(actor=None, version=first)
    assert selectors.current_form_version(service) == first
    draft = services.new_version_from(actor=None, version=first)
    assert draft.version == 2 and draft.published_at is None and draft.schema == SCHEMA
    assert selectors.current_form_version(service) == first
    services.publish_version(actor=None, version=draft)
    assert selectors.current_form_version(service).version == 2
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("catalog.form_published") == 2
    assert "catalog.form_version_copied" in actions


def test_older_draft_cannot_be_published_over_a_newer_version(service):
    old = services.create_draft(actor=None, service=service, schema=SCHEMA, ui=UI)
    newer = services.create_draft(actor=None, service=service, schema=SCHEMA, ui=UI)
    services.publish_version(actor=None, version=newer)
    with pytest.raises(ValidationError):
        services.publish_version(actor=None, version=old)
    assert FormSchemaVersion.objects.get(pk=old.pk).published_at is None


@pytest.mark.parametrize(
    ("schema", "ui"),
    [
        ({"type": "object", "properties": {"x": {"type": "teks"}}}, {}),
        ({"type": "array"}, {}),
        (SCHEMA, {"steps": [{"title": "A", "fields": ["tidak_ada"]}]}),
        (SCHEMA, {"fields": {"nama": {"widget": "slider"}}}),
        (SCHEMA, {"steps": [{"title": "", "fields": ["nama"]}]}),
    ],
)
def test_invalid_definitions_are_refused(schema, ui):
    with pytest.raises(ValidationError):
        services.validate_form_definition(schema, ui)


def test_form_steps_resolve_fields(service):
    version = services.create_draft(actor=None, service=service, schema=SCHEMA, ui=UI)
    steps = selectors.form_steps(version)
    assert steps == [
        {
            "title": "Data",
            "fields": [
                {
                    "name": "nama",
                    "label": "Nama",
                    "description": "",
                    "type": "string",
                    "widget": "text",
                    "choices": [],
                    "required": True,
                    "max_length": None,
                }
            ],
        }
    ]


def test_demo_loader_is_idempotent_and_complete(demo_catalog):
    from satupintu.catalog.models import (
        LifeEvent,
        Requirement,
        ResultTemplate,
        Service,
        WorkflowStep,
    )

    def counts():
        return [
            m.objects.count()
            for m in (Service, Requirement, WorkflowStep, FormSchemaVersion, ResultTemplate)
        ] + [LifeEvent.objects.count(), AuditEvent.objects.count()]

    before = counts()
    stamps = list(Service.objects.order_by("pk").values_list("updated_at", flat=True))
    from satupintu.cityconfig.demo import load_catalogue

    assert load_catalogue() == 0
    assert counts() == before
    assert list(Service.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert Service.objects.count() >= 12
    units = set(Service.objects.values_list("org_unit__code", flat=True))
    assert {"DISDUKCAPIL", "DPMPTSP", "DINSOS", "DINKES", "DISNAKER"} <= units
    assert any(code.startswith("KEL-") for code in units)
    for service in Service.objects.all():
        version = selectors.current_form_version(service)
        assert version is not None, service
        Draft202012Validator.check_schema(version.schema)
        services.validate_form_definition(version.schema, version.ui)
        assert 2 <= len(version.ui["steps"]) <= 4
        assert 2 <= service.steps.count() <= 4
        assert service.steps.filter(is_approval=True).count() == 1
        assert service.requirements.count() >= 2
        assert "{nomor}" in service.result_template.body


def test_result_template_renders(demo_catalog):
    from satupintu.catalog import placeholders as result_placeholders
    from satupintu.catalog.models import Service
    from satupintu.core import placeholders

    for service in Service.objects.all():
        # Every demo template uses only the placeholders its service offers.
        result_placeholders.check_result_body(service.result_template.body, service)
    service = Service.objects.get(slug="akta-kelahiran")
    values = result_placeholders.result_values(
        title=service.result_template.title,
        number="0001/474.1/X/2026",
        service=service,
        org_unit=service.org_unit,
        issued_at=date(2026, 3, 5),
        valid_until=None,
        holder_name="Siti",
        signer_name="Kepala",
        qr_svg=mark_safe("<svg></svg>"),
        verify_url="https://contoh/verifikasi/x/",
        tracking_code="P-1",
        answers={"nama_anak": "Budi", "tanggal_lahir": "2026-02-01"},
    )
    html = placeholders.fill(service.result_template.body, values, html=True)
    assert "Budi" in html and "0001/474.1/X/2026" in html and "KUTIPAN AKTA KELAHIRAN" in html
    assert "1 Februari 2026" in html and "5 Maret 2026" in html and "<svg></svg>" in html
    assert "{" not in html  # every placeholder was filled
