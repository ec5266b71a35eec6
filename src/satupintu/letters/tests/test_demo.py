from django.core.management import call_command

from satupintu.letters.models import Disposition, Letter


def test_demo_data_builds_a_disposition_chain(reference_data, settings):
    from satupintu.letters.tests.conftest import ensure_codes

    ensure_codes()
    call_command("load_demo_data", force=True)
    assert Letter.objects.filter(org_unit__code="SETDA").count() == 3
    # The Sekda's chain (the dprd demo's council letters live in SETWAN, docs/dprd.md).
    chain = Disposition.objects.exclude(letter__org_unit__code="SETWAN").order_by("pk")
    assert [d.from_unit.code for d in chain] == ["SETDA", "SETDA", "SETDA-ASS2"]
    assert chain.last().parent == chain.first()
    call_command("load_demo_data", force=True)  # safe to run again
    assert Letter.objects.filter(org_unit__code="SETDA").count() == 3


def test_import_classification_command(tmp_path, db):
    from satupintu.letters.models import ClassificationCode

    path = tmp_path / "k.csv"
    path.write_text(
        "kode,nama,retensi_aktif,retensi_inaktif,keterangan_akhir\n"
        "000.1.5,Notula/Risalah rapat,2,5,Permanen\n"
        "999.9,Uji,1,1,Musnah\n",
        encoding="utf-8",
    )
    call_command("import_classification", str(path))
    row = ClassificationCode.objects.get(code="000.1.5")
    assert (row.active_years, row.inactive_years, row.final_disposition) == (2, 5, "permanen")
    assert ClassificationCode.objects.get(code="999.9").final_disposition == "musnah"
