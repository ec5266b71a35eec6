"""E-Reses in the staff API (/api/v1/dprd/kantor/reses/): the reses schedule per masa sidang,
one reses with what was heard there, and the two writes a member (or SETWAN staff on their
behalf) makes from a phone — the reses held with its attendance, and an aspiration heard.

Same selectors (`reses_selectors.staff_recesses`: SETWAN all, a member their own, anyone else
404), forms (every check and Indonesian message of the pages) and services
(`reses_services.record_held` / `record_heard`: an aspiration heard becomes an E-Pokir proposal
with source "reses" or an aspiration case) as `views_reses`; no second write path.

An aspiration heard may carry an `Idempotency-Key` header: a retry with the same key (same
user) answers 200 with the first record instead of filing twice."""

import hashlib
import uuid

from django.http import Http404
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.core.api import IDEMPOTENCY_HEADER, error, idempotency_key, refused
from satupintu.core.openapi import invalid_input
from satupintu.dprd import reses_selectors, reses_services, selectors
from satupintu.dprd.api_staff import TAGS, WorksForCouncil
from satupintu.dprd.forms_reses import HeardForm, HeldForm
from satupintu.dprd.models import Proposal, Recess, RecessHeard, RecessPhoto

NOT_FOUND = error("Tidak ada, atau bukan reses Anda")
REFUSED = invalid_input("Isian tidak lengkap atau tidak valid (pesan per isian)")
WRONG_STATUS = error("Tidak boleh pada status reses ini")
# The API names of the forms' fields where they differ.
RENAMED = {"files": "photos", "period": "masa_sidang"}


class HeardSerializer(serializers.ModelSerializer):
    """An aspiration heard — never who spoke (personal data, not in the API)."""

    code = serializers.CharField(source="case.tracking_code", allow_null=True, default=None)
    kelurahan = serializers.CharField(source="kelurahan.code")
    is_draft = serializers.BooleanField()

    class Meta:
        model = RecessHeard
        fields = ["id", "outcome", "title", "kelurahan", "code", "is_draft", "draft_reason"]


class RecessSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.slug")
    member_name = serializers.CharField(source="member.name")
    dapil = serializers.IntegerField(source="member.district.number")
    masa_sidang = serializers.IntegerField(source="period_id")
    masa_sidang_label = serializers.CharField(source="period")
    kelurahan = serializers.CharField(source="kelurahan.code")
    kelurahan_name = serializers.CharField(source="kelurahan.name")
    # Plain text, not an enum: "status" names other choice sets in the schema already.
    status = serializers.CharField(help_text="dijadwalkan, dilaksanakan, dilaporkan, dibatalkan")
    status_label = serializers.CharField(source="get_status_display")
    heard_count = serializers.IntegerField()
    filed_count = serializers.IntegerField()

    class Meta:
        model = Recess
        fields = [
            "id",
            "member",
            "member_name",
            "dapil",
            "masa_sidang",
            "masa_sidang_label",
            "kelurahan",
            "kelurahan_name",
            "place",
            "held_on",
            "status",
            "status_label",
            "attendance",
            "heard_count",
            "filed_count",
        ]


class RecessPhotoSerializer(serializers.ModelSerializer):
    """A photo of the reses (`heard` null) or of an aspiration's location; `url` is the staff
    API's download (never public)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = RecessPhoto
        fields = ["id", "heard", "content_type", "size", "url"]

    def get_url(self, photo) -> str:
        return reverse("api-dprd-recess-photo", args=[photo.recess_id, photo.pk])


class RecessDetailSerializer(RecessSerializer):
    heard = HeardSerializer(source="heard_list", many=True, read_only=True)
    photos = RecessPhotoSerializer(source="photo_list", many=True, read_only=True)

    class Meta(RecessSerializer.Meta):
        fields = [*RecessSerializer.Meta.fields, "summary", "cancel_reason", "heard", "photos"]


class HeldWriteSerializer(serializers.Serializer):
    """Documents the body; the checks are `forms_reses.HeldForm`'s."""

    attendance = serializers.IntegerField(min_value=0, max_value=100_000)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Foto reses (multipart)"
    )


