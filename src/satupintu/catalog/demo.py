"""Demo data for the catalogue (loaded by load_demo_data): Balikpapan services with their
standar pelayanan, requirements, a published form, a workflow and a result template.

Idempotent: a service, requirement, step, form or template that exists is left as it is (an
admin may have edited it), so running the loader again changes nothing. `make_bench_services`
adds many plain services for `make bench`.
"""

from django.db import transaction

from satupintu.catalog import demo_en, formrules
from satupintu.catalog import services as catalog_services
from satupintu.catalog.models import (
    FormSchemaVersion,
    LifeEvent,
    Requirement,
    ResultTemplate,
    Service,
    WorkflowStep,
)
from satupintu.catalog.selectors import bump_catalog_version, current_form_version
from satupintu.org.models import OrgUnit

LIFE_EVENTS = [
    ("kelahiran", "Kelahiran", "Mencatat kelahiran anak dan dokumen pertamanya."),
    ("kematian", "Kematian", "Mencatat kematian anggota keluarga dan urusan sesudahnya."),
    ("perkawinan", "Perkawinan", "Perubahan data keluarga setelah menikah atau bercerai."),
    ("pindah", "Pindah tempat tinggal", "Pindah datang, pindah keluar, domisili."),
    ("usaha", "Memulai usaha", "Izin dan surat untuk usaha mikro, kecil dan menengah."),
    ("pekerjaan", "Mencari kerja", "Kartu pencari kerja, SKCK dan surat untuk melamar kerja."),
    ("pendidikan", "Pendidikan", "Sekolah, beasiswa dan keringanan biaya pendidikan."),
    ("kesehatan", "Kesehatan", "Jaminan kesehatan, layanan dan izin bidang kesehatan."),
    ("bantuan-sosial", "Bantuan sosial", "Bantuan dan keringanan bagi keluarga kurang mampu."),
]

KELURAHAN_SEPINGGAN = "KEL-64.71.05.1002"
KELURAHAN_KLANDASAN_ULU = "KEL-64.71.06.1003"

COMPLAINTS = (
    "Pengaduan, saran dan masukan disampaikan melalui menu Pengaduan dan aspirasi di Satu Pintu, "
    "SP4N-LAPOR!, atau langsung ke loket pengaduan di kantor penyelenggara. Pengaduan "
    "diverifikasi paling lambat 3 hari kerja dan ditindaklanjuti paling lambat 5 hari kerja."
)
ONLINE_PROCEDURE = (
    "1. Pemohon mengisi formulir dan mengunggah persyaratan di Satu Pintu (atau datang ke loket).\n"
    "2. Petugas memverifikasi berkas; bila belum lengkap pemohon diminta melengkapi.\n"
    "3. Berkas diproses dan disetujui oleh pejabat yang berwenang.\n"
    "4. Dokumen hasil diterbitkan dengan tanda tangan elektronik dan dapat diunduh atau diambil."
)


# --- Form fields ------------------------------------------------------------------------------


def field(
    name,
    title,
    kind="text",
    *,
    required=True,
    options=None,
    help_text="",
    max_length=None,
    minimum=None,
    maximum=None,
    earliest=None,
    latest=None,
):
    """One form field as (name, JSON Schema property, ui hint, required). Numbers take
    `minimum`/`maximum`, dates `earliest`/`latest` (an ISO date or "today", "today-18y"...,
    see `catalog.formrules`)."""
    spec: dict = {"type": "string", "title": title}
    hint: dict = {}
    if kind == "nik":
        spec.update(pattern="^[0-9]{16}$", minLength=16, maxLength=16)
        hint["widget"] = "nik"
    elif kind == "kk":
        spec.update(pattern="^[0-9]{16}$", minLength=16, maxLength=16)
        hint["widget"] = "kk"
    elif kind == "phone":
        spec.update(pattern="^(\\+62|0)8[0-9]{7,12}$", maxLength=16)
        hint["widget"] = "phone"
    elif kind == "date":
        spec["format"] = "date"
        hint["widget"] = "date"
        if earliest is not None:
            spec[formrules.DATE_MIN] = earliest
        if latest is not None:
            spec[formrules.DATE_MAX] = latest
    elif kind == "select":
        spec["enum"] = list(options)
        hint["widget"] = "select"
    elif kind == "textarea":
        spec["maxLength"] = max_length or 1000
        hint["widget"] = "textarea"
    elif kind == "number":
        spec = {"type": "integer", "title": title}
        if minimum is not None:
            spec["minimum"] = minimum
        if maximum is not None:
            spec["maximum"] = maximum
        hint["widget"] = "number"
    else:
        spec["maxLength"] = max_length or 150
    if required and spec["type"] == "string" and "minLength" not in spec:
        spec["minLength"] = 1
    if help_text:
        hint["help"] = help_text
    return name, spec, hint, required


def form(*steps) -> tuple[dict, dict]:
    """(schema, ui) from steps given as (title, [field(...), ...])."""
    properties, required, hints, ui_steps = {}, [], {}, []
    for title, fields in steps:
        ui_steps.append({"title": title, "fields": [f[0] for f in fields]})
        for name, spec, hint, is_required in fields:
            properties[name] = spec
            if hint:
                hints[name] = hint
            if is_required:
                required.append(name)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    return schema, {"steps": ui_steps, "fields": hints}


def applicant_step(title="Data pemohon"):
    return (
        title,
        [
            field("nama_pemohon", "Nama lengkap pemohon"),
            field("nik_pemohon", "NIK pemohon", "nik", help_text="16 angka, sesuai KTP-el."),
            field("telepon", "Nomor HP/WhatsApp", "phone", help_text="Untuk kabar permohonan."),
            field("alamat", "Alamat sesuai KTP-el", "textarea", max_length=300),
        ],
    )


HUBUNGAN = ["Ayah", "Ibu", "Anggota keluarga lain", "Wali"]
AGAMA = ["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu", "Kepercayaan"]
KECAMATAN = [
    "Balikpapan Barat",
    "Balikpapan Kota",
    "Balikpapan Selatan",
    "Balikpapan Tengah",
    "Balikpapan Timur",
    "Balikpapan Utara",
]


