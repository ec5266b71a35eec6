import pytest

from satupintu.notifications import sms


@pytest.fixture(autouse=True)
def _clean_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits, holiday versions and axes state live in the cache: start every test clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    # Each test writes its files under its own directory: nothing is left in var/media, and a
    # test that walks the whole storage (key rotation, orphan sweep) sees only its own files.
    settings.MEDIA_ROOT = tmp_path / "media"
    yield


@pytest.fixture
def reference_data(db):
    """Balikpapan's wilayah, dapil and OPD, imported the way `make run` does it."""
    from satupintu.org.services import import_reference_data
    from satupintu.testing.factories import REFERENCE_DATA_DIR

    return import_reference_data(REFERENCE_DATA_DIR)


@pytest.fixture
def opd_a(reference_data):
    from satupintu.org.models import OrgUnit

    return OrgUnit.objects.get(code="DPU")


@pytest.fixture
def opd_b(reference_data):
    from satupintu.org.models import OrgUnit

    return OrgUnit.objects.get(code="DINKES")


@pytest.fixture
def staff_a(opd_a):
    from satupintu.testing.factories import make_staff

    return make_staff(opd_a)


@pytest.fixture
def staff_b(opd_b):
    from satupintu.testing.factories import make_staff

    return make_staff(opd_b)


@pytest.fixture
def citizen(db):
    from satupintu.testing.factories import UserFactory

    return UserFactory()


@pytest.fixture(autouse=True)
def _staff_force_login_passes_totp(monkeypatch):
    """`client.force_login(staff)` stands for a full login, TOTP step included."""
    from django.test import Client

    from satupintu.testing.sessions import force_login_with_totp

    monkeypatch.setattr(Client, "force_login", force_login_with_totp)