class ProposalFieldsSerializer(serializers.Serializer):
    """The isian SIPD needs of a proposal heard at a reses (body of heard and of complete)."""

    work_type = serializers.ChoiceField(choices=Proposal.WorkType.choices, required=False)
    affair = serializers.CharField(required=False, allow_blank=True, max_length=150)
    rt = serializers.CharField(required=False, allow_blank=True, max_length=3)
    street = serializers.CharField(required=False, allow_blank=True, max_length=200)
    boundaries = serializers.CharField(required=False, allow_blank=True, max_length=300)
    volume = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    volume_unit = serializers.CharField(required=False, allow_blank=True, max_length=30)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Foto lokasi (multipart)"
    )


class HeardWriteSerializer(ProposalFieldsSerializer):
    """Documents the body; the checks are `forms_reses.HeardForm`'s. A proposal lacking what
    SIPD needs (photo, volume, boundaries…) is kept as a draft (`is_draft`, `draft_reason`)."""

    outcome = serializers.ChoiceField(choices=RecessHeard.Outcome.choices)
    title = serializers.CharField(min_length=5, max_length=150)
    description = serializers.CharField(min_length=10, max_length=5000)
    speaker_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150, help_text="Tidak dipublikasikan"
    )
    kelurahan = serializers.CharField(
        required=False, help_text="Kode kelurahan di dapil anggota (bawaan: kelurahan reses)"
    )


PERIOD_PARAMETER = OpenApiParameter(
    "masa_sidang", int, required=False, description="Id masa sidang (lihat `masa_sidang`)"
)
MULTIPART = [JSONParser, MultiPartParser, FormParser]


def _recess_or_404(user, pk) -> Recess:
    recess = reses_selectors.staff_recess_or_none(user, pk)
    if recess is None:
        raise Http404
    return recess


def _answer(user, pk, status=200) -> Response:
    recess = reses_selectors.with_counts(reses_selectors.staff_recesses(user)).get(pk=pk)
    recess.heard_list = reses_selectors.heard_of(recess)
    recess.photo_list = reses_selectors.photos_of(recess)
    return Response(RecessDetailSerializer(recess).data, status=status)


def _form_data(request, names) -> dict:
    """The request body as the page form reads it (one value per field; files apart)."""
    data = request.data
    return {name: data.get(name) for name in names if data.get(name) is not None}


def _bound(data: dict) -> MultiValueDict:
    return MultiValueDict({name: [value] for name, value in data.items()})


def _form_errors(form) -> Response:
    errors = {RENAMED.get(name, name): list(messages) for name, messages in form.errors.items()}
    return Response(errors, status=400)


def _photos(request) -> MultiValueDict:
    return MultiValueDict({"files": request.FILES.getlist("photos")})


def _body_is_an_object(request) -> bool:
    return isinstance(request.data, dict) or hasattr(request.data, "getlist")


def _not_an_object() -> Response:
    return Response({"detail": _("Isi permintaan tidak valid: kirim satu objek JSON.")}, 400)