# --- Requirements and workflows --------------------------------------------------------------


def req(code, name, description="", *, document=True, required=True, kind="pdf_image", size=2):
    return {
        "code": code,
        "name": name,
        "description": description,
        "is_document": document,
        "is_required": required,
        "file_kind": kind,
        "max_size_mb": size,
    }


KTP = req("ktp", "KTP-el pemohon", "Pindaian atau foto yang jelas.")
KK = req("kk", "Kartu Keluarga (KK)", "KK terbaru tempat pemohon terdaftar.")

STANDARD_STEPS = [
    ("verifikasi", "Verifikasi berkas", "operator", 1, False),
    ("teknis", "Pemrosesan teknis", "koordinator", 2, False),
    ("persetujuan", "Persetujuan kepala", "kepala", 1, True),
    ("penerbitan", "Penerbitan dokumen", "operator", 1, False),
]
KELURAHAN_STEPS = [
    ("verifikasi", "Verifikasi berkas oleh petugas kelurahan", "operator", 1, False),
    ("persetujuan", "Tanda tangan lurah", "kepala", 1, True),
    ("penyerahan", "Penyerahan surat", "operator", 1, False),
]


RESULT_LAYOUT = """<header class="kop">
  <p>PEMERINTAH KOTA BALIKPAPAN</p>
  <h1>{unit}</h1>
  <p>{kontak_unit}</p>
</header>
<h2 class="judul">@TITLE@</h2>
<p class="nomor">Nomor: {nomor}</p>
<p>Yang bertanda tangan di bawah ini, Kepala {unit}, menerangkan bahwa:</p>
<table class="data">
  <tr><td>Nama</td><td>:</td><td>{nama_pemegang}</td></tr>
@ROWS@
</table>
<p>@STATEMENT@</p>
<p>{keterangan_berlaku}</p>
<div class="ttd">
  <p>Balikpapan, {tanggal_terbit}</p>
  <p>Kepala {unit}</p>
  <p class="nama">{penandatangan}</p>
</div>
<div class="qr">{qr}<p>Periksa keaslian dokumen di {alamat_verifikasi}</p></div>
"""
RESULT_ROW = "  <tr><td>@LABEL@</td><td>:</td><td>{isian.@NAME@}</td></tr>"


def result_body(title: str, rows: list[tuple[str, str]], statement: str) -> str:
    """A result document with placeholders (see catalog.placeholders)."""
    table = "\n".join(
        RESULT_ROW.replace("@LABEL@", label).replace("@NAME@", name) for label, name in rows
    )
    return (
        RESULT_LAYOUT.replace("@TITLE@", title.upper())
        .replace("@ROWS@", table)
        .replace("@STATEMENT@", statement)
    )


# --- The services ------------------------------------------------------------------------------


