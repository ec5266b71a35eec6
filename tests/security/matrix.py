"""The access matrix: for every named route, who may open it (GET) and what the others get.

Keyed by URL name. `allow` lists the roles that get `ok` (200 unless said otherwise: 405 for
POST-only actions, the redirect a logged-in person gets on the log-in page…); every other role
must be refused (redirect to log-in or TOTP set-up, 401/403/404). `hide` lists the roles for
which the object must not exist at all (404): OPD B staff on OPD A's objects, citizen B on
citizen A's. Path parameters name objects of `tests/security/world.py`, owned by citizen A /
OPD A. A route missing here fails `test_every_route_is_in_the_matrix`.
"""

from dataclasses import dataclass, field

PUBLIC = frozenset(
    {
        "anon",
        "citizen_a",
        "citizen_b",
        "op_a",
        "op_b",
        "auditor",
        "admin",
        "staff_nototp",
        "loket_a",
    }
)
LOGGED_IN = PUBLIC - {"anon"}
# Staff with a TOTP-verified session. loket_a is a counter officer at OPD A (the assisted
# app): staff, but with no say over OPD A's own cases, applications, letters or meetings.
STAFF = frozenset({"op_a", "op_b", "auditor", "admin", "loket_a"})
A_SIDE = frozenset({"op_a", "admin"})  # OPD A's operator and the city admin
NOBODY = frozenset()
# Roles that must get 404 (not 403) on objects of OPD A / citizen A.
HIDE_A = frozenset({"op_b", "citizen_b", "auditor", "staff_nototp", "loket_a"})


@dataclass(frozen=True)
class Rule:
    allow: frozenset
    ok: int = 200
    hide: frozenset = frozenset()
    args: tuple = ()  # names of world objects / literal strings, see world.route_args
    kind: str = "page"  # page, api, export, file, search
    refused: tuple = (302, 401, 403, 404)
    query: str = ""
    expect: dict = field(default_factory=dict)  # per-role status that differs from the rule


def R(allow, **kw):  # noqa: N802 - a table constructor
    return Rule(frozenset(allow), **kw)


