"""Demo council accounts: members with an account of their own (no unit membership) and the
SETWAN staff who support them. Members come from `dprd-*.csv` (import_reference_data)."""

import contextlib
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satupintu.accounts import services as account_services
from satupintu.accounts.models import User
from satupintu.core.filechecks import check_upload
from satupintu.dprd import services
from satupintu.dprd.models import Member, Proposal, SubmissionWindow
from satupintu.org import services as org_services
from satupintu.org.models import Membership, OrgUnit, Region

# (e-mail local part, the member's position: body code and role); the Ketua Komisi III
# account is the one the minutes demo made chair of the Komisi III meeting.
MEMBER_ACCOUNTS = [
    ("ketua.komisi3", "KOMISI-III", "ketua"),
]
# A member of dapil 6 (Balikpapan Selatan), for E-Pokir.
SELATAN_ACCOUNT = "anggota.selatan"
SETWAN_STAFF = [("staf.setwan", "Sari Setwan", Membership.Role.OPERATOR, "Staf Persidangan")]


def _account(local, name, *, password, domain, staff=False):
    email = f"{local}@{domain}"
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = account_services.create_user(
            actor=None, email=email, password=password, full_name=name, email_verified=True
        )
    if staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user, created


def _link(member, local, *, password, domain) -> int:
    if member is None or member.user_id:
        return 0
    user, created = _account(local, member.name, password=password, domain=domain, staff=True)
    if hasattr(user, "council_member") and user.council_member != member:
        return 0
    member.user = user
    member.save(update_fields=["user"])
    return int(created)


def load(*, password, domain) -> int:
    """Idempotent: returns the number of accounts created."""
    created = 0
    for local, body, role in MEMBER_ACCOUNTS:
        member = Member.objects.filter(positions__body__code=body, positions__role=role).first()
        created += _link(member, local, password=password, domain=domain)
    selatan = (
        Member.objects.filter(district__districts__name="Balikpapan Selatan", user=None)
        .order_by("name")
        .first()
    )
    if not Member.objects.filter(user__email=f"{SELATAN_ACCOUNT}@{domain}").exists():
        created += _link(selatan, SELATAN_ACCOUNT, password=password, domain=domain)
    setwan = OrgUnit.objects.filter(code="SETWAN").first()
    if setwan is not None:
        for local, name, role, title in SETWAN_STAFF:
            user, new = _account(local, name, password=password, domain=domain)
            created += int(new)
            if not user.memberships.filter(org_unit=setwan, role=role).exists():
                org_services.add_membership(
                    actor=None, user=user, org_unit=setwan, role=role, title=title
                )
    load_proposals(password=password, domain=domain)
    load_aspirations(domain=domain)
    load_reses(domain=domain)
    from satupintu.dprd import demo_correspondence

    demo_correspondence.load(password=password, domain=domain)
    return created


# (kelurahan, title, description, street, boundaries, volume, unit, supporters)
# Gang Mawar in Sepinggan, from its mouth on Jl. Marsma R. Iswahyudi to the musala.
DEMO_LINE = [[-1.2598, 116.8975], [-1.2606, 116.8983], [-1.2614, 116.8988]]
PROPOSALS = [
    (
        "Sepinggan",
        "Semenisasi Gang Mawar RT 12",
        "Gang Mawar becek dan berlubang setiap hujan; dilalui anak sekolah dan warga lansia.",
        "Gg. Mawar, Jl. Marsma R. Iswahyudi",
        "Dari mulut gang sampai musala Al-Ikhlas",
        350,
        "m",
        3,
    ),
    (
        "Sepinggan",
        "Lampu penerangan jalan Gang Melati",
        "Gang Melati gelap pada malam hari; warga meminta dua titik lampu penerangan jalan.",
        "Gg. Melati RT 05",
        "Antara rumah nomor 3 dan pos ronda",
        2,
        "unit",
        1,
    ),
    (
        "Manggar",
        "Normalisasi saluran drainase RT 08",
        "Saluran tersumbat sedimen sehingga rumah warga tergenang saat hujan deras.",
        "Jl. Mulawarman RT 08",
        "Dari jembatan kecil sampai muara saluran",
        120,
        "m",
        0,
    ),
]


def _photo():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 140, 90)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("lokasi.png", buffer.getvalue(), content_type="image/png")
    return check_upload(upload)


