"""Duplicate suggestions and merging."""

from decimal import Decimal

import pytest

from satupintu.cases import selectors, services
from satupintu.cases.models import Case
from satupintu.cases.services import CaseError
from satupintu.cases.tests.helpers import (
    GUNUNG_BAHAGIA,
    MANGGAR,
    SEPINGGAN,
    act,
    file_case,
    make_category,
    verify,
)
from satupintu.cases.workflow import COORDINATOR

LAMP = "Lampu jalan mati di Jalan Mulawarman"
LAMP_TEXT = "Lampu penerangan jalan mati total sejak minggu lalu, jalan gelap sekali malam hari."


@pytest.fixture
def lamp(category):
    case, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)
    return case


def codes(pairs):
    return [case.tracking_code for case, _score in pairs]


def test_same_category_same_kelurahan_similar_text_is_suggested(category, lamp):
    twin, _secret = file_case(
        category,
        title="Lampu jalan mati Mulawarman",
        description="Lampu penerangan jalan mati, jalan gelap malam hari, mohon diperbaiki.",
    )

    suggestions = selectors.possible_duplicates(twin)

    assert codes(suggestions) == [lamp.tracking_code]
    assert 0.2 <= suggestions[0][1] <= 1


def test_other_category_other_place_or_other_text_is_not_suggested(category, lamp):
    other_category = make_category("lampu", name="Lampu")
    file_case(other_category, title=LAMP, description=LAMP_TEXT)  # other category
    file_case(category, title=LAMP, description=LAMP_TEXT, kelurahan=MANGGAR)  # elsewhere
    file_case(  # same place, unrelated words
        category,
        title="Sampah menumpuk di pasar",
        description="Tumpukan sampah plastik belum diangkut petugas kebersihan berhari-hari.",
    )

    assert selectors.possible_duplicates(lamp) == []


def test_nearby_coordinates_count_across_a_kelurahan_border(category):
    here, _secret = file_case(
        category,
        title=LAMP,
        description=LAMP_TEXT,
        latitude=Decimal("-1.265000"),
        longitude=Decimal("116.900000"),
    )
    near, _secret = file_case(
        category,
        title=LAMP,
        description=LAMP_TEXT,
        kelurahan=GUNUNG_BAHAGIA,
        latitude=Decimal("-1.266000"),
        longitude=Decimal("116.901000"),
    )
    file_case(
        category,
        title=LAMP,
        description=LAMP_TEXT,
        kelurahan=MANGGAR,
        latitude=Decimal("-1.230000"),
        longitude=Decimal("116.990000"),
    )

    assert codes(selectors.possible_duplicates(here)) == [near.tracking_code]


def test_closed_cases_and_cases_without_category_are_not_suggested(category, lamp, coordinator):
    done, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)
    act(done, "archive", coordinator, role=COORDINATOR)
    nameless, _secret = file_case(None, title=LAMP, description=LAMP_TEXT)

    assert selectors.possible_duplicates(lamp) == []
    assert selectors.possible_duplicates(nameless) == []


def test_most_similar_first(category, lamp):
    exact, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)
    loose, _secret = file_case(
        category, title="Lampu jalan mati", description="Lampu mati di jalan, gelap malam hari."
    )

    assert codes(selectors.possible_duplicates(lamp)) == [exact.tracking_code, loose.tracking_code]


# --- Merging -----------------------------------------------------------------------------------


def _merge(case, parent, coordinator):
    return act(case, "merge", coordinator, role=COORDINATOR, parent=parent, note="Duplikat.")


def test_merged_case_points_at_its_parent_and_is_closed(category, lamp, coordinator):
    duplicate, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)

    duplicate = _merge(duplicate, lamp, coordinator)

    assert duplicate.status == "digabung"
    assert duplicate.parent == lamp
    assert duplicate.closed_at is not None
    assert duplicate.events.last().data == {"parent": lamp.tracking_code}
    assert list(lamp.merged_cases.all()) == [duplicate]


def test_merging_into_a_merged_case_follows_to_its_parent(category, lamp, coordinator):
    middle, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)
    late, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)
    _merge(middle, lamp, coordinator)

    late = _merge(late, middle, coordinator)

    assert late.parent == lamp


def test_merging_follows_a_chain_of_merges_to_the_end(category, coordinator):
    first, _s = file_case(category)
    second, _s = file_case(category)
    third, _s = file_case(category)
    fourth, _s = file_case(category)
    _merge(first, second, coordinator)  # first → second
    _merge(second, third, coordinator)  # second → third: first now points at a merged case

    fourth = _merge(fourth, first, coordinator)

    assert fourth.parent == third


def test_merging_into_itself_or_its_own_duplicate_is_refused(category, lamp, coordinator):
    duplicate, _secret = file_case(category)
    _merge(duplicate, lamp, coordinator)

    for parent in (lamp, duplicate, None):  # duplicate leads back to lamp itself
        with pytest.raises(CaseError) as error:
            services.perform(lamp, "merge", actor=coordinator, role=COORDINATOR, parent=parent)
        assert error.value.status == 400
    lamp.refresh_from_db()
    assert lamp.status == "baru" and lamp.parent is None


def test_merging_an_already_merged_case_is_refused(category, lamp, coordinator):
    duplicate, _secret = file_case(category)
    other, _secret = file_case(category)
    _merge(duplicate, lamp, coordinator)

    with pytest.raises(CaseError):
        services.perform(duplicate, "merge", actor=coordinator, role=COORDINATOR, parent=other)

    assert Case.objects.get(pk=duplicate.pk).parent == lamp


def test_coordinator_sees_suggestions_on_the_case_page(client, category, lamp, coordinator):
    twin, _secret = file_case(category, title=LAMP, description=LAMP_TEXT)
    verify(twin, coordinator)
    client.force_login(coordinator)

    page = client.get(f"/kantor/kasus/{twin.tracking_code}/").content.decode()

    assert lamp.tracking_code in page


def test_suggestion_needs_the_same_kelurahan_when_there_are_no_coordinates(category, lamp):
    twin, _secret = file_case(category, title=LAMP, description=LAMP_TEXT, kelurahan=SEPINGGAN)

    assert codes(selectors.possible_duplicates(twin)) == [lamp.tracking_code]
