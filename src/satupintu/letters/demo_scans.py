"""Scanned paper letters for the demo: a leader opens the letter and reads it before disposing.

`scan_pdf()` renders a realistic-looking letter (letterhead, number, sifat, addressee, body,
stamp and signature, the receiving office's agenda stamp, slightly askew on off-white paper)
with WeasyPrint, the PDF library the project uses for every document. Names and texts are
invented; the page says it is demo data.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile


@dataclass(frozen=True)
class PaperLetter:
    government: str
    unit: str
    address: str
    emblem: str
    place: str
    attachments: str
    paragraphs: tuple[str, ...]
    signer_title: str
    signer_name: str
    signer_rank: str
    copies: tuple[str, ...] = field(default_factory=tuple)


# Keyed by the external number of the demo letters (letters/demo.py LETTERS).
PAPER = {
    "100.2/4512/OTDA": PaperLetter(
        government="Kementerian Dalam Negeri Republik Indonesia",
        unit="Direktorat Jenderal Otonomi Daerah",
        address="Jl. Medan Merdeka Utara No. 7, Jakarta Pusat 10110 · Telp. (021) 3450038",
        emblem="KEMENDAGRI",
        place="Jakarta",
        attachments="1 (satu) berkas",
        paragraphs=(
            "Dalam rangka pelaksanaan evaluasi kinerja penyelenggaraan pemerintahan daerah "
            "tahun ini, bersama ini kami sampaikan bahwa Pemerintah Kota Balikpapan termasuk "
            "daerah yang akan dievaluasi oleh Tim Nasional.",
            "Sehubungan dengan hal tersebut, kami minta Saudara menyiapkan Laporan "
            "Penyelenggaraan Pemerintahan Daerah beserta data pendukung indikator kinerja kunci "
            "sesuai format terlampir, dan menyampaikannya paling lambat 14 (empat belas) hari "
            "kerja sejak surat ini diterima.",
            "Untuk koordinasi teknis dapat menghubungi Subdirektorat Evaluasi Kinerja melalui "
            "nomor telepon tersebut di atas. Atas perhatian dan kerja sama Saudara, kami "
            "ucapkan terima kasih.",
        ),
        signer_title="a.n. Menteri Dalam Negeri\nDirektur Jenderal Otonomi Daerah",
        signer_name="Dr. Hendra Wiratmaja, M.Si.",
        signer_rank="Pembina Utama Madya (IV/d)",
        copies=("Menteri Dalam Negeri (sebagai laporan)", "Gubernur Kalimantan Timur"),
    ),
    "600/1133/PUPR": PaperLetter(
        government="Pemerintah Provinsi Kalimantan Timur",
        unit="Dinas Pekerjaan Umum, Penataan Ruang dan Perumahan Rakyat",
        address="Jl. Tengkawang No. 1, Samarinda 75117 · Telp. (0541) 742161",
        emblem="KALTIM",
        place="Samarinda",
        attachments="-",
        paragraphs=(
            "Menindaklanjuti hasil pemantauan kondisi jalan provinsi di wilayah Kota "
            "Balikpapan, terdapat beberapa ruas yang memerlukan penanganan segera, antara lain "
            "ruas Jl. Soekarno-Hatta km 3 sampai km 8 dan simpang Muara Rapak.",
            "Untuk itu kami mengundang Saudara atau pejabat yang ditunjuk untuk menghadiri rapat "
            "koordinasi penanganan jalan provinsi pada hari Selasa pekan depan pukul 09.00 WITA "
            "di ruang rapat Dinas PUPR-PERA Provinsi Kalimantan Timur.",
            "Mengingat pentingnya acara tersebut, dimohon kehadiran tepat pada waktunya dengan "
            "membawa data usulan penanganan jalan dari perangkat daerah terkait.",
        ),
        signer_title="Kepala Dinas",
        signer_name="Ir. Rahmat Hidayatullah, M.T.",
        signer_rank="Pembina Utama Muda (IV/c)",
        copies=("Gubernur Kalimantan Timur (sebagai laporan)",),
    ),
    "B/210/LM.11-23/2026": PaperLetter(
        government="Ombudsman Republik Indonesia",
        unit="Perwakilan Provinsi Kalimantan Timur",
        address="Jl. M.T. Haryono No. 10, Samarinda 75124 · Telp. (0541) 200188",
        emblem="ORI",
        place="Samarinda",
        attachments="1 (satu) lembar",
        paragraphs=(
            "Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Timur telah menerima "
            "laporan masyarakat mengenai dugaan penundaan berlarut dalam pelayanan penerbitan "
            "dokumen kependudukan di Kota Balikpapan.",
            "Berdasarkan Pasal 31 dan Pasal 33 Undang-Undang Nomor 37 Tahun 2008 tentang "
            "Ombudsman Republik Indonesia, kami meminta klarifikasi tertulis dari Saudara atas "
            "pokok laporan sebagaimana terlampir, paling lambat 14 (empat belas) hari sejak "
            "surat ini diterima.",
            "Identitas pelapor kami rahasiakan sesuai ketentuan. Demikian disampaikan, atas "
            "perhatian dan kerja samanya kami ucapkan terima kasih.",
        ),
        signer_title="Kepala Perwakilan",
        signer_name="Siti Aminah Lubis, S.H., M.H.",
        signer_rank="",
        copies=("Ketua Ombudsman Republik Indonesia",),
    ),
}
SIFAT_WORDS = {
    "biasa": "Biasa",
    "penting": "Penting",
    "sangat_penting": "Sangat Penting",
    "rahasia": "Rahasia",
}


def _initials(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w[:1].isupper() and "." not in w]
    return " ".join(w[0] + "." for w in words[:3]) or name[:3]


def scan_pdf(
    *, number: str, subject: str, sifat: str, sent: date, received: date, receiver: str
) -> bytes:
    """The demo letter numbered `number` as a scanned PDF (bytes)."""
    from satupintu.documents.pdf import render_pdf

    paper = PAPER[number]
    context = {
        **paper.__dict__,
        "number": number,
        "subject": subject,
        "sifat": SIFAT_WORDS.get(sifat, sifat.title()),
        "date": sent,
        "received": received,
        "receiver": receiver,
        "to": "Wali Kota Balikpapan\nc.q. Sekretaris Daerah",
        "signer_initials": _initials(paper.signer_name),
    }
    return render_pdf("letters/demo/scan.html", context)


def scan_upload(number: str, **kwargs):
    """`scan_pdf` checked like any upload (type sniffed, hashed), ready for the services."""
    from satupintu.cases.uploads import check_upload

    data = scan_pdf(number=number, **kwargs)
    name = "pindaian-" + "".join(ch if ch.isalnum() else "-" for ch in number).strip("-")
    return check_upload(SimpleUploadedFile(f"{name}.pdf", data, content_type="application/pdf"))