def _services() -> list[dict]:
    return [
        {
            "slug": "akta-kelahiran",
            "unit": "DISDUKCAPIL",
            "name": "Penerbitan Akta Kelahiran",
            "synonyms": "akte lahir, akte kelahiran, akta anak, catatan kelahiran",
            "summary": "Akta kelahiran untuk anak yang lahir di Balikpapan atau orang tuanya "
            "penduduk Balikpapan; sekaligus pembaruan Kartu Keluarga.",
            "events": ["kelahiran"],
            "delivery": Service.Delivery.BOTH,
            "days": 5,
            "fee_note": "Tidak dipungut biaya (UU 24/2013 jo. UU 23/2006).",
            "product": "Kutipan Akta Kelahiran (dokumen elektronik bertanda tangan elektronik) "
            "dan Kartu Keluarga terbaru.",
            "legal": "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; "
            "Perpres 96/2018; Permendagri 108/2019.",
            "number_code": "474.1",
            "requirements": [
                req("suket-lahir", "Surat keterangan lahir dari bidan, dokter atau rumah sakit"),
                KK,
                req("ktp-ortu", "KTP-el ayah dan ibu"),
                req(
                    "buku-nikah",
                    "Buku nikah atau akta perkawinan orang tua",
                    "Jika tidak ada, isi SPTJM kebenaran pasangan suami istri.",
                    required=False,
                ),
                req("ktp-saksi", "KTP-el dua orang saksi", required=False),
            ],
            "form": form(
                (
                    "Data anak",
                    [
                        field("nama_anak", "Nama lengkap anak"),
                        field(
                            "jenis_kelamin",
                            "Jenis kelamin",
                            "select",
                            options=["Laki-laki", "Perempuan"],
                        ),
                        field(
                            "tanggal_lahir",
                            "Tanggal lahir",
                            "date",
                            earliest="today-120y",
                            latest="today",
                        ),
                        field("tempat_lahir", "Tempat lahir (kota/kabupaten)"),
                        field(
                            "tempat_dilahirkan",
                            "Tempat dilahirkan",
                            "select",
                            options=[
                                "Rumah sakit/klinik",
                                "Puskesmas",
                                "Polindes/bidan",
                                "Rumah",
                                "Lainnya",
                            ],
                        ),
                        field("anak_ke", "Anak ke-", "number", minimum=1, maximum=30),
                    ],
                ),
                (
                    "Data orang tua",
                    [
                        field("nama_ayah", "Nama ayah"),
                        field("nik_ayah", "NIK ayah", "nik", required=False),
                        field("nama_ibu", "Nama ibu"),
                        field("nik_ibu", "NIK ibu", "nik"),
                        field("nomor_kk", "Nomor Kartu Keluarga", "kk"),
                    ],
                ),
                (
                    "Data pelapor",
                    [
                        field("nama_pemohon", "Nama pelapor"),
                        field("nik_pemohon", "NIK pelapor", "nik"),
                        field("hubungan", "Hubungan dengan anak", "select", options=HUBUNGAN),
                        field("telepon", "Nomor HP/WhatsApp", "phone"),
                    ],
                ),
            ),
            "result": (
                "Kutipan Akta Kelahiran",
                [
                    ("Nama anak", "nama_anak"),
                    ("Jenis kelamin", "jenis_kelamin"),
                    ("Tempat lahir", "tempat_lahir"),
                    ("Tanggal lahir", "tanggal_lahir"),
                    ("Nama ayah", "nama_ayah"),
                    ("Nama ibu", "nama_ibu"),
                ],
                "telah dicatat kelahirannya dalam register akta kelahiran Kota Balikpapan.",
            ),
        },
        {
            "slug": "akta-kematian",
            "unit": "DISDUKCAPIL",
            "name": "Penerbitan Akta Kematian",
            "synonyms": "akte kematian, akta meninggal, lapor kematian",
            "summary": "Akta kematian bagi penduduk Balikpapan yang meninggal dunia, dilaporkan "
            "oleh keluarga; data KK diperbarui.",
            "events": ["kematian"],
            "delivery": Service.Delivery.BOTH,
            "days": 5,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Kutipan Akta Kematian dan Kartu Keluarga terbaru.",
            "legal": "UU 23/2006 jo. UU 24/2013; Permendagri 108/2019.",
            "number_code": "474.3",
            "requirements": [
                req(
                    "suket-kematian",
                    "Surat keterangan kematian dari rumah sakit/dokter atau kelurahan",
                ),
                KK,
                req("ktp-almarhum", "KTP-el almarhum/almarhumah", "Asli diserahkan ke petugas."),
                req("ktp-pelapor", "KTP-el pelapor"),
            ],
            "form": form(
                (
                    "Data yang meninggal",
                    [
                        field("nama_almarhum", "Nama almarhum/almarhumah"),
                        field("nik_almarhum", "NIK almarhum/almarhumah", "nik"),
                        field(
                            "tanggal_meninggal",
                            "Tanggal meninggal",
                            "date",
                            earliest="today-120y",
                            latest="today",
                        ),
                        field("tempat_meninggal", "Tempat meninggal"),
                        field(
                            "sebab",
                            "Sebab kematian",
                            "select",
                            options=[
                                "Sakit biasa/tua",
                                "Wabah penyakit",
                                "Kecelakaan",
                                "Lainnya",
                                "Tidak diketahui",
                            ],
                        ),
                    ],
                ),
                applicant_step("Data pelapor"),
            ),
            "result": (
                "Kutipan Akta Kematian",
                [
                    ("Nama almarhum", "nama_almarhum"),
                    ("Tanggal meninggal", "tanggal_meninggal"),
                    ("Tempat meninggal", "tempat_meninggal"),
                ],
                "telah dicatat kematiannya dalam register akta kematian Kota Balikpapan.",
            ),
        },
        {
            "slug": "perubahan-kk",
            "unit": "DISDUKCAPIL",
            "name": "Perubahan Kartu Keluarga",
            "synonyms": "KK, ganti KK, ubah KK, tambah anggota KK, pecah KK, kartu keluarga",
            "summary": "Penerbitan KK baru karena penambahan atau pengurangan anggota keluarga, "
            "pecah KK, atau perubahan data (pendidikan, pekerjaan, status kawin).",
            "events": ["kelahiran", "perkawinan", "pindah"],
            "delivery": Service.Delivery.BOTH,
            "days": 3,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Kartu Keluarga (dokumen elektronik, dicetak sendiri pada kertas HVS A4).",
            "legal": "UU 24/2013; Permendagri 108/2019; Permendagri 7/2019.",
            "number_code": "470",
            "requirements": [
                KK,
                req("ktp", "KTP-el kepala keluarga"),
                req(
                    "dokumen-perubahan",
                    "Dokumen dasar perubahan",
                    "Mis. akta kelahiran, buku nikah, ijazah, atau surat pindah.",
                ),
                req("f101", "Formulir F-1.01 yang ditandatangani", required=False),
            ],
            "form": form(
                (
                    "Jenis perubahan",
                    [
                        field("nomor_kk", "Nomor KK saat ini", "kk"),
                        field(
                            "jenis_perubahan",
                            "Jenis perubahan",
                            "select",
                            options=[
                                "Tambah anggota keluarga",
                                "Kurangi anggota keluarga",
                                "Pecah KK",
                                "Perubahan data anggota",
                                "KK hilang/rusak",
                            ],
                        ),
                        field("alasan", "Keterangan perubahan", "textarea", max_length=500),
                    ],
                ),
                applicant_step("Data kepala keluarga/pemohon"),
            ),
            "result": (
                "Kartu Keluarga",
                [("Nomor KK", "nomor_kk"), ("Jenis perubahan", "jenis_perubahan")],
                "telah diterbitkan Kartu Keluarga dengan data terbaru.",
            ),
        },
        {
            "slug": "surat-pindah",
            "unit": "DISDUKCAPIL",
            "name": "Surat Keterangan Pindah (SKPWNI)",
            "synonyms": "surat pindah, pindah keluar, pindah domisili, SKPWNI, mutasi penduduk",
            "summary": "Surat keterangan pindah bagi penduduk Balikpapan yang pindah ke "
            "kota/kabupaten lain atau antarkecamatan di Balikpapan.",
            "events": ["pindah"],
            "delivery": Service.Delivery.BOTH,
            "days": 3,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI).",
            "legal": "UU 24/2013; Permendagri 108/2019 tentang Pendaftaran Penduduk.",
            "number_code": "474.2",
            "requirements": [KK, KTP],
            "form": form(
                (
                    "Alamat tujuan",
                    [
                        field("nomor_kk", "Nomor KK", "kk"),
                        field("alamat_tujuan", "Alamat tujuan lengkap", "textarea", max_length=300),
                        field("kota_tujuan", "Kota/kabupaten tujuan"),
                        field(
                            "alasan_pindah",
                            "Alasan pindah",
                            "select",
                            options=[
                                "Pekerjaan",
                                "Pendidikan",
                                "Keluarga",
                                "Kesehatan",
                                "Perumahan",
                                "Lainnya",
                            ],
                        ),
                        field(
                            "jumlah_pindah",
                            "Jumlah anggota keluarga yang pindah",
                            "number",
                            minimum=1,
                            maximum=30,
                        ),
                        field(
                            "tanggal_pindah",
                            "Rencana tanggal pindah",
                            "date",
                            earliest="today",
                            latest="today+1y",
                        ),
                    ],
                ),
                applicant_step(),
            ),
            "result": (
                "Surat Keterangan Pindah WNI",
                [
                    ("NIK", "nik_pemohon"),
                    ("Nomor KK", "nomor_kk"),
                    ("Alamat tujuan", "alamat_tujuan"),
                    ("Kota tujuan", "kota_tujuan"),
                ],
                "telah dicatat kepindahannya dari Kota Balikpapan ke alamat tersebut di atas.",
            ),
        },
        {
            "slug": "izin-usaha-mikro",
            "unit": "DPMPTSP",
            "name": "Izin Usaha Mikro dan Kecil (IUMK) / NIB",
            "synonyms": "ijin usaha, izin usaha mikro, IUMK, NIB, nomor induk berusaha, UMKM, OSS",
            "summary": "Pendampingan pendaftaran Nomor Induk Berusaha (NIB) di OSS dan "
            "penerbitan izin usaha mikro dan kecil bagi pelaku UMKM Balikpapan.",
            "events": ["usaha"],
            "delivery": Service.Delivery.BOTH,
            "days": 3,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Nomor Induk Berusaha (NIB) dan Surat Izin Usaha Mikro dan Kecil.",
            "legal": "PP 5/2021 tentang Perizinan Berusaha Berbasis Risiko; PP 7/2021 tentang "
            "Kemudahan, Pelindungan dan Pemberdayaan Koperasi dan UMKM.",
            "number_code": "503",
            "validity": None,
            "requirements": [
                KTP,
                KK,
                req("domisili-usaha", "Surat keterangan domisili usaha dari kelurahan"),
                req("foto-usaha", "Foto tempat usaha", kind="image", size=5),
                req("npwp", "NPWP pemilik", required=False),
            ],
            "form": form(
                applicant_step("Data pemilik usaha"),
                (
                    "Data usaha",
                    [
                        field("nama_usaha", "Nama usaha"),
                        field(
                            "bidang_usaha",
                            "Bidang usaha",
                            "select",
                            options=[
                                "Kuliner",
                                "Perdagangan eceran",
                                "Jasa",
                                "Kerajinan",
                                "Pertanian/perikanan",
                                "Lainnya",
                            ],
                        ),
                        field("alamat_usaha", "Alamat tempat usaha", "textarea", max_length=300),
                        field(
                            "modal_usaha",
                            "Modal usaha (Rp)",
                            "number",
                            minimum=1,
                            maximum=1_000_000_000,
                            help_text="Usaha mikro: modal usaha paling banyak Rp1 miliar, di luar "
                            "tanah dan bangunan tempat usaha.",
                        ),
                        field("jumlah_pekerja", "Jumlah pekerja", "number", minimum=0, maximum=999),
                        field(
                            "mulai_usaha",
                            "Tanggal mulai usaha",
                            "date",
                            required=False,
                            earliest="today-100y",
                            latest="today+1y",
                        ),
                    ],
                ),
            ),
            "result": (
                "Izin Usaha Mikro dan Kecil",
                [
                    ("NIK", "nik_pemohon"),
                    ("Nama usaha", "nama_usaha"),
                    ("Bidang usaha", "bidang_usaha"),
                    ("Alamat usaha", "alamat_usaha"),
                ],
                "diberikan izin menjalankan usaha mikro/kecil sesuai data di atas.",
            ),
        },
        {
            "slug": "izin-reklame",
            "unit": "DPMPTSP",
            "name": "Izin Penyelenggaraan Reklame",
            "synonyms": "ijin reklame, papan reklame, baliho, billboard, spanduk, neon box",
            "summary": "Izin memasang reklame tetap (papan, billboard, neon box) atau insidentil "
            "(spanduk, baliho) di wilayah Kota Balikpapan.",
            "events": ["usaha"],
            "delivery": Service.Delivery.BOTH,
            "days": 7,
            "fee_note": "Tanpa biaya izin; pajak reklame dibayar ke BPPDRD sesuai Perda "
            "Kota Balikpapan tentang Pajak Daerah dan Retribusi Daerah.",
            "product": "Surat Izin Penyelenggaraan Reklame.",
            "legal": "UU 1/2022 tentang Hubungan Keuangan Pusat dan Daerah; Perda Kota "
            "Balikpapan tentang Pajak Daerah dan Retribusi Daerah.",
            "number_code": "503.5",
            "validity": 365,
            "requirements": [
                KTP,
                req("desain", "Desain/gambar reklame dengan ukuran", kind="pdf_image", size=5),
                req("foto-lokasi", "Foto lokasi pemasangan", kind="image", size=5),
                req("izin-pemilik", "Surat persetujuan pemilik lahan/bangunan"),
                req(
                    "konstruksi",
                    "Gambar konstruksi (reklame di atas 8 m²)",
                    kind="pdf",
                    size=10,
                    required=False,
                ),
            ],
            "form": form(
                applicant_step("Data penyelenggara"),
                (
                    "Data reklame",
                    [
                        field(
                            "jenis_reklame",
                            "Jenis reklame",
                            "select",
                            options=[
                                "Papan/billboard",
                                "Neon box",
                                "Baliho",
                                "Spanduk",
                                "Videotron",
                                "Lainnya",
                            ],
                        ),
                        field("naskah", "Naskah/isi reklame", "textarea", max_length=300),
                        field("lokasi", "Lokasi pemasangan", "textarea", max_length=300),
                        field("ukuran", "Ukuran (panjang × lebar, meter)", max_length=40),
                        field("mulai", "Mulai tayang", "date", earliest="today", latest="today+1y"),
                        field(
                            "selesai", "Akhir tayang", "date", earliest="today", latest="today+5y"
                        ),
                    ],
                ),
            ),
            "result": (
                "Surat Izin Penyelenggaraan Reklame",
                [
                    ("Jenis reklame", "jenis_reklame"),
                    ("Naskah", "naskah"),
                    ("Lokasi", "lokasi"),
                    ("Ukuran", "ukuran"),
                ],
                "diberikan izin menyelenggarakan reklame sesuai data di atas.",
            ),
        },
        {
            "slug": "sktm",
            "unit": "DINSOS",
            "name": "Surat Keterangan Tidak Mampu (SKTM)",
            "synonyms": "SKTM, surat miskin, keterangan tidak mampu, DTKS, keringanan biaya",
            "summary": "Surat keterangan bagi keluarga kurang mampu untuk keringanan biaya "
            "pendidikan atau kesehatan, setelah dicek di Data Terpadu Kesejahteraan Sosial.",
            "events": ["bantuan-sosial", "pendidikan", "kesehatan"],
            "delivery": Service.Delivery.BOTH,
            "days": 3,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Surat Keterangan Tidak Mampu.",
            "legal": "UU 13/2011 tentang Penanganan Fakir Miskin; Permensos 3/2021.",
            "number_code": "460",
            "validity": 180,
            "requirements": [
                KTP,
                KK,
                req("pengantar-rt", "Surat pengantar RT dan kelurahan"),
                req("foto-rumah", "Foto rumah tampak depan", kind="image", size=5),
            ],
            "form": form(
                applicant_step(),
                (
                    "Keperluan",
                    [
                        field("nomor_kk", "Nomor KK", "kk"),
                        field(
                            "keperluan",
                            "Keperluan",
                            "select",
                            options=[
                                "Keringanan biaya sekolah/kuliah",
                                "Keringanan biaya rumah sakit",
                                "Bantuan sosial",
                                "Lainnya",
                            ],
                        ),
                        field(
                            "penghasilan",
                            "Penghasilan keluarga per bulan (Rp)",
                            "number",
                            minimum=0,
                            maximum=1_000_000_000,
                        ),
                        field("tanggungan", "Jumlah tanggungan", "number", minimum=0, maximum=30),
                        field("keterangan", "Keterangan tambahan", "textarea", required=False),
                    ],
                ),
            ),
            "result": (
                "Surat Keterangan Tidak Mampu",
                [("NIK", "nik_pemohon"), ("Alamat", "alamat"), ("Keperluan", "keperluan")],
                "adalah warga Kota Balikpapan yang tergolong keluarga kurang mampu. Surat ini "
                "dibuat untuk keperluan tersebut di atas.",
            ),
        },
        {
            "slug": "sertifikat-laik-higiene",
            "unit": "DINKES",
            "name": "Sertifikat Laik Higiene Sanitasi (SLHS)",
            "synonyms": "sertipikat laik sehat, SLHS, laik higiene, izin rumah makan, jasa boga, "
            "depot air minum",
            "summary": "Sertifikat laik higiene sanitasi untuk rumah makan, jasa boga, depot air "
            "minum dan tempat pengelolaan pangan lain, setelah inspeksi dan uji sampel.",
            "events": ["usaha", "kesehatan"],
            "delivery": Service.Delivery.BOTH,
            "days": 10,
            "fee": 150000,
            "fee_note": "Retribusi pemeriksaan sampel laboratorium sesuai Perda; dibayar setelah "
            "inspeksi.",
            "product": "Sertifikat Laik Higiene Sanitasi, berlaku 3 tahun.",
            "legal": "Permenkes 14/2021; Permenkes 2/2023 tentang Kesehatan Lingkungan.",
            "number_code": "443.5",
            "validity": 1095,
            "requirements": [
                KTP,
                req("nib", "Nomor Induk Berusaha (NIB)"),
                req("denah", "Denah lokasi dan bangunan"),
                req("sertifikat-penjamah", "Sertifikat kursus penjamah pangan", required=False),
            ],
            "form": form(
                applicant_step("Data penanggung jawab"),
                (
                    "Data tempat usaha",
                    [
                        field("nama_usaha", "Nama tempat usaha"),
                        field(
                            "jenis_tempat",
                            "Jenis tempat pengelolaan pangan",
                            "select",
                            options=[
                                "Rumah makan/restoran",
                                "Jasa boga",
                                "Depot air minum",
                                "Kantin",
                                "Industri rumah tangga pangan",
                            ],
                        ),
                        field("alamat_usaha", "Alamat tempat usaha", "textarea", max_length=300),
                        field(
                            "jumlah_penjamah",
                            "Jumlah penjamah pangan",
                            "number",
                            minimum=1,
                            maximum=999,
                        ),
                    ],
                ),
            ),
            "result": (
                "Sertifikat Laik Higiene Sanitasi",
                [
                    ("Nama usaha", "nama_usaha"),
                    ("Jenis", "jenis_tempat"),
                    ("Alamat", "alamat_usaha"),
                ],
                "telah memenuhi persyaratan laik higiene sanitasi.",
            ),
        },
        {
            "slug": "rekomendasi-pbi-jk",
            "unit": "DINKES",
            "name": "Rekomendasi Jaminan Kesehatan Daerah (PBI-JK)",
            "synonyms": "BPJS gratis, KIS, jamkesda, PBI, iuran BPJS ditanggung pemerintah",
            "summary": "Rekomendasi agar iuran BPJS Kesehatan warga kurang mampu ditanggung "
            "Pemerintah Kota Balikpapan (Penerima Bantuan Iuran daerah).",
            "events": ["kesehatan", "bantuan-sosial"],
            "delivery": Service.Delivery.BOTH,
            "days": 5,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Surat rekomendasi kepesertaan PBI-JK daerah.",
            "legal": "Perpres 82/2018 tentang Jaminan Kesehatan.",
            "number_code": "440",
            "requirements": [KTP, KK, req("sktm", "Surat Keterangan Tidak Mampu", required=False)],
            "form": form(
                applicant_step(),
                (
                    "Peserta",
                    [
                        field("nomor_kk", "Nomor KK", "kk"),
                        field(
                            "jumlah_peserta",
                            "Jumlah anggota keluarga didaftarkan",
                            "number",
                            minimum=1,
                            maximum=30,
                        ),
                        field("faskes", "Puskesmas/klinik pilihan"),
                    ],
                ),
            ),
            "result": (
                "Rekomendasi Kepesertaan PBI-JK Daerah",
                [("NIK", "nik_pemohon"), ("Nomor KK", "nomor_kk"), ("Faskes", "faskes")],
                "direkomendasikan menjadi peserta jaminan kesehatan yang iurannya ditanggung "
                "Pemerintah Kota Balikpapan.",
            ),
        },
        {
            "slug": "kartu-kuning-ak1",
            "unit": "DISNAKER",
            "name": "Kartu Pencari Kerja (Kartu Kuning/AK-1)",
            "synonyms": "kartu kuning, AK-1, AK1, kartu pencari kerja, kartu AK 1, melamar kerja",
            "summary": "Kartu tanda bukti pendaftaran pencari kerja (AK-1) untuk melamar "
            "pekerjaan, berlaku 2 tahun dan dilaporkan tiap 6 bulan.",
            "events": ["pekerjaan"],
            "delivery": Service.Delivery.ONLINE,
            "days": 1,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Kartu AK-1 (kartu kuning) elektronik.",
            "legal": "Permenaker 39/2016 tentang Penempatan Tenaga Kerja.",
            "number_code": "560",
            "validity": 730,
            "requirements": [
                KTP,
                req("ijazah", "Ijazah terakhir", kind="pdf", size=5),
                req("pas-foto", "Pas foto 3×4 latar merah", kind="image", size=1),
                req("sertifikat", "Sertifikat pelatihan/keahlian", required=False),
            ],
            "form": form(
                applicant_step("Data pencari kerja"),
                (
                    "Pendidikan dan keahlian",
                    [
                        field(
                            "tanggal_lahir",
                            "Tanggal lahir",
                            "date",
                            earliest="today-100y",
                            latest="today-15y",
                            help_text="Pencari kerja berusia paling sedikit 15 tahun.",
                        ),
                        field(
                            "pendidikan",
                            "Pendidikan terakhir",
                            "select",
                            options=["SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2/S3"],
                        ),
                        field("jurusan", "Jurusan", required=False),
                        field("tahun_lulus", "Tahun lulus", "number", minimum=1950, maximum=2100),
                        field("keahlian", "Keahlian/pengalaman kerja", "textarea", required=False),
                    ],
                ),
            ),
            "result": (
                "Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK-1)",
                [
                    ("NIK", "nik_pemohon"),
                    ("Tanggal lahir", "tanggal_lahir"),
                    ("Pendidikan", "pendidikan"),
                    ("Jurusan", "jurusan"),
                ],
                "terdaftar sebagai pencari kerja pada Dinas Tenaga Kerja Kota Balikpapan.",
            ),
            "steps": [
                ("verifikasi", "Verifikasi data dan ijazah", "operator", 1, False),
                ("persetujuan", "Pengesahan kartu", "kepala", 1, True),
            ],
        },
        {
            "slug": "pindah-sekolah",
            "unit": "DISDIKBUD",
            "name": "Rekomendasi Pindah Sekolah (Mutasi Siswa)",
            "synonyms": "mutasi siswa, pindah sekolah, surat pindah sekolah, SD, SMP",
            "summary": "Rekomendasi pindah sekolah SD/SMP masuk ke atau keluar dari Kota "
            "Balikpapan.",
            "events": ["pendidikan", "pindah"],
            "delivery": Service.Delivery.BOTH,
            "days": 3,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Surat rekomendasi pindah sekolah.",
            "legal": "Permendikbud 1/2021 tentang PPDB; Peraturan Wali Kota tentang PPDB.",
            "number_code": "421",
            "requirements": [
                KK,
                req("surat-sekolah-asal", "Surat keterangan pindah dari sekolah asal"),
                req("rapor", "Rapor terakhir", kind="pdf", size=5),
                req("surat-terima", "Surat keterangan diterima dari sekolah tujuan"),
            ],
            "form": form(
                (
                    "Data siswa",
                    [
                        field("nama_siswa", "Nama siswa"),
                        field("nisn", "NISN", max_length=10),
                        field(
                            "kelas",
                            "Kelas",
                            "select",
                            options=["1", "2", "3", "4", "5", "6", "7", "8", "9"],
                        ),
                        field("sekolah_asal", "Sekolah asal"),
                        field("sekolah_tujuan", "Sekolah tujuan"),
                    ],
                ),
                applicant_step("Data orang tua/wali"),
            ),
            "result": (
                "Rekomendasi Pindah Sekolah",
                [
                    ("Nama siswa", "nama_siswa"),
                    ("NISN", "nisn"),
                    ("Kelas", "kelas"),
                    ("Sekolah asal", "sekolah_asal"),
                    ("Sekolah tujuan", "sekolah_tujuan"),
                ],
                "direkomendasikan pindah sekolah sesuai data di atas.",
            ),
        },
        {
            "slug": "surat-keterangan-domisili",
            "unit": KELURAHAN_SEPINGGAN,
            "name": "Surat Keterangan Domisili",
            "synonyms": "domisili, SKD, keterangan tempat tinggal, domisili usaha",
            "summary": "Surat keterangan bertempat tinggal (atau berusaha) di wilayah Kelurahan "
            "Sepinggan, untuk keperluan administrasi.",
            "events": ["pindah", "usaha"],
            "delivery": Service.Delivery.BOTH,
            "days": 2,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Surat Keterangan Domisili ditandatangani lurah.",
            "legal": "Permendagri 137/2017 tentang Kode dan Data Wilayah; Perwali tentang "
            "pelimpahan kewenangan kepada lurah.",
            "number_code": "474",
            "validity": 180,
            "requirements": [
                KTP,
                KK,
                req("pengantar-rt", "Surat pengantar RT"),
            ],
            "form": form(
                applicant_step(),
                (
                    "Keperluan",
                    [
                        field("rt", "RT", max_length=3),
                        field(
                            "jenis_domisili",
                            "Domisili untuk",
                            "select",
                            options=["Tempat tinggal", "Usaha", "Lembaga/yayasan"],
                        ),
                        field(
                            "lama_tinggal", "Lama tinggal (tahun)", "number", minimum=0, maximum=120
                        ),
                        field("keperluan", "Keperluan", "textarea", max_length=300),
                    ],
                ),
            ),
            "result": (
                "Surat Keterangan Domisili",
                [
                    ("NIK", "nik_pemohon"),
                    ("Alamat", "alamat"),
                    ("RT", "rt"),
                    ("Keperluan", "keperluan"),
                ],
                "benar berdomisili di wilayah kelurahan kami.",
            ),
            "steps": KELURAHAN_STEPS,
        },
        {
            "slug": "pengantar-skck",
            "unit": KELURAHAN_SEPINGGAN,
            "name": "Surat Pengantar SKCK",
            "synonyms": "SKCK, pengantar polisi, surat kelakuan baik, catatan kepolisian",
            "summary": "Surat pengantar dari kelurahan untuk mengurus Surat Keterangan Catatan "
            "Kepolisian (SKCK) di Polsek/Polresta.",
            "events": ["pekerjaan"],
            "delivery": Service.Delivery.IN_PERSON,
            "days": 1,
            "fee_note": "Tidak dipungut biaya di kelurahan (PNBP SKCK dibayar di kepolisian).",
            "product": "Surat pengantar SKCK ditandatangani lurah.",
            "legal": "Perpol 6/2023 tentang Penerbitan SKCK.",
            "number_code": "331",
            "validity": 30,
            "requirements": [
                KTP,
                KK,
                req("pengantar-rt", "Surat pengantar RT/RW"),
                req("pas-foto", "Pas foto 4×6 latar merah", kind="image", size=1),
            ],
            "form": form(
                applicant_step(),
                (
                    "Keperluan",
                    [
                        field(
                            "keperluan",
                            "Keperluan SKCK",
                            "select",
                            options=[
                                "Melamar pekerjaan",
                                "Pendaftaran CPNS/TNI/Polri",
                                "Melanjutkan sekolah",
                                "Visa/luar negeri",
                                "Lainnya",
                            ],
                        ),
                    ],
                ),
            ),
            "result": (
                "Surat Pengantar SKCK",
                [("NIK", "nik_pemohon"), ("Alamat", "alamat"), ("Keperluan", "keperluan")],
                "berkelakuan baik dan tidak pernah tersangkut perkara pidana sepanjang "
                "pengetahuan kami.",
            ),
            "steps": KELURAHAN_STEPS,
        },
        {
            "slug": "surat-keterangan-usaha",
            "unit": KELURAHAN_KLANDASAN_ULU,
            "name": "Surat Keterangan Usaha (SKU)",
            "synonyms": "SKU, keterangan usaha, surat usaha, KUR, pinjaman bank",
            "summary": "Surat keterangan memiliki usaha di wilayah Kelurahan Klandasan Ulu, "
            "mis. untuk pengajuan Kredit Usaha Rakyat (KUR).",
            "events": ["usaha"],
            "delivery": Service.Delivery.BOTH,
            "days": 2,
            "fee_note": "Tidak dipungut biaya.",
            "product": "Surat Keterangan Usaha ditandatangani lurah.",
            "legal": "Perwali tentang pelimpahan sebagian kewenangan wali kota kepada lurah.",
            "number_code": "500",
            "validity": 180,
            "requirements": [
                KTP,
                KK,
                req("pengantar-rt", "Surat pengantar RT"),
                req("foto-usaha", "Foto tempat usaha", kind="image", size=5),
            ],
            "form": form(
                applicant_step("Data pemilik usaha"),
                (
                    "Data usaha",
                    [
                        field("nama_usaha", "Nama usaha"),
                        field("jenis_usaha", "Jenis usaha"),
                        field("alamat_usaha", "Alamat usaha", "textarea", max_length=300),
                        field(
                            "mulai_usaha",
                            "Usaha berjalan sejak",
                            "date",
                            earliest="today-100y",
                            latest="today",
                        ),
                        field(
                            "keperluan",
                            "Keperluan",
                            "select",
                            options=["Pengajuan KUR/pinjaman", "Bantuan modal", "Lainnya"],
                        ),
                    ],
                ),
            ),
            "result": (
                "Surat Keterangan Usaha",
                [
                    ("NIK", "nik_pemohon"),
                    ("Nama usaha", "nama_usaha"),
                    ("Jenis usaha", "jenis_usaha"),
                    ("Alamat usaha", "alamat_usaha"),
                ],
                "benar memiliki usaha di wilayah kelurahan kami.",
            ),
            "steps": KELURAHAN_STEPS,
        },
    ]


