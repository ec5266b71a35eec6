import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from satupintu.cases.models import Case
from satupintu.dprd import selectors
from satupintu.dprd import services_aspiration as services
from satupintu.dprd.models import Aspiration, Body, Member
from satupintu.dprd.tests.conftest import member_with_account
from satupintu.minutes.models import Meeting
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import OrgUnit, Region
from satupintu.testing.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db
Target = Aspiration.Target


def komisi(code="KOMISI-III"):
    return Body.objects.get(code=code, kind=Body.Kind.COMMISSION)


def file(target=Target.DISTRICT, kelurahan="Sepinggan", **changes):
    values = {
        "target": target,
        "title": "Drainase Jl. Sepinggan Baru",
        "description": "Saluran air tersumbat sejak tiga bulan, rumah warga kebanjiran.",
        "kelurahan": Region.objects.get(name=kelurahan) if kelurahan else None,
        "reporter_name": "Warga Contoh",
        "reporter_email": "warga@contoh.id",
    }
    values.update(changes)
    with TestCase.captureOnCommitCallbacks(execute=True):
        case, _secret = services.submit_aspiration(services.NewAspiration(**values))
    return case.aspiration


@pytest.fixture
def setwan(reference_data):
    return make_staff(OrgUnit.objects.get(code="SETWAN"), full_name="Staf Setwan")


@pytest.fixture
def komisi3_member(reference_data):
    position = komisi().positions.order_by("member__name").first()
    member = position.member
    return member_with_account(member.district.districts.first().name, member=member)


def sent_to(address):
    """Messages queued to an address (the recipient is encrypted: compared after reading)."""
    return [m for m in OutboxMessage.objects.order_by("pk") if m.recipient == address]


def act(user, aspiration, action, **kw):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.act(user=user, aspiration=aspiration, action=action, **kw)
    aspiration.refresh_from_db()
    aspiration.case.refresh_from_db()


# Filing


def test_aspiration_to_the_dapil_is_a_case_on_the_engine(reference_data):
    aspiration = file()
    case = aspiration.case
    assert case.kind == "aspirasi_dprd"
    assert case.tracking_code.startswith("ASP-")
    assert case.status == "baru"
    assert case.org_unit.code == "SETWAN"
    assert aspiration.district.districts.get().name == "Balikpapan Selatan"
    # Deadlines in working days, like complaints: verification 3, answer 14.
    assert case.verify_due_date > timezone.localdate()
    assert case.due_date > case.verify_due_date
    # Confirmed like a complaint: the reporter gets the code and the private link.
    (confirmation,) = sent_to("warga@contoh.id")
    assert case.tracking_code in confirmation.subject + confirmation.body


def test_every_kelurahan_routes_to_a_dapil(reference_data):
    kelurahan = Region.objects.filter(
        level__in=[Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE], code__startswith="64.71."
    )
    assert kelurahan.count() >= 30
    for region in kelurahan:
        district = selectors.district_for_region(region)
        assert district is not None, region.name
        assert district.districts.filter(pk=region.parent_id).exists()
        _commission, routed = services.addressee(Target.DISTRICT, None, region)
        assert routed == district


def test_bad_targets_are_refused_and_nothing_is_filed(reference_data):
    with pytest.raises(services.AspirationError):
        file(target=Target.COMMISSION)  # no komisi chosen
    with pytest.raises(services.AspirationError):
        file(target=Target.COMMISSION, commission=Body.objects.filter(kind="fraksi").first())
    with pytest.raises(services.AspirationError):
        file(target=Target.DISTRICT, kelurahan=None)  # no kelurahan: no dapil
    with pytest.raises(services.AspirationError):
        file(target="gubernur")
    assert not Case.objects.filter(kind="aspirasi_dprd").exists()


def test_anonymous_aspiration_keeps_no_identity(reference_data):
    aspiration = file(identity="anonymous", reporter_name="Rahasia Sekali")
    case = aspiration.case
    assert case.is_anonymous
    assert case.reporter_name == "" and case.reporter_email == ""
    # The confirmation went once to the given address, which is not kept.
    assert len(sent_to("warga@contoh.id")) == 1


def test_replayed_form_files_once(reference_data):
    first = file(idempotency_key="same-key")
    second = file(idempotency_key="same-key")
    assert first.pk == second.pk
    assert Aspiration.objects.count() == 1


# The web form


def _post(client, **changes):
    data = {
        "target": "komisi",
        "commission": str(komisi().pk),
        "title": "Perbaikan jalan lingkungan",
        "description": "Jalan di RT 12 berlubang dan membahayakan pengendara motor.",
        "kelurahan": str(Region.objects.get(name="Sepinggan").pk),
        "rt": "12",
        "street": "Jl. Mawar",
        "identity": "named",
        "reporter_name": "Budi Contoh",
        "reporter_email": "budi@contoh.id",
        "reporter_phone": "",
        "idempotency_key": "k-" + str(changes.get("title", "x"))[:10],
    }
    data.update(changes)
    return client.post(reverse("dprd:aspiration_new"), data)


