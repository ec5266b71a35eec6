"""Writes of the satisfaction survey: invitations, responses, signed reports."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases.workflow import get_kind
from satupintu.core import audit
from satupintu.surveys.elements import CODES
from satupintu.surveys.models import Invitation, Report, Response, Source

INVITATION_SALT = "satupintu.surveys.invitation"
TOKEN_MAX_AGE = 90 * 24 * 3600  # an invitation link answers for 90 days
INVITED_EXTRA_STATUSES = {"ditolak"}  # a refused application is finished business too


class SurveyError(Exception):
    pass


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT, compress=False)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None when the token is forged, expired or unknown."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Invitation.objects.select_related("org_unit").filter(pk=pk).first()


def invitation_url(invitation: Invitation) -> str:
    path = reverse("surveys:answer", args=[invitation_token(invitation)])
    return f"{settings.PUBLIC_BASE_URL}{path}"


def _service_label(case) -> tuple[str, str]:
    if case.kind == "application":
        application = getattr(case, "application", None)
        label = application.service.name if application is not None else case.title
        return Source.APPLICATION, label
    return Source.CASE, case.category.name if case.category_id else case.title


def invite(case) -> Invitation | None:
    """The invitation for a finished case or application (made once; asked again, the same
    one). None when the case has no unit or did not end in a service given."""
    kind = get_kind(case.kind)
    if not case.org_unit_id:
        return None
    if case.status not in kind.resolved_statuses and case.status not in INVITED_EXTRA_STATUSES:
        return None
    source, label = _service_label(case)
    invitation, _created = Invitation.objects.get_or_create(
        source=source,
        source_ref=str(case.pk),
        defaults={
            "org_unit_id": case.org_unit_id,
            "service_label": label[:200],
            "created_at": timezone.now(),
        },
    )
    return invitation


def closing_line(case) -> str:
    """Hook for `cases.notify`: the invitation line added to the closing message."""
    invitation = invite(case)
    if invitation is None or hasattr_response(invitation):
        return ""
    return _(
        "Bantu kami memperbaiki layanan: isi Survei Kepuasan Masyarakat (9 pertanyaan, "
        "2 menit): %(link)s"
    ) % {"link": invitation_url(invitation)}


def hasattr_response(invitation: Invitation) -> bool:
    return Response.objects.filter(invitation=invitation).exists()


def _create(*, data: dict, org_unit_id: int, label: str, source: str, ref: str, channel, inv):
    values = {code: int(data[code]) for code in CODES}
    if any(v not in (1, 2, 3, 4) for v in values.values()):
        raise SurveyError(_("Setiap pertanyaan dijawab dengan nilai 1 sampai 4."))
    try:
        with transaction.atomic():
            response = Response.objects.create(
                org_unit_id=org_unit_id,
                service_label=label[:200],
                source=source,
                source_ref=ref,
                channel=channel,
                invitation=inv,
                sex=data["sex"],
                age_group=data["age_group"],
                education=data["education"],
                occupation=data["occupation"],
                suggestion=(data.get("suggestion") or "").strip()[:2000],
                submitted_at=timezone.now(),
                **values,
            )
            audit.record(
                "surveys.respond",
                obj=response,
                data={"unit": org_unit_id, "source": source, "channel": channel},
            )
    except IntegrityError as exc:
        raise SurveyError(_("Survei untuk layanan ini sudah diisi. Terima kasih.")) from exc
    return response


def answer_invitation(invitation: Invitation, data: dict) -> Response:
    """One response per finished business."""
    return _create(
        data=data,
        org_unit_id=invitation.org_unit_id,
        label=invitation.service_label,
        source=invitation.source,
        ref=invitation.source_ref,
        channel=Response.Channel.LINK,
        inv=invitation,
    )


def answer_at_kiosk(ticket, data: dict) -> Response:
    """One response per queue visit (a finished ticket of today at the kiosk's site)."""
    return _create(
        data=data,
        org_unit_id=ticket.site.org_unit_id,
        label=ticket.service.name,
        source=Source.QUEUE,
        ref=str(ticket.pk),
        channel=Response.Channel.KIOSK,
        inv=None,
    )


def issue_report(*, org_unit, year: int, actor) -> Report:
    """Render the unit's IKM report for the year, sign it with the unit's seal (or one above
    it) and publish it: one transaction, one audit event (plus the documents' own)."""
    from satupintu.documents import services as documents
    from satupintu.documents.models import IssuedDocument
    from satupintu.documents.pdf import render_pdf
    from satupintu.surveys import selectors

    figures = selectors.unit_figures(org_unit, year)
    if not figures.respondents:
        raise SurveyError(_("Belum ada responden pada tahun ini: laporan tidak dapat dibuat."))
    signer = documents.signing_identity_for(org_unit, user=actor)
    if signer is None:
        raise SurveyError(_("Unit ini belum memiliki sertifikat penanda tangan."))
    with transaction.atomic():
        document = documents.prepare_document(
            title=_("Laporan Survei Kepuasan Masyarakat %(year)s") % {"year": year},
            number=f"IKM/{org_unit.code}/{year}",
            holder_name=org_unit.name,
            org_unit=org_unit,
            signer=signer,
            kind=IssuedDocument.Kind.OTHER,
            reference=f"ikm:{org_unit.code}:{year}",
            actor=actor,
        )
        context = {
            **documents.verification_context(document),
            "unit": org_unit,
            "year": year,
            "figures": figures,
            "trend": selectors.unit_trend(org_unit),
        }
        pdf = render_pdf("surveys/report_pdf.html", context)
        document = documents.sign_and_store(document, pdf, actor=actor)
        report = Report.objects.create(
            org_unit=org_unit,
            year=year,
            document=document,
            respondents=figures.respondents,
            ikm=figures.ikm_shown,
            created_at=timezone.now(),
        )
        audit.record(
            "surveys.report_issue",
            actor=actor,
            obj=report,
            data={"unit": org_unit.code, "year": year, "document": document.pk},
        )
    return report
