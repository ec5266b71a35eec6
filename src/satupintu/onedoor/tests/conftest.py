import pytest

from satupintu.cases.tests import helpers
from satupintu.core import workdays


@pytest.fixture(autouse=True)
def _fresh_holiday_table():
    workdays._non_working_days.cache_clear()
    yield
    workdays._non_working_days.cache_clear()


@pytest.fixture
def category(reference_data):
    return helpers.make_category()


@pytest.fixture
def coordinator(reference_data):
    return helpers.coordinator()