def test_form_files_an_aspiration_to_a_komisi(client, reference_data):
    assert client.get(reverse("dprd:aspiration_new")).status_code == 200
    response = _post(client)
    aspiration = Aspiration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:sent", args=[aspiration.case.tracking_code])
    assert aspiration.target == Target.COMMISSION and aspiration.commission == komisi()
    sent = client.get(response["Location"])
    assert aspiration.case.tracking_code in sent.content.decode()
    assert "secret-link" in sent.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"commission": ""}, "Pilih komisi yang dituju."),
        ({"target": "dapil", "kelurahan": ""}, "Pilih kelurahan Anda"),
        ({"description": "pendek"}, "pendek"),  # too short: refused, what was typed stays
        ({"reporter_email": "", "reporter_phone": ""}, "Isi e-mail atau nomor HP"),
    ],
)
def test_bad_form_keeps_input_with_a_message(client, reference_data, changes, message):
    response = _post(client, **changes)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Perbaikan jalan lingkungan" in body  # what was typed stays
    assert message in body
    assert not Aspiration.objects.exists()


# Verification, forwarding, answer


def test_setwan_forwards_member_answers_and_the_answer_is_public(client, setwan, reference_data):
    selatan = member_with_account("Balikpapan Selatan")
    utara = member_with_account("Balikpapan Utara")
    aspiration = file()
    # Before verification no member sees it.
    assert not selectors.staff_aspirations(selatan.user).exists()
    act(setwan, aspiration, "verify")
    assert aspiration.case.status == "diteruskan"
    assert list(selectors.staff_aspirations(selatan.user)) == [aspiration]
    assert not selectors.staff_aspirations(utara.user).exists()
    with pytest.raises(services.AspirationError) as refused:
        services.act(user=utara.user, aspiration=aspiration, action="answer", note="Tidak")
    assert refused.value.status == 404
    with pytest.raises(services.AspirationError):
        services.act(user=selatan.user, aspiration=aspiration, action="answer", note="  ")
    act(selatan.user, aspiration, "answer", note="Kami usulkan normalisasi drainase tahun depan.")
    assert aspiration.case.status == "dijawab"
    page = client.get(reverse("cases:track", args=[aspiration.case.tracking_code]))
    body = page.content.decode()
    assert "Kami usulkan normalisasi drainase tahun depan." in body
    assert "Anggota DPRD" in body
    # The reporter is told, with the answer.
    told = sent_to("warga@contoh.id")[-1]
    assert "normalisasi drainase" in told.body


def test_setwan_may_retarget_when_forwarding(setwan, komisi3_member, reference_data):
    aspiration = file(target=Target.COUNCIL)
    act(setwan, aspiration, "verify", target=Target.COMMISSION, commission=komisi())
    assert aspiration.target == Target.COMMISSION and aspiration.commission == komisi()
    assert list(selectors.staff_aspirations(komisi3_member.user)) == [aspiration]


def test_a_member_never_gets_setwan_inbox(client, setwan, komisi3_member, reference_data):
    from satupintu.cases import selectors as case_selectors

    aspiration = file(target=Target.COMMISSION, commission=komisi())
    act(setwan, aspiration, "verify")
    member_user = komisi3_member.user
    assert not member_user.memberships.exists()
    assert not case_selectors.staff_cases(member_user).filter(pk=aspiration.case.pk).exists()
    assert case_selectors.staff_cases(setwan).filter(pk=aspiration.case.pk).exists()
    _staff_client(client, member_user)
    inbox = client.get(reverse("cases:inbox"))
    assert aspiration.case.tracking_code not in inbox.content.decode()
    # Their own door shows it.
    mine = client.get(reverse("dprd:aspiration_staff_list"))
    assert aspiration.case.tracking_code in mine.content.decode()


def test_opd_staff_and_citizens_see_no_aspiration(setwan, reference_data):
    aspiration = file()
    act(setwan, aspiration, "verify")
    opd = make_staff(OrgUnit.objects.get(code="DPU"))
    assert not selectors.staff_aspirations(opd).exists()
    assert not selectors.staff_aspirations(UserFactory()).exists()
    assert services.role_for(opd, aspiration) is None
    assert selectors.staff_aspirations(setwan).get() == aspiration


def test_archive_needs_a_reason(setwan, reference_data):
    aspiration = file()
    with pytest.raises(services.AspirationError):
        services.act(user=setwan, aspiration=aspiration, action="archive", note="")
    act(setwan, aspiration, "archive", note="Bukan aspirasi: iklan.")
    assert aspiration.case.status == "diarsipkan"


