"""One small city for the security suite: OPD A (DPU) and OPD B (DINKES), their operators, an
auditor, a city admin, a staff member without TOTP, two citizens, and one object of every kind
owned by citizen A / OPD A (an unfinished upload, a complaint with a photo, a draft and a
submitted-and-issued application with documents and a signed result, an incoming letter with
a scan and a disposition, a published meeting with agenda and follow-up). Built once per
module."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import (
    TEST_PASSWORD,
    UserFactory,
    current_totp_code,
    make_staff,
)

ROLES = (
    "anon",
    "citizen_a",
    "citizen_b",
    "op_a",
    "op_b",
    "auditor",
    "admin",
    "staff_nototp",
    "loket_a",
)
# Roles a rule checks only when it names them in `expect` (the DPRD door's people): SETWAN
# staff, a council member of the proposal's dapil (Balikpapan Selatan) and one of another.
EXTRA_ROLES = ("setwan", "member_own", "member_other")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)


def log_in(user) -> Client:
    """A client logged in the way a person does it: password, then TOTP when set up."""
    client = Client(raise_request_exception=False)
    response = client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, response
    if response["Location"].startswith("/akun/2fa/authenticate/"):
        response = client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
        assert response.status_code == 302, response
    return client


def build_world() -> World:
    from satupintu.applications.services import citizen as citizen_services
    from satupintu.applications.tests.conftest import (
        STEP_ONE,
        STEP_TWO,
        make_service,
        pdf_bytes,
        png_bytes,
        upload,
    )
    from satupintu.applications.tests.staff_fixtures import RESULT_BODY, walk_to_end
    from satupintu.cases.tests.helpers import file_case, make_category, png_upload, verify
    from satupintu.catalog.models import ResultTemplate
    from satupintu.documents import pki
    from satupintu.documents import services as document_services
    from satupintu.documents.models import IssuedDocument
    from satupintu.letters import services as letter_services
    from satupintu.letters.models import ClassificationCode
    from satupintu.letters.tests.conftest import ensure_codes, register
    from satupintu.minutes.tests.conftest import publish, schedule
    from satupintu.org.services import import_reference_data
    from satupintu.testing.factories import REFERENCE_DATA_DIR

    import_reference_data(REFERENCE_DATA_DIR)
    ensure_codes()
    opd_a = OrgUnit.objects.get(code="DPU")
    opd_b = OrgUnit.objects.get(code="DINKES")
    pemkot = OrgUnit.objects.get(code="PEMKOT")
    w = World()
    u = w.users
    u["citizen_a"] = UserFactory(full_name="Warga Satu")
    u["citizen_b"] = UserFactory(full_name="Warga Dua")
    u["op_a"] = make_staff(opd_a, Membership.Role.OPERATOR, full_name="Operator DPU")
    u["op_b"] = make_staff(opd_b, Membership.Role.OPERATOR, full_name="Operator Dinkes")
    u["auditor"] = make_staff(
        OrgUnit.objects.get(code="INSPEKTORAT"), Membership.Role.AUDITOR, full_name="Auditor"
    )
    u["admin"] = make_staff(pemkot, Membership.Role.ADMIN, full_name="Admin Kota")
    u["staff_nototp"] = make_staff(opd_a, Membership.Role.OPERATOR, totp=False)
    # A counter officer at OPD A: files for citizens, has no say over OPD A's own work.
    u["loket_a"] = make_staff(opd_a, Membership.Role.COUNTER, full_name="Petugas Loket DPU")
    head_a = make_staff(opd_a, Membership.Role.HEAD, full_name="Kepala DPU")
    koordinator_a = make_staff(opd_a, Membership.Role.COORDINATOR, full_name="Koordinator DPU")
    city_coordinator = make_staff(pemkot, Membership.Role.COORDINATOR)
    o = w.objects

    # A resumable upload of citizen A, not finished yet (/unggah/<id>/).
    from satupintu.uploads import services as upload_services

    o["upload"] = upload_services.create(
        user=u["citizen_a"], session_owner="matrix-citizen-a", length=1000, filename="ktp.png"
    )

    # A complaint of citizen A with a photo, verified and routed to OPD A.
    case, secret = file_case(
        make_category(),
        user=u["citizen_a"],
        title="Jalan rusak ZQXMARKERKASUS",
        files=[png_upload()],
        latitude=Decimal("-1.265432"),  # a point: the tracking page's map routes answer
        longitude=Decimal("116.831234"),
    )
    verify(case, by=city_coordinator, org_unit="DPU")
    o["case"] = case
    o["case_secret"] = secret
    o["case_attachment"] = case.attachments.first()
    # A message the platform sent citizen A about that case ("Urusan saya" notifications).
    from satupintu.notifications.models import OutboxMessage

    o["message_a"] = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        recipient=u["citizen_a"].email,
        subject="Laporan ZQXMARKERPESAN",
        body="Status laporan Anda berubah.",
        dedupe_key="matrix-message-a",
        reference=case.tracking_code,
    )

    # An online service of OPD A; a draft with one document and an issued application.
    key = pki.generate_key()
    ca = document_services.create_demo_ca(key=key)
    document_services.issue_demo_identity(ca=ca, org_unit=opd_a, key=key)
    service = make_service(opd_a)
    service.validity_days = 365
    service.save(update_fields=["validity_days"])
    ResultTemplate.objects.create(service=service, title="Kutipan Akta", body=RESULT_BODY)
    o["service"] = service
    files = {
        "surat-lahir": lambda: upload("surat-lahir.pdf", pdf_bytes(), "application/pdf"),
        "kk": lambda: upload("kk.pdf", pdf_bytes(), "application/pdf"),
        "ktp-ortu": lambda: upload("ktp.png", png_bytes(), "image/png"),
    }

    def answered_draft():
        draft = citizen_services.start_draft(user=u["citizen_a"], service=service)
        for index, answers in enumerate([STEP_ONE, STEP_TWO]):
            form = citizen_services.save_step(draft, index, answers, actor=u["citizen_a"])
            assert form.is_valid(), form.errors
        errors = citizen_services.upload_documents(
            draft, {code: make() for code, make in files.items()}, actor=u["citizen_a"]
        )
        assert not errors, errors
        type(draft).objects.filter(pk=draft.pk).update(current_step=3)
        draft.refresh_from_db()
        return draft

    o["draft"] = answered_draft()
    o["draft_document"] = o["draft"].documents.first()
    application, application_secret = citizen_services.submit_draft(
        answered_draft(), actor=u["citizen_a"]
    )
    walk_to_end(application, u["op_a"], koordinator_a, head_a)
    application.refresh_from_db()
    o["application"] = application
    o["application_secret"] = application_secret
    o["application_document"] = application.documents.first()
    o["issued"] = IssuedDocument.objects.filter(org_unit=opd_a, kind="hasil_layanan").first()

    # Applications filed at OPD A's counter for a citizen registered there: one submitted,
    # one still being filled in.
    from satupintu.assisted import services as assisted_services

    def counter_filing(citizen=None):
        return assisted_services.start_filing(
            officer=u["loket_a"],
            counter_unit=opd_a,
            nik="6471055203850002",
            citizen=citizen,
            service=service,
            full_name="Warga Loket",
            phone="+6281234567001",
        )

    filing = counter_filing()
    for index, answers in enumerate([STEP_ONE, STEP_TWO]):
        citizen_services.save_step(filing.draft, index, answers, actor=u["loket_a"])
    citizen_services.upload_documents(
        filing.draft, {code: make() for code, make in files.items()}, actor=u["loket_a"]
    )
    assisted_services.submit_filing(filing, officer=u["loket_a"])
    o["filing"] = filing
    o["filing_draft"] = counter_filing(citizen=filing.citizen)

    # An incoming letter of OPD A with a scan, disposed to the operator.
    from satupintu.letters.tests.conftest import pdf_upload

    letter = register(
        u["op_a"],
        opd_a,
        subject="Permohonan data ZQXMARKERSURAT",
        classification=ClassificationCode.objects.get(code="000.5.3.1"),
        scans=[pdf_upload()],
    )
    o["letter"] = letter
    o["letter_file"] = letter.files.first()
    o["disposition"] = letter_services.dispose(
        actor=head_a,
        letter=letter,
        to_users=[u["op_a"]],
        instructions=[next(iter(letter_services.INSTRUCTION_LABELS))],
    )[0]
    o["external_token"] = letter_services.external_download_token(letter, o["letter_file"])

    # A published meeting of OPD A with an agenda item and a follow-up action.
    people = {"chair": head_a, "notulis": u["op_a"], "invitee": koordinator_a}
    meeting = schedule(u["op_a"], opd_a, people, title="Rapat ZQXMARKERRAPAT")
    from satupintu.minutes import services as minute_services

    o["follow_up"] = minute_services.add_follow_up(
        actor=u["op_a"],
        meeting=meeting,
        description="Perbaiki drainase",
        owner_unit=opd_a,
        due_date=timezone.localdate() + timedelta(days=14),
    )
    meeting = publish(meeting, people)
    o["meeting"] = meeting
    o["agenda_item"] = meeting.agenda_items.first()
    # Queues: a site of OPD A with a counter, a booking of citizen A for tomorrow (its private
    # link) and a walk-in ticket.
    from datetime import time

    from satupintu.cases.codes import hash_secret, new_secret
    from satupintu.queues import services as queue_services
    from satupintu.queues.models import Booking, Counter, QueueService, Site

    site = Site.objects.create(org_unit=opd_a, slug="kantor-dpu", name="DPU ZQXMARKERANTREAN")
    queue_service = QueueService.objects.create(
        site=site, org_unit=opd_a, name="Konsultasi teknis", prefix="A"
    )
    counter = Counter.objects.create(site=site, org_unit=opd_a, number=1)
    counter.services.set([queue_service])
    booking_secret = new_secret()
    o["booking"] = Booking.objects.create(
        code="ANT-ZQXM42",
        token_hash=hash_secret(booking_secret),
        site=site,
        service=queue_service,
        day=timezone.localdate() + timedelta(days=1),
        slot_start=time(8),
        user=u["citizen_a"],
        name="Warga Satu",
        phone="+6281234567001",
        identity_index="matrix-citizen-a",
    )
    o["booking_secret"] = booking_secret
    o["queue_site"] = site
    o["queue_service"] = queue_service
    o["queue_counter"] = counter
    o["queue_ticket"] = queue_services.walk_in(site, queue_service)
    # Satisfaction survey: the invitation of citizen A's finished application (answered),
    # and OPD A's signed IKM report of this year.
    from satupintu.surveys import services as survey_services

    invitation = survey_services.invite(application.case)
    o["survey_token"] = survey_services.invitation_token(invitation)
    survey_services.answer_invitation(
        invitation,
        {"sex": "P", "age_group": "30-39", "education": "s1", "occupation": "swasta"}
        | {f"u{i}": 3 for i in range(1, 10)},
    )
    from satupintu.spbe.models import Application as SpbeApplication

    SpbeApplication.objects.create(
        code="zqx-aplikasi",
        name="Aplikasi ZQXMARKERAPLIKASI",
        owner=opd_a,
        scope="khusus",
        users="internal",
        hosting="kota",
        classification="terbatas",
        status="aktif",
    )
    o["survey_report"] = survey_services.issue_report(
        org_unit=opd_a, year=timezone.localdate().year, actor=head_a
    )
    # SPBE self-evaluation: this year's, indicator 1 assigned to OPD A with a file and a link
    # as evidence; the SPBE team's (Diskominfo's seal) signed report.
    from satupintu.spbe import framework as spbe_framework
    from satupintu.spbe.models import Indicator as SpbeIndicator
    from satupintu.spbe.services import evaluation as spbe_services
    from satupintu.spbe.services import framework as spbe_framework_services
    from satupintu.spbe.services import report as spbe_report

    document_services.issue_demo_identity(
        ca=ca, org_unit=OrgUnit.objects.get(code="DISKOMINFO"), key=key
    )
    loaded = spbe_framework_services.load_framework(
        spbe_framework.BUNDLED.read_text(encoding="utf-8")
    )
    evaluation = spbe_services.open_evaluation(
        year=timezone.localdate().year, framework=loaded.framework, actor=u["admin"]
    )
    spbe_services.assign(
        evaluation=evaluation,
        indicators=[
            SpbeIndicator.objects.get(aspect__domain__framework=loaded.framework, number=1)
        ],
        org_unit=opd_a,
        actor=u["admin"],
    )
    o["spbe_evaluation"] = evaluation
    o["spbe_assignment"] = evaluation.assignments.get()
    o["spbe_evidence"] = spbe_services.add_evidence(
        assignment=o["spbe_assignment"],
        title="SK Arsitektur SPBE",
        upload=upload("sk.pdf", pdf_bytes(), "application/pdf"),
        actor=u["op_a"],
    )
    o["spbe_report"] = spbe_report.issue_report(evaluation=evaluation, actor=u["admin"])
    # A development project of OPD A with a progress report and its photo, and a map layer
    # OPD A uploaded.
    from satupintu.geo import services as geo_services
    from satupintu.projects import services as project_services
    from satupintu.projects.tests.conftest import make_project

    o["project"] = make_project(opd_a, name="Jalan ZQXMARKERPROYEK", actor=u["op_a"])
    from satupintu.core import images
    from satupintu.news.tests.conftest import image_upload as photo_upload

    photo = images.prepare(photo_upload())
    project_services.report_progress(
        actor=u["op_a"],
        project=o["project"],
        reported_on=timezone.localdate(),
        progress=30,
        note="Galian",
        photos=[(photo, "Galian jalan")],
    )
    o["project_photo"] = o["project"].updates.get().photos.get()
    o["map_layer"] = geo_services.import_layer(
        actor=u["op_a"],
        org_unit=opd_a,
        title="Lapisan ZQXMARKERLAPISAN",
        source_format="csv",
        data=b"nama,lat,lon\nMenara air,-1.2552,116.8951\n",
    )
    # A published open dataset of OPD A (/data/, the CKAN API, /kantor/data/).
    from django.core.files.uploadedfile import SimpleUploadedFile

    from satupintu.opendata import services as opendata_services

    dataset = opendata_services.create_dataset(
        actor=u["op_a"],
        org_unit=opd_a,
        metadata={
            "title": "Ruas jalan ZQXMARKERDATA",
            "description": "Panjang ruas jalan kota.",
            "frequency": "tahunan",
            "license": "cc-by",
            "period_start": timezone.localdate().replace(month=1, day=1),
            "period_end": timezone.localdate(),
            "contact_name": "Seksi Data DPU",
            "contact_email": "data.dpu@example.go.id",
        },
        tags=["jalan"],
        groups=[],
        upload=SimpleUploadedFile("jalan.csv", b"ruas,panjang_km\nJalan A,1.5\n"),
    )
    o["dataset"] = opendata_services.set_published(actor=u["op_a"], dataset=dataset, published=True)
    # City information: a published news item of OPD A with its image, and a draft.
    from satupintu.news import services as news_services
    from satupintu.news.tests.conftest import image_upload

    news = news_services.create_item(
        actor=u["op_a"],
        org_unit=opd_a,
        kind="berita",
        title="Berita ZQXMARKERBERITA perbaikan jalan",
        summary="Perbaikan jalan oleh Dinas PU.",
        body="<p>Isi berita.</p>",
    )
    o["news_image"] = news_services.set_image(
        actor=u["op_a"], item=news, upload=image_upload(), alt_text="Alat berat di jalan"
    )
    from satupintu.news import gallery as news_gallery

    o["news_picture"] = news_gallery.add_image(
        actor=u["op_a"], item=news, upload=image_upload(), alt_text="Pengaspalan ruas jalan"
    )
    o["news"] = news_services.transition(actor=head_a, item=news, action="publish_draft")
    o["news_draft"] = news_services.create_item(
        actor=u["op_a"],
        org_unit=opd_a,
        kind="pengumuman",
        title="Draf ZQXMARKERDRAFBERITA",
        summary="Belum terbit.",
    )
    o["news_draft_picture"] = news_gallery.add_image(
        actor=u["op_a"], item=o["news_draft"], upload=image_upload(), alt_text="Papan proyek"
    )
    add_council(w)
    add_council_letters(w)
    add_dashboard_figures(w)
    for role in ROLES + EXTRA_ROLES:
        anonymous = Client(raise_request_exception=False)
        w.clients[role] = anonymous if role == "anon" else log_in(u[role])
    return w


def add_council(w: World) -> None:
    """E-Pokir: an open submission window, a proposal of citizen A in Kel. Sepinggan (dapil
    Balikpapan Selatan), SETWAN staff and two member accounts (Selatan and Utara)."""
    from allauth.mfa.totp.internal.auth import TOTP

    from satupintu.cases.tests.helpers import png_upload
    from satupintu.dprd import services as dprd_services
    from satupintu.dprd.models import Member, SubmissionWindow
    from satupintu.org.models import Region
    from satupintu.testing.factories import TOTP_SECRET

    today = timezone.localdate()
    SubmissionWindow.objects.create(
        planning_year=today.year + 1,
        opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=30),
    )
    case = dprd_services.submit_proposal(
        dprd_services.NewProposal(
            title="Semenisasi gang ZQXMARKERPOKIR",
            description="Gang becek setiap hujan, dilalui anak sekolah setiap hari.",
            work_type="fisik",
            affair="Pekerjaan umum — jalan lingkungan",
            kelurahan=Region.objects.get(name="Sepinggan"),
            rt="012",
            street="Gg. Mawar",
            boundaries="Dari mulut gang sampai musala",
            volume=350,
            volume_unit="m",
            photos=[png_upload()],
        ),
        user=w.users["citizen_a"],
    )
    w.objects["proposal"] = case.proposal
    # An aspiration of citizen A to the members of dapil Balikpapan Selatan, forwarded.
    from satupintu.cases.workflow import COORDINATOR
    from satupintu.dprd import services_aspiration

    aspiration_case, _secret = services_aspiration.submit_aspiration(
        services_aspiration.NewAspiration(
            target="dapil",
            title="Drainase ZQXMARKERASPIRASI",
            description="Saluran air tersumbat sejak tiga bulan, rumah warga kebanjiran.",
            kelurahan=Region.objects.get(name="Sepinggan"),
        ),
        user=w.users["citizen_a"],
    )
    aspiration = aspiration_case.aspiration
    from satupintu.cases import services as case_services

    case_services.perform(aspiration_case, "verify", actor=None, role=COORDINATOR)
    w.objects["aspiration"] = aspiration
    w.users["setwan"] = make_staff(OrgUnit.objects.get(code="SETWAN"), full_name="Staf Setwan")
    for role, district in (
        ("member_own", "Balikpapan Selatan"),
        ("member_other", "Balikpapan Utara"),
    ):
        member = Member.objects.filter(district__districts__name=district).order_by("name")[0]
        member.user = UserFactory(is_staff=True, full_name=f"Anggota {district}")
        member.save(update_fields=["user"])
        TOTP.activate(member.user, TOTP_SECRET)
        w.users[role] = member.user
        w.objects[role] = member
    # A decision of OPD A's meeting answering the proposal (minutes decision links).
    from satupintu.minutes.models import DecisionLink

    w.objects["decision_link"] = DecisionLink.objects.create(
        agenda_item=w.objects["agenda_item"], code=case.tracking_code
    )
    add_reses(w)


def add_reses(w: World) -> None:
    """E-Reses: a masa sidang, a reses of member_own (dapil Balikpapan Selatan) held with a
    photo and a draft proposal heard, its laporan reses signed with SETWAN's seal."""
    from satupintu.cases.tests.helpers import png_upload
    from satupintu.documents import pki
    from satupintu.documents import services as document_services
    from satupintu.dprd import reses_reports, reses_services
    from satupintu.dprd.models import SittingPeriod
    from satupintu.org.models import Region

    key = pki.generate_key()
    ca = document_services.create_demo_ca(key=key)
    document_services.issue_demo_identity(
        ca=ca, org_unit=OrgUnit.objects.get(code="SETWAN"), key=key
    )
    member = w.objects["member_own"]
    today = timezone.localdate()
    period = SittingPeriod.objects.create(
        term=member.term,
        year=today.year,
        number=1,
        starts_on=today - timedelta(days=20),
        ends_on=today + timedelta(days=20),
    )
    recess = reses_services.schedule(
        actor=w.users["setwan"],
        member=member,
        period=period,
        kelurahan=Region.objects.get(name="Sepinggan"),
        place="Balai warga ZQXMARKERRESES",
        held_on=today,
    )
    reses_services.record_held(
        actor=member.user, recess=recess, attendance=30, photos=[png_upload()]
    )
    heard = reses_services.record_heard(
        actor=member.user,
        recess=recess,
        new=reses_services.Heard(
            outcome="usulan",
            title="Drainase gang Melati",
            description="Saluran di gang Melati tersumbat setiap hujan.",
            idempotency_key="matrix-reses-heard",
        ),
    )
    w.objects["recess"] = recess
    w.objects["recess_heard"] = heard
    w.objects["recess_photo"] = recess.photos.first()
    w.objects["recess_report"] = reses_reports.generate_report(
        actor=w.users["setwan"], member=member, period=period
    )


