from django.urls import path

from satupintu.queues import views_public as public
from satupintu.queues import views_staff as staff

app_name = "queues"

urlpatterns = [
    path("antrean/", public.home, name="home"),
    path("antrean/saya/", public.my_bookings, name="mine"),
    path("antrean/b/<str:code>/", public.ticket, name="ticket"),
    path("antrean/b/<str:code>/<secret:secret>/", public.private, name="booking_secret"),
    path("antrean/layar/<slug:slug>/", public.board, name="board"),
    path("antrean/layar/<slug:slug>/data.json", public.board_data, name="board_data"),
    path("antrean/<slug:slug>/", public.site_page, name="site"),
    path("antrean/<slug:slug>/sekarang/", public.now_serving, name="now"),
    path("antrean/<slug:slug>/angka/", public.figures, name="public_figures"),
    path("antrean/<slug:slug>/layanan/<int:pk>/", public.choose, name="choose"),
    path("antrean/<slug:slug>/layanan/<int:pk>/pesan/", public.confirm, name="confirm"),
    # Staff
    path("kantor/antrean/", staff.sites, name="staff_sites"),
    path("kantor/antrean/loket/<int:pk>/", staff.console, name="console"),
    path("kantor/antrean/<slug:slug>/kios/", staff.kiosk, name="kiosk"),
    path("kantor/antrean/<slug:slug>/tiket/<int:pk>/", staff.print_ticket, name="print"),
    path("kantor/antrean/<slug:slug>/cuti/", staff.leave, name="leave"),
    path("kantor/antrean/<slug:slug>/angka/", staff.figures, name="figures"),
    path("kantor/antrean/<slug:slug>/angka.csv", staff.figures_csv, name="figures_csv"),
]
