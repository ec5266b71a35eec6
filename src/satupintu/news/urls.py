from django.urls import path

from satupintu.news import feeds
from satupintu.news import views_gallery as gallery
from satupintu.news import views_public as public
from satupintu.news import views_staff as staff

app_name = "news"

urlpatterns = [
    path("berita/", public.news_list, name="list"),
    path("berita/rss/", feeds.CityFeed(), name="rss"),
    path("berita/atom/", feeds.CityAtomFeed(), name="atom"),
    path("berita/opd/<str:code>/", public.by_unit, name="by_unit"),
    path("berita/opd/<str:code>/rss/", feeds.UnitFeed(), name="unit_rss"),
    path("berita/opd/<str:code>/atom/", feeds.UnitAtomFeed(), name="unit_atom"),
    path(
        "berita/gambar/<int:pk>/<int:width>.<str:fmt>",
        public.image,
        name="image",
    ),
    path(
        "berita/galeri/<int:pk>/<int:width>.<str:fmt>",
        gallery.picture,
        name="gallery_picture",
    ),
    path("berita/<slug:slug>/", public.detail, name="detail"),
    path("pengumuman/", public.announcements, name="announcements"),
    path("agenda/", public.events, name="events"),
    # Staff
    path("kantor/berita/", staff.staff_list, name="staff_list"),
    path("kantor/berita/baru/", staff.create, name="create"),
    path("kantor/berita/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("kantor/berita/<int:pk>/ubah/", staff.edit, name="edit"),
    path("kantor/berita/<int:pk>/gambar/", staff.image, name="image_upload"),
    path("kantor/berita/<int:pk>/tindakan/", staff.act, name="act"),
    path("kantor/berita/<int:pk>/galeri/", gallery.add, name="gallery_add"),
    path(
        "kantor/berita/<int:pk>/galeri/<int:picture_pk>/hapus/",
        gallery.remove,
        name="gallery_remove",
    ),
    path(
        "kantor/berita/<int:pk>/galeri/<int:picture_pk>/geser/",
        gallery.move,
        name="gallery_move",
    ),
]