class RecessList(generics.ListAPIView):
    """The reses the user works on: SETWAN all, a member their own."""

    permission_classes = [WorksForCouncil]
    serializer_class = RecessSerializer

    @extend_schema(
        tags=TAGS,
        summary="Jadwal reses per masa sidang (Setwan: semua; anggota: reses sendiri)",
        parameters=[PERIOD_PARAMETER],
        responses={200: RecessSerializer(many=True), 400: REFUSED},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        recesses = reses_selectors.with_counts(reses_selectors.staff_recesses(self.request.user))
        period = self.request.query_params.get("masa_sidang", "").strip()
        if period:
            if not period.isdigit():
                raise serializers.ValidationError(
                    {"masa_sidang": [_("Masa sidang harus berupa angka.")]}
                )
            recesses = recesses.filter(period_id=int(period))
        return recesses.order_by("held_on", "id")


class RecessDetail(APIView):
    permission_classes = [WorksForCouncil]

    @extend_schema(
        tags=TAGS,
        summary="Satu reses dengan aspirasi yang didengar",
        responses={200: RecessDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return _answer(request.user, _recess_or_404(request.user, pk).pk)


class RecessHeld(APIView):
    """The reses took place: attendance, summary, photos (again while not yet reported)."""

    permission_classes = [WorksForCouncil]
    parser_classes = MULTIPART

    @extend_schema(
        tags=TAGS,
        summary="Catat pelaksanaan reses: jumlah hadir, ringkasan, foto",
        request={
            "application/json": HeldWriteSerializer,
            "multipart/form-data": HeldWriteSerializer,
        },
        parameters=[IDEMPOTENCY_HEADER],
        responses={200: RecessDetailSerializer, 400: REFUSED, 404: NOT_FOUND, 409: WRONG_STATUS},
    )
    def post(self, request, pk):
        recess = _recess_or_404(request.user, pk)
        key, refusal = _key(request, "reses-held")
        if refusal:
            return refusal
        if (done := reses_selectors.api_write(key)) is not None:
            return _answer(request.user, pk) if done.recess_id == recess.pk else _key_reused()
        if not _body_is_an_object(request):
            return _not_an_object()
        form = HeldForm(_bound(_form_data(request, ("attendance", "summary"))), _photos(request))
        if not form.is_valid():
            return _form_errors(form)
        try:
            reses_services.record_held(
                actor=request.user, recess=recess, idempotency_key=key, **form.held()
            )
        except reses_services.RecessError as exc:
            return refused(exc)
        return _answer(request.user, recess.pk)


def hashed_key(request, scope: str) -> str | None:
    """The client's Idempotency-Key scoped to the user and `scope`, hashed to the columns'
    size (`RecessHeard`, `RecessApiWrite`); None without one; ValueError when too long."""
    scoped = idempotency_key(request, scope)
    if scoped is None:
        return None
    return "api-" + hashlib.sha256(scoped.encode()).hexdigest()


def _key(request, scope: str):
    """(key, None), or (None, a 400 answer) when the header is too long."""
    try:
        return hashed_key(request, scope), None
    except ValueError as exc:
        return None, Response({"detail": str(exc)}, status=400)


def _key_reused() -> Response:
    return Response(
        {"detail": _("Idempotency-Key ini sudah dipakai untuk permintaan lain.")}, status=409
    )


def _stored_key(request) -> str:
    """The service's key of the record; without an Idempotency-Key, every request is new."""
    return hashed_key(request, "reses-heard") or uuid.uuid4().hex


class RecessHeardCreate(APIView):
    permission_classes = [WorksForCouncil]
    parser_classes = MULTIPART
    FIELDS = tuple(n for n in HeardForm.base_fields if n not in ("files", "idempotency_key"))

    @extend_schema(
        tags=TAGS,
        summary="Catat aspirasi yang didengar saat reses (menjadi usulan pokir atau aspirasi)",
        request={
            "application/json": HeardWriteSerializer,
            "multipart/form-data": HeardWriteSerializer,
        },
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: HeardSerializer,
            200: HeardSerializer,
            400: REFUSED,
            404: NOT_FOUND,
            409: WRONG_STATUS,
        },
    )
    def post(self, request, pk):
        recess = _recess_or_404(request.user, pk)
        try:
            key = _stored_key(request)
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=400)
        done = RecessHeard.objects.filter(idempotency_key=key, recess=recess).first()
        if done is not None:
            return Response(HeardSerializer(done).data)
        if not _body_is_an_object(request):
            return _not_an_object()
        data = _form_data(request, self.FIELDS)
        kelurahan = selectors.district_kelurahan(recess.member.district)
        if "kelurahan" in data:
            found = kelurahan.filter(code=str(data["kelurahan"]).strip()).first()
            if found is None:
                return Response(
                    {"kelurahan": [_("Kelurahan tidak ditemukan di dapil anggota ini.")]},
                    status=400,
                )
            data["kelurahan"] = found.pk
        data["idempotency_key"] = key
        form = HeardForm(_bound(data), _photos(request), kelurahan=kelurahan)
        if not form.is_valid():
            return _form_errors(form)
        try:
            heard = reses_services.record_heard(
                actor=request.user,
                recess=recess,
                new=form.heard(key),
            )
        except reses_services.RecessError as exc:
            return refused(exc)
        heard = RecessHeard.objects.select_related("case", "kelurahan").get(pk=heard.pk)
        return Response(HeardSerializer(heard).data, status=201)