def _life_events() -> dict[str, LifeEvent]:
    events = {}
    for order, (slug, name, description) in enumerate(LIFE_EVENTS, start=1):
        event = LifeEvent.objects.filter(slug=slug).first()
        if event is None:
            event = LifeEvent.objects.create(
                slug=slug, name=name, description=description, sort_order=order * 10
            )
        events[slug] = event
    return events


def _service(spec: dict, unit: OrgUnit, events: dict[str, LifeEvent]) -> Service:
    service = Service.objects.filter(slug=spec["slug"]).first()
    if service is not None:
        return service
    spec.get("steps", STANDARD_STEPS)
    service = Service.objects.create(
        slug=spec["slug"],
        name=spec["name"],
        synonyms=spec["synonyms"],
        summary=spec["summary"],
        org_unit=unit,
        delivery=spec["delivery"],
        procedure=ONLINE_PROCEDURE
        if spec["delivery"] != Service.Delivery.IN_PERSON
        else ONLINE_PROCEDURE.replace(
            "di Satu Pintu (atau datang ke loket)", "di loket kantor penyelenggara"
        ).replace("dapat diunduh atau diambil", "diambil di loket"),
        processing_days=spec["days"],
        fee_amount=spec.get("fee", 0),
        fee_note=spec["fee_note"],
        product=spec["product"],
        complaint_handling=COMPLAINTS,
        legal_basis=spec["legal"],
        facilities="Loket pelayanan, ruang tunggu, komputer dan pemindai, layanan daring "
        "Satu Pintu.",
        staff_competence="Aparatur yang memahami peraturan terkait dan telah mengikuti "
        "bimbingan teknis pelayanan.",
        internal_supervision="Atasan langsung dan Inspektorat Daerah.",
        number_code=spec["number_code"],
        validity_days=spec.get("validity"),
        sort_order=100,
    )
    service.life_events.set([events[slug] for slug in spec["events"]])
    return service


