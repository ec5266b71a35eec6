"""Demo data for "Urusan saya": the demo citizen gets a complaint filed from the account and
one filed earlier without an account, with the same e-mail, waiting to be linked
("Tautkan ke akun saya"). Their applications and bookings come from those apps' demos."""

from satupintu.accounts.models import User
from satupintu.cases.models import Case, Category
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.complaints.workflow import KIND
from satupintu.org.models import Region

KELURAHAN = "64.71.05.1002"  # Sepinggan, Balikpapan Selatan
DEMO_KEY = "demo-onedoor"


def load(*, domain: str) -> int:
    user = User.objects.filter(email=f"warga@{domain}").first()
    category = Category.objects.filter(kind=KIND, is_active=True).first()
    if user is None or category is None:
        return 0
    kelurahan = Region.objects.filter(code=KELURAHAN).first()
    created = 0
    for key, logged_in, title in [
        (f"{DEMO_KEY}-own", True, "Lampu penerangan jalan mati di Jl. Sepinggan Baru"),
        (f"{DEMO_KEY}-before", False, "Saluran air tersumbat di depan pasar (sebelum punya akun)"),
    ]:
        if Case.objects.filter(idempotency_key=key).exists():
            continue
        file_complaint(
            channel=Case.Channel.WEB,
            subtype="pengaduan",
            category=category,
            title=title,
            description=(
                "Contoh laporan demo untuk halaman Urusan saya: sudah beberapa hari dan "
                "belum ada perbaikan."
            ),
            user=user if logged_in else None,
            identity=Identity.NAMED,
            reporter_name=user.full_name,
            reporter_email=user.email,
            kelurahan=kelurahan,
            idempotency_key=key,
        )
        created += 1
    return created
