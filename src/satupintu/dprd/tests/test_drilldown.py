"""From each figure of the DPRD secretariat's dashboard to the list of what it counts: every
linked number equals the length of the list behind it (for SETWAN, who see the dashboard), a
member following a link sees only what they may see, and bad filters are ignored."""

from datetime import timedelta
from html import unescape

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from satupintu.dashboards import registry
from satupintu.dprd import figures, selectors
from satupintu.dprd.tests import test_figures, test_figures_reses, test_reses
from satupintu.org.models import OrgUnit

pytestmark = pytest.mark.django_db
# The figures' and E-Reses tests' fixtures.
setwan, council, recorded = test_figures.setwan, test_figures.council, test_figures_reses.recorded
period, recess, held = test_reses.period, test_reses.recess, test_reses.held


def staff_scope(days=7) -> registry.Scope:
    unit = OrgUnit.objects.get(code=figures.SETWAN_CODE)
    today = timezone.localdate()
    return registry.Scope(
        units=Q(path__startswith=unit.path), start=today - timedelta(days=days), end=today,
        staff=True,
    )  # fmt: skip


def linked_counts(scope, keys) -> list[tuple[str, int]]:
    found = []
    for key in keys:
        for row in registry.get(key).rows(scope):
            found += [(url, row.values[column]) for column, url in row.links.items()]
    return found


def listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


FIGURES = ("dprd-aspirasi-komisi", "dprd-aspirasi-dapil", "dprd-usulan-status")


def test_every_linked_figure_equals_its_list(client, council, setwan):
    links = linked_counts(staff_scope(), FIGURES)
    # Komisi III, dapil and council aspirations; proposals per dapil and status: all linked.
    assert len(links) >= 7
    client.force_login(setwan)
    for url, count in links:
        assert count > 0 and listed(client, url) == count, url
    # The dashboard shows the links.
    page = unescape(client.get(reverse("dprd:dashboard")).content.decode())
    assert "/kantor/dprd/aspirasi/?komisi=" in page and "/kantor/dprd/usulan/?dapil=" in page


def test_komisi_link_lists_exactly_those_aspirations(client, council, setwan):
    to_komisi, to_dapil, to_council = council["aspirations"]
    [(url, count)] = [
        (u, c) for u, c in linked_counts(staff_scope(), ["dprd-aspirasi-komisi"])
        if f"komisi={to_komisi.commission_id}" in u
    ]  # fmt: skip
    client.force_login(setwan)
    response = client.get(url)
    codes = {a.case.tracking_code for a in response.context["page"]}
    assert count == 1 and codes == {to_komisi.case.tracking_code}
    assert "Disaring dari dasbor" in response.content.decode()
    # A period before the aspiration was filed: nothing.
    before = (timezone.localdate() - timedelta(days=30)).isoformat()
    empty = url.split("&dari=")[0] + f"&dari={before}&sampai={before}"
    assert listed(client, empty) == 0


def test_member_following_a_link_sees_only_what_they_may(client, council):
    member = council["member"]
    client.force_login(member.user)
    for url, _count in linked_counts(staff_scope(), ["dprd-usulan-status"]):
        shown = client.get(url).context["page"]
        assert all(p.district_id == member.district_id for p in shown)
    visible = selectors.staff_aspirations(member.user).count()
    for url, _count in linked_counts(staff_scope(), ["dprd-aspirasi-dapil"]):
        assert listed(client, url) <= visible


def test_past_status_snapshot_is_not_linked(council):
    today = timezone.localdate()
    unit = OrgUnit.objects.get(code=figures.SETWAN_CODE)
    past = registry.Scope(
        units=Q(path__startswith=unit.path), start=today - timedelta(days=4),
        end=today - timedelta(days=1), staff=True,
    )  # fmt: skip
    rows = registry.get("dprd-usulan-status").rows(past)
    assert rows and not any(row.links for row in rows)


def test_reses_per_member_links_to_the_held_reses(client, recorded, setwan_staff):
    [(url, count)] = linked_counts(staff_scope(), ["dprd-reses-anggota"])
    client.force_login(setwan_staff)
    assert count == 1 and listed(client, url) == 1
    assert client.get(url).context["page"][0].pk == recorded.pk
    # Recorded as held yesterday: a period of today alone lists nothing.
    today = timezone.localdate().isoformat()
    assert listed(client, url.split("&dari=")[0] + f"&dari={today}&sampai={today}") == 0


def test_bad_filters_are_ignored(client, council, setwan):
    client.force_login(setwan)
    everything = listed(client, reverse("dprd:aspiration_staff_list"))
    query = "?komisi=abc&dapil=-1&dari=kemarin&sampai=2026-13-45"
    assert listed(client, reverse("dprd:aspiration_staff_list") + query) == everything
    assert client.get(reverse("dprd:staff_list") + "?status=<b>&dapil=x").status_code == 200
    assert client.get(reverse("dprd:reses_list") + "?anggota=x&dari=y").status_code == 200
