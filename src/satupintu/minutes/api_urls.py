"""/api/v1/kantor/rapat/…: included once from satupintu/api_urls.py."""

from django.urls import path

from satupintu.minutes import api

urlpatterns = [
    path("", api.MeetingList.as_view(), name="api-meetings"),
    path("tindak-lanjut/", api.FollowUpList.as_view(), name="api-meeting-follow-ups"),
    path(
        "tindak-lanjut/<int:action_id>/selesai/",
        api.FollowUpDone.as_view(),
        name="api-meeting-follow-up-done",
    ),
    path("<int:pk>/", api.MeetingDetail.as_view(), name="api-meeting"),
    path("<int:pk>/tindakan/", api.MeetingAction.as_view(), name="api-meeting-action"),
    path("<int:pk>/acara/", api.AgendaCreate.as_view(), name="api-meeting-agenda"),
    path(
        "<int:pk>/acara/<int:item_id>/",
        api.AgendaUpdate.as_view(),
        name="api-meeting-agenda-item",
    ),
    path("<int:pk>/hadir/", api.AttendanceUpdate.as_view(), name="api-meeting-attendance"),
    path(
        "<int:pk>/tindak-lanjut/",
        api.FollowUpCreate.as_view(),
        name="api-meeting-follow-up-add",
    ),
]
