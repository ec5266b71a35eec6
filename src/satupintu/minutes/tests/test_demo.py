import pytest

from satupintu.minutes import demo, selectors
from satupintu.minutes.models import Meeting

pytestmark = pytest.mark.django_db


def test_demo_meetings(reference_data):
    assert demo.load() == 2
    assert demo.load() == 0  # idempotent
    public = Meeting.objects.get(title=demo.PUBLIC_TITLE)
    internal = Meeting.objects.get(title=demo.INTERNAL_TITLE)
    assert public.org_unit.code == "SETWAN" and public.status == "published"
    assert internal.status == "draft" and not internal.is_public
    assert list(selectors.public_meetings()) == [public]
