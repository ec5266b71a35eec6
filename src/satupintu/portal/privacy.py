"""The privacy notice (`/privasi/`): per purpose, the data, the lawful basis (UU 27/2022
art. 20), who sees it and how long it is kept. Every period shown is read from the constant
or setting the code enforces, never written twice."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from satupintu.documents.tasks import LOG_RETENTION
from satupintu.intake.tasks import KEEP_CONVERSATIONS, KEEP_MESSAGE_IDS
from satupintu.org.models import OrgUnit
from satupintu.org.services import ROOT_UNIT_CODE
from satupintu.portal.caching import public_page


def retention_periods() -> dict:
    return {
        "application_record_years": settings.APPLICATION_RECORD_RETENTION_YEARS,
        "queue_booking_days": settings.QUEUE_PERSONAL_DATA_DAYS,
        "verification_log_days": LOG_RETENTION.days,
        "whatsapp_conversation_days": KEEP_CONVERSATIONS.days,
        "whatsapp_message_id_days": KEEP_MESSAGE_IDS.days,
    }


@require_GET
@public_page
def privacy(request):
    controller = OrgUnit.objects.filter(code=ROOT_UNIT_CODE).first()
    return render(
        request,
        "portal/privacy.html",
        {"retention": retention_periods(), "unit": controller},
    )
