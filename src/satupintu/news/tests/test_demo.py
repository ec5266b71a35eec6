import pytest

from satupintu.news import demo, selectors
from satupintu.news.models import Item
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
DOMAIN = "demo.example"


def _staff(local, unit, role):
    user = UserFactory(email=f"{local}@{DOMAIN}", is_staff=True)
    Membership.objects.create(user=user, org_unit=unit, role=role)
    return user


def test_demo_news(opd_a, opd_b):
    _staff("operator.dpu", opd_a, Membership.Role.OPERATOR)
    _staff("kepala.dpu", opd_a, Membership.Role.HEAD)
    _staff("operator.dinkes", opd_b, Membership.Role.OPERATOR)
    _staff("koordinator", OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    assert demo.load(domain=DOMAIN) == 13
    assert demo.load(domain=DOMAIN) == 0  # idempotent
    public = selectors.public_items()
    assert public.count() == 10  # the scheduled, the waiting and the draft ones stay hidden
    assert Item.objects.filter(status=Item.Status.REVIEW).count() == 1
    assert public.filter(image__isnull=False).count() == 3
    road = public.get(title="Pembangunan jalan di Sepinggan dimulai pekan ini")
    assert [p.caption[:6] for p in road.gallery.all()] == ["Tahap ", "Tahap ", "Tahap "]
    assert all(p.alt_text and p.renditions for p in road.gallery.all())
    count, found = selectors.search("pembangunn jalan sepinggan", 10)
    assert found[0].title == "Pembangunan jalan di Sepinggan dimulai pekan ini"
    assert count >= 1


def test_demo_needs_its_accounts(opd_a):
    assert demo.load(domain=DOMAIN) == 0
    assert not Item.objects.exists()
