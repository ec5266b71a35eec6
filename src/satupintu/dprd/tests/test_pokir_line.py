"""A proposal's line on the map: typed or pasted, checked with shapely, drawn on its page and
on the E-Pokir map layer."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.dprd import lines, maplayers, services
from satupintu.dprd.models import Proposal
from satupintu.dprd.tests.conftest import png_bytes
from satupintu.dprd.tests.test_pokir import _form_data
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
ROAD = "-1.2601,116.8901\n-1.2611,116.8921\n-1.2620,116.8930"


def test_typed_and_pasted_lines_are_the_same_line():
    typed = lines.parse_line(ROAD + "\n\n")
    pasted = lines.parse_line(
        json.dumps(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[116.8901, -1.2601], [116.8921, -1.2611], [116.893, -1.262]],
                },
            }
        )
    )
    assert typed == pasted == [[-1.2601, 116.8901], [-1.2611, 116.8921], [-1.262, 116.893]]
    assert 250 < lines.length_m(typed) < 400
    assert lines.parse_line("   ") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "lintang,bujur"),
        ("-1.2601,116.8901", "paling sedikit dua titik"),
        ("51.50,-0.12\n51.51,-0.13", "di luar wilayah Indonesia"),  # London
        ("116.8901,-1.2601\n116.8921,-1.2611", "di luar wilayah Indonesia"),  # lon,lat swapped
        ("-1.2601,116.8901\n-1.2601,116.8901", None),  # both points the same
        ('{"type": "Polygon", "coordinates": []}', "LineString"),
        ('{"type": "LineString", "coordinates": [[1]]}', "salah bentuk"),
        ("{not json", "JSON"),
        ("\n".join(["-1.26,116.89"] * 501), "paling banyak"),
    ],
)
def test_bad_lines_are_refused_in_indonesian(text, message):
    with pytest.raises(ValidationError) as refused:
        lines.parse_line(text)
    if message:
        assert message in refused.value.messages[0]


def test_the_form_takes_the_line_and_pins_its_middle(client, window, sepinggan):
    client.force_login(UserFactory())
    photo = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("dprd:proposal_new"), {**_form_data(sepinggan, line=ROAD), "files": photo}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.get()
    assert len(proposal.line) == 3
    # No pin was set: the line's middle is the proposal's point.
    assert proposal.case.latitude is not None and proposal.case.longitude is not None
    assert -1.2621 < float(proposal.case.latitude) < -1.26
    page = client.get(reverse("dprd:proposal", args=[proposal.case.tracking_code]))
    body = page.content.decode()
    assert 'id="proposal-line"' in body and "3 titik" in body
    assert 'id="line-map"' in body and 'data-mode="show"' in body and "LineString" in body
    assert "js/pokir-line.js" in body and "<script>" not in body  # no inline script


def test_a_bad_line_keeps_what_was_typed(client, window, sepinggan):
    client.force_login(UserFactory())
    bad = "-1.2601,116.8901\n51.5,-0.12"
    response = client.post(reverse("dprd:proposal_new"), _form_data(sepinggan, line=bad))
    assert response.status_code == 400
    body = response.content.decode()
    assert "di luar wilayah Indonesia" in body and "51.5,-0.12" in body
    assert 'data-mode="draw"' in body  # the drawing map is offered beside the textarea
    assert not Proposal.objects.exists()


def test_the_map_layer_draws_the_line_once_verified(window, sepinggan, setwan_staff):
    from satupintu.dprd.tests.conftest import new_proposal

    case = services.submit_proposal(
        new_proposal(sepinggan, latitude=-1.2606, longitude=116.8911), user=UserFactory()
    )
    assert list(maplayers.features()) == []  # not verified yet: not on the map
    services.act(user=setwan_staff, proposal=case.proposal, action="verify")
    (feature,) = list(maplayers.features())
    assert feature.geometry["type"] == "LineString"
    assert feature.geometry["coordinates"][0] == [116.8901, -1.2601]
