"""Staff API: the same selectors and permission checks as the back-office pages."""

from django.http import Http404
from rest_framework import generics, serializers
from rest_framework.permissions import BasePermission

from satupintu.backoffice import selectors
from satupintu.core.models import AuditEvent
from satupintu.org import permissions
from satupintu.org.models import Membership


class IsStaffMember(BasePermission):
    def has_permission(self, request, view):
        return permissions.is_staff_member(request.user)


class MemberSerializer(serializers.ModelSerializer):
    user_id = serializers.IntegerField(source="user.pk")
    name = serializers.CharField(source="user.__str__")

    class Meta:
        model = Membership
        fields = ["user_id", "name", "role", "title"]


class UnitMembers(generics.ListAPIView):
    permission_classes = [IsStaffMember]
    serializer_class = MemberSerializer

    def get_queryset(self):
        unit = selectors.unit_for(self.request.user, self.kwargs["code"])
        return selectors.unit_members(unit)


class AuditEventSerializer(serializers.ModelSerializer):
    # Labels as the auditor may see them: those recorded before labels carried codes only are
    # replaced by the object's code or id (see backoffice.selectors.with_shown_labels).
    actor_label = serializers.CharField(source="shown_actor_label", read_only=True)
    object_label = serializers.CharField(source="shown_object_label", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "created_at",
            "actor_id",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "ip",
            "data",
            "hash",
            "prev_hash",
            "hash_version",
            "key_id",
        ]


class AuditEventList(generics.ListAPIView):
    permission_classes = [IsStaffMember]
    serializer_class = AuditEventSerializer

    def get_queryset(self):
        if not permissions.is_auditor(self.request.user):
            raise Http404
        return selectors.audit_events(
            action=self.request.query_params.get("action", ""),
            object_type=self.request.query_params.get("object_type", ""),
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_shown_labels(page)