# Hearing (RDP) in e-Risalah


def _hearing():
    start = timezone.now() + datetime.timedelta(days=3)
    return services.Hearing(
        title="RDP drainase Sepinggan",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Ruang Rapat Komisi III",
    )


def test_hearing_is_a_public_meeting_linked_to_the_aspiration(
    client, setwan, komisi3_member, reference_data
):
    aspiration = file(target=Target.COMMISSION, commission=komisi())
    act(setwan, aspiration, "verify")
    with pytest.raises(services.AspirationError):
        services.act(user=setwan, aspiration=aspiration, action="hearing")  # no time/place
    act(setwan, aspiration, "hearing", hearing=_hearing())
    meeting = aspiration.meeting
    assert aspiration.case.status == "rdp"
    assert meeting.kind == Meeting.Kind.HEARING and meeting.is_public
    assert meeting.org_unit.code == "SETWAN"
    assert meeting.invited_users.filter(pk=komisi3_member.user_id).exists() or (
        meeting.chair_id == komisi3_member.user_id
    )
    body = client.get(reverse("cases:track", args=[aspiration.case.tracking_code])).content
    assert b"Ruang Rapat Komisi III" in body
    assert b"hearing-minutes" not in body  # not published yet
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    body = client.get(reverse("cases:track", args=[aspiration.case.tracking_code])).content
    assert reverse("minutes:public_detail", args=[meeting.pk]).encode() in body


# Pages and permissions


def _staff_client(client, user):
    from satupintu.testing.factories import TEST_PASSWORD, current_totp_code

    client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})
    client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    return client


def test_staff_pages_and_actions(client, setwan, reference_data):
    aspiration = file()
    _staff_client(client, setwan)
    code = aspiration.case.tracking_code
    listed = client.get(reverse("dprd:aspiration_staff_list"))
    assert code in listed.content.decode()
    page = client.get(reverse("dprd:aspiration_staff_detail", args=[code]))
    assert page.status_code == 200 and "Warga Contoh" in page.content.decode()
    act_url = reverse("dprd:aspiration_staff_act", args=[code])
    response = client.post(act_url, {"action": "verify", "target": "dapil"})
    assert response.status_code == 302
    bad = client.post(act_url, {"action": "hearing", "title": "RDP"})
    assert bad.status_code == 400 and "Wajib diisi" in bad.content.decode()
    aspiration.case.refresh_from_db()
    assert aspiration.case.status == "diteruskan"


def test_member_of_another_dapil_gets_404(client, setwan, reference_data):
    aspiration = file()
    act(setwan, aspiration, "verify")
    utara = member_with_account("Balikpapan Utara")
    _staff_client(client, utara.user)
    code = aspiration.case.tracking_code
    assert client.get(reverse("dprd:aspiration_staff_list")).status_code == 200
    assert code not in client.get(reverse("dprd:aspiration_staff_list")).content.decode()
    assert client.get(reverse("dprd:aspiration_staff_detail", args=[code])).status_code == 404
    response = client.post(
        reverse("dprd:aspiration_staff_act", args=[code]), {"action": "answer", "note": "x"}
    )
    assert response.status_code == 404


def test_member_sees_no_reporter_identity(client, setwan, reference_data):
    aspiration = file()
    act(setwan, aspiration, "verify")
    selatan = member_with_account("Balikpapan Selatan")
    _staff_client(client, selatan.user)
    page = client.get(reverse("dprd:aspiration_staff_detail", args=[aspiration.case.tracking_code]))
    assert page.status_code == 200
    assert "Warga Contoh" not in page.content.decode()
    assert "warga@contoh.id" not in page.content.decode()


def test_council_members_are_no_unit_staff(reference_data):
    assert not Member.objects.filter(user__memberships__isnull=False).exists()


# The public calendar


def test_calendar_lists_upcoming_open_council_sessions(client, setwan, reference_data):
    from icalendar import Calendar

    aspiration = file(target=Target.COMMISSION, commission=komisi())
    act(setwan, aspiration, "verify")
    act(setwan, aspiration, "hearing", hearing=_hearing())
    internal = aspiration.meeting
    page = client.get(reverse("dprd:calendar")).content.decode()
    assert "RDP drainase Sepinggan" in page
    Meeting.objects.filter(pk=internal.pk).update(is_public=False)
    assert "RDP drainase Sepinggan" not in client.get(reverse("dprd:calendar")).content.decode()
    Meeting.objects.filter(pk=internal.pk).update(is_public=True)
    feed = client.get(reverse("dprd:calendar_feed"))
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Rapat dengar pendapat: RDP drainase Sepinggan"]
    assert events[0].decoded("dtstart") == internal.starts_at.replace(microsecond=0)
    # The hearing's quorum is the komisi's seats.
    assert internal.members_total == komisi().positions.count()
