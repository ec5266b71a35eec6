"""The result document body is filled with placeholders, never run as a template: an OPD admin
cannot walk from the application to users, secrets or other OPDs' cases."""

import pytest
from allauth.mfa.models import Authenticator

from satupintu.accounts.models import User
from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.applications.tests.staff_fixtures import walk_to_end
from satupintu.catalog.models import ResultTemplate
from satupintu.documents import pdf as documents_pdf

pytestmark = pytest.mark.django_db

WALKS = """
<p>A {{ application.case.submitter.password }}</p>
<p>B {{ org_unit.memberships.all.0.user.password }}</p>
<p>C {{ org_unit.memberships.all.0.user.authenticator_set.all.0.data }}</p>
<p>F {application.case.submitter.password} {org_unit.memberships} {service.__class__}</p>
<p>G {{nomor}} {{ nomor }}</p>
<p>H {nomor} {isian.nama_anak}</p>
"""
TAGS = """
<p>D {% load log %}{% get_admin_log 5 as entries %}{{ entries }}</p>
<p>E {% debug %}</p>
"""


@pytest.fixture
def captured_bodies(monkeypatch):
    bodies = []
    original = documents_pdf.render_pdf

    def render(template_name, context, **kwargs):
        bodies.append(str(context["body"]))
        return original(template_name, context, **kwargs)

    monkeypatch.setattr(documents_pdf, "render_pdf", render)
    return bodies


def _issue(application, service, body, operator, koordinator, head, capture):
    ResultTemplate.objects.update_or_create(
        service=service, defaults={"title": "Kutipan Akta", "body": body}
    )
    with capture(execute=True):
        walk_to_end(application, operator, koordinator, head)
    return application


@pytest.mark.parametrize("body", [WALKS, WALKS + TAGS], ids=["relation-walks", "with-tags"])
def test_template_syntax_prints_literally_and_reveals_nothing(
    body,
    submitted_application,
    service,
    operator,
    koordinator,
    head,
    signing,
    captured_bodies,
    django_capture_on_commit_callbacks,
):
    application = _issue(
        submitted_application,
        service,
        body,
        operator,
        koordinator,
        head,
        django_capture_on_commit_callbacks,
    )
    assert application.result_document is not None
    (body,) = captured_bodies
    assert "{{ org_unit.memberships.all.0.user.password }}" in body
    for password in User.objects.exclude(password="").values_list("password", flat=True):
        assert password not in body
    secrets = [
        str(data.get("secret")) for data in Authenticator.objects.values_list("data", flat=True)
    ]
    assert secrets and not any(secret in body for secret in secrets)
    assert "sql_queries" not in body and "LogEntry" not in body
    # Everything that is not a known placeholder is printed as written.
    assert "{{ application.case.submitter.password }}" in body
    if TAGS in body:
        assert "{% debug %}" in body and "{% load log %}" in body
    assert "{application.case.submitter.password}" in body and "{service.__class__}" in body
    assert "{{nomor}} {{ nomor }}" in body
    number = application.result_document.number
    assert f"H {number} Budi Santoso" in body


def test_placeholder_values_are_escaped_and_formatted(
    submitted_application,
    service,
    operator,
    koordinator,
    head,
    signing,
    captured_bodies,
    django_capture_on_commit_callbacks,
):
    from satupintu.applications.services import citizen

    answers = citizen.answers_for(submitted_application)
    answers["nama_anak"] = "<script>alert(1)</script>{nomor}"
    submitted_application.data = citizen.answer_store.protect(answers, set())
    submitted_application.save(update_fields=["data"])
    service.validity_days = 365
    service.save(update_fields=["validity_days"])
    body = "{unit}|{isian.nama_anak}|{isian.tanggal_lahir}|{keterangan_berlaku}|{qr}|{judul}"
    _issue(
        submitted_application,
        service,
        body,
        operator,
        koordinator,
        head,
        django_capture_on_commit_callbacks,
    )
    unit, name, born, validity, qr, title = captured_bodies[0].split("|")
    assert unit == service.org_unit.name
    # A citizen's answer is text: escaped, and its braces are not filled again.
    assert name == "&lt;script&gt;alert(1)&lt;/script&gt;{nomor}"
    assert born.split()[1] in {
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
        "Agustus", "September", "Oktober", "November", "Desember",
    }  # fmt: skip
    assert validity.startswith("Berlaku sampai dengan ")
    assert qr.startswith("<svg") and title == "Kutipan Akta"