def _parts(service: Service, spec: dict) -> None:
    for order, values in enumerate(spec["requirements"], start=1):
        if not service.requirements.filter(code=values["code"]).exists():
            Requirement.objects.create(service=service, sort_order=order * 10, **values)
    if not service.steps.exists():
        for order, (code, name, role, days, approval) in enumerate(
            spec.get("steps", STANDARD_STEPS), start=1
        ):
            WorkflowStep.objects.create(
                service=service,
                order=order,
                code=code,
                name=name,
                role=role,
                working_days=days,
                is_approval=approval,
            )
    schema, ui = spec["form"]
    if not FormSchemaVersion.objects.filter(service=service).exists():
        ui = demo_en.with_english_form(schema, ui)
        draft = catalog_services.create_draft(actor=None, service=service, schema=schema, ui=ui)
        catalog_services.publish_version(actor=None, version=draft)
    else:
        _add_limits(service, schema, ui)
    if not ResultTemplate.objects.filter(service=service).exists():
        title, rows, statement = spec["result"]
        ResultTemplate.objects.create(
            service=service, title=title, body=result_body(title, rows, statement)
        )


LIMIT_KEYS = ("minimum", "maximum", formrules.DATE_MIN, formrules.DATE_MAX)


def _without_limits(schema: dict, ui: dict) -> tuple:
    properties = {
        name: {k: v for k, v in prop.items() if k not in LIMIT_KEYS}
        for name, prop in (schema.get("properties") or {}).items()
    }
    hints = {
        name: {k: v for k, v in hint.items() if k != "help"}
        for name, hint in ((ui or {}).get("fields") or {}).items()
    }
    # The English texts are derived from the Indonesian ones (demo_en), help texts included,
    # so they are compared through those rather than on their own.
    ui_rest = {k: v for k, v in (ui or {}).items() if k != "i18n"}
    return {**schema, "properties": properties}, {**ui_rest, "fields": hints}


