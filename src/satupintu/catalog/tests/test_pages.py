from satupintu.catalog import selectors
from satupintu.catalog.models import LifeEvent, Service


def test_list_groups_services_by_opd_and_life_event(demo_catalog, client):
    response = client.get("/layanan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "Penerbitan Akta Kelahiran" in html
    assert "?peristiwa=kelahiran" in html
    assert "?opd=DISDUKCAPIL" in html


def test_grouping_selectors(demo_catalog):
    services = list(selectors.published_services())
    by_unit = {g.key: [s.slug for s in g.services] for g in selectors.group_by_unit(services)}
    assert set(by_unit["DISDUKCAPIL"]) == {
        "akta-kelahiran",
        "akta-kematian",
        "perubahan-kk",
        "surat-pindah",
    }
    by_event = {g.key: g for g in selectors.group_by_life_event(services)}
    assert "akta-kelahiran" in [s.slug for s in by_event["kelahiran"].services]
    assert "sktm" in [s.slug for s in by_event["pendidikan"].services]
    limited = selectors.group_by_unit(services, limit=2)
    dukcapil = next(g for g in limited if g.key == "DISDUKCAPIL")
    assert len(dukcapil.services) == 2 and dukcapil.more == 2


def test_filter_by_opd_and_life_event(demo_catalog, client):
    html = client.get("/layanan/", {"opd": "DINSOS"}).content.decode()
    assert "Surat Keterangan Tidak Mampu" in html
    assert "Penerbitan Akta Kelahiran" not in html
    html = client.get("/layanan/", {"peristiwa": "kematian"}).content.decode()
    assert "Penerbitan Akta Kematian" in html
    assert "Izin Penyelenggaraan Reklame" not in html


def test_detail_shows_the_six_components(demo_catalog, client):
    response = client.get("/layanan/akta-kelahiran/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "1. Persyaratan",
        "2. Sistem, mekanisme dan prosedur",
        "3. Jangka waktu pelayanan",
        "4. Biaya/tarif",
        "5. Produk pelayanan",
        "6. Penanganan pengaduan, saran dan masukan",
    ):
        assert heading in html
    assert "Surat keterangan lahir dari bidan" in html
    assert "paling besar 2 MB" in html
    assert "Gratis" in html
    assert "Verifikasi berkas" in html and "Persetujuan kepala" in html
    assert 'href="/permohonan/baru/akta-kelahiran/"' in html
    assert "Ajukan permohonan online" in html
    assert "/opd/DISDUKCAPIL/" in html


def test_detail_in_person_only_has_no_apply_button_and_fee_shown(demo_catalog, client):
    html = client.get("/layanan/pengantar-skck/").content.decode()
    assert "Ajukan permohonan online" not in html
    assert "Datang langsung" in html
    html = client.get("/layanan/sertifikat-laik-higiene/").content.decode()
    assert "Rp 150.000" in html


def test_unpublished_service_is_404(demo_catalog, client):
    Service.objects.filter(slug="sktm").update(is_published=False)
    assert client.get("/layanan/sktm/").status_code == 404
    assert client.get("/layanan/tidak-ada/").status_code == 404
    assert "Surat Keterangan Tidak Mampu" not in client.get("/layanan/").content.decode()


def test_detail_page_queries_do_not_grow(demo_catalog, client, django_assert_max_num_queries):
    client.get("/layanan/akta-kelahiran/")
    with django_assert_max_num_queries(8):
        assert client.get("/layanan/perubahan-kk/").status_code == 200


def test_home_and_portal_search_link_the_catalogue(demo_catalog, client):
    assert 'href="/layanan/"' in client.get("/").content.decode()
    html = client.get("/cari/", {"q": "akte kelahiran"}).content.decode()
    assert "/layanan/akta-kelahiran/" in html


def test_life_event_counts(demo_catalog):
    counts = {e.slug: e.service_count for e in selectors.life_events_with_services()}
    assert counts["kelahiran"] >= 2
    assert LifeEvent.objects.count() >= 8
