import json

import pytest
from django.urls import reverse

from satupintu.catalog import services
from satupintu.catalog.models import FormSchemaVersion, Service
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff


@pytest.fixture
def dukcapil_admin(demo_catalog):
    return make_staff(OrgUnit.objects.get(code="DISDUKCAPIL"), Membership.Role.ADMIN)


@pytest.fixture
def dinsos_admin(demo_catalog):
    return make_staff(OrgUnit.objects.get(code="DINSOS"), Membership.Role.ADMIN)


def test_opd_admin_sees_only_own_services(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    response = client.get(reverse("admin:catalog_service_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Penerbitan Akta Kelahiran" in html
    assert "Surat Keterangan Tidak Mampu" not in html
    sktm = Service.objects.get(slug="sktm")
    change = client.get(reverse("admin:catalog_service_change", args=[sktm.pk]))
    # Outside the admin's scope the row does not exist: Django's admin sends unknown ids to
    # its index page, exactly as for an id that was never used.
    assert change.status_code == 302 and change["Location"] == reverse("admin:index")
    own = Service.objects.get(slug="akta-kelahiran")
    assert client.get(reverse("admin:catalog_service_change", args=[own.pk])).status_code == 200


def test_opd_admin_cannot_preview_other_opd_form(client, dinsos_admin):
    client.force_login(dinsos_admin)
    other = FormSchemaVersion.objects.get(service__slug="akta-kelahiran")
    url = reverse("admin:catalog_formschemaversion_preview", args=[other.pk])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("admin:catalog_formschemaversion_changelist")).content.decode()
    assert "Penerbitan Akta Kelahiran" not in listing


def test_preview_renders_steps(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    version = FormSchemaVersion.objects.get(service__slug="akta-kelahiran")
    response = client.get(reverse("admin:catalog_formschemaversion_preview", args=[version.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Langkah 1 dari 3" in html and "Data anak" in html
    assert "Nama lengkap anak" in html and "NIK ibu" in html
    assert "Laki-laki" in html


def test_published_version_page_is_read_only(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    version = FormSchemaVersion.objects.get(service__slug="akta-kelahiran")
    url = reverse("admin:catalog_formschemaversion_change", args=[version.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    posted = client.post(url, {"schema": "{}", "ui": "{}"})
    assert posted.status_code == 403
    version.refresh_from_db()
    assert version.schema["properties"]


def test_add_draft_validates_and_new_version_action(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    service = Service.objects.get(slug="akta-kelahiran")
    add = reverse("admin:catalog_formschemaversion_add")
    bad = client.post(
        add,
        {
            "service": service.pk,
            "schema": json.dumps({"type": "object", "properties": {"a": {"type": "teks"}}}),
            "ui": "{}",
        },
    )
    assert bad.status_code == 200
    assert "JSON Schema tidak sah" in bad.content.decode()
    assert FormSchemaVersion.objects.filter(service=service).count() == 1
    bad_ui = client.post(
        add,
        {
            "service": service.pk,
            "schema": json.dumps({"type": "object", "properties": {"a": {"type": "string"}}}),
            "ui": json.dumps({"steps": [{"title": "X", "fields": ["b"]}]}),
        },
    )
    assert "tidak ada di JSON Schema" in bad_ui.content.decode()

    current = FormSchemaVersion.objects.get(service=service)
    changelist = reverse("admin:catalog_formschemaversion_changelist")
    client.post(changelist, {"action": "new_version", "_selected_action": [current.pk]})
    draft = FormSchemaVersion.objects.get(service=service, version=2)
    assert draft.published_at is None and draft.schema == current.schema
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_opd_admin_cannot_add_version_for_other_opd(client, dinsos_admin):
    client.force_login(dinsos_admin)
    other = Service.objects.get(slug="akta-kelahiran")
    response = client.post(
        reverse("admin:catalog_formschemaversion_add"),
        {
            "service": other.pk,
            "schema": json.dumps({"type": "object", "properties": {"a": {"type": "string"}}}),
            "ui": "{}",
        },
    )
    assert response.status_code == 200  # form error: not a valid choice
    assert FormSchemaVersion.objects.filter(service=other).count() == 1


def _change_data(page):
    """The POST data of the service change page as shown (every inline included)."""
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "life_events":
            data[name] = [e.pk for e in value] if value else []
        elif value is not None:
            data[name] = value.pk if hasattr(value, "pk") else value
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update(
            {
                f"{fs.prefix}-TOTAL_FORMS": fs.total_form_count(),
                f"{fs.prefix}-INITIAL_FORMS": fs.initial_form_count(),
            }
        )
        for i, inline_form in enumerate(fs.forms):
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if hasattr(value, "pk"):
                    value = value.pk
                if value is not None and value is not False:
                    data[f"{fs.prefix}-{i}-{name}"] = value
    return data


def _result_body_key(data):
    return next(key for key in data if key.startswith("result_template-") and key.endswith("-body"))


def test_result_template_refuses_unknown_placeholders_and_lists_the_allowed(client, dukcapil_admin):
    client.force_login(dukcapil_admin)
    service = Service.objects.get(slug="akta-kelahiran")
    before = service.result_template.body
    url = reverse("admin:catalog_service_change", args=[service.pk])
    page = client.get(url)
    assert "{isian.nama_anak}" in page.content.decode()  # the allowed list under the field
    data = _change_data(page)
    key = _result_body_key(data)
    data[key] = "<p>{nomor} {application.case.submitter.password} {{ number }} {% debug %}</p>"
    data["number_format"] = "{seq:>99999999}/{code.__class__}/{tahun}"
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Placeholder tidak dikenal: {application.case.submitter.password}" in html
    assert "tidak dijalankan" in html and "{isian.nama_ayah}" in html
    assert "Format placeholder tidak didukung: {seq:&gt;99999999}" in html
    assert "{code.__class__}, {tahun}" in html
    service.refresh_from_db()
    assert service.result_template.body == before

    data[key] = "<p>{nomor} untuk {isian.nama_anak}, {tanggal_terbit}</p>"
    data["number_format"] = "{seq:05d}/{code}/{year}"
    response = client.post(url, data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.result_template.body == data[key]
    assert service.number_format == "{seq:05d}/{code}/{year}"


def test_service_edit_with_inlines_is_audited(client, dukcapil_admin):
    from satupintu.core.models import AuditEvent

    client.force_login(dukcapil_admin)
    service = Service.objects.get(slug="akta-kematian")
    url = reverse("admin:catalog_service_change", args=[service.pk])
    data = _change_data(client.get(url))
    data["processing_days"] = 4
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    service.refresh_from_db()
    assert service.processing_days == 4
    assert AuditEvent.objects.filter(action="admin.change", object_id=str(service.pk)).exists()


def test_services_publish_through_service_layer(demo_catalog):
    service = Service.objects.get(slug="sktm")
    v1 = FormSchemaVersion.objects.get(service=service)
    v2 = services.new_version_from(actor=None, version=v1)
    assert v2.version == 2
