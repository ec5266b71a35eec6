"""Map tiles from the configured MBTiles file (see satupintu.core.maptiles)."""

from django.urls import path

from satupintu.core import maptiles

app_name = "maps"

urlpatterns = [
    path("ubin/<int:z>/<int:x>/<int:y>", maptiles.tile, name="tile"),
]
