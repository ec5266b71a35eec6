"""Mounted at /api/v1/kantor/surat/ by satupintu.api_urls."""

from django.urls import path

from satupintu.letters import api, api_outgoing

urlpatterns = [
    path("", api.LetterList.as_view(), name="api-letters"),
    path("kotak-masuk/", api.Inbox.as_view(), name="api-letter-inbox"),
    path("ringkasan/", api.Counters.as_view(), name="api-letter-counters"),
    path("kinerja/", api.Performance.as_view(), name="api-letter-performance"),
    path("disposisi/", api.DispositionList.as_view(), name="api-dispositions"),
    path("disposisi/<int:pk>/tarik/", api.Withdraw.as_view(), name="api-disposition-withdraw"),
    path("disposisi/<int:pk>/selesai/", api.Complete.as_view(), name="api-disposition-done"),
    path("<int:pk>/", api.LetterDetail.as_view(), name="api-letter"),
    path("<int:pk>/disposisi/", api.Dispose.as_view(), name="api-letter-dispose"),
    path("<int:pk>/tandatangan/", api_outgoing.Sign.as_view(), name="api-letter-sign"),
    path("keluar/", api_outgoing.OutgoingCreate.as_view(), name="api-outgoing-create"),
    path("<int:pk>/konsep/", api_outgoing.OutgoingDraft.as_view(), name="api-outgoing-draft"),
    path("<int:pk>/ajukan/", api_outgoing.OutgoingSubmit.as_view(), name="api-outgoing-submit"),
    path("<int:pk>/paraf/", api_outgoing.OutgoingReview.as_view(), name="api-outgoing-review"),
    path("<int:pk>/kirim/", api_outgoing.OutgoingDispatch.as_view(), name="api-outgoing-dispatch"),
]
