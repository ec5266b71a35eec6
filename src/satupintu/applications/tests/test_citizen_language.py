"""Application forms in English (ui["i18n"], catalog/form_i18n.py): English labels, options and
hints where the form version has them, Indonesian otherwise; answers, rules and the office's
record are the same whatever language the citizen used."""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from satupintu.applications.forms import FormSpec, step_form, validate_answers
from satupintu.applications.tests.conftest import FORM_SCHEMA, FORM_UI, STEP_ONE
from satupintu.catalog import form_i18n
from satupintu.catalog.models import FormSchemaVersion
from satupintu.catalog.services import validate_form_definition

pytestmark = pytest.mark.django_db

ENGLISH = {
    "steps": ["Child", "Parents"],
    "fields": {
        "nama_anak": {"title": "Child's name"},
        "jenis_kelamin": {"title": "Sex", "options": {"L": "Male", "P": "Female"}},
        "nik_ayah": {"title": "Father's NIK", "help": "16 digits as on the KTP"},
    },
}


@pytest.fixture(autouse=True)
def _restore_language():
    previous = translation.get_language()
    yield
    translation.activate(previous)


@pytest.fixture
def bilingual(service):
    ui = {**copy.deepcopy(FORM_UI), "i18n": {"en": ENGLISH}}
    return FormSchemaVersion.objects.create(
        service=service, version=2, schema=FORM_SCHEMA, ui=ui, published_at=service.created_at
    )


def test_english_labels_options_and_hints(bilingual):
    with translation.override("en"):
        spec = FormSpec(bilingual)
        assert [step.title for step in spec.steps] == ["Child", "Parents"]
        first = step_form(bilingual, 0)
        assert first.fields["nama_anak"].label == "Child's name"
        assert dict(first.fields["jenis_kelamin"].choices)["L"] == "Male"
        # Not translated: shown in Indonesian rather than left empty.
        assert first.fields["tanggal_lahir"].label == "Tanggal lahir"
        assert step_form(bilingual, 1).fields["nik_ayah"].help_text == "16 digits as on the KTP"
        assert spec.display("jenis_kelamin", "P") == "Female"


def test_indonesian_is_unchanged(bilingual):
    with translation.override("id"):
        first = step_form(bilingual, 0)
        assert first.fields["nama_anak"].label == "Nama anak"
        assert dict(first.fields["jenis_kelamin"].choices)["L"] == "Laki-laki"


def test_answers_and_rules_are_the_same_in_english(bilingual):
    with translation.override("en"):
        form = step_form(bilingual, 0, STEP_ONE)
        assert form.is_valid(), form.errors
        assert form.answers()["jenis_kelamin"] == "L"  # the stored value, not "Male"
        bad = step_form(bilingual, 0, {**STEP_ONE, "jenis_kelamin": "Male"})
        assert not bad.is_valid()
        errors = validate_answers(bilingual, {"nama_anak": "B"})
        assert "nama_anak" in errors and "tanggal_lahir" in errors


def test_stored_form_is_not_changed_by_localising(bilingual):
    before = copy.deepcopy(bilingual.ui)
    with translation.override("en"):
        form_i18n.localized(bilingual.schema, bilingual.ui)
    assert bilingual.ui == before and bilingual.schema == FORM_SCHEMA


@pytest.mark.parametrize(
    ("i18n", "message"),
    [
        ({"fr": {}}, "tidak dikenal"),
        ({"en": {"fields": {"tidak_ada": {"title": "X"}}}}, "tidak ada di JSON Schema"),
        ({"en": {"fields": {"nama_anak": {"title": 3}}}}, "title/help"),
        ({"en": {"steps": ["A", "B", "C"]}}, "paling banyak satu per langkah"),
        ({"en": {"fields": {"jenis_kelamin": {"options": {"X": "Other"}}}}}, "nilai dari enum"),
        ("en", "harus berupa objek"),
    ],
)
def test_schema_editor_refuses_broken_translations(i18n, message):
    ui = {**copy.deepcopy(FORM_UI), "i18n": i18n}
    with pytest.raises(ValidationError) as raised:
        validate_form_definition(FORM_SCHEMA, ui)
    assert any(message in text for text in raised.value.messages), raised.value.messages


def test_schema_editor_accepts_translations():
    validate_form_definition(FORM_SCHEMA, {**copy.deepcopy(FORM_UI), "i18n": {"en": ENGLISH}})


def test_record_stays_indonesian_when_citizen_uses_english(
    complete_draft, citizen, django_capture_on_commit_callbacks
):
    from satupintu.applications.services import citizen as citizen_services

    service = complete_draft.service
    service.name_en = "Birth certificate"
    service.save()
    complete_draft.refresh_from_db()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        application, _secret = citizen_services.submit_draft(complete_draft, actor=citizen)
    application.case.refresh_from_db()
    assert application.case.title == "Akta kelahiran"
    assert "Nama anak: Budi Santoso" in application.case.description


def test_form_page_in_english(client, bilingual, citizen, settings):
    from satupintu.applications.services import citizen as citizen_services

    draft = citizen_services.start_draft(user=citizen, service=bilingual.service)
    assert draft.form_version == bilingual
    client.force_login(citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/permohonan/draf/{draft.public_id}/langkah/1/").content.decode()
    assert "Child&#x27;s name" in html or "Child's name" in html
    assert ">Male<" in html and "Laki-laki" not in html


def test_tracking_page_names_the_service_in_english(client, submitted_application, settings):
    service = submitted_application.service
    service.name_en = "Birth certificate"
    service.save()
    code = submitted_application.case.tracking_code
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/lacak/{code}/").content.decode()
    assert '<dd id="case-title">Birth certificate</dd>' in html
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    html = client.get(f"/lacak/{code}/").content.decode()
    assert '<dd id="case-title">Akta kelahiran</dd>' in html
