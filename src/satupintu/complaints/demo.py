"""Demo complaints with a point on the map (loaded by `load_demo_data`, demo mode only; safe to
run again): eight named complaints across Balikpapan, verified to their units, which the city
map (/peta/, layer "Pengaduan warga") shows rounded to about 100 m — and one confidential
complaint at the same kind of place, which it never shows."""

from decimal import Decimal

from satupintu.cases import services as case_services
from satupintu.cases.models import Case, Category
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.org.models import Membership, Region

MARK = "demo-peta"
# category, kelurahan, title, latitude, longitude, confidential
POINTS = [
    (
        "jalan-rusak",
        "64.71.05.1002",
        "Jalan berlubang dekat simpang Sepinggan",
        "-1.256812",
        "116.894530",
        False,
    ),
    (
        "drainase-banjir",
        "64.71.05.1009",
        "Saluran tersumbat di Sepinggan Raya",
        "-1.261240",
        "116.912010",
        False,
    ),
    (
        "lampu-jalan",
        "64.71.05.1010",
        "Lampu jalan padam di Sungainangka",
        "-1.249930",
        "116.870870",
        False,
    ),
    (
        "sampah",
        "64.71.04.1001",
        "Tumpukan sampah di Gunung Sari Ulu",
        "-1.239420",
        "116.841650",
        False,
    ),
    (
        "jalan-rusak",
        "64.71.01.1001",
        "Aspal mengelupas di Manggar",
        "-1.214320",
        "116.968830",
        False,
    ),
    (
        "drainase-banjir",
        "64.71.03.1004",
        "Genangan setiap hujan di Muara Rapak",
        "-1.229510",
        "116.846210",
        False,
    ),
    (
        "lampu-jalan",
        "64.71.06.1003",
        "Lampu taman mati di Klandasan Ulu",
        "-1.272650",
        "116.829470",
        False,
    ),
    ("sampah", "64.71.02.1003", "Sampah di bantaran Baru Ulu", "-1.241870", "116.817110", False),
    (
        "jalan-rusak",
        "64.71.05.1006",
        "Laporan rahasia: jalan rusak (contoh)",
        "-1.247310",
        "116.876020",
        True,
    ),
]


def load() -> int:
    if Case.objects.filter(attributes__demo=MARK).exists():
        return 0
    coordinator = (
        Membership.objects.filter(
            role=Membership.Role.COORDINATOR, org_unit__parent=None, is_active=True
        )
        .select_related("user")
        .first()
    )
    if coordinator is None:
        return 0
    made = 0
    for code, kelurahan, title, lat, lon, confidential in POINTS:
        category = Category.objects.filter(code=code).first()
        region = Region.objects.filter(code=kelurahan).first()
        if category is None or region is None:
            continue
        case, _secret = file_complaint(
            channel=Case.Channel.WEB,
            subtype="pengaduan",
            category=category,
            title=title,
            description="Laporan contoh dengan titik lokasi untuk peta kota.",
            identity=Identity.CONFIDENTIAL if confidential else Identity.NAMED,
            reporter_name="Warga Contoh",
            reporter_email="warga.peta@demo.satupintu.id",
            kelurahan=region,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            attributes={"demo": MARK},
        )
        case_services.perform(case, "verify", actor=coordinator.user, role="coordinator")
        made += 1
    return made
