"""Council correspondence on the e-office: SETWAN registers a letter to the DPRD, the Pimpinan
DPRD disposes it to a komisi and members, members see it in their inbox with the e-office's
counters, answer it, and the response-time figures count it."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.dprd import correspondence
from satupintu.dprd.models import Body, CouncilLetter, Member, Position
from satupintu.dprd.tests.conftest import member_with_account
from satupintu.letters import selectors as letter_selectors
from satupintu.letters import services as letter_services
from satupintu.letters.errors import LetterError
from satupintu.letters.models import ClassificationCode, Disposition, Letter, UnitLetterSettings
from satupintu.letters.tests.conftest import ensure_codes
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def _holder(body_code: str, role: str) -> Member:
    return (
        Position.objects.filter(body__code=body_code, role=role)
        .select_related("member")
        .order_by("member__name")[0]
        .member
    )


@pytest.fixture
def council(reference_data):
    ensure_codes()
    setwan = OrgUnit.objects.get(code="SETWAN")
    k3 = Body.objects.get(code="KOMISI-III")
    k3_positions = Position.objects.filter(body=k3).select_related("member")
    k3_chair = k3_positions.filter(role__in=["ketua", "wakil"]).order_by("role")[0].member
    k3_member = k3_positions.filter(role="anggota").order_by("member__name")[0].member
    in_k3 = set(k3_positions.values_list("member_id", flat=True))
    leaders = set(
        Position.objects.filter(body__kind=Body.Kind.LEADERSHIP).values_list("member_id", flat=True)
    )
    outsider = Member.objects.exclude(pk__in=in_k3 | leaders).order_by("name")[0]
    ns = SimpleNamespace(
        setwan=setwan,
        k3=k3,
        officer=make_staff(setwan, Membership.Role.OPERATOR, full_name="Agenda Setwan"),
        sekwan=make_staff(setwan, Membership.Role.HEAD, full_name="Sekretaris DPRD"),
        ketua=member_with_account("", _holder("PIMPINAN", "ketua")).user,
        k3_chair=member_with_account("", k3_chair).user,
        k3_member=member_with_account("", k3_member).user,
        outsider=member_with_account("", outsider).user,
    )
    return ns


def register(council, **changes):
    values = {
        "subject": "Undangan RDP pembangunan drainase",
        "classification": ClassificationCode.objects.get(code="000.5.3.1"),
        "sender_name": "Forum RT Kelurahan Sepinggan",
        "external_number": "12/FRT/2026",
        "external_date": date(2026, 1, 5),
    }
    values.update(changes)
    return correspondence.register_council_letter(actor=council.officer, **values)


def fresh(user):
    """The user as a new request would load it (the per-request caches empty)."""
    return type(user).objects.get(pk=user.pk)


def test_register_dispose_answer_and_figures(council):
    letter = register(council)
    assert letter.org_unit == council.setwan and letter.agenda_number == 1
    assert CouncilLetter.objects.filter(letter=letter).exists()

    # The Ketua DPRD finds it in their inbox, waiting for the first disposition.
    ketua = fresh(council.ketua)
    assert list(letter_selectors.inbox(ketua)) == [letter]
    counters = letter_selectors.counters(ketua)
    assert (counters.unread, counters.to_act) == (1, 1)
    assert not letter_selectors.inbox(fresh(council.k3_member)).exists()

    group = correspondence.group_key(council.k3)
    [disposition] = correspondence.dispose(
        actor=ketua, letter=letter, groups=[group], instructions=["siapkan_bahan"]
    )
    assert disposition.to_group == group and disposition.from_unit == council.setwan
    assert disposition.recipient_label == "Komisi III"
    assert letter_selectors.counters(fresh(council.ketua)).to_act == 0

    # Every member of Komisi III has it, with the e-office's counters; others do not.
    member = fresh(council.k3_member)
    assert list(letter_selectors.inbox(member)) == [letter]
    counters = letter_selectors.counters(member)
    assert (counters.unread, counters.to_act) == (1, 1)
    assert letter in letter_selectors.inbox(fresh(council.k3_chair))
    outsider = fresh(council.outsider)
    assert not letter_selectors.inbox(outsider).exists()
    assert not letter_selectors.visible_letters(outsider).filter(pk=letter.pk).exists()

    # One member answers: the disposition is done, the figures count it for Komisi III.
    letter_services.mark_read(actor=member, letter=letter)
    letter_services.complete(
        actor=member, disposition=disposition, report="Bahan RDP disiapkan bersama DPU."
    )
    counters = letter_selectors.counters(fresh(council.k3_member))
    assert (counters.unread, counters.to_act) == (0, 0)
    today = timezone.localdate()
    people, bodies = letter_selectors.performance(
        fresh(council.ketua),
        today - timedelta(days=30),
        today,
        scope=correspondence.council_letters_q_dispositions(),
    )
    assert [(f.label, f.received, f.read, f.acted, f.on_time) for f in bodies] == [
        ("Komisi III", 1, 1, 1, 1)
    ]
    assert people == []


def test_komisi_chair_disposes_on_to_its_members_only(council):
    letter = register(council)
    [to_k3] = correspondence.dispose(
        actor=fresh(council.ketua),
        letter=letter,
        groups=[correspondence.group_key(council.k3)],
        instructions=["ditindaklanjuti"],
    )
    chair = fresh(council.k3_chair)
    assert letter_services.can_dispose(chair, letter)
    with pytest.raises(LetterError) as refused:
        correspondence.dispose(
            actor=chair, letter=letter, users=[council.outsider], instructions=["ditindaklanjuti"]
        )
    assert refused.value.code == "outside_hierarchy"
    [onward] = correspondence.dispose(
        actor=fresh(council.k3_chair),
        letter=letter,
        users=[council.k3_member],
        instructions=["hadiri"],
    )
    assert onward.parent == to_k3 and onward.to_user == council.k3_member
    to_k3.refresh_from_db()
    assert to_k3.acted_at is not None  # the komisi acted: the figures see it
    # A plain member may not pass it on.
    assert not letter_services.can_dispose(fresh(council.k3_member), letter)


def test_refusals(council):
    letter = register(council)
    ketua = fresh(council.ketua)
    with pytest.raises(LetterError) as refused:
        correspondence.dispose(actor=ketua, letter=letter, instructions=["ditindaklanjuti"])
    assert refused.value.code == "no_recipient"
    pimpinan = Body.objects.get(code="PIMPINAN")
    for group in (correspondence.group_key(pimpinan), "dprd:999999", "dprd:x"):
        with pytest.raises(LetterError) as refused:
            correspondence.dispose(
                actor=fresh(council.ketua),
                letter=letter,
                groups=[group],
                instructions=["ditindaklanjuti"],
            )
        assert refused.value.code == "outside_hierarchy"
    with pytest.raises(LetterError) as refused:
        correspondence.dispose(
            actor=fresh(council.outsider),
            letter=letter,
            groups=[correspondence.group_key(council.k3)],
            instructions=["ditindaklanjuti"],
        )
    assert refused.value.code == "not_disposer"
    with pytest.raises(LetterError):  # a member is not SETWAN's agenda officer
        register(SimpleNamespace(officer=council.ketua))
    assert Letter.objects.count() == 1 and Disposition.objects.count() == 0


def test_members_never_see_other_letters(council):
    sekda_letter = letter_services.register_incoming(
        actor=make_staff(OrgUnit.objects.get(code="SETDA"), full_name="TU Setda"),
        unit=OrgUnit.objects.get(code="SETDA"),
        subject="Surat untuk Sekda",
        classification=ClassificationCode.objects.get(code="000.5.3.1"),
        sender_name="Pemprov",
    )
    setwan_own = letter_services.register_incoming(
        actor=council.officer,
        unit=council.setwan,
        subject="Surat untuk Sekretariat DPRD",
        classification=ClassificationCode.objects.get(code="000.5.3.1"),
        sender_name="BPKAD",
    )
    council_letter = register(council)
    for user in (council.ketua, council.k3_member, council.outsider):
        visible = set(letter_selectors.visible_letters(fresh(user)))
        assert sekda_letter not in visible and setwan_own not in visible
    assert set(letter_selectors.visible_letters(fresh(council.ketua))) == {council_letter}
    # SETWAN's staff see every council letter (and their own unit's letters).
    assert council_letter in set(letter_selectors.visible_letters(fresh(council.officer)))
    # A member still holds no unit membership: no SETWAN inbox by being a member.
    assert not Membership.objects.filter(user=council.ketua).exists()


def test_council_letter_numbered_with_setwan_template(council):
    UnitLetterSettings.objects.create(
        org_unit=council.setwan,
        number_code="DPRD",
        number_template="{klasifikasi}/{urut}/{unit}/{tahun}",
        letterhead_name="DEWAN PERWAKILAN RAKYAT DAERAH KOTA BALIKPAPAN",
    )
    letter = correspondence.draft_council_letter(
        actor=council.officer,
        subject="Jawaban atas undangan RDP",
        classification=ClassificationCode.objects.get(code="000.5.3.1"),
        body="Dengan hormat, ...",
        signer=council.sekwan,
        external_recipients="Forum RT Kelurahan Sepinggan",
    )
    assert letter.org_unit == council.setwan and letter.council.term.name == "2024-2029"
    letter_services.submit_outgoing(actor=council.officer, letter=letter)
    signed = letter_services.sign_outgoing(actor=council.sekwan, letter=letter)
    year = timezone.localdate().year
    assert signed.letter_number == f"000.5.3.1/1/DPRD/{year}"
    assert letter in correspondence.council_letters(fresh(council.ketua))


# --- Pages ----------------------------------------------------------------------------------


def login(client, user):
    from satupintu.testing.factories import TEST_PASSWORD, current_totp_code

    client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})
    client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})


def test_pages_phone_flow(client, council):
    login(client, council.officer)
    url = reverse("dprd:correspondence_register")
    response = client.post(url, {"subject": "Tanpa pengirim", "sifat": "biasa"})
    assert response.status_code == 400
    assert "Tanpa pengirim" in response.content.decode()  # what was typed is kept
    response = client.post(
        url,
        {
            "sender_name": "Forum RT Sepinggan",
            "external_number": "7/FRT/2026",
            "external_date": "2026-01-05",
            "subject": "Permohonan RDP drainase",
            "sifat": "biasa",
            "classification": "000.5.3.1",
        },
    )
    letter = Letter.objects.get(subject="Permohonan RDP drainase")
    assert response.status_code == 302 and letter.council
    client.logout()

    login(client, council.ketua)
    detail = reverse("dprd:correspondence_detail", args=[letter.pk])
    page = client.get(detail).content.decode()
    assert "Komisi III" in page and "Disposisikan" in page
    dispose = reverse("dprd:correspondence_dispose", args=[letter.pk])
    response = client.post(dispose, {"instructions": ["ditindaklanjuti"]})
    assert response.status_code == 400
    assert "Pilih sedikitnya satu penerima disposisi." in response.content.decode()
    group = correspondence.group_key(council.k3)
    assert client.post(dispose, {"bodies": [group]}).status_code == 302
    client.logout()

    login(client, council.k3_member)
    # The e-office's link (the disposition e-mail) opens the council's page of the letter.
    assert client.get(reverse("letters:detail", args=[letter.pk])).url == detail
    inbox = client.get(reverse("dprd:correspondence")).content.decode()
    assert "Permohonan RDP drainase" in inbox
    disposition = Disposition.objects.get(letter=letter)
    report = reverse("dprd:correspondence_report", args=[disposition.pk])
    assert client.post(report, {"report": "Dijadwalkan RDP Kamis."}).status_code == 302
    disposition.refresh_from_db()
    assert disposition.done_by == council.k3_member
    client.logout()

    for user in (council.outsider, make_staff(OrgUnit.objects.get(code="DPU"))):
        login(client, user)
        assert client.get(detail).status_code == 404
        assert client.get(reverse("letters:detail", args=[letter.pk])).status_code == 404
        assert client.post(report, {"report": "x"}).status_code == 404
        assert client.get(reverse("dprd:correspondence_register")).status_code == 404
        client.logout()


def test_demo_council_letters(reference_data):
    from satupintu.demo import data
    from satupintu.dprd import demo
    from satupintu.minutes import demo as minutes_demo

    ensure_codes()
    minutes_demo.load()
    demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)
    demo.load(password=data.DEMO_PASSWORD, domain=data.DEMO_DOMAIN)  # idempotent
    assert CouncilLetter.objects.count() == 2
    ketua = Member.objects.get(positions__body__code="PIMPINAN", positions__role="ketua").user
    assert ketua.email == f"ketua.dprd@{data.DEMO_DOMAIN}"
    assert letter_selectors.counters(fresh(ketua)).to_act == 1  # the audiensi waits for them
    done = Disposition.objects.get(
        to_group=correspondence.group_key(Body.objects.get(code="KOMISI-III"))
    )
    assert done.done_at is not None and done.report
