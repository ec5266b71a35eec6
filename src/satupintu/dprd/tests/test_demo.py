import pytest

from satupintu.cases import selectors as case_selectors
from satupintu.cases.models import Case
from satupintu.demo import data
from satupintu.dprd import demo
from satupintu.dprd.models import Member
from satupintu.letters import selectors as letter_selectors
from satupintu.minutes import demo as minutes_demo
from satupintu.minutes.models import Meeting
from satupintu.org import permissions
from satupintu.org.models import OrgUnit

pytestmark = pytest.mark.django_db


def _load():
    minutes_demo.load()
    return demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)


def test_demo_links_members_and_is_idempotent(reference_data):
    assert _load() == 2  # anggota.selatan and staf.setwan (ketua.komisi3 came with minutes)
    assert demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN) == 0
    chair = Member.objects.get(positions__body__code="KOMISI-III", positions__role="ketua")
    assert chair.user.email == f"ketua.komisi3@{data.DEMO_DOMAIN}"
    meeting = Meeting.objects.get(title=minutes_demo.PUBLIC_TITLE)
    assert meeting.chair == chair.user and meeting.status == "published"
    selatan = Member.objects.get(user__email=f"anggota.selatan@{data.DEMO_DOMAIN}")
    assert selatan.district.districts.get().name == "Balikpapan Selatan"


def test_a_member_never_gets_the_setwan_inbox(reference_data):
    _load()
    setwan = OrgUnit.objects.get(code="SETWAN")
    case = Case.objects.create(
        kind="complaint",
        tracking_code="ADU-TEST-0001",
        secret_hash="x",
        status="routed",
        channel="web",
        title="Surat untuk SETWAN",
        description="-",
        org_unit=setwan,
        created_at="2026-01-05T08:00:00+08:00",
    )
    for member in Member.objects.exclude(user=None):
        user = member.user
        assert not user.memberships.exists()
        assert not permissions.unit_paths(user)
        assert case not in case_selectors.staff_cases(user)
        # Only the council's letters disposed to them (dprd/correspondence.py), never SETWAN's.
        assert not letter_selectors.visible_letters(user).filter(council__isnull=True).exists()
    staff = OrgUnit.objects.get(code="SETWAN").memberships.get(user__email__startswith="staf.").user
    assert case in case_selectors.staff_cases(staff)


def test_demo_proposals(reference_data):
    from satupintu.dprd.models import Proposal
    from satupintu.testing.factories import UserFactory

    UserFactory(email=f"warga@{data.DEMO_DOMAIN}")
    _load()
    # The citizens' three; the demo reses (load_reses) adds one of source "reses".
    assert Proposal.objects.exclude(source="reses").count() == 3
    first = Proposal.objects.get(case__title__startswith="Semenisasi")
    assert first.case.status == "diadopsi" and first.support_count == 3
    assert first.adopted_by.user.email == f"anggota.selatan@{data.DEMO_DOMAIN}"
    assert demo.load_proposals(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN) == 0


def test_a_member_opens_the_back_office_but_no_unit_inbox(client, reference_data):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.urls import reverse

    from satupintu.testing.factories import TOTP_SECRET

    _load()
    setwan = OrgUnit.objects.get(code="SETWAN")
    case = Case.objects.create(
        kind="complaint",
        tracking_code="ADU-TEST-0002",
        secret_hash="x",
        status="routed",
        channel="web",
        title="Kasus SETWAN",
        description="-",
        org_unit=setwan,
        created_at="2026-01-05T08:00:00+08:00",
    )
    chair = Member.objects.get(positions__body__code="KOMISI-III", positions__role="ketua").user
    TOTP.activate(chair, TOTP_SECRET)
    client.force_login(chair)
    assert client.get(reverse("backoffice:home")).status_code == 200
    inbox = client.get(reverse("cases:inbox"))
    assert case.tracking_code not in inbox.content.decode()
    meetings = client.get(reverse("minutes:staff_list")).content.decode()
    assert minutes_demo.PUBLIC_TITLE in meetings  # the meeting they chaired
    assert minutes_demo.INTERNAL_TITLE in meetings  # chaired too (the demo's draft)
    assert client.get(reverse("dprd:staff_list")).status_code == 200


def test_demo_reses(reference_data):
    from satupintu.dprd.models import Proposal, Recess, RecessHeard, SittingPeriod
    from satupintu.testing.factories import UserFactory

    UserFactory(email=f"warga@{data.DEMO_DOMAIN}")
    _load()
    assert SittingPeriod.objects.count() == 3
    held = Recess.objects.exclude(status=Recess.Status.SCHEDULED).get()
    assert held.attendance == 57
    assert held.member.user.email == f"anggota.selatan@{data.DEMO_DOMAIN}"
    assert Proposal.objects.filter(source="reses").count() == 1
    assert RecessHeard.objects.filter(case__isnull=True).count() == 1  # the draft
    assert demo.load_reses(domain=data.DEMO_DOMAIN) == 0
