from satupintu.catalog import selectors
from satupintu.catalog.search import normalise


def names(query, **filters):
    return [s.name for s in selectors.search_services(query, **filters).services]


def test_normalise_maps_spelling_variants_and_phrases():
    assert normalise("Akte Kelahiran!") == ["akta", "kelahiran"]
    assert normalise("Ijin usaha") == ["izin", "usaha"]
    assert normalise("kartu keluarga", query=True) == ["kk"]
    assert "kk" in normalise("Perubahan Kartu Keluarga")
    assert "keluarga" in normalise("Perubahan Kartu Keluarga")


def test_akte_kelahiran_ranks_akta_kelahiran_first(demo_catalog):
    found = names("akte kelahiran")
    assert found[0] == "Penerbitan Akta Kelahiran"


def test_typo_still_finds_the_service(demo_catalog):
    assert names("akta kelahrian")[0] == "Penerbitan Akta Kelahiran"
    assert "Surat Keterangan Domisili" in names("domisli")


def test_ijin_usaha_finds_izin_usaha(demo_catalog):
    found = names("ijin usaha")
    assert found[0] == "Izin Usaha Mikro dan Kecil (IUMK) / NIB"


def test_synonyms_and_opd_names_are_searched(demo_catalog):
    assert names("sktm")[0] == "Surat Keterangan Tidak Mampu (SKTM)"
    assert "Perubahan Kartu Keluarga" in names("kartu keluarga")
    assert "Perubahan Kartu Keluarga" in names("KK")
    assert "Kartu Pencari Kerja (Kartu Kuning/AK-1)" in names("kartu kuning")
    assert set(names("disnaker")) == {"Kartu Pencari Kerja (Kartu Kuning/AK-1)"}


def test_filters_narrow_the_search(demo_catalog):
    assert names("surat", opd="DISDUKCAPIL") == ["Surat Keterangan Pindah (SKPWNI)"]
    assert "Penerbitan Akta Kelahiran" not in names("surat", life_event="usaha")


def test_no_result_is_empty_and_page_shows_help(demo_catalog, client):
    assert names("xyzqwv") == []
    response = client.get("/layanan/", {"q": "xyzqwv"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Belum ada layanan yang cocok" in html
    assert "Lihat semua layanan" in html


def test_unpublished_services_are_not_found(demo_catalog, make_service):
    make_service("rahasia", "Layanan Akta Rahasia", is_published=False)
    assert "Layanan Akta Rahasia" not in names("akta rahasia")


def test_index_follows_changes(demo_catalog, make_service):
    assert names("pemakaman") == []
    service = make_service("izin-pemakaman", "Izin Pemakaman")
    assert names("pemakaman") == ["Izin Pemakaman"]
    service.name = service.summary = "Izin Penguburan"
    service.save()
    assert names("pemakaman") == []
    assert names("penguburan") == ["Izin Penguburan"]


def test_search_on_500_services_uses_the_index(reference_data, django_assert_max_num_queries):
    from satupintu.catalog.bench import make_bench_services
    from satupintu.cityconfig.demo import load_catalogue

    load_catalogue()
    make_bench_services(500)
    selectors.search_services("akta")  # builds the index
    with django_assert_max_num_queries(3):
        result = selectors.search_services("akte kelahiran")
    assert result.services[0].name == "Penerbitan Akta Kelahiran"
