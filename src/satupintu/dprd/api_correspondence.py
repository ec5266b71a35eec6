"""Council correspondence in the staff API (/api/v1/dprd/kantor/surat/): the council's letters
as /kantor/dprd/surat/ lists them — SETWAN's staff the whole register, the Pimpinan DPRD every
council letter, a member those disposed to them or to a komisi, fraksi or alat kelengkapan they
sit in — and one letter with its dispositions (`to_group`: the body it went to).

Reads only, through the council's gate (`correspondence.council_letters`); dispositions and
reports are the e-office's (`/api/v1/kantor/surat/`) for staff and the pages for members."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import BasePermission

from satupintu.dprd import correspondence
from satupintu.dprd.api_staff import TAGS
from satupintu.letters import services as letter_services
from satupintu.letters.api import LetterDetailSerializer, LetterSerializer
from satupintu.letters.models import Letter
from satupintu.org import permissions

TAB_PARAMETER = OpenApiParameter(
    "tab",
    str,
    required=False,
    enum=[tab for tab in correspondence.INBOX_TABS if tab],
    description="Tanpa tab: semua surat DPRD yang boleh Anda lihat (Setwan: seluruh agenda); "
    "belum-dibaca / tindak-lanjut: kotak masuk Anda",
)


class OpensCorrespondence(BasePermission):
    """SETWAN's staff and the council's members, as for the correspondence pages."""

    def has_permission(self, request, view):
        user = request.user
        return permissions.may_use_back_office(user) and correspondence.may_open(user)


class CouncilLetterList(generics.ListAPIView):
    permission_classes = [OpensCorrespondence]
    serializer_class = LetterSerializer

    @extend_schema(
        tags=TAGS, summary="Surat DPRD yang menjadi urusan Anda", parameters=[TAB_PARAMETER]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        tab = self.request.query_params.get("tab", "")
        return correspondence.inbox_letters(self.request.user, tab).select_related(
            "org_unit", "classification", "sender_unit"
        )


class CouncilLetterDetail(generics.RetrieveAPIView):
    """Opening an incoming letter marks it read, as on the page."""

    permission_classes = [OpensCorrespondence]
    serializer_class = LetterDetailSerializer

    @extend_schema(tags=TAGS, summary="Satu surat DPRD dengan disposisinya")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        letter = correspondence.council_letter_for(self.request.user, self.kwargs["pk"])
        if letter.direction == Letter.Direction.INCOMING:
            letter_services.mark_read(actor=self.request.user, letter=letter)
        return letter
