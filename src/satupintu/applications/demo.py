"""Demo applications and the officers who process them (loaded by `load_demo_data`).

Officers of DISDUKCAPIL (operator, verifikator = koordinator, kepala) and of Kelurahan
Sepinggan (operator, lurah), signing certificates for their units (demo CA, demo mode only),
and a few applications of the demo citizen in different states: just submitted, in technical
processing, waiting for a correction, overdue, and one issued with a signed result document.
Safe to run again: officers and applications that exist are left alone.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit

logger = logging.getLogger(__name__)

KELURAHAN_SEPINGGAN = "KEL-64.71.05.1002"
STAFF = [
    # (e-mail local part, name, unit, role, title)
    ("operator.disdukcapil", "Operator Disdukcapil", "DISDUKCAPIL", "operator", "Petugas loket"),
    (
        "verifikator.disdukcapil",
        "Verifikator Disdukcapil",
        "DISDUKCAPIL",
        "koordinator",
        "Verifikator",
    ),
    ("kepala.disdukcapil", "Kepala Disdukcapil", "DISDUKCAPIL", "kepala", "Kepala Dinas"),
    ("operator.sepinggan", "Operator Kel. Sepinggan", KELURAHAN_SEPINGGAN, "operator", "Petugas"),
    ("lurah.sepinggan", "Lurah Sepinggan", KELURAHAN_SEPINGGAN, "kepala", "Lurah"),
]
# (key, service slug, state) — state: submitted, processing, correction, overdue, issued
APPLICATIONS = [
    ("demo-pmh-1", "akta-kelahiran", "submitted"),
    ("demo-pmh-2", "akta-kelahiran", "processing"),
    ("demo-pmh-3", "perubahan-kk", "correction"),
    ("demo-pmh-4", "akta-kematian", "overdue"),
    ("demo-pmh-5", "surat-keterangan-domisili", "issued"),
]
CITIZEN_EMAIL_LOCAL = "warga"
DEMO_NIK = "6471054107900001"
DEMO_KK = "6471050101200003"
DEMO_PHONE = "+6281234567890"
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def _officer(local, name, unit_code, role, title, password, domain):
    unit = OrgUnit.objects.filter(code=unit_code).first()
    if unit is None:
        return None
    email = f"{local}@{domain}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_services.create_user(
            actor=None, email=email, password=password, full_name=name, email_verified=True
        )
    if not Membership.objects.filter(user=user, org_unit=unit, role=role, is_active=True).exists():
        org_services.add_membership(actor=None, user=user, org_unit=unit, role=role, title=title)
    return user


def _value(name: str, spec: dict, widget: str):
    if widget == "nik":
        return DEMO_NIK
    if widget == "kk":
        return DEMO_KK
    if widget == "phone":
        return DEMO_PHONE
    for key in ("oneOf", "anyOf"):
        if spec.get(key):
            return spec[key][0].get("const", "")
    if spec.get("enum"):
        return spec["enum"][0]
    if spec.get("type") in ("integer", "number"):
        return max(1, int(spec.get("minimum", 1)))
    if spec.get("type") == "boolean":
        return True
    if spec.get("format") == "date" or widget == "date":
        return (timezone.localdate() - timedelta(days=20)).isoformat()
    if "email" in name:
        return f"{CITIZEN_EMAIL_LOCAL}@{settings.SITE_NAME.lower().replace(' ', '')}.example"
    if "nama" in name:
        return "Siti Rahmawati"
    if name == "rt":
        return "007"
    if "keperluan" in name:
        return "Persyaratan administrasi"
    if "alamat" in name:
        return "Jl. Mulawarman No. 12, RT 007, Sepinggan"
    return "Contoh isian demo"


def _answers(form_version) -> dict:
    from satupintu.applications import answers as answer_store

    properties = (form_version.schema or {}).get("properties") or {}
    ui = (form_version.ui or {}).get("fields") or {}
    plain, sensitive = {}, set()
    for name, spec in properties.items():
        widget = (ui.get(name) or {}).get("widget", "")
        plain[name] = _value(name, spec, widget)
        if widget in answer_store.SENSITIVE_WIDGETS:
            sensitive.add(name)
    return answer_store.protect(plain, sensitive)


def _submit(key: str, service, citizen):
    from satupintu.applications.models import Application, ApplicationDocument
    from satupintu.applications.workflow import KIND
    from satupintu.cases import services as case_services
    from satupintu.cases.models import Case
    from satupintu.core import workdays

    form_version = (
        service.form_versions.filter(published_at__isnull=False).order_by("-version").first()
    )
    if form_version is None:
        return None
    case, _secret = case_services.submit(
        case_services.NewCase(
            kind=KIND,
            channel=Case.Channel.WEB,
            title=service.name[:200],
            description=f"Permohonan {service.name} (data demo).",
            submitter=citizen,
            reporter_name=citizen.full_name,
            reporter_email=citizen.email or "",
            org_unit=service.org_unit,
            sla_working_days=service.processing_days,
            idempotency_key=key,
            attributes={"service": service.slug, "form_version": form_version.version},
        ),
        actor=citizen,
    )
    first = service.steps.order_by("order").first()
    now = timezone.now()
    application = Application.objects.create(
        case=case,
        service=service,
        form_version=form_version,
        data=_answers(form_version),
        current_step=first,
        step_started_at=now if first else None,
        step_due_date=(
            workdays.add_working_days(timezone.localdate(now), first.working_days)
            if first
            else None
        ),
    )
    for requirement in service.requirements.filter(is_document=True, is_required=True):
        name = default_storage.save(
            f"applications/demo/{key}-{requirement.code}.pdf", ContentFile(TINY_PDF)
        )
        ApplicationDocument.objects.create(
            requirement=requirement,
            application=application,
            file=name,
            original_name=f"{requirement.code}.pdf",
            content_type="application/pdf",
            size=len(TINY_PDF),
            sha256=hashlib.sha256(TINY_PDF).hexdigest(),
        )
    return application


def _officer_for(step, officers):
    unit = step.service.org_unit
    for user in officers:
        if user is None:
            continue
        from satupintu.org import permissions

        permissions.forget_cached_memberships(user)
        if permissions.may_act_on_step(user, unit, step.role):
            return user
    return None


def _advance(application, officers, times: int) -> None:
    from satupintu.applications.services import processing

    for _ in range(times):
        application.refresh_from_db()
        step = application.current_step
        actor = _officer_for(step, officers) if step else None
        if actor is None:
            return
        processing.act(application, "advance", actor=actor, expected_step_id=step.pk)


def _signing(unit_codes: list[str]) -> bool:
    """Seals for the units (demo CA); only in demo mode, where the demo CA is trusted."""
    if not settings.DEMO:
        return False
    from satupintu.documents import services as documents

    try:
        documents.setup_demo_signing(unit_codes=unit_codes)
    except documents.DocumentError as exc:
        logger.warning("demo signing not set up: %s", exc.message)
        return False
    return True


def load(*, password: str, domain: str) -> int:
    """Returns the number of demo applications created."""
    from satupintu.applications.services import processing
    from satupintu.cases.models import Case
    from satupintu.catalog.models import Service

    officers = [_officer(*row, password, domain) for row in STAFF]
    if not Service.objects.exists():
        return 0
    citizen = User.objects.filter(email=f"{CITIZEN_EMAIL_LOCAL}@{domain}").first()
    if citizen is None:
        return 0
    slugs = [slug for _key, slug, _state in APPLICATIONS]
    units = set(Service.objects.filter(slug__in=slugs).values_list("org_unit__code", flat=True))
    # Kelurahan sign with their kecamatan's seal (documents.signing_identity_for).
    parents = OrgUnit.objects.filter(code__in=units, parent__isnull=False).values_list(
        "parent__code", flat=True
    )
    can_sign = _signing(sorted(units | set(parents)))
    created = 0
    for key, slug, state in APPLICATIONS:
        service = Service.objects.filter(slug=slug).first()
        if service is None or Case.objects.filter(idempotency_key=key).exists():
            continue
        if state == "issued" and not can_sign:
            continue
        application = _submit(key, service, citizen)
        if application is None:
            continue
        created += 1
        operator = _officer_for(application.current_step, officers)
        if state == "processing":
            _advance(application, officers, 1)
        elif state == "correction" and operator is not None:
            codes = list(
                service.requirements.filter(is_document=True).values_list("code", flat=True)
            )
            processing.act(
                application,
                "request_correction",
                actor=operator,
                correction_codes=codes[:1],
                note="Berkas yang diunggah tidak terbaca, mohon unggah ulang yang jelas.",
                expected_step_id=application.current_step_id,
            )
        elif state == "overdue":
            _advance(application, officers, 1)
            application.refresh_from_db()
            application.step_due_date = timezone.localdate() - timedelta(days=2)
            application.save(update_fields=["step_due_date"])
        elif state == "issued":
            try:
                _advance(application, officers, service.steps.count())
            except processing.ProcessingError as exc:
                logger.warning("demo application %s not issued: %s", key, exc.message)
    return created
