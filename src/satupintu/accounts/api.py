from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from satupintu.accounts import services


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(help_text="Masked, e.g. +62812*****789")
    nik = serializers.CharField(help_text="Masked, e.g. 6471********0001")
    kelurahan_code = serializers.CharField(allow_null=True)
    is_staff = serializers.BooleanField()


@extend_schema(responses=MeSerializer, tags=["akun"], summary="The logged-in user (masked)")
@api_view(["GET"])
def me(request):
    user = request.user
    profile = services.get_or_create_profile(user)
    return Response(
        MeSerializer(
            {
                "id": user.pk,
                "full_name": user.full_name,
                "email": user.email,
                "phone": user.masked_phone,
                "nik": profile.masked_nik,
                "kelurahan_code": profile.kelurahan.code if profile.kelurahan else None,
                "is_staff": user.is_staff,
            }
        ).data
    )
