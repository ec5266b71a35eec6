"""Who may use the counter: counter officers only, each on their own counters' filings."""

import pytest
from django.urls import reverse

from satupintu.accounts.personal_data import Erasure
from satupintu.assisted import personal_data
from satupintu.assisted.models import AssistedFiling
from satupintu.assisted.tests.conftest import NEW_NIK, fill_and_submit, look_up, start_data
from satupintu.org.models import Membership, OrgUnit
from satupintu.org.permissions import is_counter_officer
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(client, officer, service):
    client.force_login(officer)
    look_up(client)
    client.post(reverse("assisted:start"), start_data(service))
    client.logout()
    return AssistedFiling.objects.get()


def filing_urls(filing):
    return [
        reverse("assisted:detail", args=[filing.pk]),
        reverse("assisted:step", args=[filing.pk, 1]),
    ]


@pytest.mark.parametrize("who", ["citizen", "staff_a", "coordinator"])
def test_people_without_a_counter_get_nothing(
    client, who, citizen, staff_a, filing, reference_data
):
    user = {
        "citizen": citizen,
        "staff_a": staff_a,
        "coordinator": make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR),
    }[who]
    client.force_login(user)
    assert not is_counter_officer(user)
    for name in ("assisted:list", "assisted:lookup", "assisted:start"):
        assert client.get(reverse(name)).status_code == 404, name
    assert client.post(reverse("assisted:lookup"), {"nik": NEW_NIK}).status_code == 404
    for url in filing_urls(filing):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitor_is_sent_to_log_in(client, filing):
    for url in [reverse("assisted:list"), *filing_urls(filing)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/login/")


def test_another_units_counter_gets_404(client, filing, other_officer):
    client.force_login(other_officer)
    for url in filing_urls(filing):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("assisted:list")).content.decode()
    assert reverse("assisted:detail", args=[filing.pk]) not in listing


def test_a_colleague_at_the_same_counter_can_continue(client, filing, colleague):
    client.force_login(colleague)
    assert client.get(reverse("assisted:detail", args=[filing.pk])).status_code == 200
    assert client.get(reverse("assisted:step", args=[filing.pk, 1])).status_code == 200
    listing = client.get(reverse("assisted:list")).content.decode()
    assert reverse("assisted:detail", args=[filing.pk]) in listing
    assert "6471********0002" in listing and NEW_NIK not in listing


def test_the_kecamatan_counter_sees_its_kelurahan(client, filing, kelurahan):
    head_counter = make_staff(kelurahan.parent, Membership.Role.COUNTER)
    client.force_login(head_counter)
    assert client.get(reverse("assisted:detail", args=[filing.pk])).status_code == 200


def test_a_counter_role_gives_no_say_over_the_units_cases(
    client, officer, opd_a, service, django_capture_on_commit_callbacks
):
    """A counter officer at an OPD sees what they filed, not the OPD's case work."""
    counter_at_opd = make_staff(opd_a, Membership.Role.COUNTER)
    client.force_login(counter_at_opd)
    look_up(client)
    client.post(reverse("assisted:start"), start_data(service))
    filing = AssistedFiling.objects.get()
    fill_and_submit(client, filing, django_capture_on_commit_callbacks)
    code = AssistedFiling.objects.get().application.case.tracking_code
    assert client.get(reverse("applications:staff_detail", args=[code])).status_code == 404
    assert client.get(reverse("cases:staff_detail", args=[code])).status_code == 404
    assert code not in client.get(reverse("applications:staff_queue")).content.decode()


def test_officer_cannot_file_at_a_counter_not_theirs(officer, mpp, service):
    from satupintu.assisted import services

    with pytest.raises(services.FilingError) as refused:
        services.start_filing(
            officer=officer,
            counter_unit=mpp,
            nik=NEW_NIK,
            citizen=None,
            service=service,
            full_name="Sumiati",
            phone="+6281234567001",
        )
    assert refused.value.status == 404
    assert not AssistedFiling.objects.exists()


def test_personal_data_export_and_erasure(filing):
    exported = personal_data.export(filing.citizen)
    assert exported[0]["consent"]["version"] == filing.consent_version
    assert exported[0]["consent"]["text"].startswith("Saya meminta petugas loket")
    assert exported[0]["contact_phone"] == "+6281234567001"
    erasure = Erasure()
    personal_data.erase(filing.citizen, erasure)
    filing.refresh_from_db()
    assert erasure.counts["assisted_filings"] == 1
    assert filing.contact_phone == "" and filing.consent_given_at is not None
