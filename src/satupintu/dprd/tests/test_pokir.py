import csv
import datetime
import io
import threading

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from satupintu.dprd import exports, selectors, services
from satupintu.dprd.models import Proposal, SubmissionWindow, Support
from satupintu.dprd.tests.conftest import new_proposal, png_bytes
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db


# Windows


def _window(year, opens, closes):
    return SubmissionWindow.objects.create(planning_year=year, opens_on=opens, closes_on=closes)


def test_window_rules(db):
    d = datetime.date
    assert services.planning_year_for(d(2026, 3, 1)) is None  # no window at all
    _window(2027, d(2026, 1, 1), d(2026, 3, 31))
    _window(2028, d(2027, 1, 1), d(2027, 3, 31))
    assert services.planning_year_for(d(2025, 12, 1)) == 2027  # early: the coming window
    assert services.planning_year_for(d(2026, 3, 31)) == 2027  # the closing day still counts
    assert services.planning_year_for(d(2026, 4, 1)) == 2028  # after it: the next year
    assert services.planning_year_for(d(2027, 4, 1)) is None


def test_no_open_window_refuses(reference_data, sepinggan):
    with pytest.raises(services.ProposalError):
        services.submit_proposal(new_proposal(sepinggan), user=UserFactory())
    assert not Proposal.objects.exists()


# Submission


def test_proposal_goes_to_the_dapil_of_its_kelurahan(proposal, window):
    assert proposal.district.districts.get().name == "Balikpapan Selatan"
    assert proposal.planning_year == window.planning_year
    assert proposal.case.tracking_code.startswith("POK-")
    assert proposal.case.status == "diajukan"
    assert proposal.case.org_unit.code == "SETWAN"
    assert proposal.case.attachments.count() == 1
    assert proposal.line == [[-1.2601, 116.8901], [-1.2611, 116.8921]]


@pytest.mark.parametrize("missing", ["street", "boundaries", "volume", "volume_unit", "photos"])
def test_incomplete_proposals_are_refused(window, sepinggan, missing):
    empty = [] if missing == "photos" else None if missing == "volume" else ""
    with pytest.raises(services.ProposalError) as caught:
        services.submit_proposal(new_proposal(sepinggan, **{missing: empty}), user=UserFactory())
    assert caught.value.status == 400
    assert not Proposal.objects.exists()


def _form_data(sepinggan, **changes):
    data = {
        "title": "Semenisasi gang Mawar",
        "description": "Gang Mawar becek setiap hujan, dilalui anak sekolah setiap hari.",
        "work_type": "fisik",
        "affair": "Pekerjaan umum",
        "source": "warga",
        "kelurahan": sepinggan.pk,
        "rt": "12",
        "street": "Gg. Mawar",
        "boundaries": "Dari mulut gang sampai musala",
        "volume": "350",
        "volume_unit": "m",
        "line": "-1.2601,116.8901\n-1.2611,116.8921",
        "idempotency_key": "k-1",
    }
    data.update(changes)
    return data


