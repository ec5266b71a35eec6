"""The survey end to end: invitation in the closing message, one answer per finished
business, the kiosk (one answer per visit, throttled), figures, staff pages, signed report."""

import re
from fractions import Fraction

import pytest
from django.core import signing as django_signing
from django.urls import reverse
from django.utils import timezone

from satupintu.notifications.models import OutboxMessage
from satupintu.surveys import selectors, services
from satupintu.surveys.models import Invitation, Report, Response, Source
from satupintu.surveys.tests.conftest import answers

LINK = re.compile(r"https?://[^\s]+/ikm/isi/[^\s/]+/")


def survey_links():
    return [m for msg in OutboxMessage.objects.all() for m in LINK.findall(msg.body)]


@pytest.fixture
def invitation(issued_application):
    return Invitation.objects.get(
        source=Source.APPLICATION, source_ref=str(issued_application.case_id)
    )


def test_closing_message_carries_one_survey_link(issued_application):
    links = survey_links()
    assert len(set(links)) == 1
    invitation = Invitation.objects.get()
    assert invitation.org_unit_id == issued_application.case.org_unit_id
    assert invitation.service_label == issued_application.service.name
    # The token carries the time it was signed: compare what it names, not its text (a
    # token made again a second later differs).
    token = links[0].rstrip("/").rsplit("/", 1)[1]
    assert links[0].endswith(reverse("surveys:answer", args=[token]))
    assert services.invitation_from_token(token) == invitation


def test_no_invitation_before_the_business_is_finished(submitted_application):
    assert services.invite(submitted_application.case) is None
    assert survey_links() == []


