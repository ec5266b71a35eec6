"""An OPD admin configures their own sites (services, counters, hours, doctors); other OPDs'
sites do not exist for them."""

import pytest
from django.urls import reverse

from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def test_opd_admin_manages_only_own_sites(client, rsud, office):
    admin = make_staff(OrgUnit.objects.get(code="RSUD"), Membership.Role.ADMIN)
    client.force_login(admin)
    listing = client.get(reverse("admin:queues_site_changelist"))
    assert listing.status_code == 200
    assert rsud.name in listing.text and office.name not in listing.text
    assert client.get(reverse("admin:queues_site_change", args=[rsud.pk])).status_code == 200
    other = client.get(reverse("admin:queues_site_change", args=[office.pk]))
    assert other.status_code == 302 and other["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:queues_site_add")).status_code == 200
    doctors = client.get(reverse("admin:queues_practitioner_changelist"))
    assert "dr. Satu" in doctors.text
    doctor = rsud.practitioners.first()
    assert (
        client.get(reverse("admin:queues_practitioner_change", args=[doctor.pk])).status_code == 200
    )
    # FHIR clients are city-wide settings.
    assert client.get(reverse("admin:queues_fhirclient_changelist")).status_code == 403