def test_form_refuses_missing_fields_and_keeps_the_draft(client, window, sepinggan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(UserFactory())
    url = reverse("dprd:proposal_new")
    data = _form_data(sepinggan, boundaries="", volume="")
    response = client.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Tulis batas lokasi" in text and "Isi volume" in text
    assert "Lampirkan paling sedikit satu foto lokasi" in text
    assert "Semenisasi gang Mawar" in text  # input kept
    assert not Proposal.objects.exists()
    again = client.get(url).content.decode()  # the draft is still there later
    assert "Semenisasi gang Mawar" in again and "Gg. Mawar" in again
    photo = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    response = client.post(url, {**_form_data(sepinggan), "files": photo})
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dprd:proposal", args=[proposal.case.tracking_code])
    assert proposal.line == [[-1.2601, 116.8901], [-1.2611, 116.8921]]
    assert "Semenisasi" not in client.get(url).content.decode()  # draft cleared


def test_form_refuses_a_bad_line(client, window, sepinggan):
    client.force_login(UserFactory())
    response = client.post(reverse("dprd:proposal_new"), _form_data(sepinggan, line="abc"))
    assert response.status_code == 400
    assert "lintang,bujur" in response.content.decode()


def test_form_needs_login(client, reference_data):
    assert client.get(reverse("dprd:proposal_new")).status_code == 302


# Support


def test_one_support_per_account(client, proposal):
    citizen = UserFactory()
    assert services.support(user=citizen, proposal=proposal) is True
    assert services.support(user=citizen, proposal=proposal) is False
    proposal.refresh_from_db()
    assert proposal.support_count == 1 == Support.objects.count()
    client.force_login(UserFactory())
    url = reverse("dprd:support", args=[proposal.case.tracking_code])
    for _ in range(3):
        assert client.post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.support_count == 2


def test_unverified_accounts_cannot_support(proposal):
    from allauth.account.models import EmailAddress

    citizen = UserFactory()
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    with pytest.raises(services.ProposalError):
        services.support(user=citizen, proposal=proposal)
    assert proposal.supports.count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_from_one_account_count_once(reference_data, window, sepinggan):
    case = services.submit_proposal(new_proposal(sepinggan), user=UserFactory())
    proposal = case.proposal
    citizen = UserFactory()
    results, barrier = [], threading.Barrier(8)

    def press():
        try:
            barrier.wait()
            for _ in range(5):
                try:
                    results.append(services.support(user=citizen, proposal=proposal))
                except Exception as exc:  # noqa: BLE001 - SQLite "database is locked"
                    results.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One more, alone: True only if every concurrent try failed (e.g. SQLite was locked).
    results.append(services.support(user=citizen, proposal=proposal))
    proposal.refresh_from_db()
    assert results.count(True) == 1
    assert proposal.support_count == 1 == proposal.supports.count()


# Status changes and who may make them


def test_status_flow_and_public_history(client, proposal, setwan_staff, selatan_member):
    services.act(user=setwan_staff, proposal=proposal, action="verify")
    services.act(user=selatan_member.user, proposal=proposal, action="adopt")
    proposal.refresh_from_db()
    assert proposal.case.status == "diadopsi" and proposal.adopted_by == selatan_member
    for action in ("propose", "accept", "budget", "implement"):
        services.act(user=setwan_staff, proposal=proposal, action=action)
    proposal.case.refresh_from_db()
    assert proposal.case.status == "dilaksanakan"
    page = client.get(reverse("dprd:proposal", args=[proposal.case.tracking_code]))
    text = page.content.decode()
    for words in ("Diverifikasi oleh Sekretariat DPRD", "Diadopsi oleh anggota DPRD"):
        assert words in text
    assert "Dilaksanakan" in text and selatan_member.name in text
    # the engine's own tracking page knows the kind too
    assert client.get(f"/lacak/{proposal.case.tracking_code}/").status_code == 200


def test_reject_needs_a_reason(proposal, setwan_staff):
    with pytest.raises(services.ProposalError):
        services.act(user=setwan_staff, proposal=proposal, action="reject")
    services.act(user=setwan_staff, proposal=proposal, action="reject", note="Bukan kewenangan")
    proposal.case.refresh_from_db()
    assert proposal.case.status == "ditolak"


def test_only_members_of_the_dapil_adopt(proposal, setwan_staff, utara_member, selatan_member):
    services.act(user=setwan_staff, proposal=proposal, action="verify")
    with pytest.raises(services.ProposalError) as caught:
        services.act(user=utara_member.user, proposal=proposal, action="adopt")
    assert caught.value.status == 404
    with pytest.raises(services.ProposalError):  # SETWAN cannot adopt for a member
        services.act(user=setwan_staff, proposal=proposal, action="adopt")
    with pytest.raises(services.ProposalError):  # a member does not verify
        services.act(user=selatan_member.user, proposal=proposal, action="propose")


def test_who_sees_proposals(proposal, setwan_staff, selatan_member, utara_member):
    assert proposal in selectors.staff_proposals(setwan_staff)
    assert proposal in selectors.staff_proposals(selatan_member.user)
    assert proposal not in selectors.staff_proposals(utara_member.user)
    opd_staff = make_staff(OrgUnit.objects.get(code="DPU"))
    assert not selectors.staff_proposals(opd_staff).exists()
    assert not selectors.staff_proposals(UserFactory()).exists()


def test_staff_pages_and_permissions(client, proposal, setwan_staff, utara_member):
    code = proposal.case.tracking_code
    client.force_login(setwan_staff)
    assert code in client.get(reverse("dprd:staff_list")).content.decode()
    assert client.get(reverse("dprd:staff_detail", args=[code])).status_code == 200
    client.post(reverse("dprd:staff_act", args=[code]), {"action": "verify", "note": ""})
    proposal.case.refresh_from_db()
    assert proposal.case.status == "diverifikasi"
    client.force_login(utara_member.user)
    assert code not in client.get(reverse("dprd:staff_list")).content.decode()
    assert client.get(reverse("dprd:staff_detail", args=[code])).status_code == 404
    assert (
        client.post(reverse("dprd:staff_act", args=[code]), {"action": "adopt"}).status_code == 404
    )
    number = proposal.district.number
    assert client.get(reverse("dprd:export_district", args=[number, "csv"])).status_code == 404
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    assert client.get(reverse("dprd:staff_detail", args=[code])).status_code == 404
    assert client.get(reverse("dprd:export_district", args=[number, "csv"])).status_code == 404


def test_dapil_page_lists_proposals_without_supporters(client, proposal):
    services.support(user=UserFactory(full_name="Rahasia Pendukung"), proposal=proposal)
    page = client.get(reverse("dprd:district", args=[proposal.district.number]))
    text = page.content.decode()
    assert proposal.case.title in text and "1 dukungan" in text
    assert "Rahasia Pendukung" not in text


# Exports


def test_sipd_exports_have_every_column(client, proposal, setwan_staff, selatan_member):
    services.act(user=setwan_staff, proposal=proposal, action="verify")
    services.act(user=selatan_member.user, proposal=proposal, action="adopt")
    client.force_login(setwan_staff)
    number = proposal.district.number
    response = client.get(reverse("dprd:export_district", args=[number, "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == exports.HEADER
    row = rows[0]
    assert row["kode_usulan"] == proposal.case.tracking_code
    assert row["kelurahan"] == "Sepinggan" and row["kecamatan"] == "Balikpapan Selatan"
    assert row["batas_lokasi"] and row["volume"] == "350.00" and row["satuan"] == "m"
    assert row["jumlah_foto"] == "1" and row["anggota_dprd"] == selatan_member.name
    assert row["garis"] == "-1.2601,116.8901;-1.2611,116.8921"
    response = client.get(reverse("dprd:export_member", args=[selatan_member.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == exports.HEADER and values[1][0] == proposal.case.tracking_code
    assert client.get(reverse("dprd:export_district", args=[number, "pdf"])).status_code == 404
    client.force_login(selatan_member.user)  # a member: their own dapil and own pokir
    assert client.get(reverse("dprd:export_district", args=[number, "csv"])).status_code == 200
    other = selectors.active_members(selatan_member.term).exclude(pk=selatan_member.pk)[0]
    assert client.get(reverse("dprd:export_member", args=[other.slug, "csv"])).status_code == 404


def test_csv_export_defuses_formulas(proposal):
    proposal.case.title = "=HYPERLINK(1)"
    proposal.case.save()
    text = exports.as_csv(Proposal.objects.all()).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_public_proposal_api(client, proposal):
    services.support(user=UserFactory(full_name="Rahasia Pendukung"), proposal=proposal)
    response = client.get("/api/v1/dprd/usulan/", {"dapil": proposal.district.number})
    text = response.content.decode()
    assert response.status_code == 200 and proposal.case.tracking_code in text
    assert "Rahasia Pendukung" not in text and "submitter" not in text
    other = client.get("/api/v1/dprd/usulan/", {"dapil": 1}).content.decode()
    assert proposal.case.tracking_code not in other


def test_odd_numbers_in_queries_are_ignored(client, proposal, setwan_staff):
    for value in ("²", "99999999999999999999", "-1", "abc"):
        response = client.get("/api/v1/dprd/usulan/", {"dapil": value, "tahun": value})
        assert response.status_code == 200
    client.force_login(setwan_staff)
    url = reverse("dprd:export_district", args=[proposal.district.number, "csv"])
    for value in ("²", "99999999999999999999"):
        assert client.get(url, {"tahun": value}).status_code == 200
