"""The OpenAPI schema is generated without warnings and validates (drf-spectacular)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_openapi_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    # --fail-on-warn turns every warning (untyped field, enum name collision…) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert text.startswith("openapi: 3")
    for path in (
        "/api/v1/kantor/kasus/",
        "/api/v1/kantor/surat/",
        "/api/v1/kantor/rapat/",
        "/api/v1/berita/",
        "/api/v1/kantor/berita/{id}/tindakan/",
        "/api/v1/kantor/proyek/{slug}/kemajuan/",
    ):
        assert f"{path}:" in text
