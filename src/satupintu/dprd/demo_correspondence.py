"""Demo council correspondence: letters to the DPRD that SETWAN's agenda officer registered,
one disposed by the Ketua DPRD to Komisi III and answered, one waiting for the Pimpinan DPRD.
The Ketua DPRD gets a demo account (`ketua.dprd@…`, no unit membership). Idempotent."""

from datetime import timedelta

from django.utils import timezone

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.dprd import correspondence
from satupintu.dprd.models import Body, CouncilLetter, Member
from satupintu.letters import services as letter_services
from satupintu.letters.models import ClassificationCode

KETUA_ACCOUNT = "ketua.dprd"


def _ketua(*, password, domain):
    member = Member.objects.filter(
        positions__body__kind=Body.Kind.LEADERSHIP, positions__role="ketua", is_active=True
    ).first()
    if member is None:
        return None
    if member.user_id is None:
        email = f"{KETUA_ACCOUNT}@{domain}"
        user = User.objects.filter(email=email).first() or account_services.create_user(
            actor=None, email=email, password=password, full_name=member.name, email_verified=True
        )
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        member.user = user
        member.save(update_fields=["user"])
    return member.user


def load(*, password, domain) -> int:
    """Returns the number of council letters registered."""
    officer = User.objects.filter(email=f"staf.setwan@{domain}").first()
    komisi = Body.objects.filter(code="KOMISI-III").first()
    code = ClassificationCode.objects.filter(code="000.5.3.1").first()
    ketua = _ketua(password=password, domain=domain)
    if None in (officer, komisi, code, ketua) or CouncilLetter.objects.exists():
        return 0
    week_ago = timezone.localdate() - timedelta(days=7)
    answered = correspondence.register_council_letter(
        actor=officer,
        subject="Undangan rapat koordinasi penanganan banjir Balikpapan Selatan",
        classification=code,
        sender_name="Balai Wilayah Sungai Kalimantan IV",
        external_number="PW.01.02/BWS-IV/117",
        external_date=week_ago,
    )
    [to_komisi] = correspondence.dispose(
        actor=ketua,
        letter=answered,
        groups=[correspondence.group_key(komisi)],
        instructions=["hadiri", "siapkan_bahan"],
        note="Komisi III mewakili DPRD; laporkan hasilnya.",
    )
    chair = User.objects.filter(email=f"ketua.komisi3@{domain}").first()
    if chair is not None:
        letter_services.mark_read(actor=chair, letter=answered)
        letter_services.complete(
            actor=chair,
            disposition=to_komisi,
            report="Komisi III hadir; BWS menyiapkan normalisasi Sungai Ampal tahun depan.",
        )
    correspondence.register_council_letter(
        actor=officer,
        subject="Permohonan audiensi Forum RT Kelurahan Sepinggan",
        classification=code,
        sender_name="Forum RT Kelurahan Sepinggan",
        external_number="09/FRT-SPG/2026",
        external_date=week_ago,
    )
    return 2
