"""Limits on form fields (catalog.formrules): reading them, the schema editor's checks, and the
limits every number and date field of the demo forms carries (issue 16: no birth date in the
future, no "anak ke-0")."""

import copy
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from satupintu.catalog import formrules, services
from satupintu.catalog.models import FormSchemaVersion

UI = {"steps": [{"title": "Data", "fields": ["lahir", "anak_ke"]}]}


def schema(lahir: dict | None = None, anak_ke: dict | None = None) -> dict:
    return {
        "type": "object",
        "properties": {
            "lahir": {
                "type": "string",
                "format": "date",
                "title": "Tanggal lahir",
                **(lahir or {}),
            },
            "anak_ke": {"type": "integer", "title": "Anak ke-", **(anak_ke or {})},
        },
    }


# --- Reading a limit -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("today", date(2026, 3, 31)),
        ("TODAY", date(2026, 3, 31)),
        ("today+30d", date(2026, 4, 30)),
        ("today-18y", date(2008, 3, 31)),
        ("today-1m", date(2026, 2, 28)),  # 31 March minus a month: the end of February
        ("today+11m", date(2027, 2, 28)),
        ("1900-01-01", date(1900, 1, 1)),
    ],
)
def test_limits_are_dates_or_relative_to_today(value, expected):
    assert formrules.resolve_date(value, today=date(2026, 3, 31)) == expected


def test_a_leap_day_minus_a_year_is_the_28th():
    assert formrules.resolve_date("today-1y", today=date(2024, 2, 29)) == date(2023, 2, 28)


@pytest.mark.parametrize("value", ["kemarin", "today-18", "today*2d", "2026-02-30", "", 17, None])
def test_unreadable_limits_are_refused(value):
    with pytest.raises(formrules.BadLimit):
        formrules.resolve_date(value, today=date(2026, 3, 31))


def test_relative_limits_follow_the_calendar(time_machine):
    prop = {"format": "date", "formatMinimum": "today-120y", "formatMaximum": "today"}
    time_machine.move_to("2026-07-01 10:00 +08:00")
    assert formrules.date_limits(prop) == (date(1906, 7, 1), date(2026, 7, 1))
    time_machine.move_to("2027-01-02 10:00 +08:00")
    assert formrules.date_limits(prop)[1] == date(2027, 1, 2)


# --- The schema editor -----------------------------------------------------------------------


def problems_of(definition) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        services.validate_form_definition(definition, UI)
    return caught.value.messages


def test_sound_limits_pass():
    services.validate_form_definition(
        schema(
            {"formatMinimum": "today-150y", "formatMaximum": "today"},
            {"minimum": 1, "maximum": 30},
        ),
        UI,
    )


def test_the_editor_refuses_an_unreadable_date_limit():
    [message] = problems_of(schema({"formatMaximum": "besok"}))
    assert "“besok”" in message and "lahir" in message
    assert "today-18y" in message  # says how to write one


def test_the_editor_refuses_a_date_limit_on_a_field_that_is_no_date():
    definition = schema()
    definition["properties"]["anak_ke"]["formatMinimum"] = "today"
    [message] = problems_of(definition)
    assert "hanya berlaku untuk isian tanggal" in message and "anak_ke" in message


def test_the_editor_refuses_earliest_after_latest():
    [message] = problems_of(schema({"formatMinimum": "today", "formatMaximum": "today-1y"}))
    assert "paling awal jatuh setelah batas paling lambat" in message


def test_the_editor_refuses_smallest_above_largest():
    [message] = problems_of(schema(anak_ke={"minimum": 10, "maximum": 1}))
    assert "batas paling kecil (10) lebih besar dari batas paling besar (1)" in message


def test_the_editor_refuses_number_limits_on_text():
    definition = schema()
    definition["properties"]["nama"] = {"type": "string", "title": "Nama", "minimum": 1}
    [message] = problems_of(definition)
    assert "hanya berlaku untuk isian angka" in message and "nama" in message


def test_the_meta_schema_still_refuses_a_limit_that_is_no_number():
    [message] = problems_of(schema(anak_ke={"minimum": "satu"}))
    assert "JSON Schema tidak sah" in message


def test_the_admin_form_shows_the_limit_problems(make_service):
    from satupintu.catalog.admin import FormSchemaVersionForm

    service = make_service("uji-batas", "Layanan Uji Batas")
    form = FormSchemaVersionForm(
        data={
            "service": service.pk,
            "schema": '{"type": "object", "properties": {"lahir": {"type": "string", '
            '"format": "date", "formatMaximum": "lusa"}}}',
            "ui": "{}",
        }
    )
    assert not form.is_valid()
    assert any("“lusa”" in m for m in form.non_field_errors())


def test_a_draft_with_bad_limits_is_not_saved(make_service):
    service = make_service("uji-batas", "Layanan Uji Batas")
    with pytest.raises(ValidationError):
        services.create_draft(
            actor=None, service=service, schema=schema({"formatMinimum": "x"}), ui=UI
        )
    assert not FormSchemaVersion.objects.filter(service=service).exists()


# --- The demo forms --------------------------------------------------------------------------


def _demo_forms():
    from satupintu.cityconfig import yamlio
    from satupintu.testing.factories import REFERENCE_DATA_DIR

    text = (REFERENCE_DATA_DIR / "services.yaml").read_text(encoding="utf-8")
    return {entry["slug"]: entry["form"] for entry in yamlio.load(text)}


def test_every_number_and_date_of_the_demo_forms_has_limits(db):
    checked = 0
    for slug, form in _demo_forms().items():
        definition, ui = form["schema"], form["ui"]
        services.validate_form_definition(definition, ui)
        for name, prop in definition["properties"].items():
            if prop.get("type") == "integer":
                assert "minimum" in prop and "maximum" in prop, (slug, name)
                checked += 1
            if prop.get("format") == "date":
                assert formrules.DATE_MIN in prop and formrules.DATE_MAX in prop, (slug, name)
                checked += 1
    assert checked >= 18


def test_demo_birth_dates_end_today_and_children_count_from_one(db):
    properties = _demo_forms()["akta-kelahiran"]["schema"]["properties"]
    assert properties["tanggal_lahir"][formrules.DATE_MAX] == "today"
    assert properties["anak_ke"]["minimum"] == 1


def test_an_old_demo_form_gets_a_new_version_with_limits(demo_catalog):
    from satupintu.catalog.models import Service
    from satupintu.catalog.selectors import current_form_version
    from satupintu.cityconfig.demo import load_catalogue

    service = Service.objects.get(slug="akta-kelahiran")
    current = current_form_version(service)
    # The form as published before it had limits (number fields had minimum 0 only).
    old_schema = copy.deepcopy(current.schema)
    for prop in old_schema["properties"].values():
        if prop.get("type") == "integer":
            prop["minimum"] = 0
    FormSchemaVersion.objects.filter(service=service).delete()
    old = services.create_draft(actor=None, service=service, schema=old_schema, ui=current.ui)
    services.publish_version(actor=None, version=old)

    load_catalogue()
    upgraded = current_form_version(service)
    assert upgraded.version == old.version + 1
    assert upgraded.schema["properties"]["anak_ke"]["minimum"] == 1
    load_catalogue()  # nothing more to do
    assert current_form_version(service).version == upgraded.version
