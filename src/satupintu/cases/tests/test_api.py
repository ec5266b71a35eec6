"""Staff API for cases: the inbox, one case, actions; same permissions as the pages."""

from datetime import date

import pytest
import time_machine

from satupintu.cases.models import Case, CaseEvent
from satupintu.cases.tests.helpers import (
    BALIKPAPAN_SELATAN,
    MANGGAR,
    act,
    file_case,
    make_category,
    region,
    unit,
    verify,
    wita,
)
from satupintu.cases.workflow import REPORTER
from satupintu.complaints.forms import Identity
from satupintu.testing.factories import UserFactory, make_staff

LIST = "/api/v1/kantor/kasus/"
KINDS = "/api/v1/kantor/kasus/jenis/"


def detail_url(case):
    return f"/api/v1/kantor/kasus/{case.tracking_code}/"


def action_url(case):
    return f"/api/v1/kantor/kasus/{case.tracking_code}/tindakan/"


def post_action(client, case, **data):
    return client.post(action_url(case), data, content_type="application/json")


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return [row["tracking_code"] for row in response.json()["results"]]


@pytest.fixture
def cases(category, coordinator):
    """Two verified DPU cases, one verified DINKES case, one unverified case."""
    dpu_one, _s = file_case(category, title="Jalan berlubang Sepinggan")
    dpu_two, _s = file_case(category, title="Drainase tersumbat", kelurahan=MANGGAR)
    dinkes, _s = file_case(category, title="Puskesmas tutup siang")
    unverified, _s = file_case(category, title="Belum diperiksa")
    verify(dpu_one, coordinator)
    verify(dpu_two, coordinator)
    verify(dinkes, coordinator, "DINKES")
    return {"dpu_one": dpu_one, "dpu_two": dpu_two, "dinkes": dinkes, "unverified": unverified}


# --- List --------------------------------------------------------------------------------------


def test_unit_staff_list_only_their_verified_cases(client, cases, staff_a):
    client.force_login(staff_a)

    response = client.get(LIST)

    body = response.json()
    assert body["count"] == 2
    assert {row["tracking_code"] for row in body["results"]} == {
        cases["dpu_one"].tracking_code,
        cases["dpu_two"].tracking_code,
    }
    row = body["results"][0]
    assert row["org_unit"] == "DPU"
    assert row["status"] == "terverifikasi" and row["status_label"] == "Diteruskan ke unit"
    assert "reporter" not in row and "description" not in row


def test_other_opd_never_lists_our_cases(client, cases, staff_b):
    client.force_login(staff_b)

    assert listed(client) == [cases["dinkes"].tracking_code]
    for params in ({"q": cases["dpu_one"].tracking_code}, {"status": "terverifikasi"}):
        assert cases["dpu_one"].tracking_code not in listed(client, **params)


def test_coordinator_lists_every_case_including_unverified(client, cases, coordinator):
    client.force_login(coordinator)

    assert set(listed(client)) == {c.tracking_code for c in cases.values()}
    assert listed(client, status="baru") == [cases["unverified"].tracking_code]


def test_unit_staff_never_list_unverified_cases(client, cases, staff_a):
    client.force_login(staff_a)

    assert listed(client, status="baru") == []
    assert listed(client, q=cases["unverified"].tracking_code) == []


def test_list_is_paginated(client, category, coordinator):
    for n in range(3):
        file_case(category, title=f"Laporan nomor {n}")
    client.force_login(coordinator)

    first = client.get(LIST, {"page": 1}).json()

    assert first["count"] == 3
    assert set(first) == {"count", "next", "previous", "results"}
    assert client.get(LIST, {"page": 9}).status_code == 404


def test_filters(client, cases, category, coordinator, staff_a):
    other_category = make_category("lampu", name="Lampu", default_unit="DPU")
    lamp, _s = file_case(other_category, title="Lampu mati")
    verify(lamp, coordinator)
    act(cases["dpu_one"], "assign", staff_a, assignee=staff_a)
    act(cases["dpu_two"], "start", staff_a)
    client.force_login(staff_a)
    one, two = cases["dpu_one"].tracking_code, cases["dpu_two"].tracking_code

    assert listed(client, jenis="complaint", status="diproses") == [two]
    assert set(listed(client, jenis="complaint")) == {one, two, lamp.tracking_code}
    assert listed(client, kategori=other_category.pk) == [lamp.tracking_code]
    assert listed(client, wilayah=region(MANGGAR).pk) == [two]
    kecamatan = set(listed(client, wilayah=region(BALIKPAPAN_SELATAN).pk))
    assert kecamatan == {one, lamp.tracking_code}
    assert listed(client, saya="1") == [one]
    assert listed(client, q="drainase") == [two]
    assert listed(client, q=one.lower()) == [one]
    assert listed(client, status="selesai") == []


