"""Routing rules: category × region → unit; the most specific region wins, then priority."""

import pytest

from satupintu.cases.models import RoutingRule
from satupintu.cases.routing import route_for
from satupintu.cases.tests.helpers import (
    BALIKPAPAN_SELATAN,
    GUNUNG_BAHAGIA,
    MANGGAR,
    SEPINGGAN,
    file_case,
    region,
    unit,
)


def rule(category, region_code, unit_code, priority=100):
    return RoutingRule.objects.create(
        category=category,
        region=region(region_code) if region_code else None,
        org_unit=unit(unit_code),
        priority=priority,
    )


@pytest.fixture
def rules(category):
    """City-wide → DISHUB, kecamatan Balikpapan Selatan → its office, Sepinggan → its office."""
    rule(category, None, "DISHUB")
    rule(category, BALIKPAPAN_SELATAN, f"KEC-{BALIKPAPAN_SELATAN}")
    rule(category, SEPINGGAN, f"KEL-{SEPINGGAN}")
    return category


def test_kelurahan_rule_beats_kecamatan_and_city_rules(rules):
    assert route_for(rules, region(SEPINGGAN)).code == f"KEL-{SEPINGGAN}"


def test_kecamatan_rule_beats_city_rule(rules):
    # Gunung Bahagia has no rule of its own but lies in Balikpapan Selatan.
    assert route_for(rules, region(GUNUNG_BAHAGIA)).code == f"KEC-{BALIKPAPAN_SELATAN}"


def test_city_rule_beats_category_default(rules):
    assert rules.default_org_unit.code == "DPU"
    assert route_for(rules, region(MANGGAR)).code == "DISHUB"
    assert route_for(rules, None).code == "DISHUB"


def test_category_default_when_no_rule_matches(category):
    rule(category, SEPINGGAN, "DLH")

    assert route_for(category, region(MANGGAR)).code == "DPU"
    assert route_for(category, None).code == "DPU"


def test_no_category_no_unit(reference_data):
    assert route_for(None, region(SEPINGGAN)) is None


def test_lower_priority_number_wins_at_the_same_level(category):
    rule(category, SEPINGGAN, "DLH", priority=50)
    rule(category, SEPINGGAN, "DISPERKIM", priority=10)
    rule(category, SEPINGGAN, "DISHUB", priority=90)

    assert route_for(category, region(SEPINGGAN)).code == "DISPERKIM"


def test_same_priority_keeps_the_older_rule(category):
    rule(category, SEPINGGAN, "DLH", priority=10)
    rule(category, SEPINGGAN, "DISPERKIM", priority=10)

    assert route_for(category, region(SEPINGGAN)).code == "DLH"


def test_priority_never_beats_a_more_specific_region(category):
    rule(category, None, "DISHUB", priority=1)
    rule(category, SEPINGGAN, "DLH", priority=999)

    assert route_for(category, region(SEPINGGAN)).code == "DLH"


def test_inactive_unit_is_skipped_for_the_next_rule(rules):
    kelurahan_office = unit(f"KEL-{SEPINGGAN}")
    kelurahan_office.is_active = False
    kelurahan_office.save()

    assert route_for(rules, region(SEPINGGAN)).code == f"KEC-{BALIKPAPAN_SELATAN}"


def test_inactive_unit_is_skipped_within_a_level(category):
    rule(category, SEPINGGAN, "DLH", priority=1)
    rule(category, SEPINGGAN, "DISPERKIM", priority=2)
    dlh = unit("DLH")
    dlh.is_active = False
    dlh.save()

    assert route_for(category, region(SEPINGGAN)).code == "DISPERKIM"


def test_inactive_default_unit_leaves_the_case_to_the_coordinator(category):
    dpu = unit("DPU")
    dpu.is_active = False
    dpu.save()
    category.refresh_from_db()

    assert route_for(category, region(MANGGAR)) is None


def test_submitted_case_is_routed_by_the_rules(rules):
    case, _secret = file_case(rules, kelurahan=SEPINGGAN)

    assert case.org_unit.code == f"KEL-{SEPINGGAN}"
    assert case.status == "baru"  # routed provisionally; the coordinator verifies
