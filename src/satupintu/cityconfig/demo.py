"""The demo city: Balikpapan's configuration files in data/balikpapan/, loaded like any city's."""

from pathlib import Path

from django.conf import settings

from satupintu.cityconfig.kinds import CATALOGUE
from satupintu.cityconfig.services import import_city_config

DEMO_CITY_DIR = Path(settings.BASE_DIR) / "data" / "balikpapan"


def load_catalogue() -> int:
    """Balikpapan's service catalogue (life events and services) from its files; returns how
    many services were created. Importing again changes nothing."""
    summary = import_city_config(DEMO_CITY_DIR, only=CATALOGUE)
    return summary.counts["services"]["created"]