POST_ONLY = 405
# The DPRD door's extra roles (world.EXTRA_ROLES), checked only where a rule names them:
# SETWAN and a member of the object's dapil see it, a member of another dapil gets 404.
COUNCIL_OWN = {"setwan": 200, "member_own": 200, "member_other": 404}
COUNCIL_SIDE = {"setwan": 200, "member_own": 200, "member_other": 200}
APP = "application.case.tracking_code"
SPBE_YEAR = "spbe_evaluation.year"
MATRIX: dict[str, Rule] = {
    # Portal, catalogue, public pages
    "portal:home": R(PUBLIC),
    "portal:search": R(PUBLIC, kind="search", query="q=ZQXMARKER"),
    "portal:opd_list": R(PUBLIC),
    "portal:opd_detail": R(PUBLIC, args=("=DPU",)),
    "portal:regions": R(PUBLIC),
    "portal:privacy": R(PUBLIC),
    "portal:region_detail": R(PUBLIC, args=("=64.71",)),
    "catalog:list": R(PUBLIC),
    "catalog:detail": R(PUBLIC, args=("service.slug",)),
    "set_language": R(PUBLIC, ok=302),
    "healthz": R(PUBLIC),
    # Prometheus: only the monitoring token (a bearer header), never a session (404 to all).
    "metrics": R(NOBODY, refused=(404,)),
    "security_txt": R(PUBLIC, ok=404),  # no SP_SECURITY_CONTACT_EMAIL in tests
    "maps:tile": R(PUBLIC, ok=404, args=("=0", "=0", "=0")),  # no tiles installed in tests
    "schema": R(PUBLIC),
    "api-docs": R(PUBLIC),
    "minutes:public_list": R(PUBLIC),
    "minutes:public_detail": R(PUBLIC, args=("meeting.pk",)),
    "minutes:public_pdf": R(PUBLIC, kind="file", args=("meeting.pk",)),
    "news:list": R(PUBLIC),
    "news:announcements": R(PUBLIC),
    "news:events": R(PUBLIC),
    "news:detail": R(PUBLIC, args=("news.slug",)),
    "news:by_unit": R(PUBLIC, args=("=DPU",)),
    "news:rss": R(PUBLIC),
    "news:atom": R(PUBLIC),
    "news:unit_rss": R(PUBLIC, args=("=DPU",)),
    "news:unit_atom": R(PUBLIC, args=("=DPU",)),
    "news:image": R(PUBLIC, kind="file", args=("news_image.pk", "=480", "=webp")),
    "documents:verify_upload": R(PUBLIC),
    "documents:verify_token": R(PUBLIC, args=("issued.token",)),
    "intake:email": R(PUBLIC, ok=POST_ONLY),
    "intake:whatsapp": R(PUBLIC, ok=503),  # not configured in tests: says so, serves nothing
    # Complaints and tracking
    "complaints:landing": R(PUBLIC),
    "complaints:new": R(PUBLIC),
    "complaints:sent": R(PUBLIC, args=("case.tracking_code",)),
    # Only the browser that filed an anonymous case may have its link sent (404 otherwise).
    "complaints:send_link": R(PUBLIC, ok=POST_ONLY, args=("case.tracking_code",)),
    "complaints:statistics": R(PUBLIC),
    "cases:track_form": R(PUBLIC),
    "cases:track": R(PUBLIC, args=("case.tracking_code",)),
    "cases:reporter_action": R(PUBLIC, ok=POST_ONLY, args=("case.tracking_code",)),
    # The reported point on a server-drawn map: public (rounded for sensitive cases).
    "cases:track_map": R(PUBLIC, kind="file", args=("case.tracking_code",)),
    # Private links: whoever holds the secret (any role; a wrong secret is 404 for everyone,
    # test_wrong_secret_is_not_found).
    "cases:track_secret": R(PUBLIC, args=("case.tracking_code", "case_secret")),
    "cases:reporter_action_secret": R(
        PUBLIC, ok=POST_ONLY, args=("case.tracking_code", "case_secret")
    ),
    "cases:reporter_attachment_secret": R(
        PUBLIC, kind="file", args=("case.tracking_code", "case_secret", "case_attachment.pk")
    ),
    "cases:reporter_thumbnail_secret": R(
        PUBLIC, kind="file", args=("case.tracking_code", "case_secret", "case_attachment.pk")
    ),
    "cases:track_map_secret": R(PUBLIC, kind="file", args=("case.tracking_code", "case_secret")),
    # The reporter's own photo (and its thumbnail): the owner, or whoever holds the secret link.
    "cases:reporter_attachment": R(
        {"citizen_a"},
        kind="file",
        args=("case.tracking_code", "case_attachment.pk"),
        refused=(400, 404),
    ),
    "cases:reporter_thumbnail": R(
        {"citizen_a"},
        kind="file",
        args=("case.tracking_code", "case_attachment.pk"),
        refused=(400, 404),
    ),
    "cases:inbox": R(STAFF, kind="search", query="q=ZQXMARKERKASUS"),
    "cases:export": R(STAFF, kind="export"),
    "cases:staff_detail": R(A_SIDE, hide=HIDE_A, args=("case.tracking_code",)),
    "cases:act": R(STAFF, ok=POST_ONLY, args=("case.tracking_code",)),
    "cases:staff_attachment": R(
        A_SIDE, hide=HIDE_A, kind="file", args=("case.tracking_code", "case_attachment.pk")
    ),
    # Resumable uploads (tus): creation is POST only; an upload is its owner's (HEAD/GET give
    # its offset), 404 for everyone else.
    "uploads:collection": R(PUBLIC, ok=POST_ONLY),
    "uploads:detail": R(
        {"citizen_a"}, kind="api", hide=PUBLIC - {"citizen_a"}, args=("upload.public_id",)
    ),
    # Applications: citizen side
    "applications:my_list": R(LOGGED_IN),
    "applications:start": R(LOGGED_IN, ok=302, args=("service.slug",)),
    "applications:step": R(
        {"citizen_a"}, ok=302, hide=HIDE_A | {"op_a", "admin"}, args=("draft.public_id", "=1")
    ),
    # The confirmation page (GET), the delete itself (POST); undo is POST only.
    # (The world's draft was submitted since: its owner is sent to the application.)
    "applications:delete_draft": R(
        {"citizen_a"}, ok=302, hide=HIDE_A | {"op_a", "admin"}, args=("draft.public_id",)
    ),
    "applications:restore_draft": R(LOGGED_IN, ok=POST_ONLY, args=("draft.public_id",)),
    "applications:draft_document": R(
        NOBODY,  # a draft's scan is shown inline on the step page only
        kind="file",
        hide=LOGGED_IN,
        args=("draft.public_id", "draft_document.pk"),
    ),
    "applications:done": R({"citizen_a"}, hide=HIDE_A | {"op_a", "admin"}, args=(APP,)),
    # Files of an application: its citizen, and OPD A's staff with a TOTP-verified session
    # (issue #9 item 3: a staff member without TOTP gets nothing through these links).
    "applications:receipt": R(
        {"citizen_a"} | A_SIDE, kind="file", hide=HIDE_A | {"anon"}, args=(APP,)
    ),
    "applications:document": R(
        {"citizen_a"} | A_SIDE,
        kind="file",
        hide=HIDE_A | {"anon"},
        args=(APP, "application_document.pk"),
    ),
    "applications:result": R(
        {"citizen_a"} | A_SIDE, kind="file", hide=HIDE_A | {"anon"}, args=(APP,)
    ),
    # The applicant's private links: whoever holds the secret.
    "applications:receipt_secret": R(PUBLIC, kind="file", args=(APP, "application_secret")),
    "applications:document_secret": R(
        PUBLIC, kind="file", args=(APP, "application_secret", "application_document.pk")
    ),
    "applications:result_secret": R(PUBLIC, kind="file", args=(APP, "application_secret")),
    # Issued: nothing to correct or withdraw, the holder is sent back to the tracking page.
    "applications:correction_secret": R(PUBLIC, ok=302, args=(APP, "application_secret")),
    "applications:withdraw_secret": R(PUBLIC, ok=302, args=(APP, "application_secret")),
    # Corrections and withdrawal: only the applicant (who is redirected: nothing to correct).
    "applications:correction": R(
        {"citizen_a"}, ok=302, hide=HIDE_A | {"anon", "op_a", "admin"}, args=(APP,)
    ),
    "applications:withdraw": R(
        {"citizen_a"}, ok=302, hide=HIDE_A | {"anon", "op_a", "admin"}, args=(APP,)
    ),
    # Applications: staff side
    "applications:staff_queue": R(STAFF, kind="search"),
    "applications:staff_detail": R(A_SIDE, hide=HIDE_A, args=(APP,)),
    "applications:staff_act": R(STAFF, ok=POST_ONLY, args=(APP,)),
    "applications:staff_revoke": R(STAFF, ok=POST_ONLY, args=(APP,)),
    "applications:staff_result": R(A_SIDE, hide=HIDE_A, kind="file", args=(APP,)),
    "applications:staff_document": R(
        A_SIDE, hide=HIDE_A, kind="file", args=(APP, "application_document.pk")
    ),
    "documents:staff_detail": R(A_SIDE, hide=HIDE_A, args=("issued.token",)),
    "documents:staff_revoke": R(STAFF, ok=POST_ONLY, args=("issued.token",)),
    "documents:staff_download": R(A_SIDE, hide=HIDE_A, kind="file", args=("issued.token",)),
    # Intake by operators
    "intake:operator_new": R(STAFF),
    # Only the operator who recorded the call sees its confirmation page.
    "intake:operator_recorded": R(NOBODY, hide=STAFF, args=("case.tracking_code",)),
    # Counter-assisted filing: counter officers only, on their own counters' filings.
    "assisted:list": R({"loket_a"}),
    "assisted:lookup": R({"loket_a"}),
    "assisted:start": R({"loket_a"}, ok=302),  # no NIK looked up yet: back to the lookup
    "assisted:detail": R({"loket_a"}, hide=LOGGED_IN - {"loket_a"}, args=("filing.pk",)),
    "assisted:step": R({"loket_a"}, hide=LOGGED_IN - {"loket_a"}, args=("filing_draft.pk", "=1")),
    # DPRD (/dprd/): the council's public pages
    "dprd:home": R(PUBLIC),
    "dprd:member": R(PUBLIC, args=("=gita-contoh",)),
    "dprd:district": R(PUBLIC, args=("=6",)),
    "dprd:proposal_new": R(LOGGED_IN),
    "dprd:proposal": R(PUBLIC, args=("proposal.case.tracking_code",)),
    "dprd:support": R(LOGGED_IN, ok=POST_ONLY, args=("proposal.case.tracking_code",)),
    # E-Pokir back office: SETWAN, the city koordinator/admin, DPRD members (own dapil)
    "dprd:staff_list": R({"admin"}, expect=COUNCIL_SIDE),
    "dprd:staff_detail": R(
        {"admin"},
        hide=STAFF - {"admin"},
        args=("proposal.case.tracking_code",),
        expect=COUNCIL_OWN,
    ),
    "dprd:staff_act": R(
        STAFF,
        ok=POST_ONLY,
        args=("proposal.case.tracking_code",),
        expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
    ),
    # Aspirations to the DPRD: the public form; SETWAN, the koordinator and the members the
    # aspiration is addressed to (here: dapil Balikpapan Selatan).
    "dprd:aspiration_new": R(PUBLIC),
    "dprd:calendar": R(PUBLIC),
    "dprd:calendar_feed": R(PUBLIC, kind="file"),
    "dprd:aspiration_staff_list": R({"admin"}, expect=COUNCIL_SIDE),
    "dprd:aspiration_staff_detail": R(
        {"admin"},
        hide=STAFF - {"admin"},
        args=("aspiration.case.tracking_code",),
        expect=COUNCIL_OWN,
    ),
    "dprd:aspiration_staff_act": R(
        STAFF,
        ok=POST_ONLY,
        args=("aspiration.case.tracking_code",),
        expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
    ),
    "dprd:export_district": R({"admin"}, kind="export", args=("=6", "=csv"), expect=COUNCIL_OWN),
    "dprd:export_member": R({"admin"}, kind="export", args=("=gita-contoh", "=csv")),
    # Queues (/antrean/): public pages; the ticket page holds no personal data; the private
    # link is whoever holds the secret; the board's JSON is public.
    "queues:home": R(PUBLIC),
    "queues:mine": R(LOGGED_IN),
    "queues:site": R(PUBLIC, args=("queue_site.slug",)),
    "queues:now": R(PUBLIC, args=("queue_site.slug",)),
    "queues:public_figures": R(PUBLIC, args=("queue_site.slug",)),
    "queues:choose": R(PUBLIC, args=("queue_site.slug", "queue_service.pk")),
    # Without a chosen day and time the confirmation sends the visitor back to choose.
    "queues:confirm": R(PUBLIC, ok=302, args=("queue_site.slug", "queue_service.pk")),
    "queues:ticket": R(PUBLIC, args=("booking.code",)),
    "queues:booking_secret": R(PUBLIC, args=("booking.code", "booking_secret")),
    "queues:board": R(PUBLIC, args=("queue_site.slug",)),
    "queues:board_data": R(PUBLIC, kind="api", args=("queue_site.slug",)),
    # Satisfaction survey (/ikm/): public results and signed reports; the survey itself from
    # an invitation link (a signed token) or the kiosk at a queue site.
    "surveys:index": R(PUBLIC),
    "surveys:thanks": R(PUBLIC),
    "surveys:answer": R(PUBLIC, args=("survey_token",)),
    "surveys:kiosk": R(PUBLIC, args=("queue_site.slug",)),
    "surveys:unit": R(PUBLIC, args=("=DPU",)),
    "surveys:report_pdf": R(PUBLIC, kind="file", args=("=DPU", "survey_report.pk")),
    # /kantor/ikm/: each OPD its own unit's results (the city admin every unit's).
    "surveys:staff_units": R(STAFF),
    "surveys:staff_report": R(A_SIDE, hide=HIDE_A, args=("=DPU",)),
    "surveys:issue": R(STAFF, ok=POST_ONLY, args=("=DPU",)),
    "surveys:staff_pdf": R(A_SIDE, hide=HIDE_A, kind="file", args=("=DPU", "survey_report.pk")),
    # Dashboards: public city-wide figures; /kantor/dasbor/ for leaders (heads, coordinators,
    # admins) only, scoped to their units.
    "dashboards:public": R(PUBLIC),
    "dashboards:public_csv": R(PUBLIC, kind="export", args=("=pengaduan-opd",)),
    # One public figure with all its rows (/transparansi/ shows its largest).
    "dashboards:public_figure": R(PUBLIC, args=("=pengaduan-opd",)),
    "dashboards:home": R({"admin"}),
    "dashboards:csv": R({"admin"}, kind="export", args=("=pengaduan-opd",)),
    "dashboards:refresh": R(STAFF, ok=POST_ONLY),
    # The monthly PDF of one unit: its head and the leaders above it (the e-mail's link).
    "dashboards:monthly_pdf": R({"admin"}, kind="file", args=("=DPU", "=2025-12")),
    # SPBE inventory: each OPD its own applications (lists are scoped); the public directory.
    "spbe:directory": R(PUBLIC),
    "spbe:inventory": R(STAFF),
    "spbe:import": R(STAFF, ok=POST_ONLY),
    "spbe:export": R(STAFF, kind="export"),
    "spbe:map": R(STAFF),
    "spbe:export_xlsx": R(STAFF, kind="export"),
    # SPBE self-evaluation: any staff sees the years and the index; an OPD its own indicators
    # (another OPD's: 404); the SPBE team (city admin/koordinator, Diskominfo) opens, assigns,
    # reviews and issues the signed report.
    "spbe:evaluations": R(STAFF),
    "spbe:open_year": R(STAFF, ok=POST_ONLY),
    "spbe:evaluation": R(STAFF, args=(SPBE_YEAR,)),
    "spbe:assign": R(STAFF, ok=POST_ONLY, args=(SPBE_YEAR,)),
    "spbe:issue_report": R(STAFF, ok=POST_ONLY, args=(SPBE_YEAR,)),
    "spbe:report_pdf": R(
        {"admin"}, kind="file", hide=HIDE_A | {"op_a"}, args=(SPBE_YEAR, "spbe_report.pk")
    ),
    "spbe:assignment": R(A_SIDE, hide=HIDE_A, args=(SPBE_YEAR, "spbe_assignment.pk")),
    "spbe:answer": R(STAFF, ok=POST_ONLY, args=(SPBE_YEAR, "spbe_assignment.pk")),
    "spbe:add_evidence": R(STAFF, ok=POST_ONLY, args=(SPBE_YEAR, "spbe_assignment.pk")),
    "spbe:review": R(STAFF, ok=POST_ONLY, args=(SPBE_YEAR, "spbe_assignment.pk")),
    "spbe:evidence_file": R(
        A_SIDE,
        kind="file",
        hide=HIDE_A,
        args=(SPBE_YEAR, "spbe_assignment.pk", "spbe_evidence.pk"),
    ),
    # Kiosk and counters (/kantor/antrean/): staff of the site's OPD, counter officers too;
    # figures, CSV and doctors' leave: the OPD's own staff (not the counter officer).
    "queues:staff_sites": R(STAFF),
    "queues:kiosk": R(A_SIDE | {"loket_a"}, hide=HIDE_A - {"loket_a"}, args=("queue_site.slug",)),
    "queues:print": R(
        A_SIDE | {"loket_a"},
        hide=HIDE_A - {"loket_a"},
        args=("queue_site.slug", "queue_ticket.pk"),
    ),
    "queues:console": R(
        A_SIDE | {"loket_a"}, hide=HIDE_A - {"loket_a"}, args=("queue_counter.pk",)
    ),
    "queues:leave": R(A_SIDE, hide=HIDE_A, args=("queue_site.slug",)),
    "queues:figures": R(A_SIDE, hide=HIDE_A, args=("queue_site.slug",)),
    "queues:figures_csv": R(A_SIDE, hide=HIDE_A, kind="export", args=("queue_site.slug",)),
    # Open data (/data/): public catalogue, downloads, DCAT and the CKAN Action API (no
    # session needed); /kantor/data/: each OPD its own datasets, city admins refresh.
    "opendata:list": R(PUBLIC),
    "opendata:catalog": R(PUBLIC, kind="api"),
    "opendata:detail": R(PUBLIC, args=("dataset.slug",)),
    "opendata:download": R(PUBLIC, kind="file", args=("dataset.slug", "=csv")),
    "opendata:ckan_action": R(PUBLIC, kind="api", args=("=package_list",)),
    "opendata:ckan_action_unversioned": R(PUBLIC, kind="api", args=("=package_search",)),
    "opendata:staff_list": R(STAFF),
    "opendata:staff_create": R({"op_a", "op_b", "admin"}),
    "opendata:staff_refresh": R(STAFF, ok=POST_ONLY),
    "opendata:staff_detail": R(A_SIDE, hide=HIDE_A, args=("dataset.slug",)),
    "opendata:staff_publish": R(STAFF, ok=POST_ONLY, args=("dataset.slug",)),
    # FHIR R4 for the hospital's SIMRS: a client token, never a session (401 for every role).
    "fhir:metadata": R(PUBLIC, kind="api"),
    "fhir:location_search": R(NOBODY, kind="api"),
    "fhir:location_read": R(NOBODY, kind="api", args=("queue_site.pk",)),
    "fhir:service_search": R(NOBODY, kind="api"),
    "fhir:service_read": R(NOBODY, kind="api", args=("queue_service.pk",)),
    "fhir:practitioner_search": R(NOBODY, kind="api"),
    "fhir:practitioner_read": R(NOBODY, kind="api", args=("=1",)),
    "fhir:schedule_search": R(NOBODY, kind="api"),
    "fhir:schedule_read": R(NOBODY, kind="api", args=("=1-0",)),
    "fhir:slot_search": R(NOBODY, kind="api"),
    "fhir:appointment_search": R(NOBODY, kind="api"),
    "fhir:appointment": R(NOBODY, kind="api", args=("booking.code",)),
    # Guides (/panduan/) and their leaflets: public.
    "guides:list": R(PUBLIC),
    "guides:detail": R(PUBLIC, args=("=melacak",)),
    "guides:leaflet": R(PUBLIC, kind="file", args=("=melacak",)),
    # Accounts (allauth): the logged-in person's own pages
    "accounts:profile": R(LOGGED_IN),
    "accounts:profile_edit": R(LOGGED_IN),
    "accounts:export": R(LOGGED_IN, kind="export"),
    "accounts:delete": R(LOGGED_IN),
    # "Urusan saya" and the notification centre (onedoor): the person's own business only.
    "onedoor:mine": R(LOGGED_IN),
    "onedoor:link_contact": R(LOGGED_IN, ok=POST_ONLY),
    "onedoor:link_anonymous": R(LOGGED_IN, ok=POST_ONLY),
    "onedoor:notifications": R(LOGGED_IN),
    "onedoor:notification": R(
        {"citizen_a"}, hide=LOGGED_IN - {"citizen_a"}, args=("message_a.pk",)
    ),
    "onedoor:mark_all_read": R(LOGGED_IN, ok=POST_ONLY),
    # The installable app (pwa): public shell; Web Push on/off for the logged-in person's own
    # browser (the endpoint is the only key: nobody reaches another account's subscription).
    "pwa:manifest": R(PUBLIC),
    "pwa:service_worker": R(PUBLIC),
    "pwa:offline": R(PUBLIC),
    "pwa:push_subscribe": R(LOGGED_IN, ok=POST_ONLY),
    "pwa:push_unsubscribe": R(LOGGED_IN, ok=POST_ONLY),
    "account_login": R({"anon"}, expect=dict.fromkeys(LOGGED_IN, 302)),
    "account_signup": R({"anon"}, expect=dict.fromkeys(LOGGED_IN, 302)),
    "account_logout": R(LOGGED_IN, expect={"anon": 302}),
    "account_inactive": R(PUBLIC),
    "account_reauthenticate": R(LOGGED_IN),
    "account_email": R(LOGGED_IN),
    "account_email_verification_sent": R(LOGGED_IN, ok=302),
    "account_change_password": R(LOGGED_IN),
    "account_set_password": R(LOGGED_IN, ok=302),
    "account_reset_password": R(PUBLIC),
    "account_reset_password_done": R(PUBLIC),
    "account_reset_password_from_key": R(PUBLIC, args=("=0", "=invalid-key")),
    "account_reset_password_from_key_done": R(PUBLIC),
    "account_confirm_login_code": R(LOGGED_IN, ok=302),
    "account_verify_phone": R(LOGGED_IN, ok=302),
    "account_change_phone": R(LOGGED_IN),
    "mfa_index": R(LOGGED_IN),
    # Our wrappers of allauth's views (limited wrong codes; TOTP set-up for staff only through
    # an admin's enrolment link) answer on the same paths as allauth's names.
    "mfa_authenticate": R(LOGGED_IN, ok=302),
    "accounts:mfa_authenticate": R(LOGGED_IN, ok=302),
    # Citizens who have just logged in with their password open the set-up at once (issue 16:
    # the password is asked once); staff who have TOTP already are sent on (302).
    "accounts:mfa_activate_totp": R(
        LOGGED_IN - {"staff_nototp"}, ok=302, expect={"citizen_a": 200, "citizen_b": 200}
    ),
    # An unknown enrolment link: log in first, then 404 whoever asks.
    "accounts:totp_enrol": R(NOBODY, args=("=not-a-real-token",)),
    "mfa_reauthenticate": R(
        STAFF, expect={"citizen_a": 302, "citizen_b": 302, "staff_nototp": 302}
    ),
    # Staff without TOTP and without an enrolment link: 403 with how to get one.
    "mfa_activate_totp": R(
        LOGGED_IN - {"staff_nototp"}, ok=302, expect={"citizen_a": 200, "citizen_b": 200}
    ),
    "mfa_deactivate_totp": R(STAFF, ok=302),
    "mfa_view_recovery_codes": R(NOBODY),
    "mfa_generate_recovery_codes": R(LOGGED_IN, ok=302),
    "mfa_download_recovery_codes": R(NOBODY),
    # Minutes (back office)
    "news:staff_list": R(STAFF, kind="search"),
    "news:create": R({"op_a", "op_b", "admin"}),
    "news:staff_detail": R(A_SIDE, hide=HIDE_A, args=("news_draft.pk",)),
    "news:edit": R(A_SIDE, hide=HIDE_A, args=("news_draft.pk",)),
    "news:image_upload": R(STAFF, ok=POST_ONLY, args=("news_draft.pk",)),
    "news:act": R(STAFF, ok=POST_ONLY, args=("news_draft.pk",)),
    "minutes:staff_list": R(STAFF, kind="search", query="q=Rapat"),
    "minutes:create": R({"op_a", "op_b", "admin"}),
    "minutes:follow_ups": R(STAFF),
    "minutes:follow_up_done": R(STAFF, ok=POST_ONLY, args=("follow_up.pk",)),
    "minutes:staff_detail": R(A_SIDE, hide=HIDE_A, args=("meeting.pk",)),
    "minutes:edit": R(A_SIDE, ok=302, hide=HIDE_A, args=("meeting.pk",)),  # published: read-only
    "minutes:act": R(STAFF, ok=POST_ONLY, args=("meeting.pk",)),
    "minutes:staff_pdf": R(A_SIDE, hide=HIDE_A, kind="file", args=("meeting.pk",)),
    "minutes:attendance": R(A_SIDE, hide=HIDE_A, args=("meeting.pk",)),
    "minutes:agenda_add": R(STAFF, ok=POST_ONLY, args=("meeting.pk",)),
    "minutes:agenda_edit": R(A_SIDE, hide=HIDE_A, args=("meeting.pk", "agenda_item.pk")),
    "minutes:agenda_delete": R(STAFF, ok=POST_ONLY, args=("meeting.pk", "agenda_item.pk")),
    "minutes:follow_up_add": R(STAFF, ok=POST_ONLY, args=("meeting.pk",)),
    # Letters (e-office)
    "letters:inbox": R(STAFF),
    "letters:register": R({"op_a", "op_b", "admin"}),
    "letters:outgoing_list": R(STAFF),
    "letters:outgoing_new": R(STAFF),
    "letters:outgoing_edit": R(NOBODY, hide=STAFF, args=("letter.pk",)),  # incoming letter
    "letters:external_download": R(NOBODY, kind="file", args=("external_token",)),
    "letters:archive": R(STAFF, kind="search", query="q=Permohonan+data"),
    "letters:export": R(STAFF, kind="export", query="q=Permohonan+data"),
    "letters:retention": R(STAFF),
    "letters:retention_import": R(STAFF, ok=POST_ONLY),
    "letters:retention_edit": R({"admin"}, args=("=000.5.3.1",)),
    "letters:classification": R(STAFF),
    "letters:performance": R(NOBODY),  # leaders (kepala) only
    "letters:performance_csv": R(NOBODY, kind="export"),
    "letters:detail": R(A_SIDE, hide=HIDE_A, args=("letter.pk",)),
    "letters:print": R(NOBODY, hide=STAFF, args=("letter.pk",)),  # outgoing letters only
    "letters:file": R(A_SIDE, hide=HIDE_A, kind="file", args=("letter.pk", "letter_file.pk")),
    "letters:dispose": R(STAFF, ok=POST_ONLY, args=("letter.pk",)),
    "letters:submit": R(STAFF, ok=POST_ONLY, args=("letter.pk",)),
    "letters:review": R(STAFF, ok=POST_ONLY, args=("letter.pk",)),
    "letters:sign": R(STAFF, ok=POST_ONLY, args=("letter.pk",)),
    "letters:dispatch": R(STAFF, ok=POST_ONLY, args=("letter.pk",)),
    "letters:withdraw": R(STAFF, ok=POST_ONLY, args=("disposition.pk",)),
    "letters:report": R(STAFF, ok=POST_ONLY, args=("disposition.pk",)),
    # Back office
    "backoffice:home": R(STAFF),
    "backoffice:units": R(STAFF),
    "backoffice:unit_detail": R(A_SIDE, hide=HIDE_A, args=("=DPU",)),
    "backoffice:audit": R({"auditor", "admin"}),
    # Django admin: every admin:* route follows admin:index (checked there).
    # Auditors read the settings (read-only); everyone else is sent to log in.
    "admin:*": R({"admin", "auditor"}, expect=dict.fromkeys(PUBLIC - {"admin", "auditor"}, 302)),
    # REST API
    "api-regions": R(PUBLIC, kind="api"),
    "api-electoral-districts": R(PUBLIC, kind="api"),
    "api-org-units": R(PUBLIC, kind="api"),
    "api-org-unit": R(PUBLIC, kind="api", args=("=DPU",)),
    "api-services": R(PUBLIC, kind="api"),
    "api-service": R(PUBLIC, kind="api", args=("service.slug",)),
    "api-me": R(LOGGED_IN, kind="api"),
    "api-unit-members": R(A_SIDE, kind="api", hide={"op_b", "auditor"}, args=("=DPU",)),
    "api-audit-events": R({"auditor", "admin"}, kind="api"),
    "api-cases": R(STAFF, kind="search", query="q=ZQXMARKERKASUS"),
    "api-case-kinds": R(STAFF, kind="api"),
    "api-case": R(A_SIDE, kind="api", hide={"op_b", "auditor"}, args=("case.tracking_code",)),
    "api-case-action": R(STAFF, kind="api", ok=POST_ONLY, args=("case.tracking_code",)),
    "api-news": R(PUBLIC, kind="api"),
    "api-news-item": R(PUBLIC, kind="api", args=("news.slug",)),
    "api-meetings": R(STAFF, kind="search", query="q=Rapat"),
    "api-meeting-follow-ups": R(STAFF, kind="api"),
    "api-meeting-follow-up-done": R(STAFF, kind="api", ok=POST_ONLY, args=("follow_up.pk",)),
    "api-meeting": R(A_SIDE, kind="api", hide={"op_b", "auditor"}, args=("meeting.pk",)),
    "api-meeting-action": R(STAFF, kind="api", ok=POST_ONLY, args=("meeting.pk",)),
    "api-meeting-agenda": R(STAFF, kind="api", ok=POST_ONLY, args=("meeting.pk",)),
    "api-meeting-agenda-item": R(
        STAFF, kind="api", ok=POST_ONLY, args=("meeting.pk", "agenda_item.pk")
    ),
    "api-meeting-attendance": R(STAFF, kind="api", ok=POST_ONLY, args=("meeting.pk",)),
    "api-meeting-follow-up-add": R(STAFF, kind="api", ok=POST_ONLY, args=("meeting.pk",)),
    "api-letters": R(STAFF, kind="search", query="q=Permohonan+data"),
    "api-letter-inbox": R(STAFF, kind="api"),
    "api-letter-counters": R(STAFF, kind="api"),
    "api-letter-performance": R(NOBODY, kind="api"),  # leaders only
    "api-dispositions": R(STAFF, kind="api"),
    "api-disposition-withdraw": R(STAFF, kind="api", ok=POST_ONLY, args=("disposition.pk",)),
    "api-disposition-done": R(STAFF, kind="api", ok=POST_ONLY, args=("disposition.pk",)),
    "api-letter": R(A_SIDE, kind="api", hide={"op_b", "auditor"}, args=("letter.pk",)),
    "api-letter-dispose": R(STAFF, kind="api", ok=POST_ONLY, args=("letter.pk",)),
    "api-letter-sign": R(STAFF, kind="api", ok=POST_ONLY, args=("letter.pk",)),
    "api-outgoing-create": R(STAFF, kind="api", ok=POST_ONLY),
    "api-outgoing-draft": R(NOBODY, kind="api", hide=STAFF, args=("letter.pk",)),  # incoming
    "api-outgoing-submit": R(STAFF, kind="api", ok=POST_ONLY, args=("letter.pk",)),
    "api-outgoing-review": R(STAFF, kind="api", ok=POST_ONLY, args=("letter.pk",)),
    "api-outgoing-dispatch": R(STAFF, kind="api", ok=POST_ONLY, args=("letter.pk",)),
    "api-dprd-members": R(PUBLIC, kind="api"),
    "api-dprd-member": R(PUBLIC, kind="api", args=("=gita-contoh",)),
    "api-dprd-bodies": R(PUBLIC, kind="api"),
    "api-dprd-proposals": R(PUBLIC, kind="api"),
    "api-queue-sites": R(PUBLIC, kind="api"),
    "api-queue-availability": R(PUBLIC, kind="api", args=("queue_site.slug", "queue_service.pk")),
    "api-queue-figures": R(
        A_SIDE, kind="api", hide={"op_b", "auditor", "loket_a"}, args=("queue_site.slug",)
    ),
    "api-staff-applications": R(STAFF, kind="search"),
    "api-staff-application": R(A_SIDE, kind="api", hide={"op_b", "auditor"}, args=(APP,)),
    "api-staff-application-action": R(STAFF, kind="api", ok=POST_ONLY, args=(APP,)),
    "api-staff-application-result": R(A_SIDE, kind="file", hide={"op_b", "auditor"}, args=(APP,)),
    "api-staff-application-revoke": R(STAFF, kind="api", ok=POST_ONLY, args=(APP,)),
    # Open311 GeoReport v2 (public by design; requests show public summaries only)
    # Development projects (public pages, photos and API of published projects) and the map.
    "projects:list": R(PUBLIC),
    "projects:region": R(PUBLIC, args=("=64.71.05.1002",)),
    "projects:opd": R(PUBLIC, args=("=DPU",)),
    "projects:detail": R(PUBLIC, args=("project.slug",)),
    "projects:photo": R(PUBLIC, kind="file", args=("project.slug", "project_photo.pk")),
    "api-projects": R(PUBLIC, kind="api"),
    "api-project": R(PUBLIC, kind="api", args=("project.slug",)),
    "geo:map": R(PUBLIC),
    "geo:layer_data": R(PUBLIC, kind="api", args=("=proyek",)),
    # Staff: an OPD's projects and map layers (counter officers have no unit of their own).
    "projects:staff_list": R(STAFF - {"loket_a"}, kind="search", query="q=ZQXMARKERPROYEK"),
    "projects:staff_create": R(STAFF - {"loket_a"}),
    "projects:staff_export": R(STAFF - {"loket_a"}, kind="export"),
    "projects:staff_detail": R(A_SIDE, hide=HIDE_A, args=("project.slug",)),
    "projects:staff_progress": R(A_SIDE, hide=HIDE_A, args=("project.slug",)),
    "geo:staff_layers": R(STAFF - {"loket_a"}),
    "geo:staff_publish": R(STAFF, ok=POST_ONLY, args=("map_layer.slug",)),
    "open311:services": R(PUBLIC, kind="api", args=("=json",)),
    "open311:service": R(PUBLIC, kind="api", args=("=jalan-rusak", "=json")),
    "open311:requests": R(PUBLIC, kind="api", args=("=json",)),
    "open311:request": R(PUBLIC, kind="api", args=("case.tracking_code", "=json")),
    "open311:token": R(PUBLIC, kind="api", ok=404, args=("=unknown", "=json")),
    # E-Reses: SETWAN (and the koordinator/admin) all reses, a member their own only.
    "dprd:reses_report": R(
        PUBLIC, kind="file", args=("recess_report.member.slug", "recess_report.period_id")
    ),
    "dprd:reses_list": R({"admin"}, expect=COUNCIL_SIDE),
    "dprd:reses_schedule": R(
        {"admin"}, expect={"setwan": 200, "member_own": 404, "member_other": 404}
    ),
    "dprd:reses_detail": R(
        {"admin"}, hide=STAFF - {"admin"}, args=("recess.pk",), expect=COUNCIL_OWN
    ),
    "dprd:reses_held": R(
        STAFF, ok=POST_ONLY, args=("recess.pk",), expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY)
    ),
    "dprd:reses_heard": R(
        STAFF, ok=POST_ONLY, args=("recess.pk",), expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY)
    ),
    "dprd:reses_complete": R(
        {"admin"},
        hide=STAFF - {"admin"},
        args=("recess.pk", "recess_heard.pk"),
        expect=COUNCIL_OWN,
    ),
    "dprd:reses_cancel": R(
        STAFF, ok=POST_ONLY, args=("recess.pk",), expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY)
    ),
    "dprd:reses_photo": R(
        {"admin"},
        kind="file",
        hide=STAFF - {"admin"},
        args=("recess.pk", "recess_photo.pk"),
        expect=COUNCIL_OWN,
    ),
    "dprd:reses_report_generate": R(
        STAFF, ok=POST_ONLY, args=("recess.pk",), expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY)
    ),
    # Dashboard drill-down (issue 13): OPD A's overdue dispositions, for the leaders who see
    # OPD A on /kantor/dasbor/ (no leader among the roles but the city admin).
    "letters:overdue_dispositions": R({"admin"}, query="unit=DPU"),
    # The DPRD secretariat's dashboard: SETWAN staff and the city admin; members get 404.
    "dprd:dashboard": R({"admin"}, expect={**COUNCIL_OWN, "member_own": 404}),
    "dprd:dashboard_csv": R(
        {"admin"}, kind="export", args=("=dprd-adopsi",), expect={**COUNCIL_OWN, "member_own": 404}
    ),
    # A news item's gallery (public renditions of a published item; staff writes, POST only)
    "news:gallery_picture": R(PUBLIC, kind="file", args=("news_picture.pk", "=480", "=webp")),
    "news:gallery_add": R(STAFF, ok=POST_ONLY, args=("news_draft.pk",)),
    "news:gallery_remove": R(STAFF, ok=POST_ONLY, args=("news_draft.pk", "news_draft_picture.pk")),
    "news:gallery_move": R(STAFF, ok=POST_ONLY, args=("news_draft.pk", "news_draft_picture.pk")),
    # Staff write APIs of city information and development projects
    "api-staff-news": R(STAFF, kind="search"),
    "api-staff-news-item": R(
        A_SIDE, kind="api", hide={"op_b", "auditor", "loket_a"}, args=("news_draft.pk",)
    ),
    "api-staff-news-action": R(STAFF, kind="api", ok=POST_ONLY, args=("news_draft.pk",)),
    "api-staff-projects": R(STAFF - {"loket_a"}, kind="search"),
    "api-staff-project": R(
        A_SIDE, kind="api", hide={"op_b", "auditor", "loket_a"}, args=("project.slug",)
    ),
    "api-staff-project-progress": R(STAFF, kind="api", ok=POST_ONLY, args=("project.slug",)),
    # Council correspondence (/kantor/dprd/surat/): SETWAN (and the city admin) see every
    # council letter; a member those disposed to them or a body they sit in (here Bapemperda:
    # member_own sits there, member_other does not); OPD staff nothing.
    "dprd:correspondence": R({"admin"}, expect=COUNCIL_SIDE),
    "dprd:correspondence_register": R(
        {"admin"}, expect={"setwan": 200, "member_own": 404, "member_other": 404}
    ),
    "dprd:correspondence_detail": R(
        {"admin"}, hide=STAFF - {"admin"}, args=("council_letter.pk",), expect=COUNCIL_OWN
    ),
    "dprd:correspondence_dispose": R(
        STAFF,
        ok=POST_ONLY,
        args=("council_letter.pk",),
        expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
    ),
    "dprd:correspondence_report": R(
        STAFF,
        ok=POST_ONLY,
        args=("council_disposition.pk",),
        expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
    ),
    # A project's field photos: public renditions of a published project; the gallery read
    # publicly and by the project's OPD through the staff API.
    "projects:photo_rendition": R(
        PUBLIC, kind="file", args=("project.slug", "project_photo.pk", "=480", "=webp")
    ),
    "api-project-gallery": R(PUBLIC, kind="api", args=("project.slug",)),
    "api-staff-project-gallery": R(
        A_SIDE, kind="api", hide={"op_b", "auditor", "loket_a"}, args=("project.slug",)
    ),
}