def load_proposals(*, password, domain) -> int:
    """Submission windows for the next two planning years and three proposals, one of them
    supported, verified and adopted by the Selatan member. Idempotent: returns proposals made."""
    today = timezone.localdate()
    for offset, (opens, closes) in enumerate([(-30, 60), (300, 420)], start=1):
        SubmissionWindow.objects.get_or_create(
            planning_year=today.year + offset,
            defaults={
                "opens_on": today + datetime.timedelta(days=opens),
                "closes_on": today + datetime.timedelta(days=closes),
            },
        )
    citizen = User.objects.filter(email=f"warga@{domain}").first()
    if citizen is None or Proposal.objects.exists():
        return 0
    made = []
    for index, row in enumerate(PROPOSALS):
        kelurahan, title, description, street, boundaries, volume, unit, supporters = row
        region = Region.objects.filter(name=kelurahan, level=Region.Level.URBAN_VILLAGE).first()
        if region is None:
            continue
        case = services.submit_proposal(
            services.NewProposal(
                title=title,
                description=description,
                work_type="fisik",
                affair="Pekerjaan umum dan penataan ruang",
                kelurahan=region,
                rt="012",
                street=street,
                boundaries=boundaries,
                volume=volume,
                volume_unit=unit,
                estimated_cost=150_000_000 if unit == "m" else 30_000_000,
                beneficiaries="Warga RT setempat",
                photos=[_photo()],
                # The first (Gang Mawar, Sepinggan) is drawn as a line on the map.
                line=DEMO_LINE if index == 0 else [],
                latitude=DEMO_LINE[1][0] if index == 0 else None,
                longitude=DEMO_LINE[1][1] if index == 0 else None,
                idempotency_key=f"demo-pokir-{index}",
            ),
            user=citizen,
        )
        made.append(case.proposal)
        for number in range(supporters):
            supporter, _created = _account(
                f"pendukung{number + 1}",
                f"Pendukung Contoh {number + 1}",
                password=password,
                domain=domain,
            )
            services.support(user=supporter, proposal=case.proposal)
    staff = User.objects.filter(email=f"staf.setwan@{domain}").first()
    member = Member.objects.filter(user__email=f"{SELATAN_ACCOUNT}@{domain}").first()
    if made and staff and member:
        services.act(user=staff, proposal=made[0], action="verify")
        services.act(user=member.user, proposal=made[0], action="adopt")
    return len(made)


def load_aspirations(*, domain) -> int:
    """Two aspirations of the demo citizen: one to Komisi III, forwarded and answered by its
    ketua; one to the members of dapil Balikpapan Selatan, waiting for SETWAN. Idempotent."""
    from satupintu.dprd import services_aspiration as aspirations
    from satupintu.dprd.models import Aspiration, Body

    citizen = User.objects.filter(email=f"warga@{domain}").first()
    sepinggan = Region.objects.filter(name="Sepinggan", level=Region.Level.URBAN_VILLAGE).first()
    komisi = Body.objects.filter(code="KOMISI-III", kind=Body.Kind.COMMISSION).first()
    if citizen is None or sepinggan is None or komisi is None or Aspiration.objects.exists():
        return 0
    to_komisi, _secret = aspirations.submit_aspiration(
        aspirations.NewAspiration(
            target=Aspiration.Target.COMMISSION,
            commission=komisi,
            title="Banjir berulang di Jl. Sepinggan Baru",
            description="Setiap hujan deras jalan tergenang setinggi lutut; mohon Komisi III "
            "mendorong normalisasi drainase.",
            kelurahan=sepinggan,
            idempotency_key="demo-aspirasi-1",
        ),
        user=citizen,
    )
    aspirations.submit_aspiration(
        aspirations.NewAspiration(
            target=Aspiration.Target.DISTRICT,
            title="Taman bermain anak di Sepinggan",
            description="Warga berharap ada taman bermain anak di lahan kosong dekat kantor "
            "kelurahan.",
            kelurahan=sepinggan,
            idempotency_key="demo-aspirasi-2",
        ),
        user=citizen,
    )
    staff = User.objects.filter(email=f"staf.setwan@{domain}").first()
    chair = User.objects.filter(email=f"ketua.komisi3@{domain}").first()
    if staff is not None and chair is not None:
        aspiration = to_komisi.aspiration
        aspirations.act(user=staff, aspiration=aspiration, action="verify")
        aspirations.act(
            user=chair,
            aspiration=aspiration,
            action="answer",
            note="Komisi III meminta Dinas PU memasukkan normalisasi drainase Jl. Sepinggan "
            "Baru ke APBD Perubahan; kami pantau pelaksanaannya.",
        )
    return 2


