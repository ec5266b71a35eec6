"""Staff API of the e-office, outgoing letters: drafting, paraf/verification, signing and
sending. Same selectors and services as the pages (`views_outgoing.py`); see `api.py`."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from satupintu.accounts.models import User
from satupintu.backoffice.api import IsStaffMember
from satupintu.core.api import ErrorSerializer, refused, validated
from satupintu.core.openapi import invalid_input
from satupintu.core.validators import no_markup
from satupintu.letters import selectors, services
from satupintu.letters.api import TAGS, LetterSerializer
from satupintu.letters.models import (
    Letter,
    LetterType,
    Review,
)
from satupintu.org.models import OrgUnit


@extend_schema(tags=TAGS)
class Sign(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Tandatangani surat keluar (nomor diberikan saat ini)",
        request=None,
        responses={200: LetterSerializer, 400: invalid_input(), 404: ErrorSerializer},
    )
    def post(self, request, pk):
        letter = selectors.letter_for(request.user, pk)
        try:
            letter = services.sign_outgoing(actor=request.user, letter=letter)
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(LetterSerializer(letter).data)


class ReviewStepSerializer(serializers.Serializer):
    reviewer = serializers.IntegerField(help_text="ID pegawai pemaraf/verifikator")
    review_kind = serializers.ChoiceField(choices=Review.Kind.choices, default=Review.Kind.INITIAL)


class ReviewOutSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.__str__")
    review_kind = serializers.ChoiceField(source="kind", choices=Review.Kind.choices)

    class Meta:
        model = Review
        fields = [
            "order",
            "reviewer_id",
            "reviewer",
            "review_kind",
            "decision",
            "note",
            "decided_at",
        ]


class OutgoingSerializer(LetterSerializer):
    signer_id = serializers.IntegerField(allow_null=True)
    reviews = ReviewOutSerializer(many=True, read_only=True)
    recipient_units = serializers.SerializerMethodField()
    copy_units = serializers.SerializerMethodField()

    class Meta(LetterSerializer.Meta):
        fields = [
            *LetterSerializer.Meta.fields,
            "letter_type",
            "body",
            "signer_id",
            "reviews",
            "recipient_units",
            "copy_units",
            "external_recipients",
            "external_copies",
            "external_emails",
            "returned_note",
            "returned_at",
        ]

    def get_recipient_units(self, letter) -> list[str]:
        return [r.org_unit.code for r in letter.recipients.all() if not r.is_copy]

    def get_copy_units(self, letter) -> list[str]:
        return [r.org_unit.code for r in letter.recipients.all() if r.is_copy]


class DraftSerializer(serializers.Serializer):
    """Create (all required fields) or update (PATCH: only the fields sent) a draft."""

    unit = serializers.CharField(help_text="Kode unit pembuat (hanya saat membuat)")
    letter_type = serializers.ChoiceField(choices=LetterType.choices, default=LetterType.OFFICIAL)
    subject = serializers.CharField(max_length=300, validators=[no_markup])
    sifat = serializers.ChoiceField(choices=Letter.Sifat.choices, default=Letter.Sifat.ORDINARY)
    classification = serializers.CharField(help_text="Kode klasifikasi, mis. 000.5.3.1")
    body = serializers.CharField(validators=[no_markup])
    signer = serializers.IntegerField(help_text="ID pegawai penandatangan")
    reviewers = ReviewStepSerializer(many=True, required=False, help_text="Berurutan")
    recipient_units = serializers.ListField(child=serializers.CharField(), required=False)
    copy_units = serializers.ListField(child=serializers.CharField(), required=False)
    external_recipients = serializers.CharField(
        required=False, allow_blank=True, validators=[no_markup]
    )
    external_copies = serializers.CharField(
        required=False, allow_blank=True, validators=[no_markup]
    )
    external_emails = serializers.CharField(
        required=False, allow_blank=True, help_text="Satu alamat per baris"
    )


class ReviewDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("setuju", "Setujui (paraf)"), ("kembalikan", "Kembalikan ke pembuat")]
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, validators=[no_markup]
    )


class _Invalid(Exception):
    def __init__(self, message):
        self.message = message


def _units(codes) -> list[OrgUnit]:
    codes = list(dict.fromkeys(codes or []))
    units = list(OrgUnit.objects.filter(code__in=codes, is_active=True))
    if len(units) != len(codes):
        raise _Invalid(_("Unit penerima tidak ditemukan."))
    return units


def _user(pk) -> User:
    found = User.objects.filter(pk=pk, is_active=True).first()
    if found is None:
        raise _Invalid(_("Pegawai tidak ditemukan."))
    return found


def _draft_arguments(data) -> tuple[dict, dict]:
    """Serializer data → keyword arguments of the services (only the keys sent)."""
    values = {}
    if "classification" in data:
        found = selectors.resolve_classification(data["classification"])
        if len(found) != 1:
            raise _Invalid(_("Kode klasifikasi tidak ditemukan."))
        values["classification"] = found[0]
    if "signer" in data:
        values["signer"] = _user(data["signer"])
    for name in (
        "letter_type",
        "subject",
        "sifat",
        "body",
        "external_recipients",
        "external_copies",
        "external_emails",
    ):
        if name in data:
            values[name] = data[name]
    routing = {}
    if "reviewers" in data:
        routing["reviewers"] = [(_user(r["reviewer"]), r["review_kind"]) for r in data["reviewers"]]
    if "recipient_units" in data:
        routing["recipient_units"] = _units(data["recipient_units"])
    if "copy_units" in data:
        routing["copy_units"] = _units(data["copy_units"])
    return values, routing


def _outgoing(letter) -> dict:
    letter = Letter.objects.prefetch_related("recipients__org_unit", "reviews__reviewer").get(
        pk=letter.pk
    )
    return OutgoingSerializer(letter).data


def _outgoing_for(user, pk) -> Letter:
    letter = selectors.letter_for(user, pk)
    if letter.direction != Letter.Direction.OUTGOING:
        from django.http import Http404

        raise Http404
    return letter


OUTGOING_REFUSED = invalid_input("Ditolak (pesan berbahasa Indonesia)")


@extend_schema(tags=TAGS)
class OutgoingCreate(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Buat konsep surat keluar",
        request=DraftSerializer,
        responses={201: OutgoingSerializer, 400: OUTGOING_REFUSED, 404: ErrorSerializer},
    )
    def post(self, request):
        data = validated(DraftSerializer, request)
        unit = services.drafting_units(request.user).filter(code=data["unit"]).first()
        if unit is None:
            return Response({"detail": _("Unit tidak ditemukan.")}, status=404)
        try:
            values, routing = _draft_arguments(data)
            letter = services.create_outgoing(actor=request.user, unit=unit, **values, **routing)
        except _Invalid as exc:
            return Response({"detail": exc.message}, status=400)
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(_outgoing(letter), status=201)


@extend_schema(tags=TAGS)
class OutgoingDraft(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Konsep surat keluar", responses={200: OutgoingSerializer, 404: ErrorSerializer}
    )
    def get(self, request, pk):
        return Response(_outgoing(_outgoing_for(request.user, pk)))

    @extend_schema(
        summary="Ubah konsep surat keluar (hanya pembuat, hanya konsep; surat bertanda tangan "
        "tidak dapat diubah)",
        request=DraftSerializer(partial=True),
        responses={200: OutgoingSerializer, 400: OUTGOING_REFUSED, 404: ErrorSerializer},
    )
    def patch(self, request, pk):
        letter = _outgoing_for(request.user, pk)
        data = dict(validated(DraftSerializer, request, partial=True))
        data.pop("unit", None)
        try:
            values, routing = _draft_arguments(data)
            letter = services.update_outgoing(
                actor=request.user, letter=letter, changes=values, **routing
            )
        except _Invalid as exc:
            return Response({"detail": exc.message}, status=400)
        except services.LetterError as exc:
            return refused(exc, status.HTTP_400_BAD_REQUEST)
        return Response(_outgoing(letter))


def _action(request, pk, call):
    letter = _outgoing_for(request.user, pk)
    try:
        letter = call(letter)
    except services.LetterError as exc:
        return refused(exc, status.HTTP_400_BAD_REQUEST)
    return Response(_outgoing(letter))


@extend_schema(tags=TAGS)
class OutgoingSubmit(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Ajukan konsep untuk paraf/tanda tangan",
        request=None,
        responses={200: OutgoingSerializer, 400: OUTGOING_REFUSED, 404: ErrorSerializer},
    )
    def post(self, request, pk):
        return _action(
            request, pk, lambda letter: services.submit_outgoing(actor=request.user, letter=letter)
        )


@extend_schema(tags=TAGS)
class OutgoingReview(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Paraf/verifikasi: setujui atau kembalikan dengan catatan",
        request=ReviewDecisionSerializer,
        responses={200: OutgoingSerializer, 400: OUTGOING_REFUSED, 404: ErrorSerializer},
    )
    def post(self, request, pk):
        data = validated(ReviewDecisionSerializer, request)
        return _action(
            request,
            pk,
            lambda letter: services.review_outgoing(
                actor=request.user,
                letter=letter,
                approve=data["decision"] == "setuju",
                note=data["note"],
            ),
        )


@extend_schema(tags=TAGS)
class OutgoingDispatch(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Kirim surat bertanda tangan (unit internal menerimanya teragenda; penerima "
        "luar menerima PDF lewat e-mail)",
        request=None,
        responses={200: OutgoingSerializer, 400: OUTGOING_REFUSED, 404: ErrorSerializer},
    )
    def post(self, request, pk):
        return _action(
            request,
            pk,
            lambda letter: services.dispatch_outgoing(actor=request.user, letter=letter),
        )
