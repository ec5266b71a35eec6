"""Staff API of city information under /api/v1/kantor/berita/: an editor's items, writing a
draft, and the editorial flow (submit, publish now or at a time, return, withdraw). The same
selectors (`staff_items`: anything outside the user's units is 404) and services as the staff
pages (`views_staff`); a session with TOTP like every staff API (`IsStaffMember`).

A create may carry an `Idempotency-Key` header: a retry with the same key (same user) answers
200 with the item made the first time, never a twin."""

from django.db import IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.backoffice.api import IsStaffMember
from satupintu.core.api import (
    IDEMPOTENCY_HEADER,
    ErrorSerializer,
    error,
    idempotency_key,
    refused,
    validated,
)
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.news import selectors, services
from satupintu.news.api import TAGS
from satupintu.news.models import Item
from satupintu.news.workflow import TRANSITIONS
from satupintu.org import permissions


class StaffNewsItemSerializer(serializers.ModelSerializer):
    opd_code = serializers.CharField(source="org_unit.code", read_only=True)
    projects = serializers.SlugRelatedField(
        many=True,
        read_only=True,
        slug_field="slug",
        help_text="Kode halaman proyek pembangunan yang diberitakan",
    )
    actions = serializers.SerializerMethodField(
        help_text="Tindakan alur yang boleh diambil pengguna ini sekarang"
    )

    class Meta:
        model = Item
        fields = [
            "id",
            "slug",
            "kind",
            "title",
            "summary",
            "body",
            "status",
            "published_at",
            "starts_at",
            "ends_at",
            "place",
            "opd_code",
            "projects",
            "actions",
            "updated_at",
        ]

    def get_actions(self, item) -> list[str]:
        request = self.context.get("request")
        return services.allowed_actions(request.user, item) if request else []


class NewsItemWriteSerializer(serializers.Serializer):
    """Create (all required fields) or update a draft (PATCH: only the fields sent)."""

    opd = serializers.CharField(
        max_length=40, help_text="Kode perangkat daerah (hanya saat membuat)"
    )
    kind = serializers.ChoiceField(choices=Item.Kind.choices)
    title = serializers.CharField(max_length=200, validators=[no_markup])
    summary = serializers.CharField(max_length=400, validators=[no_markup])
    body = serializers.CharField(
        required=False, allow_blank=True, help_text="HTML sederhana; unsur lain dibuang"
    )
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    place = serializers.CharField(
        required=False, allow_blank=True, max_length=250, validators=[no_markup]
    )
    projects = serializers.ListField(
        child=serializers.SlugField(max_length=80),
        required=False,
        max_length=20,
        help_text="Kode halaman proyek pembangunan unit ini yang diberitakan (menggantikan daftar)",
    )


class NewsActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(TRANSITIONS))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    publish_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Hanya untuk menerbitkan: terbit pada waktu ini (kosong: sekarang)",
    )


REFUSED = invalid_input("Ditolak (pesan berbahasa Indonesia)")
NOT_FOUND = error("Tidak ada, atau di luar unit Anda")


def _answer(request, item, status=200) -> Response:
    item = selectors.staff_items(request.user).get(pk=item.pk)
    return Response(StaffNewsItemSerializer(item, context={"request": request}).data, status=status)


@extend_schema(tags=TAGS)
class StaffItemList(generics.ListAPIView):
    """The items of the user's units, last changed first."""

    permission_classes = [IsStaffMember]
    serializer_class = StaffNewsItemSerializer

    def get_queryset(self):
        filters = selectors.StaffFilter.from_params(self.request.query_params)
        return selectors.staff_items(self.request.user, filters).prefetch_related("projects")

    @extend_schema(
        summary="Informasi kota unit saya (semua status)",
        parameters=[
            OpenApiParameter("status", str, enum=Item.Status.values),
            OpenApiParameter("jenis", str, enum=Item.Kind.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Tulis draf berita, pengumuman atau agenda",
        request=NewsItemWriteSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: StaffNewsItemSerializer,
            200: StaffNewsItemSerializer,
            400: REFUSED,
            404: error("Unit tidak ditemukan atau bukan unit Anda"),
        },
    )
    def post(self, request):
        try:
            key = idempotency_key(request, "news")
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=400)
        if key and (done := Item.objects.filter(idempotency_key=key).first()):
            return _answer(request, done)
        data = dict(validated(NewsItemWriteSerializer, request))
        unit = permissions.news_units(request.user).filter(code=data.pop("opd")).first()
        if unit is None:
            return Response({"detail": _("Unit tidak ditemukan.")}, status=404)
        try:
            item = services.create_item(
                actor=request.user, org_unit=unit, idempotency_key=key, **data
            )
        except services.NewsError as exc:
            return refused(exc, 404 if exc.status == 403 else None)
        except IntegrityError:  # the same key, sent twice at once: the first one won
            return _answer(request, Item.objects.get(idempotency_key=key))
        return _answer(request, item, 201)


@extend_schema(tags=TAGS)
class StaffItemDetail(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Satu informasi unit saya", responses={200: StaffNewsItemSerializer, 404: NOT_FOUND}
    )
    def get(self, request, pk):
        return _answer(request, selectors.staff_item_or_404(request.user, pk))

    @extend_schema(
        summary="Ubah draf (hanya isian yang dikirim; yang sudah terbit ditarik dulu)",
        request=NewsItemWriteSerializer(partial=True),
        responses={200: StaffNewsItemSerializer, 400: REFUSED, 404: NOT_FOUND, 409: REFUSED},
    )
    def patch(self, request, pk):
        item = selectors.staff_item_or_404(request.user, pk)
        data = dict(validated(NewsItemWriteSerializer, request, partial=True))
        data.pop("opd", None)  # an item stays with its OPD
        try:
            item = services.update_item(actor=request.user, item=item, **data)
        except services.NewsError as exc:
            return refused(exc)
        return _answer(request, item)


@extend_schema(tags=TAGS)
class StaffItemAction(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Langkah alur: ajukan, terbitkan (sekarang atau terjadwal), kembalikan, tarik",
        request=NewsActionSerializer,
        responses={
            200: StaffNewsItemSerializer,
            400: REFUSED,
            403: ErrorSerializer,
            404: NOT_FOUND,
            409: REFUSED,
        },
    )
    def post(self, request, pk):
        item = selectors.staff_item_or_404(request.user, pk)
        data = validated(NewsActionSerializer, request)
        try:
            item = services.transition(
                actor=request.user,
                item=item,
                action=data["action"],
                note=data["note"],
                publish_at=data["publish_at"],
            )
        except services.NewsError as exc:
            return refused(exc)
        return _answer(request, item)