# Where OPD A's objects must be listed for OPD A and never for OPD B (search results, lists,
# exports): route name → the marker text of OPD A's object in the response.
SCOPED_LISTS = {
    "cases:inbox": "case.tracking_code",
    "cases:export": "case.tracking_code",
    "api-cases": "case.tracking_code",
    "letters:archive": "=ZQXMARKERSURAT",
    "letters:export": "=ZQXMARKERSURAT",
    "api-letters": "=ZQXMARKERSURAT",
    "minutes:staff_list": "=ZQXMARKERRAPAT",
    "news:staff_list": "=ZQXMARKERDRAFBERITA",
    "api-meetings": "=ZQXMARKERRAPAT",
    "queues:staff_sites": "=ZQXMARKERANTREAN",
    "opendata:staff_list": "=ZQXMARKERDATA",
    "spbe:inventory": "=ZQXMARKERAPLIKASI",
    "spbe:export": "=ZQXMARKERAPLIKASI",
    "spbe:evaluation": "=Kebijakan Internal Arsitektur SPBE",
    "projects:staff_list": "project.slug",
    "projects:staff_export": "project.slug",
    "geo:staff_layers": "=ZQXMARKERLAPISAN",
    "api-staff-news": "=ZQXMARKERDRAFBERITA",
    "api-staff-projects": "project.slug",
}

