"""The form generated from the JSON Schema: fields, validation, personal numbers."""

import pytest
from django.core.exceptions import ValidationError

from satupintu.applications import answers
from satupintu.applications.forms import FormSpec, normalize_kk, step_form, validate_answers
from satupintu.applications.tests.conftest import STEP_ONE, STEP_TWO, VALID_KK, VALID_NIK

pytestmark = pytest.mark.django_db


def test_steps_and_fields_follow_the_ui_hints(form_version):
    spec = FormSpec(form_version)
    assert [s.title for s in spec.steps] == ["Data anak", "Data orang tua"]
    first = step_form(form_version, 0)
    assert list(first.fields) == ["nama_anak", "tanggal_lahir", "jenis_kelamin", "anak_ke"]
    assert first.fields["nama_anak"].required
    assert not first.fields["anak_ke"].required
    assert first.fields["anak_ke"].max_value == 20
    choices = dict(first.fields["jenis_kelamin"].choices)
    assert choices["L"] == "Laki-laki" and choices["P"] == "Perempuan"
    html = str(first["tanggal_lahir"])
    assert 'type="date"' in html
    second = step_form(form_version, 1)
    assert "textarea" in str(second["keterangan"])
    assert second.fields["nik_ayah"].help_text == "16 angka sesuai KTP"


def test_valid_step_gives_json_ready_answers(form_version):
    form = step_form(form_version, 0, STEP_ONE)
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "nama_anak": "Budi Santoso",
        "tanggal_lahir": "2026-10-01",
        "jenis_kelamin": "L",
        "anak_ke": 1,
    }


def test_schema_limits_give_indonesian_messages(form_version):
    form = step_form(
        form_version,
        0,
        {"nama_anak": "", "tanggal_lahir": "kemarin", "jenis_kelamin": "X", "anak_ke": "99"},
    )
    assert not form.is_valid()
    assert form.errors["nama_anak"] == ["Bidang ini harus diisi."]
    assert form.errors["tanggal_lahir"] == ["Masukkan tanggal yang valid."]
    assert "pilihan yang valid" in form.errors["jenis_kelamin"][0]
    assert form.errors["anak_ke"] == ["Anak ke- paling besar 20."]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik_ayah", "1234567890123456", "NIK tidak valid"),
        ("nik_ayah", "64710541059", "NIK tidak valid"),
        ("no_kk", "9971050101200003", "Nomor KK tidak valid"),
        ("no_kk", "6471053213200003", "Nomor KK tidak valid"),
        ("no_kk", "6471050101200000", "Nomor KK tidak valid"),
        ("telepon", "0215551234", "Nomor HP tidak valid"),
        ("telepon", "+1 202 555 0100", "Nomor HP tidak valid"),
    ],
)
def test_invalid_personal_numbers(form_version, field, value, message):
    data = {**STEP_TWO, field: value}
    form = step_form(form_version, 1, data)
    assert not form.is_valid()
    assert message in form.errors[field][0]
    # The other fields are still fine.
    assert set(form.errors) == {field}


def test_personal_numbers_are_normalised(form_version):
    form = step_form(
        form_version,
        1,
        {**STEP_TWO, "nik_ayah": "6471 0541 0590 0001", "telepon": "0812-3456-7890"},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nik_ayah"] == VALID_NIK
    assert form.cleaned_data["telepon"] == "+6281234567890"


def test_kk_rules():
    assert normalize_kk("6471-0501-0120-0003") == VALID_KK
    for bad in ["", "abc", "647105010120000", "0000050101200003", "6471053102200003"]:
        with pytest.raises(ValidationError):
            normalize_kk(bad)


def test_whole_answer_set_is_checked_with_jsonschema(form_version):
    good = {**STEP_ONE, "anak_ke": 1, **STEP_TWO}
    good.pop("keterangan")
    assert validate_answers(form_version, good) == {}
    missing = dict(good)
    del missing["nik_ayah"]
    errors = validate_answers(form_version, missing)
    assert errors == {"nik_ayah": "NIK ayah wajib diisi."}
    wrong = {**good, "jenis_kelamin": "X", "anak_ke": "satu", "no_kk": "123"}
    errors = validate_answers(form_version, wrong)
    assert set(errors) == {"jenis_kelamin", "anak_ke", "no_kk"}


def test_personal_numbers_are_sealed_at_rest(draft):
    stored = draft.data
    assert answers.is_sealed(stored["nik_ayah"])
    assert answers.is_sealed(stored["no_kk"])
    assert answers.is_sealed(stored["telepon"])
    assert VALID_NIK not in str(stored)
    assert stored["nama_anak"] == "Budi Santoso"
    plain = answers.reveal(stored)
    assert plain["nik_ayah"] == VALID_NIK
    assert plain["telepon"] == "+6281234567890"
    rows = dict(answers.rows(draft.form_version, stored))
    assert rows["NIK ayah"] == "6471********0001"
    assert rows["Jenis kelamin"] == "Laki-laki"
    assert VALID_NIK not in str(rows)
