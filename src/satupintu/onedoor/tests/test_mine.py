""" "Urusan saya" (/akun/urusan/): everything of the logged-in citizen, from every domain."""

from datetime import time, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from satupintu.cases.holders import claimable, link_by_contact
from satupintu.cases.models import Case, CaseHolder
from satupintu.cases.tests.helpers import act, file_case, verify
from satupintu.complaints.forms import Identity
from satupintu.onedoor import registry
from satupintu.queues.models import Booking, QueueService, Site
from satupintu.testing.factories import UserFactory, make_staff

MINE = "onedoor:mine"


@pytest.fixture
def citizen(db):
    return UserFactory(email="warga@contoh.id", full_name="Warga Contoh")


def booking_for(user, opd, *, days=1, code="ANT-TEST42"):
    site = Site.objects.create(org_unit=opd, slug=f"s-{code.lower()}", name="Kantor DPU")
    service = QueueService.objects.create(site=site, org_unit=opd, name="Konsultasi", prefix="A")
    return Booking.objects.create(
        code=code,
        token_hash=code,
        site=site,
        service=service,
        day=timezone.localdate() + timedelta(days=days),
        slot_start=time(9),
        user=user,
        name="Warga Contoh",
        phone="+6281234567001",
        identity_index=code,
    )


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse(MINE))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_lists_complaints_and_bookings_with_status_next_action_and_deadline(
    client, citizen, category, coordinator, opd_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case, _secret = file_case(category, user=citizen, title="Lampu jalan mati di gang")
    staff = make_staff(opd_a)
    verify(case, by=coordinator, org_unit="DPU")
    act(case, "request_info", by=staff, note="Mohon kirim foto lokasi.")
    booking = booking_for(citizen, opd_a)
    client.force_login(citizen)

    page = client.get(reverse(MINE))

    assert page.status_code == 200
    body = page.content.decode()
    assert case.tracking_code in body and booking.code in body
    assert "Menunggu informasi dari pelapor" in body  # the complaint's status
    assert "Yang perlu Anda lakukan:" in body
    assert "Kirim informasi" in body  # the reporter's expected transition
    assert "Datang ke Kantor DPU pukul 09:00" in body
    items = page.context["overview"].items
    assert [i.code for i in items][:2] == [booking.code, case.tracking_code] or [
        i.code for i in items
    ][:2] == [case.tracking_code, booking.code]
    # newest activity first
    assert items == sorted(items, key=lambda i: i.activity_at, reverse=True)
    booking_item = next(i for i in items if i.code == booking.code)
    assert booking_item.deadline == booking.day


def test_newest_activity_comes_first(client, citizen, category, time_machine):
    time_machine.move_to(timezone.now() - timedelta(days=3), tick=False)
    old, _ = file_case(category, user=citizen, title="Laporan lama")
    time_machine.move_to(timezone.now() + timedelta(days=2), tick=False)
    new, _ = file_case(category, user=citizen, title="Laporan baru")
    codes = [i.code for i in registry.overview(citizen).items]
    assert codes.index(new.tracking_code) < codes.index(old.tracking_code)


def test_other_citizens_business_is_not_listed(client, citizen, category, opd_a):
    other = UserFactory()
    case, _ = file_case(category, user=other, title="Punya orang lain")
    booking_for(other, opd_a, code="ANT-OTHR42")
    client.force_login(citizen)
    body = client.get(reverse(MINE)).content.decode()
    assert case.tracking_code not in body
    assert "ANT-OTHR42" not in body


def test_a_report_filed_before_the_account_is_linked_once_the_email_is_confirmed(client, category):
    before, _ = file_case(category, reporter_email="Warga@Contoh.id", reporter_phone="")
    assert before.submitter is None
    citizen = UserFactory(email="warga@contoh.id")
    client.force_login(citizen)

    page = client.get(reverse(MINE))
    assert page.context["claimable"] == 1
    assert before.tracking_code not in page.content.decode()

    response = client.post(reverse("onedoor:link_contact"))
    assert response.status_code == 302
    body = client.get(reverse(MINE)).content.decode()
    assert before.tracking_code in body
    assert "ditautkan lewat kontak yang sama" in body
    holder = CaseHolder.objects.get()
    assert (holder.user, holder.case, holder.via) == (citizen, before, "contact")
    before.refresh_from_db()
    assert before.submitter is None  # the case itself is unchanged
    # Linking twice links nothing more.
    assert link_by_contact(citizen) == 0


def test_an_unconfirmed_email_or_phone_links_nothing(category):
    file_case(category, reporter_email="belum@contoh.id", reporter_phone="+6281234567890")
    citizen = UserFactory(email="belum@contoh.id")
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    citizen.phone = "+6281234567890"
    citizen.phone_verified = False
    citizen.save()
    assert not claimable(citizen).exists()
    assert link_by_contact(citizen) == 0
    citizen.phone_verified = True
    citizen.save()
    assert claimable(citizen).count() == 1  # the phone, once confirmed, is enough


def test_the_phone_matches_however_it_was_typed(category):
    case, _ = file_case(category, reporter_email="", reporter_phone="0812-3456-7890")
    citizen = UserFactory(email=None)
    citizen.phone, citizen.phone_verified = "+6281234567890", True
    citizen.save()
    assert list(claimable(citizen)) == [case]


def test_an_anonymous_report_is_never_linked_by_contact(category):
    file_case(category, identity=Identity.ANONYMOUS, reporter_email="warga@contoh.id")
    citizen = UserFactory(email="warga@contoh.id")
    assert not claimable(citizen).exists()


def test_an_anonymous_report_is_linked_with_its_private_link_and_stays_anonymous(
    client, citizen, category
):
    case, secret = file_case(category, identity=Identity.ANONYMOUS, reporter_email="")
    client.force_login(citizen)
    link = f"https://satupintu.example/lacak/{case.tracking_code}/{secret}/"

    response = client.post(reverse("onedoor:link_anonymous"), {"link": link})

    assert response.status_code == 302
    body = client.get(reverse(MINE)).content.decode()
    assert case.tracking_code in body
    # The item opens the private tracking page, where the reporter can act.
    assert reverse("cases:track_secret", args=[case.tracking_code, secret]) in body
    case.refresh_from_db()
    assert case.is_anonymous and case.submitter is None and case.reporter_name == ""


@pytest.mark.parametrize(
    "link",
    ["", "bukan tautan", "/lacak/ADU-XXXXXX/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/", "ADU-2345"],
)
def test_a_wrong_private_link_is_refused_with_the_input_kept(client, citizen, category, link):
    file_case(category, identity=Identity.ANONYMOUS)
    client.force_login(citizen)

    response = client.post(reverse("onedoor:link_anonymous"), {"link": link})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Tempel tautan pribadi" in body or "Tautan pribadi tidak dikenali" in body
    if link:
        assert f'value="{link}"' in body
    assert not CaseHolder.objects.exists()


def test_a_right_code_with_a_wrong_secret_is_refused(client, citizen, category):
    case, secret = file_case(category, identity=Identity.ANONYMOUS)
    client.force_login(citizen)
    wrong = secret[:-4] + ("aaaa" if not secret.endswith("aaaa") else "bbbb")
    response = client.post(
        reverse("onedoor:link_anonymous"), {"link": f"/lacak/{case.tracking_code}/{wrong}/"}
    )
    assert response.status_code == 400
    assert not CaseHolder.objects.exists()


def test_linking_needs_a_post(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("onedoor:link_contact")).status_code == 405
    assert client.get(reverse("onedoor:link_anonymous")).status_code == 405


def test_erasing_the_account_unlinks_reports(client, category):
    from satupintu.accounts import services as account_services

    case, secret = file_case(category, identity=Identity.ANONYMOUS)
    citizen = UserFactory()
    from satupintu.cases.holders import link_by_secret

    link_by_secret(citizen, f"{case.tracking_code}/{secret}")
    account_services.erase_account(user=citizen, actor=citizen)
    assert not CaseHolder.objects.exists()
    assert Case.objects.filter(pk=case.pk).exists()