def test_deadline_filters(client, cases, staff_a):
    client.force_login(staff_a)
    one, two = cases["dpu_one"], cases["dpu_two"]
    Case.objects.filter(pk=one.pk).update(due_date=date(2026, 4, 10))
    Case.objects.filter(pk=two.pk).update(due_date=date(2026, 4, 14))

    with time_machine.travel(wita(2026, 4, 13, 9, 0), tick=False):
        assert listed(client, tenggat="overdue") == [one.tracking_code]
        assert listed(client, tenggat="soon") == [two.tracking_code]
        rows = client.get(LIST, {"tenggat": "overdue"}).json()["results"]
        assert rows[0]["is_overdue"] is True
        assert set(listed(client, tenggat="nonsense")) == {one.tracking_code, two.tracking_code}


def test_closed_cases_leave_the_default_list(client, cases, staff_a, coordinator):
    act(cases["dpu_one"], "start", staff_a)
    act(cases["dpu_one"], "resolve", staff_a, note="Beres.")
    act(cases["dpu_one"], "close", coordinator, role="coordinator")
    client.force_login(staff_a)

    assert listed(client) == [cases["dpu_two"].tracking_code]
    assert listed(client, status="selesai") == [cases["dpu_one"].tracking_code]


# --- Detail ------------------------------------------------------------------------------------


def test_detail_has_the_full_timeline_with_internal_notes(client, cases, staff_a):
    case = cases["dpu_one"]
    act(case, "note", staff_a, note="Internal: cek anggaran.")
    act(case, "reply", staff_a, note="Kami cek ke lokasi.")
    client.force_login(staff_a)

    body = client.get(detail_url(case)).json()

    assert body["tracking_code"] == case.tracking_code
    assert body["role"] == "unit"
    assert [e["action"] for e in body["timeline"]] == ["submit", "verify", "note", "reply"]
    note = body["timeline"][2]
    assert note["is_public"] is False and note["note"] == ""
    assert note["internal_note"] == "Internal: cek anggaran."
    assert note["actor"] == str(staff_a)
    assert body["timeline"][0]["actor"] is None  # the reporter
    actions = {a["action"] for a in body["actions"]}
    assert {"start", "note", "reply", "resolve", "not_our_authority"} <= actions
    assert "verify" not in actions and "merge" not in actions
    assert body["reporter"] == {
        "visible": True,
        "reason": "",
        "name": "Budi Santoso",
        "email": "budi@contoh.id",
        "phone": "+6281234567890",
    }
    assert body["duplicates"] == []


def test_detail_lists_files_with_their_checked_download_link(
    client, category, coordinator, staff_a, settings, tmp_path
):
    from satupintu.cases.tests.helpers import png_upload

    settings.MEDIA_ROOT = tmp_path
    case, _s = file_case(category, files=[png_upload("lokasi.png")])
    verify(case, coordinator)
    client.force_login(staff_a)

    files = client.get(detail_url(case)).json()["timeline"][0]["attachments"]

    assert len(files) == 1 and files[0]["original_name"] == "lokasi.png"
    assert client.get(files[0]["url"]).status_code == 200


def test_other_opd_gets_404_on_detail_and_action(client, cases, staff_b):
    case = cases["dpu_one"]
    client.force_login(staff_b)
    events = CaseEvent.objects.count()

    assert client.get(detail_url(case)).status_code == 404
    response = post_action(client, case, action="note", note="Masuk tanpa izin")
    assert response.status_code == 404
    assert CaseEvent.objects.count() == events


def test_unverified_case_is_404_for_unit_staff_but_open_to_the_coordinator(
    client, cases, staff_a, coordinator
):
    case = cases["unverified"]
    assert case.org_unit.code == "DPU"  # provisionally routed to staff_a's unit
    client.force_login(staff_a)
    assert client.get(detail_url(case)).status_code == 404
    assert post_action(client, case, action="start").status_code == 404

    client.force_login(coordinator)
    body = client.get(detail_url(case)).json()
    assert body["status"] == "baru" and body["role"] == "coordinator"
    assert {"verify", "route", "archive", "merge"} <= {a["action"] for a in body["actions"]}


def test_unknown_code_is_404(client, cases, coordinator):
    client.force_login(coordinator)

    assert client.get("/api/v1/kantor/kasus/ADU-ZZZZZZ/").status_code == 404


