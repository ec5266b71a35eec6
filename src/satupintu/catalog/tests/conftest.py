import pytest


@pytest.fixture
def demo_catalog(reference_data):
    from satupintu.cityconfig.demo import load_catalogue

    return load_catalogue()


@pytest.fixture
def make_service(reference_data):
    """A minimal published service of `unit` (an OrgUnit code or object)."""
    from satupintu.catalog.models import Service
    from satupintu.org.models import OrgUnit

    def make(slug, name, unit="DPU", **values):
        if isinstance(unit, str):
            unit = OrgUnit.objects.get(code=unit)
        defaults = {
            "summary": f"Ringkasan {name}.",
            "procedure": "Datang ke loket.",
            "processing_days": 3,
            "product": "Surat.",
            "complaint_handling": "Lewat pengaduan.",
        }
        defaults.update(values)
        return Service.objects.create(slug=slug, name=name, org_unit=unit, **defaults)

    return make


@pytest.fixture
def restore_language():
    """Whatever a request activated, the next test starts in the language it found."""
    from django.utils import translation

    previous = translation.get_language()
    yield
    translation.activate(previous)