def test_answer_once_from_the_link(client, invitation):
    url = reverse("surveys:answer", args=[services.invitation_token(invitation)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Bagaimana pendapat Saudara tentang kesesuaian persyaratan" in page.text
    response = client.post(url, answers(4, 3, 3, 4, 4, 3, 4, 2, 3, suggestion="Ruang tunggu panas"))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks")
    saved = Response.objects.get()
    assert saved.answers() == {"u1": 4, "u2": 3, "u3": 3, "u4": 4, "u5": 4, "u6": 3, "u7": 4,
                               "u8": 2, "u9": 3}  # fmt: skip
    assert saved.channel == Response.Channel.LINK and saved.suggestion == "Ruang tunggu panas"
    again = client.post(url, answers(1))
    assert again.status_code == 200
    assert "sudah diisi" in again.text
    assert Response.objects.count() == 1


def test_the_service_refuses_a_second_answer(invitation):
    services.answer_invitation(invitation, answers(3))
    with pytest.raises(services.SurveyError):
        services.answer_invitation(invitation, answers(4))


def test_missing_or_out_of_range_answers_keep_the_input(client, invitation):
    url = reverse("surveys:answer", args=[services.invitation_token(invitation)])
    data = answers(3)
    del data["u5"]
    data["u6"] = "5"
    data["suggestion"] = "Tolong tambah kursi"
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Pilih salah satu jawaban." in page.text
    assert "Tolong tambah kursi" in page.text
    assert not Response.objects.exists()


def test_forged_or_foreign_tokens_are_not_found(client, invitation):
    token = services.invitation_token(invitation)
    other_salt = django_signing.dumps(invitation.pk, salt="something.else")
    for bad in (token[:-2] + "xx", other_salt, "abc"):
        assert client.get(reverse("surveys:answer", args=[bad])).status_code == 404


def test_expired_token_is_not_found(client, invitation, time_machine):
    token = services.invitation_token(invitation)
    time_machine.move_to(timezone.now() + timezone.timedelta(days=91))
    assert client.get(reverse("surveys:answer", args=[token])).status_code == 404


def test_kiosk_one_answer_per_finished_visit(client, finished_visit):
    url = reverse("surveys:kiosk", args=[finished_visit.site.slug])
    assert client.get(url).status_code == 200
    done = client.post(url, answers(3, ticket=finished_visit.label.lower()))
    assert done.status_code == 302
    saved = Response.objects.get()
    assert saved.source == Source.QUEUE and saved.channel == Response.Channel.KIOSK
    assert saved.service_label == "Konsultasi teknis"
    again = client.post(url, answers(1, ticket=finished_visit.label))
    assert "sudah diisi" in again.text
    unknown = client.post(url, answers(1, ticket="Z999"))
    assert "tidak ditemukan" in unknown.text
    assert Response.objects.count() == 1


def test_kiosk_refuses_a_visit_not_finished(client, opd_a, finished_visit):
    from satupintu.queues import services as queue_services

    waiting = queue_services.walk_in(finished_visit.site, finished_visit.service)
    url = reverse("surveys:kiosk", args=[finished_visit.site.slug])
    page = client.post(url, answers(4, ticket=waiting.label))
    assert "tidak ditemukan" in page.text
    assert not Response.objects.exists()


def test_kiosk_is_throttled(client, settings, finished_visit):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey": "1/h/ip"}
    url = reverse("surveys:kiosk", args=[finished_visit.site.slug])
    client.post(url, answers(3, ticket="Z998"))  # counts, although the ticket is wrong
    page = client.post(url, answers(3, ticket=finished_visit.label))
    assert "Terlalu banyak" in page.text
    assert not Response.objects.exists()


def _respond(unit, values, label="Layanan A", ref="1"):
    return Response.objects.create(
        org_unit=unit,
        service_label=label,
        source=Source.CASE,
        source_ref=ref,
        channel=Response.Channel.LINK,
        sex="L",
        age_group="20-29",
        education="sma",
        occupation="lainnya",
        submitted_at=timezone.now(),
        **{f"u{i + 1}": v for i, v in enumerate(values)},
    )


def test_figures_are_exact_and_say_when_the_sample_is_too_small(opd_a):
    _respond(opd_a, [4, 4, 4, 4, 4, 4, 4, 4, 4], ref="1")
    _respond(opd_a, [3, 2, 3, 4, 3, 3, 4, 2, 1], ref="2", label="Layanan B")
    _respond(opd_a, [2, 3, 3, 4, 3, 4, 4, 3, 2], ref="3", label="Layanan B")
    figures = selectors.unit_figures(opd_a, timezone.localdate().year)
    assert figures.respondents == 3
    # Σ answers = 36 + 25 + 28 = 89 → Σ NRR = 89/3 → IKM = 89/3 × 1/9 × 25 = 2225/27
    assert figures.ikm == Fraction(2225, 27)
    assert str(figures.ikm_shown) == "82.41" and figures.band.letter == "B"
    assert figures.population == 3  # no invitations recorded: at least those who answered
    assert figures.weakest[0].code == "u9"
    by_service = dict(selectors.service_figures(opd_a, timezone.localdate().year))
    assert by_service["Layanan A"].ikm == 100


def test_sample_too_small_against_the_population(opd_a, client):
    for i in range(100):
        Invitation.objects.create(
            source=Source.CASE,
            source_ref=str(i),
            org_unit=opd_a,
            service_label="Layanan A",
            created_at=timezone.now(),
        )
    _respond(opd_a, [3] * 9)
    figures = selectors.unit_figures(opd_a, timezone.localdate().year)
    assert figures.population == 100 and figures.minimum_sample == 80
    assert figures.sample_too_small
    page = client.get(reverse("surveys:unit", args=[opd_a.code]))
    assert "Sampel belum cukup" in page.text


def test_public_pages_show_score_and_band(client, opd_a):
    _respond(opd_a, [4] * 9)
    index = client.get(reverse("surveys:index"))
    assert opd_a.name in index.text and "100,00" in index.text or "100.00" in index.text
    page = client.get(reverse("surveys:unit", args=[opd_a.code]))
    assert "Sangat Baik" in page.text
    assert "<svg" in page.text and "<table" in page.text
    assert client.get(reverse("surveys:unit", args=["TIDAKADA"])).status_code == 404


def test_staff_read_their_own_unit_only(client, opd_a, staff_a, staff_b):
    _respond(opd_a, [3] * 9, ref="9")
    url = reverse("surveys:staff_report", args=[opd_a.code])
    client.force_login(staff_b)
    assert client.get(url).status_code == 404
    assert opd_a.name not in client.get(reverse("surveys:staff_units")).text
    client.force_login(staff_a)
    page = client.get(url)
    assert page.status_code == 200 and "Layanan A" in page.text
    assert opd_a.name in client.get(reverse("surveys:staff_units")).text


def test_issue_signed_report(client, opd_a, staff_a, staff_b, signing):
    _respond(opd_a, [3] * 9)
    client.force_login(staff_b)
    assert client.post(reverse("surveys:issue", args=[opd_a.code])).status_code == 404
    client.force_login(staff_a)
    response = client.post(reverse("surveys:issue", args=[opd_a.code]))
    assert response.status_code == 302
    report = Report.objects.get()
    assert str(report.ikm) == "75.00" and report.respondents == 1
    assert report.document.status == "terbit"
    pdf = client.get(reverse("surveys:report_pdf", args=[opd_a.code, report.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # Verifiable at /verifikasi/<token>/
    verify = client.get(reverse("documents:verify_token", args=[report.document.token]))
    assert verify.status_code == 200


def test_no_report_without_respondents(opd_a, staff_a, signing):
    with pytest.raises(services.SurveyError):
        services.issue_report(org_unit=opd_a, year=2020, actor=staff_a)
    assert not Report.objects.exists()


def test_closed_complaint_invites_its_reporter_once(
    reference_data, django_capture_on_commit_callbacks
):
    from satupintu.cases import services as case_services
    from satupintu.cases.tests.helpers import act, coordinator, file_case, make_category, verify
    from satupintu.cases.workflow import COORDINATOR
    from satupintu.org.models import OrgUnit
    from satupintu.testing.factories import make_staff

    by = coordinator()
    operator = make_staff(OrgUnit.objects.get(code="DPU"))
    with django_capture_on_commit_callbacks(execute=True):
        case, _secret = file_case(make_category())
        verify(case, by, org_unit="DPU")
        act(case, "start", operator)
        act(case, "resolve", operator, note="Sudah ditambal.")
    assert survey_links() == []  # answered, not yet closed
    with django_capture_on_commit_callbacks(execute=True):
        case_services.perform(case, "close", actor=by, role=COORDINATOR)
    links = survey_links()
    assert len(set(links)) == 1
    invitation = Invitation.objects.get(source=Source.CASE)
    assert invitation.source_ref == str(case.pk) and invitation.org_unit.code == "DPU"
    assert invitation.service_label == case.category.name
