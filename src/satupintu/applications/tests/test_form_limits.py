"""Issue 16, forms: limits refused with Indonesian messages, the error summary that takes the
focus, and the review page's "Ubah" links back to the step and field."""

import copy
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.applications.forms import step_form, validate_answers
from satupintu.applications.models import ApplicationDraft
from satupintu.applications.services import citizen as citizen_services
from satupintu.applications.tests.conftest import FORM_SCHEMA, FORM_UI, STEP_ONE, STEP_TWO
from satupintu.applications.tests.helpers import login
from satupintu.catalog.models import FormSchemaVersion
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(service):
    """Version 2 of the service's form: a birth date from 120 years ago up to today, and
    "anak ke-" from 1 to 20."""
    schema = copy.deepcopy(FORM_SCHEMA)
    schema["properties"]["tanggal_lahir"].update(
        {"formatMinimum": "today-120y", "formatMaximum": "today"}
    )
    return FormSchemaVersion.objects.create(
        service=service, version=2, schema=schema, ui=FORM_UI, published_at=timezone.now()
    )


def step_one(**changes) -> dict:
    return {**STEP_ONE, "tanggal_lahir": str(timezone.localdate()), **changes}


def step_url(draft, n, query=""):
    return reverse("applications:step", args=[draft.public_id, n]) + query


@pytest.fixture
def limited_draft(limited, citizen):
    draft = citizen_services.start_draft(user=citizen, service=limited.service)
    assert draft.form_version == limited
    return draft


# --- The step form ---------------------------------------------------------------------------


def test_a_birth_date_after_today_is_refused_with_a_message_naming_the_field(limited):
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = step_form(limited, 0, step_one(tanggal_lahir=tomorrow.isoformat()))
    assert not form.is_valid()
    assert form.errors["tanggal_lahir"] == ["Tanggal lahir tidak boleh setelah hari ini."]


def test_today_and_the_earliest_day_are_accepted(limited):
    assert step_form(limited, 0, step_one()).is_valid()
    earliest = timezone.localdate().replace(year=timezone.localdate().year - 120)
    assert step_form(limited, 0, step_one(tanggal_lahir=earliest.isoformat())).is_valid()


def test_a_birth_date_before_the_earliest_day_is_refused(limited):
    form = step_form(limited, 0, step_one(tanggal_lahir="1880-05-01"))
    assert not form.is_valid()
    [message] = form.errors["tanggal_lahir"]
    assert message.startswith("Tanggal lahir paling awal ")


def test_anak_ke_0_is_refused(limited):
    form = step_form(limited, 0, step_one(anak_ke="0"))
    assert not form.is_valid()
    assert form.errors["anak_ke"] == ["Anak ke- paling kecil 1."]


def test_the_date_picker_gets_the_limits(limited):
    html = str(step_form(limited, 0)["tanggal_lahir"])
    assert f'max="{timezone.localdate().isoformat()}"' in html
    assert 'min="' in html and 'type="date"' in html
    assert 'min="1"' in str(step_form(limited, 0)["anak_ke"])


def test_stored_answers_past_a_limit_are_refused_at_submission(limited):
    answers = {**step_one(anak_ke=1), **STEP_TWO, "tanggal_lahir": "2031-01-01"}
    errors = validate_answers(limited, answers)
    assert errors["tanggal_lahir"] == "Tanggal lahir tidak boleh setelah hari ini."
    assert validate_answers(limited, {**answers, "anak_ke": 0})["anak_ke"] == (
        "Anak ke- paling kecil 1."
    )


# --- Pages: the error summary ----------------------------------------------------------------


def test_a_future_birth_date_comes_back_with_the_error_summary(client, limited_draft, citizen):
    login(client, citizen)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        step_url(limited_draft, 1), step_one(tanggal_lahir=tomorrow.isoformat(), anak_ke="0")
    )
    assert response.status_code == 400
    body = response.content.decode()
    summary = body.split("data-error-summary")[1].split("</ul>")[0]
    assert "Ada masalah" in summary
    assert '<a href="#id_tanggal_lahir">Tanggal lahir tidak boleh setelah hari ini.</a>' in summary
    assert '<a href="#id_anak_ke">Anak ke- paling kecil 1.</a>' in summary
    assert body.index("data-error-summary") < body.index('name="tanggal_lahir"')
    limited_draft.refresh_from_db()
    assert "tanggal_lahir" not in limited_draft.data  # nothing saved


def test_only_a_page_with_errors_loads_the_focus_script(client, limited_draft, citizen):
    assert "error-summary.js" not in client.get("/").content.decode()
    login(client, citizen)
    body = client.post(step_url(limited_draft, 1), step_one(nama_anak="")).content.decode()
    assert '<script src="/static/js/error-summary.js" defer></script>' in body


def test_a_required_field_error_names_the_field_in_the_summary(client, limited_draft, citizen):
    login(client, citizen)
    response = client.post(step_url(limited_draft, 1), step_one(nama_anak=""))
    assert '<a href="#id_nama_anak">Nama anak: ' in response.content.decode()


# --- The review page -------------------------------------------------------------------------


@pytest.fixture
def at_review(complete_draft):
    return complete_draft


def test_every_answer_on_the_review_page_has_an_ubah_link(client, at_review, citizen):
    login(client, citizen)
    body = client.get(step_url(at_review, 4)).content.decode()
    for name, step in [("nama_anak", 1), ("anak_ke", 1), ("nik_ayah", 2), ("keterangan", 2)]:
        link = step_url(at_review, step, f"?kembali=periksa#id_{name}")
        assert f'<a href="{link}">Ubah<span class="sr-label">' in body, name
    assert "Tidak diisi" in body  # keterangan was left empty: still listed, still changeable
    assert body.count(">Ubah<") == 8


def test_changing_an_answer_from_the_review_returns_to_the_review(client, at_review, citizen):
    login(client, citizen)
    page = client.get(step_url(at_review, 1, "?kembali=periksa"))
    assert "Simpan dan kembali ke pemeriksaan" in page.content.decode()
    response = client.post(
        step_url(at_review, 1, "?kembali=periksa"), {**STEP_ONE, "nama_anak": "Budi Baru"}
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(at_review, 4) + "#review-answers"
    at_review.refresh_from_db()
    assert at_review.data["nama_anak"] == "Budi Baru"


def test_without_the_review_parameter_the_next_step_follows(client, at_review, citizen):
    login(client, citizen)
    response = client.post(step_url(at_review, 1), STEP_ONE)
    assert response["Location"] == step_url(at_review, 2)


def test_the_review_parameter_does_not_skip_unfinished_steps(client, service, citizen):
    login(client, citizen)
    draft = citizen_services.start_draft(user=citizen, service=service)
    response = client.post(step_url(draft, 1, "?kembali=periksa"), STEP_ONE)
    assert response["Location"] == step_url(draft, 2)


def test_a_refused_submission_links_each_problem_to_its_field(client, at_review, citizen):
    # An answer that broke a rule after it was saved (here: written around the form).
    data = dict(at_review.data)
    data["anak_ke"] = 99
    ApplicationDraft.objects.filter(pk=at_review.pk).update(data=data)
    login(client, citizen)
    response = client.post(step_url(at_review, 4), {"declaration": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    link = step_url(at_review, 1, "?kembali=periksa#id_anak_ke")
    assert f'<a href="{link}">Anak ke- paling besar 20.</a>' in body
    assert "Ada masalah" in body and "draf Anda tetap tersimpan" in body


def test_another_citizen_cannot_open_the_review(client, at_review):
    login(client, UserFactory())
    assert client.get(step_url(at_review, 4)).status_code == 404