def load_reses(*, domain) -> int:
    """E-Reses: this year's three masa sidang of the current term; the Selatan member's reses
    held in Kel. Sepinggan (attendance, a photo, a proposal, an aspiration and a draft heard)
    with its signed laporan reses, and one scheduled later. Idempotent: returns reses made."""
    from satupintu.dprd import reses_reports, reses_services
    from satupintu.dprd.models import Recess, RecessHeard, SittingPeriod, Term

    term = Term.objects.order_by("-start_year").first()
    member = Member.objects.filter(user__email=f"{SELATAN_ACCOUNT}@{domain}").first()
    staff = User.objects.filter(email=f"staf.setwan@{domain}").first()
    if term is None:
        return 0
    today = timezone.localdate()
    year = today.year
    # Three masa sidang a year; the demo's current one spans today.
    spans = [
        (datetime.date(year, 1, 1), datetime.date(year, 4, 30)),
        (datetime.date(year, 5, 1), datetime.date(year, 8, 31)),
        (datetime.date(year, 9, 1), datetime.date(year, 12, 31)),
    ]
    periods = [
        SittingPeriod.objects.get_or_create(
            term=term, year=year, number=number, defaults={"starts_on": a, "ends_on": b}
        )[0]
        for number, (a, b) in enumerate(spans, start=1)
    ]
    sepinggan = Region.objects.filter(name="Sepinggan", level=Region.Level.URBAN_VILLAGE).first()
    if member is None or staff is None or sepinggan is None or Recess.objects.exists():
        return 0
    current = next(p for p in periods if p.starts_on <= today <= p.ends_on)
    held_on = max(current.starts_on, today - datetime.timedelta(days=3))
    recess = reses_services.schedule(
        actor=staff,
        member=member,
        period=current,
        kelurahan=sepinggan,
        place="Balai Pertemuan RT 12 Sepinggan",
        held_on=held_on,
    )
    reses_services.record_held(
        actor=staff,
        recess=recess,
        attendance=57,
        summary="Warga menyampaikan soal drainase, penerangan jalan dan taman bermain anak.",
        photos=[_photo()],
    )
    heard = [
        reses_services.Heard(
            outcome=RecessHeard.Outcome.PROPOSAL,
            title="Pembangunan drainase Gang Kenanga",
            description="Saluran di Gang Kenanga belum ada; air hujan menggenangi jalan.",
            idempotency_key="demo-reses-1",
            speaker_name="Warga Contoh Satu",
            affair="Pekerjaan umum dan penataan ruang",
            rt="012",
            street="Gg. Kenanga, Jl. Marsma R. Iswahyudi",
            boundaries="Dari Jl. Marsma R. Iswahyudi sampai ujung gang",
            volume=180,
            volume_unit="m",
            photos=[_photo()],
        ),
        reses_services.Heard(
            outcome=RecessHeard.Outcome.ASPIRATION,
            title="Jadwal posyandu lansia",
            description="Warga lansia meminta posyandu lansia diadakan dua kali sebulan.",
            idempotency_key="demo-reses-2",
        ),
        reses_services.Heard(
            outcome=RecessHeard.Outcome.PROPOSAL,
            title="Taman bermain anak RT 14",
            description="Lahan kosong dekat kantor kelurahan diusulkan menjadi taman bermain.",
            idempotency_key="demo-reses-3",
            affair="Perumahan dan kawasan permukiman",
        ),
    ]
    for new in heard:
        reses_services.record_heard(actor=staff, recess=recess, new=new)
    # Without a SETWAN seal in this installation the report waits for one.
    with contextlib.suppress(reses_services.RecessError):
        reses_reports.generate_report(actor=staff, member=member, period=current)
    later = min(current.ends_on, today + datetime.timedelta(days=14))
    if later > today:
        reses_services.schedule(
            actor=staff,
            member=member,
            period=current,
            kelurahan=sepinggan,
            place="Masjid Al-Ikhlas Sepinggan",
            held_on=later,
        )
    return Recess.objects.count()