def test_confidential_identity_is_hidden_from_unit_staff(client, category, coordinator, staff_a):
    citizen = UserFactory(full_name="Rina Kusuma")
    case, _s = file_case(
        category, identity=Identity.CONFIDENTIAL, user=citizen, reporter_name="Rina Kusuma"
    )
    verify(case, coordinator)

    client.force_login(staff_a)
    response = client.get(detail_url(case))
    body = response.json()
    assert body["is_confidential"] is True
    assert body["reporter"] == {
        "visible": False,
        "reason": "rahasia",
        "name": None,
        "email": None,
        "phone": None,
    }
    text = response.content.decode()
    assert "Rina" not in text and "budi@contoh.id" not in text and "81234567890" not in text

    client.force_login(coordinator)
    reporter = client.get(detail_url(case)).json()["reporter"]
    assert reporter["visible"] is True and reporter["name"] == "Rina Kusuma"


def test_anonymous_identity_is_never_shown(client, category, coordinator, staff_a):
    citizen = UserFactory(full_name="Anon Tersembunyi")
    case, _s = file_case(category, identity=Identity.ANONYMOUS, user=citizen)
    verify(case, coordinator)
    act(case, "add_files", citizen, role=REPORTER)

    for user in (staff_a, coordinator):
        client.force_login(user)
        response = client.get(detail_url(case))
        body = response.json()
        assert body["is_anonymous"] is True
        assert body["reporter"]["visible"] is False and body["reporter"]["reason"] == "anonim"
        assert body["reporter"]["name"] is None and body["reporter"]["email"] is None
        assert all(e["actor"] is None for e in body["timeline"] if e["actor_role"] == REPORTER)
        text = response.content.decode()
        assert "Anon Tersembunyi" not in text and citizen.email not in text
        assert "budi@contoh.id" not in text


def test_coordinator_sees_duplicate_suggestions(client, cases, category, coordinator):
    twin, _s = file_case(category, title="Jalan berlubang Sepinggan")
    client.force_login(coordinator)

    duplicates = client.get(detail_url(twin)).json()["duplicates"]

    assert cases["dpu_one"].tracking_code in [d["tracking_code"] for d in duplicates]


# --- Actions -----------------------------------------------------------------------------------


def test_coordinator_verifies_and_routes(client, cases, coordinator):
    case = cases["unverified"]
    client.force_login(coordinator)

    response = post_action(client, case, action="verify", org_unit="DLH", note="")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "terverifikasi"
    assert body["event"]["action"] == "verify" and body["event"]["data"] == {"org_unit": "DLH"}
    case.refresh_from_db()
    assert case.org_unit.code == "DLH" and case.verified_at is not None


def test_unit_staff_work_the_case_to_an_answer(client, cases, staff_a):
    case = cases["dpu_one"]
    colleague = make_staff(unit("DPU"))
    client.force_login(staff_a)

    assert post_action(client, case, action="assign", assignee=colleague.pk).status_code == 200
    assert post_action(client, case, action="start").json()["status"] == "diproses"
    response = post_action(client, case, action="resolve", note="Sudah ditambal.")

    assert response.status_code == 200
    assert response.json()["status_label"] == "Sudah dijawab"
    case.refresh_from_db()
    assert case.assignee == colleague and case.status == "dijawab"
    assert case.first_response_at is not None


def test_action_not_allowed_is_409_with_a_message(client, cases, staff_a):
    client.force_login(staff_a)

    response = post_action(client, cases["dpu_one"], action="verify", org_unit="DPU")

    assert response.status_code == 409
    assert "tidak dapat dilakukan" in response.json()["detail"]


def test_unit_staff_cannot_merge_or_route(client, cases, staff_a):
    client.force_login(staff_a)
    case = cases["dpu_one"]

    merge = post_action(client, case, action="merge", parent_code=cases["dpu_two"].tracking_code)
    route = post_action(client, case, action="route", org_unit="DINKES")

    assert merge.status_code == route.status_code == 409
    case.refresh_from_db()
    assert case.org_unit.code == "DPU" and case.parent is None


def test_a_unit_cannot_reroute_through_another_action(client, cases, staff_a):
    client.force_login(staff_a)
    case = cases["dpu_one"]

    response = post_action(client, case, action="note", note="Pindah?", org_unit="DINKES")

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.org_unit.code == "DPU"


def test_invalid_input_is_400(client, cases, staff_a, staff_b):
    client.force_login(staff_a)
    case = cases["dpu_one"]

    unknown = post_action(client, case, action="hapus")
    assert unknown.status_code == 400 and "action" in unknown.json()
    no_note = post_action(client, case, action="reply")
    assert no_note.status_code == 400 and "note" in no_note.json()
    markup = post_action(client, case, action="reply", note="<script>x</script>")
    assert markup.status_code == 400 and "note" in markup.json()
    stranger = post_action(client, case, action="assign", assignee=staff_b.pk)
    assert stranger.status_code == 400 and "detail" in stranger.json()
    missing = post_action(client, case, action="assign")
    assert missing.status_code == 400 and missing.json() == {"detail": "Pilih petugas."}
    assert case.events.count() == 2  # submit, verify