def _add_limits(service: Service, schema: dict, ui: dict) -> None:
    """A demo form published before its fields had limits (future birth dates, "anak ke-0")
    gets a new version with them. Only when the published form is the old demo form exactly
    (limits and help texts aside): a form an admin has edited is left alone."""
    current = current_form_version(service)
    ui = demo_en.with_english_form(schema, ui)
    if current is None or (current.schema, current.ui) == (schema, ui):
        return
    if _without_limits(current.schema, current.ui) != _without_limits(schema, ui):
        return
    if FormSchemaVersion.objects.filter(service=service, version__gt=current.version).exists():
        return  # an admin is working on a newer draft
    draft = catalog_services.create_draft(actor=None, service=service, schema=schema, ui=ui)
    catalog_services.publish_version(actor=None, version=draft)


def service_specs() -> list[dict]:
    return _services()


@transaction.atomic
def load(**kwargs) -> int:
    """Create the demo services that do not exist yet; returns how many were created."""
    events = _life_events()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={s["unit"] for s in _services()})}
    created = 0
    for spec in _services():
        unit = units.get(spec["unit"])
        if unit is None:  # reference data of another city: skip what it has no office for
            continue
        existed = Service.objects.filter(slug=spec["slug"]).exists()
        service = _service(spec, unit, events)
        _parts(service, spec)
        created += 0 if existed else 1
    # English texts in the translatable fields, where still empty (catalog/demo_en.py).
    demo_en.apply()
    return created


