from satupintu.cases.holders import claimable
from satupintu.cases.tests.helpers import make_category
from satupintu.onedoor import demo, registry
from satupintu.testing.factories import UserFactory


def test_demo_gives_the_citizen_a_report_and_one_to_link(reference_data):
    make_category()
    citizen = UserFactory(email="warga@demo.test")

    assert demo.load(domain="demo.test") == 2
    assert demo.load(domain="demo.test") == 0  # loaded once

    assert len(registry.overview(citizen).items) == 1
    assert claimable(citizen).count() == 1
