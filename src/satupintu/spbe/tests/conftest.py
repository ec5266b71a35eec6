"""Fixtures of the SPBE self-evaluation: the bundled framework, the SPBE team (Diskominfo's
koordinator), this year's evaluation with indicators 1 and 2 assigned to opd_a."""

import pytest

from satupintu.applications.tests.staff_fixtures import signing_keys  # noqa: F401 - fixture


@pytest.fixture
def diskominfo(reference_data):
    from satupintu.org.models import OrgUnit

    return OrgUnit.objects.get(code="DISKOMINFO")


@pytest.fixture
def team(diskominfo):
    from satupintu.org.models import Membership
    from satupintu.testing.factories import make_staff

    return make_staff(diskominfo, Membership.Role.COORDINATOR)


@pytest.fixture
def spbe_framework(db):
    from satupintu.spbe import framework
    from satupintu.spbe.services.framework import load_framework

    return load_framework(framework.BUNDLED.read_text(encoding="utf-8")).framework


@pytest.fixture
def evaluation(spbe_framework, team, opd_a):
    from satupintu.spbe.models import Indicator
    from satupintu.spbe.services import evaluation as services

    found = services.open_evaluation(year=2026, framework=spbe_framework, actor=team)
    services.assign(
        evaluation=found,
        indicators=list(
            Indicator.objects.filter(aspect__domain__framework=spbe_framework, number__in=[1, 2])
        ),
        org_unit=opd_a,
        actor=team,
    )
    return found


@pytest.fixture
def team_signing(diskominfo, signing_keys):  # noqa: F811 - the fixture above
    from satupintu.documents import services

    ca = services.create_demo_ca(key=signing_keys["ca"])
    return services.issue_demo_identity(ca=ca, org_unit=diskominfo, key=signing_keys["unit"])
