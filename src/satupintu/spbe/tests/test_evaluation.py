"""SPBE self-evaluation: the team opens a year and assigns, the OPD answers with evidence,
the team returns and accepts (status rows, transition table), the index, years side by
side, the signed report; bad input; OPD B gets 404 on OPD A's indicators."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.applications.tests.conftest import pdf_bytes
from satupintu.core.models import AuditEvent
from satupintu.spbe.models import Assignment, Evaluation, Evidence, StatusChange
from satupintu.spbe.services import evaluation as services

pytestmark = pytest.mark.django_db


def _item(evaluation, number):
    return Assignment.objects.get(evaluation=evaluation, indicator__number=number)


def _url(name, evaluation, item, *extra):
    return reverse(f"spbe:{name}", args=[evaluation.year, item.pk, *extra])


def test_team_opens_a_year_and_assigns(client, team, spbe_framework, opd_a, staff_a):
    client.force_login(team)
    response = client.post(
        reverse("spbe:open_year"), {"year": "2025", "framework": spbe_framework.pk}
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(year=2025)
    ids = list(
        spbe_framework.domains.get(number=1)
        .aspects.get()
        .indicators.filter(number__in=[3, 4])
        .values_list("pk", flat=True)
    )
    response = client.post(
        reverse("spbe:assign", args=[2025]), {"org_unit": opd_a.pk, "indicators": ids}
    )
    assert response.status_code == 302
    assert set(evaluation.assignments.values_list("indicator__number", flat=True)) == {3, 4}
    assert StatusChange.objects.filter(status="ditugaskan").count() == 2
    # The same year twice: a clear message, the typed year kept.
    again = client.post(reverse("spbe:open_year"), {"year": "2025", "framework": spbe_framework.pk})
    assert again.status_code == 400 and "sudah dibuka" in again.text
    assert 'value="2025"' in again.text
    # An OPD operator is not on the SPBE team.
    client.force_login(staff_a)
    refused = client.post(
        reverse("spbe:open_year"), {"year": "2027", "framework": spbe_framework.pk}
    )
    assert refused.status_code == 404 and not Evaluation.objects.filter(year=2027).exists()
    assert client.post(reverse("spbe:assign", args=[2025]), {}).status_code == 404


def test_opd_answers_team_returns_then_accepts(client, evaluation, team, staff_a):
    item = _item(evaluation, 1)
    client.force_login(staff_a)
    page = client.get(_url("assignment", evaluation, item))
    assert page.status_code == 200 and "Rintisan" in page.text
    # Submitting without evidence is refused, the typed answer kept.
    refused = client.post(
        _url("answer", evaluation, item),
        {"level": "3", "justification": "Perwali arsitektur ZQX", "ajukan": "1"},
    )
    assert refused.status_code == 400 and "sedikitnya satu bukti" in refused.text
    assert "Perwali arsitektur ZQX" in refused.text
    item.refresh_from_db()
    assert item.status == "ditugaskan" and item.level is None
    upload = SimpleUploadedFile("perwali.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        _url("add_evidence", evaluation, item), {"title": "Perwali 12/2025", "berkas": upload}
    )
    assert response.status_code == 302
    client.post(_url("add_evidence", evaluation, item), {"url": "https://jdih.example.go.id/1"})
    client.post(_url("add_evidence", evaluation, item), {"figure": "eoffice-kinerja"})
    assert Evidence.objects.filter(assignment=item).count() == 3
    stored = Evidence.objects.get(assignment=item, kind="berkas")
    download = client.get(_url("evidence_file", evaluation, item, stored.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()
    page = client.get(_url("assignment", evaluation, item))
    assert reverse("letters:performance_csv") in page.text
    response = client.post(
        _url("answer", evaluation, item),
        {"level": "3", "justification": "Perwali arsitektur", "ajukan": "1"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.level) == ("diajukan", 3)
    # The OPD cannot change a submitted answer, nor review it.
    assert client.post(_url("answer", evaluation, item), {"level": "5"}).status_code == 400
    assert client.post(_url("review", evaluation, item), {"terima": "1"}).status_code == 404
    # The team returns it with a note (a note is required).
    client.force_login(team)
    no_note = client.post(_url("review", evaluation, item), {"kembalikan": "1"})
    assert no_note.status_code == 400 and "Tulis catatan" in no_note.text
    client.post(_url("review", evaluation, item), {"kembalikan": "1", "note": "Lampirkan SK"})
    item.refresh_from_db()
    assert item.status == "dikembalikan"
    client.force_login(staff_a)
    client.post(
        _url("answer", evaluation, item), {"level": "4", "justification": "SK", "ajukan": "1"}
    )
    client.force_login(team)
    client.post(_url("review", evaluation, item), {"terima": "1"})
    item.refresh_from_db()
    assert (item.status, item.level) == ("diterima", 4)
    assert list(item.changes.values_list("status", flat=True)) == [
        "ditugaskan", "diajukan", "dikembalikan", "diajukan", "diterima",
    ]  # fmt: skip
    assert item.changes.get(status="dikembalikan").note == "Lampirkan SK"
    assert AuditEvent.objects.filter(action="spbe.review").count() == 2
    # The index counts the accepted level: 4 × 1,3 / 100 = 0,052 → 0,05 overall;
    # aspect 1 = 4 × 1,3 / 13 = 0,40.
    page = client.get(reverse("spbe:evaluation", args=[evaluation.year]))
    assert "<strong>0,05</strong>" in page.text
    assert "sementara" in page.text


def test_transition_table_refuses_skipping_review(evaluation, team):
    item = _item(evaluation, 1)
    with pytest.raises(services.EvaluationError):
        services.review(assignment=item, accept=True, note="", actor=team)
    assert item.changes.count() == 1


@pytest.mark.parametrize("level", ["7", "", "tiga"])
def test_bad_level_is_refused(client, evaluation, staff_a, level):
    item = _item(evaluation, 1)
    client.force_login(staff_a)
    response = client.post(
        _url("answer", evaluation, item), {"level": level, "justification": "Penjelasan ZQX"}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "Penjelasan ZQX" in response.text
    item.refresh_from_db()
    assert item.level is None


def test_submit_needs_justification(evaluation, staff_a):
    item = _item(evaluation, 1)
    services.add_evidence(assignment=item, title="", url="https://a.example.go.id", actor=staff_a)
    with pytest.raises(ValidationError):
        services.answer(assignment=item, level=3, justification=" ", submit=True, actor=staff_a)
    item.refresh_from_db()
    assert item.status == "ditugaskan"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"berkas": ("x.exe", b"MZ\x90\x00 not a pdf")}, "tidak diterima"),
        ({"url": "javascript:alert(1)"}, "URL"),
        ({"figure": "rahasia"}, "bukan salah satu"),
        ({}, "Isi salah satu"),
        ({"url": "https://a.example.go.id", "figure": "ikm"}, "Isi salah satu"),
    ],
)
def test_bad_evidence_is_refused(client, evaluation, staff_a, data, message):
    item = _item(evaluation, 1)
    client.force_login(staff_a)
    if "berkas" in data:
        name, content = data["berkas"]
        data = {"berkas": SimpleUploadedFile(name, content)}
    response = client.post(_url("add_evidence", evaluation, item), data)
    assert response.status_code == 400
    assert message in response.text
    assert not Evidence.objects.exists()


def test_other_opd_gets_404(client, evaluation, staff_a, staff_b):
    item = _item(evaluation, 1)
    evidence = services.add_evidence(
        assignment=item,
        title="",
        upload=SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf"),
        actor=staff_a,
    )
    client.force_login(staff_b)
    assert client.get(_url("assignment", evaluation, item)).status_code == 404
    assert client.get(_url("evidence_file", evaluation, item, evidence.pk)).status_code == 404
    for name in ("answer", "add_evidence", "review"):
        assert client.post(_url(name, evaluation, item), {"level": "5"}).status_code == 404
    page = client.get(reverse("spbe:evaluation", args=[evaluation.year]))
    assert page.status_code == 200 and "Kebijakan Internal Arsitektur SPBE" not in page.text
    client.force_login(staff_a)
    page = client.get(reverse("spbe:evaluation", args=[evaluation.year]))
    assert "Kebijakan Internal Arsitektur SPBE" in page.text
    assert "Tugaskan" not in page.text  # not on the team


def _accept_all(evaluation, unit, actor, level):
    from satupintu.spbe.models import Indicator

    services.assign(
        evaluation=evaluation,
        indicators=list(Indicator.objects.filter(aspect__domain__framework=evaluation.framework)),
        org_unit=unit,
        actor=actor,
    )
    for item in evaluation.assignments.all():
        services.add_evidence(assignment=item, title="", url="https://a.example.go.id", actor=actor)
        chosen = level(item.indicator.number)
        services.answer(assignment=item, level=chosen, justification="ok", submit=True, actor=actor)
        services.review(assignment=item, accept=True, note="", actor=actor)


def test_years_side_by_side_with_the_regulations_weights(
    client, spbe_framework, team, opd_a, staff_a
):
    from satupintu.spbe import selectors_evaluation as selectors

    y1 = services.open_evaluation(year=2024, framework=spbe_framework, actor=team)
    y2 = services.open_evaluation(year=2025, framework=spbe_framework, actor=team)
    _accept_all(y1, opd_a, team, lambda n: 3)
    # 2025: domain 1 (indicators 1–10, 13 %) at level 2, everything else at 4:
    # (13 × 2 + 87 × 4) / 100 = 3,74 (Sangat Baik); domain 1 = 2,00 (Cukup).
    _accept_all(y2, opd_a, team, lambda n: 2 if n <= 10 else 4)
    result = selectors.year_index(y2)
    assert result.overall.exact == Decimal("3.74") and result.overall.predicate == "Sangat Baik"
    assert result.domains[0].exact == Decimal(2) and result.domains[0].predicate == "Cukup"
    assert result.complete
    assert selectors.year_index(y1).overall.exact == Decimal(3)
    client.force_login(staff_a)
    page = client.get(reverse("spbe:evaluations"))
    assert page.status_code == 200
    assert "3,00 (Baik)" in page.text and "3,74 (Sangat Baik)" in page.text


def test_signed_report_verifies(client, evaluation, team, staff_a, team_signing):
    from satupintu.documents.services import verify_pdf
    from satupintu.spbe.models import EvaluationReport

    client.force_login(staff_a)
    assert client.post(reverse("spbe:issue_report", args=[evaluation.year])).status_code == 404
    client.force_login(team)
    response = client.post(reverse("spbe:issue_report", args=[evaluation.year]))
    assert response.status_code == 302
    report = EvaluationReport.objects.get()
    assert report.document.status == "terbit" and report.index == Decimal("0.00")
    pdf = client.get(reverse("spbe:report_pdf", args=[evaluation.year, report.pk]))
    data = b"".join(pdf.streaming_content)
    assert data.startswith(b"%PDF")
    result = verify_pdf(data)
    assert result.is_valid and result.document == report.document
    verify = client.get(reverse("documents:verify_token", args=[report.document.token]))
    assert verify.status_code == 200
    client.force_login(staff_a)
    assert (
        client.get(reverse("spbe:report_pdf", args=[evaluation.year, report.pk])).status_code == 404
    )


def test_report_without_a_signing_certificate_says_so(client, evaluation, team):
    client.force_login(team)
    response = client.post(reverse("spbe:issue_report", args=[evaluation.year]), follow=True)
    assert "belum memiliki sertifikat" in response.text


def test_who_is_on_the_spbe_team(reference_data, diskominfo, opd_a, settings):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.spbe import selectors_evaluation as selectors
    from satupintu.testing.factories import make_staff

    role = Membership.Role
    pemkot = OrgUnit.objects.get(code="PEMKOT")
    on = [
        make_staff(diskominfo, role.COORDINATOR),
        make_staff(diskominfo, role.ADMIN),
        make_staff(pemkot, role.ADMIN),
        make_staff(pemkot, role.COORDINATOR),
    ]
    off = [
        make_staff(diskominfo, role.OPERATOR),
        make_staff(diskominfo, role.HEAD),
        make_staff(opd_a, role.COORDINATOR),
        make_staff(opd_a, role.ADMIN),
        make_staff(pemkot, role.OPERATOR),
    ]
    assert [selectors.is_team(u) for u in on] == [True] * 4
    assert [selectors.is_team(u) for u in off] == [False] * 5
    settings.SPBE_TEAM_UNIT = "DPU"  # another city's SPBE unit
    assert selectors.is_team(off[2]) and not selectors.is_team(on[0])