# --- Many services for `make bench` -----------------------------------------------------------

BENCH_PREFIX = "uji-layanan-"


def make_bench_services(count: int) -> int:
    """Fill the catalogue up to `count` published services (demo services first, then plain
    generated ones spread over every OPD), in bulk. Returns how many were added."""
    load()
    existing = Service.objects.count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    units = list(OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS, is_active=True))
    events = list(LifeEvent.objects.all())
    subjects = [
        "Surat Keterangan",
        "Rekomendasi",
        "Izin",
        "Pendaftaran",
        "Legalisasi",
        "Pelaporan",
        "Penerbitan Sertifikat",
        "Permohonan Data",
    ]
    topics = [
        "Usaha Perdagangan",
        "Kegiatan Masyarakat",
        "Bantuan Pendidikan",
        "Sarana Kesehatan",
        "Pemakaian Gedung",
        "Penelitian",
        "Tenaga Kerja Asing",
        "Pemanfaatan Ruang",
        "Angkutan Barang",
        "Koperasi",
    ]
    start = Service.objects.filter(slug__startswith=BENCH_PREFIX).count()
    with transaction.atomic():
        services = []
        for i in range(start, start + missing):
            name = f"{subjects[i % len(subjects)]} {topics[(i // 8) % len(topics)]} {i + 1}"
            services.append(
                Service(
                    slug=f"{BENCH_PREFIX}{i + 1:04d}",
                    name=name,
                    synonyms=f"layanan {i + 1}",
                    summary=f"{name}: layanan contoh untuk uji beban katalog.",
                    org_unit=units[i % len(units)],
                    delivery=Service.Delivery.BOTH,
                    procedure=ONLINE_PROCEDURE,
                    processing_days=3 + i % 5,
                    fee_amount=0 if i % 4 else 50000,
                    product="Surat keterangan.",
                    complaint_handling=COMPLAINTS,
                    sort_order=200,
                )
            )
        Service.objects.bulk_create(services, batch_size=500)
        created = list(Service.objects.filter(slug__in=[s.slug for s in services]))
        through = Service.life_events.through
        through.objects.bulk_create(
            [
                through(service_id=s.pk, lifeevent_id=events[i % len(events)].pk)
                for i, s in enumerate(created)
            ],
            batch_size=1000,
        )
        Requirement.objects.bulk_create(
            [
                Requirement(service=s, code=code, name=name, sort_order=n)
                for s in created
                for n, (code, name) in enumerate(
                    [
                        ("ktp", "KTP-el pemohon"),
                        ("kk", "Kartu Keluarga"),
                        ("surat", "Surat permohonan"),
                    ]
                )
            ],
            batch_size=1000,
        )
        WorkflowStep.objects.bulk_create(
            [
                WorkflowStep(
                    service=s,
                    order=n,
                    code=code,
                    name=name,
                    role=role,
                    working_days=days,
                    is_approval=approval,
                )
                for s in created
                for n, (code, name, role, days, approval) in enumerate(STANDARD_STEPS, start=1)
            ],
            batch_size=1000,
        )
    bump_catalog_version()
    return len(created)