def add_dashboard_figures(w: World) -> None:
    """A disposition of OPD A's letter past its due date, and today's rollup: the leaders'
    dashboard drills from it to /kantor/surat/disposisi/terlambat/?unit=DPU."""
    from satupintu.dashboards import rollup
    from satupintu.letters import services as letter_services
    from satupintu.letters.models import Disposition

    letter = w.objects["letter"]
    head_a = letter.org_unit.memberships.filter(role="kepala").first().user
    late = letter_services.dispose(
        actor=head_a,
        letter=letter,
        to_users=[w.users["op_a"]],
        instructions=[next(iter(letter_services.INSTRUCTION_LABELS))],
    )[0]
    Disposition.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=3))
    w.objects["late_disposition"] = late
    rollup.rollup_day(timezone.localdate())


def add_council_letters(w: World) -> None:
    """Council correspondence: a letter to the DPRD registered by SETWAN's agenda officer, which
    the Ketua DPRD disposed to Bapemperda (member_own sits there, member_other does not)."""
    from satupintu.dprd import correspondence
    from satupintu.dprd.models import Body, Position
    from satupintu.letters.models import ClassificationCode

    ketua = Position.objects.get(body__code="PIMPINAN", role="ketua").member
    ketua.user = UserFactory(is_staff=True, full_name="Ketua DPRD")
    ketua.save(update_fields=["user"])
    letter = correspondence.register_council_letter(
        actor=w.users["setwan"],
        subject="Undangan DPRD ZQXMARKERSURATDPRD",
        classification=ClassificationCode.objects.get(code="000.5.3.1"),
        sender_name="Forum RT Sepinggan",
    )
    [disposition] = correspondence.dispose(
        actor=ketua.user,
        letter=letter,
        groups=[correspondence.group_key(Body.objects.get(code="BAPEMPERDA"))],
        instructions=["ditindaklanjuti"],
    )
    w.objects["council_letter"] = letter
    w.objects["council_disposition"] = disposition