def test_coordinator_merges_by_code(client, cases, coordinator):
    client.force_login(coordinator)
    child, parent = cases["unverified"], cases["dpu_one"]

    response = post_action(client, child, action="merge", parent_code=parent.tracking_code)

    assert response.status_code == 200 and response.json()["status"] == "digabung"
    child.refresh_from_db()
    assert child.parent == parent
    bad = post_action(client, cases["dpu_two"], action="merge", parent_code="ADU-ZZZZZZ")
    assert bad.status_code == 400
    unknown_unit = post_action(client, cases["dpu_two"], action="route", org_unit="NOPE")
    assert unknown_unit.status_code == 400


def test_unit_staff_cannot_name_a_parent_they_cannot_see(client, cases, staff_a):
    client.force_login(staff_a)

    response = post_action(
        client, cases["dpu_one"], action="note", note="x", parent_code=cases["dinkes"].tracking_code
    )

    assert response.status_code == 400


def test_not_our_authority_hands_the_case_back(client, cases, staff_a, coordinator):
    client.force_login(staff_a)
    case = cases["dpu_one"]

    response = post_action(client, case, action="not_our_authority", note="Urusan DLH.")

    assert response.status_code == 200 and response.json()["status"] == "baru"
    assert client.get(detail_url(case)).status_code == 404  # back with the coordinator
    client.force_login(coordinator)
    assert client.get(detail_url(case)).json()["org_unit"] is None


# --- Kinds, access, schema ---------------------------------------------------------------------


def test_kinds_lists_statuses_and_actions(client, staff_a):
    client.force_login(staff_a)

    body = client.get(KINDS).json()

    complaint = next(k for k in body if k["key"] == "complaint")
    assert complaint["prefix"] == "ADU" and complaint["initial_status"] == "baru"
    statuses = {s["code"]: s for s in complaint["statuses"]}
    assert statuses["baru"]["triage"] is True
    assert statuses["selesai"]["closed"] is True and statuses["dijawab"]["resolved"] is True
    assert statuses["menunggu_info"]["paused"] is True
    actions = {a["action"]: a for a in complaint["actions"]}
    assert actions["verify"]["roles"] == ["coordinator"]
    assert actions["verify"]["sources"] == ["baru"]
    assert actions["verify"]["target"] == "terverifikasi"
    assert actions["note"]["target"] is None and actions["note"]["public"] is False
    assert actions["request_info"]["effect"] == "pause"


@pytest.mark.parametrize("path", [LIST, KINDS, "/api/v1/kantor/kasus/ADU-ZZZZZZ/"])
def test_strangers_and_citizens_are_refused(client, citizen, reference_data, path):
    assert client.get(path).status_code == 403
    client.force_login(citizen)
    assert client.get(path).status_code == 403


def test_citizen_cannot_act(client, cases, citizen):
    client.force_login(citizen)

    assert post_action(client, cases["dpu_one"], action="note", note="x").status_code == 403


def test_staff_without_totp_are_stopped(client, cases):
    user = make_staff(unit("DPU"), totp=False)
    client.force_login(user)

    assert client.get(LIST).status_code == 403


def test_schema_documents_the_case_api(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    paths = schema["paths"]
    for path in (
        "/api/v1/kantor/kasus/",
        "/api/v1/kantor/kasus/jenis/",
        "/api/v1/kantor/kasus/{code}/",
        "/api/v1/kantor/kasus/{code}/tindakan/",
    ):
        assert path in paths
    names = {p["name"] for p in paths["/api/v1/kantor/kasus/"]["get"]["parameters"]}
    assert {"jenis", "status", "kategori", "wilayah", "tenggat", "q", "saya", "page"} <= names
    action = paths["/api/v1/kantor/kasus/{code}/tindakan/"]["post"]
    assert {"200", "400", "404", "409"} <= set(action["responses"])
    request = action["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    request_schema = schema["components"]["schemas"][request.rsplit("/", 1)[1]]
    assert {"action", "note", "org_unit", "assignee", "parent_code"} <= set(
        request_schema["properties"]
    )
    detail = paths["/api/v1/kantor/kasus/{code}/"]["get"]["responses"]["200"]
    ref = detail["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"timeline", "reporter", "actions"} <= set(
        schema["components"]["schemas"][ref]["properties"]
    )
