from django.urls import reverse


def test_home_lists_balikpapan_kecamatan(client, reference_data):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Balikpapan Timur" in body
    assert 'lang="id"' in body


def test_staff_of_opd_a_gets_404_on_opd_b_unit(client, staff_a, opd_b):
    client.force_login(staff_a)
    response = client.get(reverse("backoffice:unit_detail", args=[opd_b.code]))
    assert response.status_code == 404
