"""Intake endpoints: the operator's page, the e-mail forwarder's endpoint, the WhatsApp webhook."""

import hmac
import json
import logging
import re

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from satupintu.backoffice.views import staff_required
from satupintu.cases import selectors as case_selectors
from satupintu.cases.notify import track_url
from satupintu.cases.services import CaseError
from satupintu.complaints.workflow import KIND
from satupintu.intake import services, whatsapp
from satupintu.intake.forms import OperatorComplaintForm
from satupintu.org.selectors import kelurahan_choices

logger = logging.getLogger("satupintu.intake")

# Base64 makes attachments a third larger: five 10 MB files fit in a 70 MB body.
MAX_EMAIL_REQUEST_BYTES = 70 * 1024 * 1024
MAX_WEBHOOK_BYTES = 3 * 1024 * 1024


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


# --- Operator: phone calls and walk-ins -----------------------------------------------------


def _operator_form(data=None, files=None):
    return OperatorComplaintForm(
        data, files, categories=case_selectors.categories(KIND), kelurahan=kelurahan_choices()
    )


@staff_required
@require_http_methods(["GET", "POST"])
def operator_new(request):
    if request.method != "POST":
        return render(request, "intake/operator_new.html", {"form": _operator_form()})
    form = _operator_form(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case, _created = services.record_for_citizen(
                operator=request.user, channel=data["channel"], data=data, files=data["files"]
            )
        except CaseError as exc:
            form.add_error(None, exc.message)
        except ValueError as exc:  # refused by another destination (e.g. the DPRD)
            form.add_error(None, str(exc))
        else:
            return redirect("intake:operator_recorded", code=case.tracking_code)
    if request.FILES:
        messages.info(request, _("Demi keamanan, pilih ulang berkas yang ingin dilampirkan."))
    return render(request, "intake/operator_new.html", {"form": form}, status=400)


@never_cache
@staff_required
def operator_recorded(request, code):
    case = case_selectors.public_case(code)
    if not services.recorded_by(case, request.user):
        raise Http404
    return render(
        request,
        "intake/operator_recorded.html",
        {
            "case": case,
            "spelled": " ".join(case.tracking_code.replace("-", "")),
            "track_url": track_url(case),
        },
    )


# --- E-mail forwarder -----------------------------------------------------------------------


def _bearer_ok(request, token: str) -> bool:
    scheme, _sep, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode("utf-8", "replace"), token.encode("utf-8")
    )


def _read_body(request, limit: int) -> bytes | None:
    """The raw body, or None when it is larger than `limit` (checked before reading)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


def _inbound_email(data) -> services.InboundEmail:
    if not isinstance(data, dict):
        raise services.InboundEmailError(_("Badan permintaan harus objek JSON."), "bad_json")
    for name in ("from", "subject", "text", "from_name", "message_id"):
        if not isinstance(data.get(name, ""), str):
            raise services.InboundEmailError(
                _("Kolom %(name)s harus teks.") % {"name": name}, "bad_field"
            )
    items = data.get("attachments") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise services.InboundEmailError(
            _("Kolom attachments harus daftar objek."), "bad_attachments"
        )
    attachments, broken = [], []
    for item in items:
        try:
            attachments.append(services.decode_attachment(item))
        except services.InboundEmailError as exc:
            broken.append((str(item.get("filename") or "berkas")[:200], exc.message))
    headers = data.get("headers") if isinstance(data.get("headers"), dict) else {}
    lowered = {str(k).lower(): str(v).strip().lower() for k, v in headers.items()}
    return services.InboundEmail(
        sender=data.get("from", ""),
        sender_name=data.get("from_name", ""),
        subject=data.get("subject", ""),
        text=data.get("text", ""),
        message_id=data.get("message_id", ""),
        attachments=attachments,
        broken_attachments=broken,
        auto_submitted=lowered.get("auto-submitted", "no") not in ("", "no")
        or lowered.get("precedence", "") in ("bulk", "junk", "list", "auto_reply"),
    )


@csrf_exempt
@require_POST
def email_inbound(request):
    """A parsed e-mail from the mail forwarder → a complaint, answered with its tracking code."""
    token = settings.INBOUND_EMAIL_TOKEN
    if not token:
        return _error(503, "not_configured", "Inbound e-mail is not configured.")
    if not _bearer_ok(request, token):
        return _error(403, "bad_token", "Missing or wrong Authorization: Bearer token.")
    body = _read_body(request, MAX_EMAIL_REQUEST_BYTES)
    if body is None:
        return _error(413, "too_large", "The e-mail is larger than allowed.")
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return _error(400, "bad_json", "The body is not valid JSON.")
    try:
        result = services.receive_email(_inbound_email(data))
    except services.InboundEmailError as exc:
        return _error(400, exc.code, exc.message)
    except CaseError as exc:
        return _error(exc.status, "case_error", exc.message)
    return JsonResponse(result.as_json(), status=201 if result.created else 200)


# --- WhatsApp Business Cloud API webhook ----------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request):
    if request.method == "GET":
        return _whatsapp_verify(request)
    secret = settings.WHATSAPP_APP_SECRET
    if not secret:
        return _error(503, "not_configured", "WhatsApp webhook is not configured.")
    body = _read_body(request, MAX_WEBHOOK_BYTES)
    if body is None:
        return _error(413, "too_large", "Webhook body too large.")
    header = request.headers.get(whatsapp.SIGNATURE_HEADER, "")
    if not header:
        logger.warning("Unsigned WhatsApp webhook refused")
        return _error(403, "unsigned", f"Missing {whatsapp.SIGNATURE_HEADER} header.")
    if not whatsapp.signature_ok(secret, body, header):
        logger.warning("WhatsApp webhook with a wrong signature refused")
        return _error(403, "bad_signature", f"{whatsapp.SIGNATURE_HEADER} does not match.")
    try:
        payload = json.loads(body)
    except ValueError:
        return _error(400, "bad_json", "The body is not valid JSON.")
    try:
        result = whatsapp.handle_payload(payload)
    except whatsapp.PayloadError as exc:
        return _error(400, "bad_payload", str(exc))
    return JsonResponse(result)


def _whatsapp_verify(request):
    """Meta's subscription handshake: echo hub.challenge when hub.verify_token matches."""
    token = settings.WHATSAPP_VERIFY_TOKEN
    if not token:
        return _error(503, "not_configured", "WhatsApp webhook is not configured.")
    given = request.GET.get("hub.verify_token", "")
    if request.GET.get("hub.mode") != "subscribe" or not hmac.compare_digest(
        given.encode("utf-8", "replace"), token.encode("utf-8")
    ):
        return _error(403, "bad_verify_token", "hub.mode or hub.verify_token is wrong.")
    challenge = request.GET.get("hub.challenge", "")
    if not re.fullmatch(r"[A-Za-z0-9_\-]{1,200}", challenge):
        return _error(400, "bad_challenge", "hub.challenge is missing or malformed.")
    return HttpResponse(challenge, content_type="text/plain")
