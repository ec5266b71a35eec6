"""The framework file: the bundled PermenPAN-RB 59/2020 structure, checks with line numbers,
nothing loaded on error, idempotent, a new version alongside."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from satupintu.spbe import framework
from satupintu.spbe.models import Aspect, Domain, Framework, Indicator
from satupintu.spbe.services.framework import FrameworkRefused, load_framework

pytestmark = pytest.mark.django_db
BUNDLED = framework.BUNDLED.read_text(encoding="utf-8")


def test_bundled_framework_has_the_regulations_structure():
    loaded = load_framework(BUNDLED)
    fw = loaded.framework
    assert loaded.created and fw.code == "permenpanrb-59-2020" and fw.version == 1
    assert Domain.objects.filter(framework=fw).count() == 4
    assert Aspect.objects.filter(domain__framework=fw).count() == 8
    indicators = Indicator.objects.filter(aspect__domain__framework=fw)
    assert indicators.count() == 47
    assert sorted(indicators.values_list("number", flat=True)) == list(range(1, 48))
    assert sum(i.weight for i in indicators) == Decimal(100)
    weights = dict(Domain.objects.filter(framework=fw).values_list("number", "weight"))
    assert weights == {1: Decimal(13), 2: Decimal(25), 3: Decimal("16.5"), 4: Decimal("45.5")}
    assert [p["min"] for p in fw.predicates] == ["4.2", "3.5", "2.6", "1.8", "0"]
    assert not fw.weights_verified and "belum diverifikasi" in fw.note
    assert sorted(fw.levels) == ["1", "2", "3", "4", "5"]


def test_loading_twice_changes_nothing_and_a_new_version_loads_alongside():
    first = load_framework(BUNDLED).framework
    again = load_framework(BUNDLED)
    assert not again.created and again.framework.pk == first.pk
    assert Indicator.objects.count() == 47
    newer = load_framework(BUNDLED.replace("version: 1", "version: 2"))
    assert newer.created and Framework.objects.count() == 2
    assert Indicator.objects.count() == 94


def test_same_version_with_other_content_is_refused():
    load_framework(BUNDLED)
    with pytest.raises(FrameworkRefused) as refused:
        load_framework(BUNDLED.replace("name: Arsitektur SPBE,", "name: Arsitektur SPBE Kota,"))
    assert "naikkan nomor versi" in str(refused.value)


def _line_of(text, needle):
    return text.splitlines().index(next(line for line in text.splitlines() if needle in line)) + 1


def test_bad_weights_are_reported_with_their_line_and_nothing_is_loaded():
    bad = BUNDLED.replace(
        '{number: 15, name: Pembangunan Aplikasi SPBE, weight: "2.5"}',
        '{number: 15, name: Pembangunan Aplikasi SPBE, weight: "3.5"}',
    )
    assert bad != BUNDLED
    with pytest.raises(FrameworkRefused) as refused:
        load_framework(bad)
    messages = {(p.line, p.message) for p in refused.value.problems}
    aspect_line = _line_of(bad, "name: Teknologi Informasi dan Komunikasi") - 1
    assert any(line == aspect_line and "Bobot aspek 3" in m for line, m in messages), messages
    assert not Framework.objects.exists() and not Indicator.objects.exists()


def test_schema_errors_name_the_line():
    bad = BUNDLED.replace("{number: 20, name: Kolaborasi Penerapan SPBE, weight: \"2.5\"}",
                          "{number: 20, name: Kolaborasi Penerapan SPBE, weight: dua}")  # fmt: skip
    _data, problems = framework.parse(bad)
    assert problems
    line = _line_of(bad, "Kolaborasi Penerapan SPBE")
    assert problems[0].line == line and "weight" in problems[0].message


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("code: [unclosed\n", "bukan YAML"),
        ("- a\n- b\n", "objek"),
        (BUNDLED.replace("number: 12,", "number: 11,"), "Nomor indikator 11 dipakai dua kali"),
        (BUNDLED.replace('min: "3.5"', 'min: "4.5"'), "Predikat harus urut"),
    ],
)
def test_other_bad_files(text, needle):
    _data, problems = framework.parse(text)
    assert any(needle in p.message for p in problems), problems
    assert all(p.line >= 1 for p in problems)


def test_command_prints_file_and_line_and_loads_nothing(tmp_path):
    path = tmp_path / "kerangka.yaml"
    path.write_text(BUNDLED.replace("number: 12,", "number: 11,"), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_spbe_framework", str(path), stderr=err)
    line = _line_of(path.read_text(), "number: 11, name: Peta Rencana")
    assert f"{path}:{line}: Nomor indikator 11 dipakai dua kali" in err.getvalue()
    assert not Framework.objects.exists()
    out = StringIO()
    call_command("load_spbe_framework", stdout=out)
    call_command("load_spbe_framework", stdout=out)
    assert "dimuat" in out.getvalue() and "tidak berubah" in out.getvalue()
    assert Framework.objects.count() == 1


def test_a_json_framework_loads_the_same_way():
    import json

    data, problems = framework.parse(BUNDLED)
    assert not problems
    data = json.loads(json.dumps(data))
    data["code"], data["version"] = "rule-2026-draft", 1
    loaded = load_framework(json.dumps(data, indent=2))
    assert loaded.created and loaded.framework.code == "rule-2026-draft"
    assert Indicator.objects.filter(aspect__domain__framework=loaded.framework).count() == 47
    data["domains"][0]["weight"] = "14"
    text = json.dumps(data, indent=2).replace('"version": 1', '"version": 2')
    _data, problems = framework.parse(text)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"weight": "14"' in t)
    domain_problem = next(p for p in problems if "Bobot domain 1" in p.message)
    assert 1 < domain_problem.line < line  # the line where that domain's object opens
    assert Framework.objects.filter(code="rule-2026-draft").count() == 1
