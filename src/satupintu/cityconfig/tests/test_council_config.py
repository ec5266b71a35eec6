"""dprd.yaml: the council's structure round-trips, is checked with file:line, retires what it
leaves out, and is written by the same code as the Setwan's CSV tables."""

from pathlib import Path

import pytest

from satupintu.cityconfig.models import ImportedRecord
from satupintu.cityconfig.selectors import export_texts
from satupintu.cityconfig.services import CityConfigError, import_city_config
from satupintu.dprd.models import Body, Member, Position, Term
from satupintu.org.services import import_reference_data
from satupintu.testing.factories import REFERENCE_DATA_DIR

TWO_TERMS = """\
- name: 2019-2024
  start_year: 2019
  end_year: 2024
  bodies:
  - code: LAMA
    name: Fraksi Lama
    kind: fraksi
- name: 2024-2029
  start_year: 2024
  end_year: 2029
  bodies:
  - code: KOMISI-I
    name: Komisi I
    kind: komisi
  - code: BARU
    name: Fraksi Baru
    kind: fraksi
  members:
  - slug: ani-rekaan
    name: Ani Rekaan
    faction: BARU
    district: 1
    positions:
    - body: KOMISI-I
      role: ketua
  - slug: budi-rekaan
    name: Budi Rekaan
    faction: BARU
    district: 2
"""


def _write(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "dprd.yaml").write_text(text, encoding="utf-8")
    return directory


def _wipe_council():
    Member.objects.all().delete()
    Term.objects.all().delete()


@pytest.fixture
def council(reference_data):
    """Balikpapan's council as the Setwan's CSV tables load it."""
    assert Member.objects.count() == 45
    return export_texts()["dprd.yaml"]


def test_export_into_an_empty_council_and_export_again_gives_the_same_file(council, tmp_path):
    assert "- slug: ahmad-contoh\n" in council
    assert "user" not in council and "password" not in council
    _wipe_council()
    assert not Member.objects.exists() and not Body.objects.exists()
    summary = import_city_config(_write(tmp_path, council))
    assert summary.counts["dprd"]["created"] == 1
    assert summary.counts["dprd.bodies"]["created"] == Body.objects.count() == 18
    assert summary.counts["dprd.members"]["created"] == 45
    assert summary.counts["dprd.members.positions"]["created"] == Position.objects.count() > 45
    assert export_texts()["dprd.yaml"] == council
    again = import_city_config(tmp_path)
    assert again.changed == 0


def test_the_csv_tables_and_the_file_write_the_same_rows(council, tmp_path):
    # The file of an untouched CSV load changes nothing; loading the CSV again after the
    # file changes nothing either: both are read into the same rows by the same writer.
    assert import_city_config(_write(tmp_path, council)).changed == 0
    before = export_texts()["dprd.yaml"]
    import_reference_data(REFERENCE_DATA_DIR)
    assert export_texts()["dprd.yaml"] == before


def test_an_admin_edit_of_a_member_appears_in_the_next_export(council, client, tmp_path):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    member = Member.objects.get(slug="citra-contoh")
    nasdem = Body.objects.get(code="NASDEM")
    commission = Body.objects.get(code="KOMISI-I")
    pemkot = OrgUnit.objects.get(code="PEMKOT")
    client.force_login(make_staff(pemkot, Membership.Role.ADMIN, is_superuser=True))
    page = client.get(f"/admin/dprd/member/{member.pk}/change/").content.decode()
    assert "Dari berkas konfigurasi kota dprd-anggota-balikpapan.csv" in page
    # What the admin's save does: a fraksi change and a new position.
    member.faction = nasdem
    member.save()
    Position.objects.create(member=member, body=commission, role="wakil")
    text = export_texts()["dprd.yaml"]
    assert text != council
    entry = text[text.index("- slug: citra-contoh") :].split("\n  - slug:")[0]
    assert "    faction: NASDEM\n" in entry
    assert "    - body: KOMISI-I\n      role: wakil\n" in entry
    # And it loads back elsewhere as it was made.
    _wipe_council()
    import_city_config(_write(tmp_path, text))
    member = Member.objects.get(slug="citra-contoh")
    assert member.faction.code == "NASDEM"
    assert member.positions.get(body__code="KOMISI-I").role == "wakil"
    page = client.get(f"/admin/dprd/member/{member.pk}/change/").content.decode()
    assert "Dari berkas konfigurasi kota dprd.yaml" in page
    body_page = client.get(f"/admin/dprd/body/{member.faction.pk}/change/").content.decode()
    assert "Dari berkas konfigurasi kota dprd.yaml" in body_page


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # A position in a body the term does not have.
        ("    - body: KOMISI-I\n", "    - body: KOMISI-IX\n", "dprd.yaml:23: dprd: jabatan"),
        # A fraksi of another term.
        (
            "    faction: BARU\n    district: 1",
            "    faction: LAMA\n    district: 1",
            "dprd.yaml:21: dprd: fraksi LAMA",
        ),
        # A dapil that is not in dapil-*.csv.
        ("    district: 2\n", "    district: 99\n", "dprd.yaml:29: dprd: dapil 99"),
        # The same slug twice.
        ("  - slug: budi-rekaan", "  - slug: ani-rekaan", "dprd.yaml:26: dprd: slug ani-rekaan"),
    ],
)
def test_bad_references_are_refused_with_their_line_and_nothing_is_saved(
    reference_data, tmp_path, old, new, expected
):
    _wipe_council()
    assert old in TWO_TERMS
    with pytest.raises(CityConfigError) as caught:
        import_city_config(_write(tmp_path, TWO_TERMS.replace(old, new, 1)))
    assert any(e.startswith(expected) for e in caught.value.errors), caught.value.errors
    assert not Term.objects.exists() and not Member.objects.exists()


