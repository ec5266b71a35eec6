"""Stored result templates in Django template syntax become placeholder text (migration 0002)."""

import importlib
import re

from satupintu.cityconfig import yamlio
from satupintu.testing.factories import REFERENCE_DATA_DIR

migration = importlib.import_module(
    "satupintu.catalog.migrations.0002_result_template_placeholders"
)

LEGACY_LAYOUT = """<header class="kop">
  <p>PEMERINTAH KOTA BALIKPAPAN</p>
  <h1>{{ org_unit.name|upper }}</h1>
  <p>{{ org_unit.address }}{% if org_unit.phone %} · Telp. {{ org_unit.phone }}{% endif %}</p>
</header>
<h2 class="judul">@TITLE@</h2>
<p class="nomor">Nomor: {{ number }}</p>
<p>Yang bertanda tangan di bawah ini, Kepala {{ org_unit.name }}, menerangkan bahwa:</p>
<table class="data">
  <tr><td>Nama</td><td>:</td><td>{{ holder_name }}</td></tr>
@ROWS@
</table>
<p>@STATEMENT@</p>
{% if valid_until %}<p>Berlaku sampai dengan {{ valid_until|date:"j F Y" }}.</p>{% endif %}
<div class="ttd">
  <p>Balikpapan, {{ issued_at|date:"j F Y" }}</p>
  <p>Kepala {{ org_unit.name }}</p>
  <p class="nama">{{ signer_name }}</p>
</div>
<div class="qr">{{ qr_svg|safe }}<p>Periksa keaslian dokumen di {{ verify_url }}</p></div>
"""
LEGACY_ROW = (
    "  <tr><td>@LABEL@</td><td>:</td><td>{{ application.data.@NAME@|default:'-' }}</td></tr>"
)


def _demo_bodies():
    text = (REFERENCE_DATA_DIR / "services.yaml").read_text(encoding="utf-8")
    return [entry["result_template"]["body"] for entry in yamlio.load(text)]


def test_every_shipped_demo_body_converts_to_the_new_demo_body():
    bodies = _demo_bodies()
    assert len(bodies) >= 10
    for body in bodies:
        title = re.search(r'<h2 class="judul">(.*)</h2>', body).group(1)
        rows = re.findall(r"<tr><td>(.*)</td><td>:</td><td>\{isian\.(\w+)\}</td></tr>", body)
        statement = re.search(r"</table>\n<p>(.*)</p>\n<p>\{keterangan_berlaku", body).group(1)
        table = "\n".join(
            LEGACY_ROW.replace("@LABEL@", label).replace("@NAME@", name) for label, name in rows
        )
        legacy = (
            LEGACY_LAYOUT.replace("@TITLE@", title)
            .replace("@ROWS@", table)
            .replace("@STATEMENT@", statement)
        )
        assert migration.to_placeholders(legacy) == body


def test_other_documented_context_converts_and_unknown_syntax_stays():
    legacy = (
        '{{ service.name }} {{ data.nama_anak }} {{ tracking_code }} {{valid_until|date:"d-m-Y"}}'
        " {{ application.case.submitter.password }} {% debug %}"
    )
    assert migration.to_placeholders(legacy) == (
        "{layanan} {isian.nama_anak} {kode_permohonan} {berlaku_sampai}"
        " {{ application.case.submitter.password }} {% debug %}"
    )
