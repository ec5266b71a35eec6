import csv
import shutil
from collections import Counter

import pytest
from django.urls import reverse

from satupintu.dprd import selectors
from satupintu.dprd.models import Body, Member, Position
from satupintu.org.importer import ReferenceDataError
from satupintu.org.models import ElectoralDistrict, Region
from satupintu.org.services import import_reference_data
from satupintu.testing.factories import REFERENCE_DATA_DIR

pytestmark = pytest.mark.django_db

SEATS = {"Balikpapan Kota": 5, "Balikpapan Tengah": 7, "Balikpapan Barat": 6}
SEATS |= {"Balikpapan Utara": 11, "Balikpapan Timur": 6, "Balikpapan Selatan": 10}
FACTION_SEATS = {"GOLKAR": 16, "NASDEM": 7, "GERINDRA": 6, "PDIP": 4, "PKB": 4, "PKS": 3}
FACTION_SEATS |= {"PPP": 2, "HANURA": 2, "DEMOKRAT": 1}


def test_balikpapan_council_is_imported(reference_data):
    assert Member.objects.count() == 45
    for district in ElectoralDistrict.objects.all():
        (kecamatan,) = district.districts.all()
        assert district.seats == SEATS[kecamatan.name]
        assert district.council_members.count() == district.seats
    seats = Counter(Member.objects.values_list("faction__code", flat=True))
    assert dict(seats) == FACTION_SEATS
    commissions = Body.objects.filter(kind=Body.Kind.COMMISSION).values_list("code", flat=True)
    assert sorted(commissions) == ["KOMISI-I", "KOMISI-II", "KOMISI-III", "KOMISI-IV"]
    chair = Position.objects.get(body__code="KOMISI-III", role="ketua").member
    assert chair.faction.kind == Body.Kind.FACTION


def test_import_is_repeatable(reference_data):
    import_reference_data(REFERENCE_DATA_DIR)
    assert Member.objects.count() == 45
    assert Position.objects.filter(body__code="PIMPINAN", role="ketua").count() == 1


def test_every_kelurahan_routes_to_its_dapil(reference_data):
    kelurahan = Region.objects.filter(level=Region.Level.URBAN_VILLAGE).select_related("parent")
    assert kelurahan.count() > 30
    for region in kelurahan:
        district = selectors.district_for_region(region)
        assert district is not None, region.name
        assert list(district.districts.all()) == [region.parent]
    sepinggan = Region.objects.get(name="Sepinggan")
    assert selectors.district_for_region(sepinggan).districts.get().name == "Balikpapan Selatan"
    assert selectors.district_for_region(None) is None


def _copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(REFERENCE_DATA_DIR, target)
    return target


def _rewrite(path, change):
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_bad_rows_are_reported_by_file_and_line_and_nothing_is_imported(db, tmp_path):
    directory = _copy(tmp_path)
    members = directory / "dprd-anggota-balikpapan.csv"

    def spoil(rows):
        rows[3][2] = "NOPARTY"  # line 4: unknown fraksi
        rows[5][3] = "9"  # line 6: unknown dapil
        rows[7][4] = "KOMISI-IX:ketua"  # line 8: unknown body
        rows[9][4] = "KOMISI-I:raja"  # line 10: unknown role
        rows[11][5] = "not-an-email"  # line 12

    _rewrite(members, spoil)
    with pytest.raises(ReferenceDataError) as caught:
        import_reference_data(directory)
    errors = caught.value.errors
    for line in (4, 6, 8, 10, 12):
        assert any(e.startswith(f"dprd-anggota-balikpapan.csv baris {line}:") for e in errors)
    assert not Member.objects.exists() and not Region.objects.exists()


def test_too_many_members_for_a_dapil_and_two_chairs_are_refused(db, tmp_path):
    directory = _copy(tmp_path)

    def crowd(rows):
        rows.append(["2024-2029", "Zulu Rekaan", "GOLKAR", "1", "KOMISI-III:ketua", "", "", ""])

    _rewrite(directory / "dprd-anggota-balikpapan.csv", crowd)
    with pytest.raises(ReferenceDataError) as caught:
        import_reference_data(directory)
    text = "\n".join(caught.value.errors)
    assert "dapil 1: 6 anggota untuk 5 kursi" in text
    assert "KOMISI-III punya 2 ketua" in text


def test_a_stray_dprd_file_is_refused(db, tmp_path):
    directory = _copy(tmp_path)
    (directory / "dprd-lain.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        import_reference_data(directory)
    assert any(e.startswith("dprd-lain.csv:") for e in caught.value.errors)


def test_public_pages(client, reference_data):
    page = client.get(reverse("dprd:home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Komisi III" in text and "Fraksi Partai Golkar" in text and "16 kursi" in text
    member = Member.objects.get(positions__body__code="KOMISI-III", positions__role="ketua")
    page = client.get(reverse("dprd:member", args=[member.slug]))
    assert page.status_code == 200 and "Ketua Komisi III" in page.content.decode()
    selatan = ElectoralDistrict.objects.get(districts__name="Balikpapan Selatan")
    page = client.get(reverse("dprd:district", args=[selatan.number]))
    text = page.content.decode()
    assert "Sepinggan" in text and member.name not in text or member.district == selatan
    assert client.get(reverse("dprd:member", args=["nobody"])).status_code == 404
    assert client.get(reverse("dprd:district", args=[99])).status_code == 404


def test_public_api(client, reference_data):
    members = client.get("/api/v1/dprd/anggota/").json()
    assert len(members) == 45
    first = members[0]
    assert set(first) == {
        "slug",
        "name",
        "term",
        "faction",
        "district",
        "email",
        "phone",
        "positions",
    }
    detail = client.get(f"/api/v1/dprd/anggota/{first['slug']}/").json()
    assert detail["name"] == first["name"]
    assert client.get("/api/v1/dprd/anggota/nobody/").status_code == 404
    bodies = client.get("/api/v1/dprd/alat-kelengkapan/").json()
    assert {"KOMISI-III", "GOLKAR", "BANGGAR"} <= {b["code"] for b in bodies}
