"""What every REST API view shares (DRF + drf-spectacular): the error body, its documented
answers, a service's refusal as a response, and reading a request body through a serializer.

    payload = validated(MeetingCreateSerializer, request)   # 400 with per-field messages
    except services.MinutesError as exc:
        return refused(exc)                                  # {"detail": …}, exc.status
    responses={404: error("Tidak ada, atau di luar unit Anda")}
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


def error(description: str) -> OpenApiResponse:
    """A documented error answer: `{"detail": "<Indonesian message>"}`."""
    return OpenApiResponse(ErrorSerializer, description=description)


def refused(exc, status: int | None = None) -> Response:
    """A service's refusal (an exception with `message` and `status`) as `{"detail": …}`, with
    the refusal's HTTP status unless `status` is given."""
    return Response({"detail": exc.message}, status=status or exc.status)


def validated(serializer_class, request, **kwargs):
    """The request body checked by `serializer_class`; invalid input answers 400 with DRF's
    messages per field (`raise_exception`)."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Idempotency keys of staff API creates (news, projects) --------------------------------
MAX_IDEMPOTENCY_KEY = 80
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="Kunci unik dari klien: permintaan ulang dengan kunci yang sama tidak membuat "
    "data kembar (jawaban 200 dengan data yang dibuat pertama kali).",
)


def idempotency_key(request, scope: str) -> str | None:
    """The client's Idempotency-Key scoped to the user (two users never collide); None when
    absent; ValueError when too long."""
    header = request.headers.get("Idempotency-Key", "").strip()
    if len(header) > MAX_IDEMPOTENCY_KEY:
        raise ValueError(
            _("Idempotency-Key paling panjang %(n)d karakter.") % {"n": MAX_IDEMPOTENCY_KEY}
        )
    return f"{scope}:{request.user.pk}:{header}" if header else None
