"""The public statistics page: counts and times, never personal data."""

from datetime import timedelta

import pytest
import time_machine

from satupintu.cases.tests.helpers import (
    MANGGAR,
    act,
    file_case,
    make_category,
    unit,
    verify,
    wita,
)
from satupintu.cases.workflow import COORDINATOR
from satupintu.complaints.selectors import statistics
from satupintu.testing.factories import make_staff

PEOPLE = [
    ("Siti Aminah", "siti.aminah@contoh.id", "+6281311112222"),
    ("Joko Widodo Santoso", "joko.ws@contoh.id", "+6281333334444"),
    ("Maria Ulfa", "maria.ulfa@contoh.id", "+6281355556666"),
]


@pytest.fixture
def filed(category, coordinator):
    lamp = make_category("lampu", name="Lampu penerangan jalan")
    operator = make_staff(unit("DPU"))
    start = wita(2026, 4, 13, 8, 0)
    with time_machine.travel(start, tick=False):
        answered, _s = file_case(
            category,
            title="Jalan rusak parah",
            reporter_name=PEOPLE[0][0],
            reporter_email=PEOPLE[0][1],
            reporter_phone=PEOPLE[0][2],
        )
        waiting, _s = file_case(
            lamp,
            title="Lampu padam",
            kelurahan=MANGGAR,
            reporter_name=PEOPLE[1][0],
            reporter_email=PEOPLE[1][1],
            reporter_phone=PEOPLE[1][2],
        )
        duplicate, _s = file_case(
            category,
            title="Jalan rusak parah juga",
            reporter_name=PEOPLE[2][0],
            reporter_email=PEOPLE[2][1],
            reporter_phone=PEOPLE[2][2],
        )
        verify(answered, coordinator)
    with time_machine.travel(start + timedelta(hours=4), tick=False):
        act(answered, "reply", operator, note="Kami cek.")
    with time_machine.travel(start + timedelta(hours=10), tick=False):
        act(answered, "resolve", operator, note="Selesai ditambal.")
    act(duplicate, "merge", coordinator, role=COORDINATOR, parent=answered)
    return answered, waiting, duplicate


def test_statistics_count_cases_but_not_merged_duplicates(filed):
    stats = statistics()

    assert stats["total"] == 2
    assert stats["resolved"] == 1
    assert {row["category__name"]: row["n"] for row in stats["by_category"]} == {
        "Jalan rusak": 1,
        "Lampu penerangan jalan": 1,
    }
    # The unverified case is not yet counted for the unit it was provisionally routed to.
    assert stats["by_unit"] == [{"org_unit__name": "Dinas Pekerjaan Umum", "n": 1}]
    assert {row["region__name"] for row in stats["by_region"]} == {"Sepinggan", "Manggar"}
    assert stats["median_first_response_hours"] == 4.0
    assert stats["median_resolution_hours"] == 10.0
    assert stats["on_time_share"] == 100.0
    assert statistics(year=2025)["total"] == 0


def test_statistics_page_shows_counts_and_no_personal_data(client, filed):
    response = client.get("/aduan/statistik/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Statistik pengaduan" in body
    assert "Lampu penerangan jalan" in body and "Dinas Pekerjaan Umum" in body
    assert "Manggar" in body
    for name, email, phone in PEOPLE:
        assert name not in body and email not in body and phone not in body
        assert phone[3:] not in body
    for case in filed:
        assert case.tracking_code not in body
        assert case.title not in body
    assert "Kami cek." not in body and "Selesai ditambal." not in body


def test_statistics_page_without_any_case(client, reference_data):
    response = client.get("/aduan/statistik/")

    assert response.status_code == 200
    assert statistics()["median_resolution_hours"] is None
