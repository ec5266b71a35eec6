"""A file saved by a request that then crashed is swept away once the grace period has passed;
files a row refers to, and files too young to judge, are kept (core.tasks)."""

import logging
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.utils import timezone

from satupintu.cases import services
from satupintu.cases.models import CaseAttachment
from satupintu.cases.tests import helpers
from satupintu.core import periodic
from satupintu.core.tasks import sweep_orphan_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ORPHAN_FILE_GRACE_HOURS = 24


def _age(name: str, hours: float) -> None:
    then = (timezone.now() - timedelta(hours=hours)).timestamp()
    os.utime(default_storage.path(name), (then, then))


class _CrashingContent(File):
    """Content whose writer dies half-way: the first chunk reaches the disk, then the
    process is gone (simulated by an exception nobody cleans up after)."""

    def __init__(self):
        super().__init__(None, "foto.png")

    def chunks(self, chunk_size=None):
        yield b"\x89PNG" + b"x" * 70_000
        raise SystemExit("worker killed mid-write")


def test_sweeper_deletes_files_left_by_a_crashed_request(category, monkeypatch, caplog):
    # A complaint whose photo is referenced: kept whatever its age.
    case, _secret = helpers.file_case(category, files=[helpers.png_upload()])
    kept = case.attachments.get().file.name
    _age(kept, 1000)

    # A request saved its photo, then crashed before its transaction committed; the process
    # died, so the service's own clean-up never ran.
    monkeypatch.setattr(services, "_discard", lambda stored: None)
    monkeypatch.setattr(
        services.audit, "record", lambda *a, **k: (_ for _ in ()).throw(SystemExit("killed"))
    )
    with pytest.raises(SystemExit):
        helpers.file_case(category, files=[helpers.png_upload()], title="Kedua kali mencoba")
    monkeypatch.undo()
    names = set(default_storage.walk())
    crashed = (names - {kept}).pop()
    assert CaseAttachment.objects.count() == 1  # the row was rolled back, the file was not

    # A write cut off in the middle leaves a partial file under its final name.
    with pytest.raises(SystemExit):
        default_storage.save("cases/2026/01/partial.png", _CrashingContent())
    partial = "cases/2026/01/partial.png"
    assert partial in set(default_storage.walk())

    # A file saved a moment ago whose row may not be committed yet.
    young = default_storage.save("cases/2026/01/baru.png", ContentFile(b"\x89PNG baru"))

    for name in (crashed, partial):
        _age(name, 25)
    _age(young, 23)

    with caplog.at_level(logging.INFO, logger="satupintu.core.tasks"):
        result = sweep_orphan_files()

    assert (result.deleted, result.young, result.referenced) == (2, 1, 1)
    assert sorted(default_storage.walk()) == sorted([kept, young])
    assert "2 deleted, 1 younger than 24 h kept, 1 referenced" in caplog.text
    # The kept attachment still reads.
    with default_storage.open(kept) as handle:
        assert handle.read(4) == b"\x89PNG"


def test_grace_period_is_configurable(settings, category):
    settings.ORPHAN_FILE_GRACE_HOURS = 1
    name = default_storage.save("cases/2026/01/yatim.png", ContentFile(b"\x89PNG yatim"))
    _age(name, 2)

    assert sweep_orphan_files().deleted == 1
    assert not default_storage.exists(name)


def test_sweeper_is_a_registered_periodic_task():
    names = [p.name for p in periodic.registered()]
    assert "satupintu.core.tasks.sweep_orphans" in names