def test_schema_errors_name_the_line(reference_data, tmp_path):
    text = TWO_TERMS.replace("    district: 2\n", "    district: dua\n    user: 7\n")
    with pytest.raises(CityConfigError) as caught:
        import_city_config(_write(tmp_path, text))
    errors = caught.value.errors
    assert any(e.startswith("dprd.yaml:29: 1/members/1/district:") for e in errors), errors
    assert any(e.startswith("dprd.yaml:30:") and "user" in e for e in errors), errors


def test_dry_run_changes_nothing_and_a_second_import_nothing_either(reference_data, tmp_path):
    _wipe_council()
    _write(tmp_path, TWO_TERMS)
    summary = import_city_config(tmp_path, dry_run=True)
    assert summary.counts["dprd.members"]["created"] == 2
    assert not Term.objects.exists()
    assert import_city_config(tmp_path).changed == 5 + 2 + 1
    assert import_city_config(tmp_path).changed == 0
    assert Member.objects.get(slug="ani-rekaan").positions.get().body.code == "KOMISI-I"


def test_what_the_file_leaves_out_is_retired(reference_data, tmp_path):
    _wipe_council()
    import_city_config(_write(tmp_path, TWO_TERMS))
    # Budi leaves, so does the old term; Komisi I goes with Ani's position in it.
    text = TWO_TERMS[TWO_TERMS.index("- name: 2024-2029") :]
    text = text[: text.index("  - slug: budi-rekaan")]
    text = text.replace("  - code: KOMISI-I\n    name: Komisi I\n    kind: komisi\n", "")
    text = text.replace("    positions:\n    - body: KOMISI-I\n      role: ketua\n", "")
    summary = import_city_config(_write(tmp_path, text))
    assert summary.counts["dprd"]["retired"] == 1
    assert summary.counts["dprd.bodies"]["retired"] == 1
    assert summary.counts["dprd.members"]["retired"] == 1
    assert summary.counts["dprd.members.positions"]["retired"] == 1
    budi = Member.objects.get(slug="budi-rekaan")
    assert budi.is_active is False
    assert list(Term.objects.values_list("name", flat=True)) == ["2024-2029"]
    assert not Position.objects.exists()
    # The deleted term's mark went with it.
    assert set(ImportedRecord.objects.filter(file="dprd.yaml").values_list("file", flat=True))
    assert ImportedRecord.objects.filter(content_type__model="term").count() == 1
    assert import_city_config(tmp_path).changed == 0


def test_a_body_still_used_is_not_deleted(reference_data, tmp_path):
    _wipe_council()
    import_city_config(_write(tmp_path, TWO_TERMS))
    # Budi is retired but keeps his fraksi; the fraksi cannot go.
    text = TWO_TERMS.replace("  - slug: budi-rekaan\n    name: Budi Rekaan\n", "  - slug: x\n")
    text = text[: text.index("  - slug: x")]
    text = text.replace("    faction: BARU\n    district: 1", "    faction: BARU2\n    district: 1")
    text = text.replace(
        "  - code: BARU\n    name: Fraksi Baru\n", "  - code: BARU2\n    name: Fraksi Baru\n"
    )
    with pytest.raises(CityConfigError) as caught:
        import_city_config(_write(tmp_path, text))
    assert any("BARU masih dipakai" in e for e in caught.value.errors), caught.value.errors
    assert Member.objects.get(slug="budi-rekaan").is_active is True
    assert Body.objects.filter(code="BARU").exists() and not Body.objects.filter(code="BARU2")


def test_two_chairs_of_one_body_and_too_many_members_in_a_dapil_are_refused(
    reference_data, tmp_path
):
    from satupintu.org.models import ElectoralDistrict

    _wipe_council()
    ElectoralDistrict.objects.filter(number=2).update(seats=0)
    text = TWO_TERMS.replace(
        "    district: 2\n",
        "    district: 2\n    positions:\n    - body: KOMISI-I\n      role: ketua\n",
    )
    with pytest.raises(CityConfigError) as caught:
        import_city_config(_write(tmp_path, text))
    errors = caught.value.errors
    assert "dprd.yaml:29: dprd: dapil 2: lebih banyak anggota daripada 0 kursi" in errors, errors
    assert "dprd.yaml:30: dprd: KOMISI-I sudah punya ketua" in errors, errors
    assert not Member.objects.exists()


def test_city_admins_edit_the_council_in_the_admin_audited_and_exported(council, client):
    """The council's structure is city configuration: a city admin (not a superuser) edits it
    in the admin, each save is an audit event, and the edit is in the next export; an OPD's
    admin cannot open it."""
    from satupintu.core.models import AuditEvent
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    member = Member.objects.get(slug="citra-contoh")
    term = member.term
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU"), Membership.Role.ADMIN))
    assert client.get(f"/admin/dprd/member/{member.pk}/change/").status_code == 403
    client.force_login(make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN))
    assert client.get(f"/admin/dprd/member/{member.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/dprd/term/{term.pk}/change/",
        {"name": "2024-2029 PAW", "start_year": term.start_year, "end_year": term.end_year},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="admin.change", object_id=str(term.pk)).get()
    assert event.data["fields"] == ["name"]
    assert "- name: 2024-2029 PAW\n" in export_texts()["dprd.yaml"]