# Minutes decisions linked to DPRD aspirations and proposals; the DPRD staff-action API.
MATRIX.update(
    {
        "minutes:decision_link": R(STAFF, ok=POST_ONLY, args=("meeting.pk", "agenda_item.pk")),
        "minutes:decision_unlink": R(
            STAFF, ok=POST_ONLY, args=("meeting.pk", "agenda_item.pk", "decision_link.pk")
        ),
        "api-dprd-staff-proposals": R({"admin"}, kind="api", expect=COUNCIL_SIDE),
        "api-dprd-proposal-action": R(
            {"admin"},
            kind="api",
            ok=POST_ONLY,
            args=("proposal.case.tracking_code",),
            expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
        ),
        "api-dprd-aspiration-action": R(
            {"admin"},
            kind="api",
            ok=POST_ONLY,
            args=("aspiration.case.tracking_code",),
            expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
        ),
        "api-dprd-aspiration": R(PUBLIC, kind="api", args=("aspiration.case.tracking_code",)),
    }
)
MATRIX["dprd:recap_district"] = R(
    {"admin"}, kind="file", args=("=6", "proposal.planning_year"), expect=COUNCIL_OWN
)

# E-Reses and council correspondence in the DPRD staff API (dprd/api_reses.py,
# dprd/api_correspondence.py): SETWAN all, a member their own reses and the letters disposed
# to them or their bodies; OPD staff refused.
MATRIX.update(
    {
        "api-dprd-recesses": R({"admin"}, kind="api", expect=COUNCIL_SIDE),
        "api-dprd-recess": R({"admin"}, kind="api", args=("recess.pk",), expect=COUNCIL_OWN),
        "api-dprd-recess-held": R(
            {"admin"},
            kind="api",
            ok=POST_ONLY,
            args=("recess.pk",),
            expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
        ),
        "api-dprd-recess-heard": R(
            {"admin"},
            kind="api",
            ok=POST_ONLY,
            args=("recess.pk",),
            expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
        ),
        # POST-only writes (dprd/api_reses_actions.py): GET is 405 to whoever may reach the
        # API; cancel is SETWAN's (a member's POST gets 404, tested in the app's tests).
        "api-dprd-recess-cancel": R(
            {"admin"},
            kind="api",
            ok=POST_ONLY,
            args=("recess.pk",),
            expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
        ),
        "api-dprd-recess-complete": R(
            {"admin"},
            kind="api",
            ok=POST_ONLY,
            args=("recess.pk", "recess_heard.pk"),
            expect=dict.fromkeys(COUNCIL_OWN, POST_ONLY),
        ),
        # Files of the staff API: a reses photo and the signed laporan reses (GET downloads;
        # POST signs it again), SETWAN and the member themself only.
        "api-dprd-recess-photo": R(
            {"admin"}, kind="file", args=("recess.pk", "recess_photo.pk"), expect=COUNCIL_OWN
        ),
        "api-dprd-recess-report": R(
            {"admin"},
            kind="file",
            args=("recess_report.member.slug", "recess_report.period_id"),
            expect=COUNCIL_OWN,
        ),
        "api-dprd-letters": R({"admin"}, kind="api", expect=COUNCIL_SIDE),
        "api-dprd-letter": R(
            {"admin"}, kind="api", args=("council_letter.pk",), expect=COUNCIL_OWN
        ),
    }
)
# Drafting an outgoing council letter: SETWAN's staff (and the city admin) only.
MATRIX["dprd:correspondence_draft"] = R(
    {"admin"}, expect={"setwan": 200, "member_own": 404, "member_other": 404}
)
