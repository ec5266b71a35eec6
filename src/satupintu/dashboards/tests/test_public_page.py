"""/transparansi/ stays light and cheap however many units the city has: each figure shows its
largest rows (all of them on the figure's own page and in its CSV), and the figures are
computed once per rollup version, not once per request."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from satupintu.cases.tests.helpers import coordinator, file_case, make_category, verify
from satupintu.dashboards import charts, pages, rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.org.models import OrgUnit
from satupintu.testing.pages import without_render_time

pytestmark = pytest.mark.django_db


def received(units: int) -> list[OrgUnit]:
    """Complaints received today by `units` units: the first one 1, the next 2, and so on."""
    chosen = list(OrgUnit.objects.order_by("code")[:units])
    today = timezone.localdate()
    DailyFigure.objects.bulk_create(
        DailyFigure(day=today, metric="complaint.received", org_unit=unit, count=i + 1)
        for i, unit in enumerate(chosen)
    )
    return chosen


def table_rows(html: str, key: str) -> list[str]:
    section = html.split(f'id="judul-{key}"', 1)[1].split("</section>", 1)[0]
    table = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row">([^<]*)</th>', table)


def rendered(client, url) -> str:
    return without_render_time(client.get(url).text)


def test_page_shows_the_largest_rows_and_links_to_all_of_them(client, reference_data):
    units = received(pages.PUBLIC_ROWS + 15)
    html = client.get(reverse("dashboards:public")).text
    shown = table_rows(html, "pengaduan-opd")
    largest = [u.name for u in reversed(units)][: pages.PUBLIC_ROWS]
    assert shown == largest  # largest first; the smallest ones are not on the page
    figure_page = reverse("dashboards:public_figure", args=["pengaduan-opd"])
    assert figure_page in html
    everything = client.get(figure_page).text
    assert sorted(table_rows(everything, "pengaduan-opd")) == sorted(u.name for u in units)
    csv = client.get(reverse("dashboards:public_csv", args=["pengaduan-opd"]))
    assert all(u.name in csv.content.decode() for u in units)


def test_page_weight_does_not_grow_with_units(client, reference_data):
    received(pages.PUBLIC_ROWS)
    few = len(client.get(reverse("dashboards:public")).content)
    DailyFigure.objects.all().delete()
    rollup.rollup_day(timezone.localdate() - timedelta(days=400))  # a new rollup version
    received(OrgUnit.objects.count())
    many = len(client.get(reverse("dashboards:public")).content)
    assert many < few * 1.1


def test_figures_are_computed_once_per_rollup_version(
    client, reference_data, django_assert_max_num_queries
):
    category = make_category()
    case, _secret = file_case(category)
    verify(case, by=coordinator(), org_unit="DPU")
    today = timezone.localdate()
    rollup.rollup_day(today)
    url = reverse("dashboards:public")
    first = rendered(client, url)
    assert table_rows(first, "pengaduan-opd") == [OrgUnit.objects.get(code="DPU").name]
    with django_assert_max_num_queries(3):  # the rollup's version and the figures: cached
        assert rendered(client, url) == first
    other, _secret = file_case(category, title="Lampu jalan mati di gang")
    verify(other, by=coordinator(), org_unit="DINKES")
    assert rendered(client, url) == first  # not rolled up yet: the same figures
    rollup.rollup_day(today)  # the rollup writes: a new version, the figures again
    names = table_rows(client.get(url).text, "pengaduan-opd")
    assert OrgUnit.objects.get(code="DINKES").name in names


def test_only_public_figures_have_a_page(client, reference_data):
    assert client.get(reverse("dashboards:public_figure", args=["ikm"])).status_code == 200
    for key in ("tidak-ada", "dprd-aspirasi-komisi"):  # unknown; the DPRD's own dashboard
        assert client.get(reverse("dashboards:public_figure", args=[key])).status_code == 404
    bad = client.get(reverse("dashboards:public_figure", args=["ikm"]) + "?dari=x")
    assert bad.status_code == 400


def test_bars_are_one_path_with_a_label_and_value_per_bar():
    svg = charts.bars_svg("Uji <x>", [("Satu", 1), ("Dua", 2.5), ("Kosong", None)], "g")
    assert svg.count("<path") == 1 and "<rect" not in svg
    assert svg.count("<text") == 4 and ">2,5<" in svg and "Uji &lt;x&gt;" in svg
